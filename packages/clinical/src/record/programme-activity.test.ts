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
const paths = (o: Partial<ProgrammeActivityInput>) => checkProgrammeActivity({ input: activity(o) }).map((f) => f.path);

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

  it('needs a real start and an end on or after it', () => {
    expect(paths({ startsOn: '2026-02-30' })).toEqual(['startsOn']);
    const [end] = checkProgrammeActivity({ input: activity({ endsOn: '2026-11-23' }) });
    expect(end).toEqual({ path: 'endsOn', message: 'The end date must be the same as or after the start date, 24 November 2026' });
  });

  it('isActivityDate knows real dates', () => {
    expect(isActivityDate('2028-02-29')).toBe(true);
    expect(isActivityDate('2027-02-29')).toBe(false);
    expect(isActivityDate('24/11/2026')).toBe(false);
  });
});
