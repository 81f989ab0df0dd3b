import { describe, expect, it } from 'vitest';
import type { FieldError } from '../platform/homeward-error.ts';
import { checkAction, checkAttendee, checkDiscussion, checkMeetingTime } from './check-mdt.ts';

const problems = (f: (fields: FieldError[]) => unknown) => {
  const fields: FieldError[] = [];
  f(fields);
  return fields;
};

describe('the MDT checks', () => {
  it.each([
    ['a real day and time', { on: '2026-11-26', at: '13:30' }, []],
    ['31 November', { on: '2026-11-31', at: '13:30' }, [{ path: 'on', message: 'The meeting date must be a real date' }]],
    ['more than a year away', { on: '2027-12-01', at: '13:30' }, [{ path: 'on', message: 'The meeting date must be within a year of today' }]],
    ['no time', { on: '2026-11-26', at: '' }, [{ path: 'at', message: 'Enter the time the meeting starts, like 13:30' }]],
    ['a time that is not one', { on: '2026-11-26', at: '25:00' }, [{ path: 'at', message: 'Enter the time the meeting starts, like 13:30' }]],
  ])('a meeting: %s', (_what, o, expected) => {
    expect(problems((f) => checkMeetingTime({ ...o, today: '2026-11-24' }, f))).toEqual(expected);
  });

  it.each([
    ['a member of the team', { staffId: 'x', name: null, role: '' }, []],
    ['someone from outside by name', { staffId: null, name: 'Sam Shaw', role: 'Social worker' }, []],
    ['neither', { staffId: null, name: '  ', role: '' }, ['name']],
    ['both', { staffId: 'x', name: 'Sam Shaw', role: '' }, ['name']],
    ['a name too long', { staffId: null, name: 'x'.repeat(201), role: '' }, ['name']],
  ])('an attendee: %s', (_what, o, paths) => {
    expect(problems((f) => checkAttendee(o, f)).map((p) => p.path)).toEqual(paths);
  });

  it.each([
    ['a discussion only', { discussion: 'Falls', decision: '' }, []],
    ['a decision only', { discussion: '', decision: 'Discharge' }, []],
    ['nothing', { discussion: ' ', decision: '' }, ['discussion']],
    ['a decision too long', { discussion: '', decision: 'x'.repeat(2001) }, ['decision']],
  ])('a discussion: %s', (_what, o, paths) => {
    expect(problems((f) => checkDiscussion(o, f)).map((p) => p.path)).toEqual(paths);
  });

  it.each([
    ['an action due next week', { action: 'Call the GP', dueOn: '2026-12-01' }, []],
    ['no words', { action: '  ', dueOn: '2026-12-01' }, ['action']],
    ['due 30 February', { action: 'Call the GP', dueOn: '2027-02-30' }, ['dueOn']],
    ['due in two years', { action: 'Call the GP', dueOn: '2028-12-01' }, ['dueOn']],
  ])('an action: %s', (_what, o, paths) => {
    expect(problems((f) => checkAction({ ...o, today: '2026-11-24' }, f)).map((p) => p.path)).toEqual(paths);
  });
});
