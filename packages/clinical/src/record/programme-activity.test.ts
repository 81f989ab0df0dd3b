import { describe, expect, it } from 'vitest';
import { checkProgrammeActivity, isActivityDate, type ProgrammeActivityInput } from './programme-activity.ts';

const activity = (o: Partial<ProgrammeActivityInput> = {}): ProgrammeActivityInput => ({
  goalId: null,
  kind: 'functional-practice',
  competence: 'kitchen-practice',
  title: 'Kitchen practice',
  instructions: 'Make a hot drink and a light meal, carrying them to the table on the trolley.',
  timesPerPeriod: 2,
  period: 'week',
  delivererKind: 'staff',
  delivererStaffId: '0190a000-0000-7000-8000-000000000001',
  delivererName: null,
  startsOn: '2026-11-24',
  endsOn: null,
  ...o,
});
// Mrs B, referred on 21 November 2026; it is 24 November.
const dates = { now: new Date('2026-11-24T12:00:00Z'), bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-21T10:15:00Z') };
const check = (o: Partial<ProgrammeActivityInput>) => checkProgrammeActivity({ input: activity(o), dates });
const paths = (o: Partial<ProgrammeActivityInput>) => check(o).map((f) => f.path);

describe('checkProgrammeActivity', () => {
  it('accepts a well-formed activity', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ endsOn: '2026-11-24' })).toEqual([]);
  });

  it('needs a name and plain-English instructions', () => {
    expect(paths({ title: ' ', instructions: '' })).toEqual(['title', 'instructions']);
    expect(paths({ title: 'x'.repeat(121) })).toEqual(['title']);
  });

  it('keeps how often within sense for the period', () => {
    expect(paths({ timesPerPeriod: 0 })).toEqual(['timesPerPeriod']);
    expect(paths({ timesPerPeriod: 1.5 })).toEqual(['timesPerPeriod']);
    expect(paths({ timesPerPeriod: 11, period: 'day' })).toEqual(['timesPerPeriod']);
    expect(paths({ timesPerPeriod: 28, period: 'week' })).toEqual([]);
    expect(paths({ period: 'month' as never })).toEqual(['period']);
  });

  it('refuses an unknown kind or deliverer', () => {
    expect(paths({ kind: 'massage' as never, delivererKind: 'robot' as never })).toEqual(['kind', 'delivererKind']);
  });

  it('needs a real start, from the referral to a year ahead, and an end on or after it within 2 years (clinical-date-bounds.ts)', () => {
    expect(paths({ startsOn: '2026-02-30' })).toEqual(['startsOn']);
    expect(check({ endsOn: '2026-11-23' })).toEqual([{ path: 'endsOn', message: 'The end date must be on or after 24 November 2026 (the start date of the activity)' }]);
    expect(check({ startsOn: '1900-01-01' })).toEqual([{ path: 'startsOn', message: 'The start date must be on or after 21 November 2026 (when the referral was received)' }]);
    expect(paths({ startsOn: '2026-11-21' })).toEqual([]);
    expect(check({ startsOn: '2027-11-25' })).toEqual([{ path: 'startsOn', message: 'The start date must be on or before 24 November 2027 (1 year from today)' }]);
    expect(check({ endsOn: '2028-11-25' })).toEqual([{ path: 'endsOn', message: 'The end date must be on or before 24 November 2028 (2 years from today)' }]);
  });

  // Each refusal in the words the form shows: an emptied message would leave the clinician guessing.
  it.each([
    ['an unknown kind', { kind: 'massage' as never }, 'kind', 'Choose the kind of activity: exercise, functional practice, equipment use, carer training, or advice and signposting'],
    ['no name', { title: ' ' }, 'title', 'Enter a short name for the activity, for example Sit-to-stand practice'],
    ['a name over 120 characters', { title: 'x'.repeat(121) }, 'title', 'The name of the activity must be 120 characters or fewer'],
    ['nothing to do but spaces', { instructions: '   ' }, 'instructions', 'Enter what to do, in plain English: it is printed on the patient’s and carer’s sheet'],
    ['what to do over 2,000 characters', { instructions: 'x'.repeat(2001) }, 'instructions', 'What to do must be 2000 characters or fewer'],
    ['an unknown period', { period: 'month' as never }, 'period', 'Choose whether the number of times is a day or a week'],
    ['an unknown deliverer', { delivererKind: 'robot' as never }, 'delivererKind', 'Choose who does or helps with the activity'],
    ['a start that is not a date', { startsOn: '2026-02-30' }, 'startsOn', 'Enter the date the activity starts'],
    ['an end that is not a date', { endsOn: '2026-02-30' }, 'endsOn', 'The end date must be a real date'],
    ['an end in words', { endsOn: 'soon' }, 'endsOn', 'The end date must be a real date'],
  ] as const)('refuses %s, saying why', (_, input, path, message) => {
    expect(check(input)).toEqual([{ path, message }]);
  });

  it('says how often may be, for the period chosen (a week when the period is unknown)', () => {
    const timesMessage = (o: Partial<ProgrammeActivityInput>) => check(o).find((f) => f.path === 'timesPerPeriod')?.message;
    expect(timesMessage({ timesPerPeriod: 11, period: 'day' })).toBe('How often must be a whole number of times from 1 to 10 a day');
    expect(timesMessage({ timesPerPeriod: 29, period: 'week' })).toBe('How often must be a whole number of times from 1 to 28 a week');
    expect(timesMessage({ timesPerPeriod: 0, period: 'month' as never })).toBe('How often must be a whole number of times from 1 to 28');
  });

  it('measures the name and what to do without the spaces around them, up to the limit itself', () => {
    expect(paths({ title: 'x'.repeat(120) })).toEqual([]);
    expect(paths({ title: `  ${'x'.repeat(120)}  ` })).toEqual([]);
    expect(paths({ instructions: 'x'.repeat(2000) })).toEqual([]);
    expect(paths({ instructions: `  ${'x'.repeat(2000)}  ` })).toEqual([]);
  });

  it('refuses shorthand on the patient’s sheet, once per field, not on top of a field already refused', () => {
    expect(check({ title: 'OT kitchen practice' })).toEqual([
      { path: 'title', message: 'The name of the activity uses “OT”. It is printed on the patient’s and carer’s sheet, so say it in everyday words' },
    ]);
    expect(check({ title: `OT ${'x'.repeat(120)}`, instructions: `Practise with the OT. ${'x'.repeat(2000)}` })).toEqual([
      { path: 'title', message: 'The name of the activity must be 120 characters or fewer' },
      { path: 'instructions', message: 'What to do must be 2000 characters or fewer' },
    ]);
  });

  it('isActivityDate knows real dates', () => {
    expect(isActivityDate('2028-02-29')).toBe(true);
    expect(isActivityDate('2027-02-29')).toBe(false);
    expect(isActivityDate('24/11/2026')).toBe(false);
    expect(isActivityDate('x2026-11-24')).toBe(false);
    expect(isActivityDate('2026-11-24x')).toBe(false);
  });
});
