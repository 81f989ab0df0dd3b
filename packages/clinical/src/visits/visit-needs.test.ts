import { describe, expect, it } from 'vitest';
import { defaultVisitNeeds, pairsReasonFrom, visitNeedsProblems, windowOn, type VisitNeeds } from './visit-needs.ts';

const base: VisitNeeds = defaultVisitNeeds({ complexity: 'non-complex', skillsNeeded: [], pairsReason: null });

describe('defaultVisitNeeds: from triage', () => {
  it.each([
    ['non-complex', 45, false],
    ['complex', 60, true],
  ] as const)('%s: %d minutes at home, registered %s', (complexity, minutes, registered) => {
    expect(defaultVisitNeeds({ complexity, skillsNeeded: ['OT', 'two-person'], pairsReason: null })).toMatchObject({ durationMinutes: minutes, place: 'home', registeredRequired: registered, staffNeeded: 1, skills: ['OT'] });
  });
  it('two staff when there is a reason', () => {
    expect(defaultVisitNeeds({ complexity: 'non-complex', skillsNeeded: [], pairsReason: 'Hoist' })).toMatchObject({ staffNeeded: 2, staffNeededReason: 'Hoist' });
  });
});

describe('pairsReasonFrom', () => {
  it.each<[string[], string[], string[], string | null]>([
    [[], [], ['OT'], null],
    [['animals'], ['Sit to stand practice'], [], null],
    [['visit-in-pairs'], [], [], 'Risk flag: visit in pairs'],
    [[], ['Hoist transfer bed to chair'], [], 'Hoist transfers in the programme of care'],
    [[], [], ['hoist-competent'], 'Hoist transfers (set at triage)'],
    [[], [], ['two-person'], 'Two-person visits (set at triage)'],
  ])('flags %j, activities %j, skills %j: %s', (riskFlags, programmeActivities, skillsNeeded, expected) => {
    expect(pairsReasonFrom({ riskFlags, programmeActivities, skillsNeeded })).toBe(expected);
  });
});

describe('visitNeedsProblems', () => {
  it.each<[string, Partial<VisitNeeds>, 'complex' | 'non-complex', Array<[Array<string | number>, string]>]>([
    ['the defaults', {}, 'non-complex', []],
    ['a window that ends before it starts', { windows: [{ days: null, start: '10:00', end: '09:00', note: null }] }, 'non-complex', [[['windows', 0, 'end'], 'The window must end after it starts (10:00)']]],
    ['a window ending as it starts', { windows: [{ days: [1], start: '10:00', end: '10:00', note: null }] }, 'non-complex', [[['windows', 0, 'end'], 'The window must end after it starts (10:00)']]],
    ['a window that is not a time', { windows: [{ days: null, start: '25:00', end: '10:00', note: null }] }, 'non-complex', [[['windows', 0, 'start'], 'Enter the start of the window as a time, like 09:00']]],
    ['a visit of 2 minutes', { durationMinutes: 2 }, 'non-complex', [[['durationMinutes'], 'A visit must last between 5 minutes and 8 hours']]],
    ['never available', { unavailableDays: [1, 2, 3, 4, 5, 6, 7] }, 'non-complex', [[['unavailableDays'], 'The patient must be available on at least one day of the week']]],
    ['two staff without a reason', { staffNeeded: 2, staffNeededReason: ' ' }, 'non-complex', [[['staffNeededReason'], 'Say why two staff must come (for example a hoist, or a risk flag)']]],
    ['complex without a registered therapist', { registeredRequired: false }, 'complex', [[['registeredRequired'], 'A complex episode must be visited by a registered therapist']]],
  ])('%s', (_story, change, complexity, expected) => {
    expect(visitNeedsProblems({ ...base, ...change }, { complexity }).map((p) => [p.path, p.message])).toEqual(expected);
  });
});

describe('windowOn', () => {
  const windows = [
    { days: [2 as const], start: '13:00', end: '14:00', note: null },
    { days: null, start: '09:00', end: '10:00', note: null },
  ];
  it('the day’s own window first, then the every-day one', () => {
    expect(windowOn(windows, 2)?.start).toBe('13:00');
    expect(windowOn(windows, 3)?.start).toBe('09:00');
    expect(windowOn([], 3)).toBeNull();
  });
});
