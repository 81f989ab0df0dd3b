import { describe, it, expect } from 'vitest';
import {
  breakGlassDurationMinutes,
  breakGlassExpiresAt,
  breakGlassReasonError,
  breakGlassReasons,
  isBreakGlassReason,
} from './break-glass.ts';

const other = 'Other (explain)';

describe('breakGlassReasons', () => {
  it('lists the standard reasons, ending with Other', () => {
    expect(breakGlassReasons).toEqual([
      'Urgent clinical need: patient not yet referred to my team',
      'A referral for this patient has reached my team',
      'Covering another team',
      'Another team’s record is needed for this patient’s care',
      'Safeguarding concern',
      other,
    ]);
  });

  it.each([
    ['Covering another team', true],
    ['covering another team', false],
    ['', false],
    ['Because', false],
  ])('isBreakGlassReason(%j) -> %s', (reason, expected) => {
    expect(isBreakGlassReason(reason)).toBe(expected);
  });
});

describe('breakGlassReasonError', () => {
  it.each([
    ['', '', 'Select why you need to see this record'],
    ['Not a listed reason', 'detail', 'Select why you need to see this record'],
    ['Covering another team', '', null],
    ['Safeguarding concern', 'Raised by district nurse', null],
    ['Urgent clinical need: patient not yet referred to my team', '', null],
    [other, '', 'Explain why you need to see this record'],
    [other, '    ', 'Explain why you need to see this record'],
    [other, 'too short', 'Explanation must be 10 characters or more'],
    [other, '123456789 ', 'Explanation must be 10 characters or more'],
    [other, '1234567890', null],
    [other, 'x'.repeat(500), null],
    [other, 'x'.repeat(501), 'Explanation must be 500 characters or fewer'],
    ['Covering another team', 'x'.repeat(501), 'Explanation must be 500 characters or fewer'],
  ])('(%j, %j) -> %j', (reason, detail, expected) => {
    expect(breakGlassReasonError(reason, detail)).toBe(expected);
  });
});

describe('duration', () => {
  it('is four hours', () => {
    expect(breakGlassDurationMinutes).toBe(240);
    expect(breakGlassExpiresAt(new Date('2026-11-24T09:30:00Z')).toISOString()).toBe('2026-11-24T13:30:00.000Z');
  });

  // Mutation testing found the trimming of the reason untested: a form may send it with spaces around.
  it('reads the reason without the spaces around it, for the list and for "Other"', () => {
    expect(breakGlassReasonError('  Urgent clinical need: patient not yet referred to my team ', '')).toBeNull();
    expect(breakGlassReasonError(' Other (explain) ', '')).toBe('Explain why you need to see this record');
  });
});

