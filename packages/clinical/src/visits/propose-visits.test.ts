import { describe, expect, it } from 'vitest';
import { idealWeekdays, proposeVisits, weekdayOfDate, type EpisodeForProposal, type ProposeVisitsOptions } from './propose-visits.ts';
import { defaultVisitNeeds, type VisitNeeds } from './visit-needs.ts';

// Monday 7 December 2026 to Sunday 13 December.
const week = { from: '2026-12-07', to: '2026-12-13' };
const needs: VisitNeeds = defaultVisitNeeds({ complexity: 'non-complex', skillsNeeded: ['PT'], pairsReason: null });
const active: EpisodeForProposal = { status: 'active', complexity: 'non-complex', priority: 'P3', visitsPerWeek: 3, firstContactDueOn: null, reviewDueOn: null, lastContactOn: '2026-12-04', booked: [] };

function run(o: { needs?: Partial<VisitNeeds>; episode?: Partial<EpisodeForProposal>; horizon?: ProposeVisitsOptions['horizon'] }) {
  return proposeVisits({ needs: { ...needs, ...o.needs }, episode: { ...active, ...o.episode }, horizon: o.horizon ?? week });
}
const days = (r: ReturnType<typeof run>) => r.visits.map((v) => `${v.date} ${v.purpose}`);

describe('idealWeekdays: visits spread evenly through the week', () => {
  it.each<[number, number[]]>([
    [0, []],
    [1, [3]],
    [2, [2, 4]],
    [3, [1, 3, 5]],
    [4, [1, 2, 4, 5]],
    [5, [1, 2, 3, 4, 5]],
    [6, [1, 2, 3, 5, 6, 7]],
    [7, [1, 2, 3, 4, 5, 6, 7]],
  ])('%d a week: weekdays %j', (n, expected) => {
    expect(idealWeekdays(n)).toEqual(expected);
  });
});

describe('proposeVisits', () => {
  it.each<[string, Parameters<typeof run>[0], string[]]>([
    ['3 a week: Monday, Wednesday, Friday', {}, ['2026-12-07 therapy', '2026-12-09 therapy', '2026-12-11 therapy']],
    ['2 a week: Tuesday, Thursday', { episode: { visitsPerWeek: 2 } }, ['2026-12-08 therapy', '2026-12-10 therapy']],
    ['1 a week: Wednesday', { episode: { visitsPerWeek: 1 } }, ['2026-12-09 therapy']],
    ['7 a week: every day', { episode: { visitsPerWeek: 7 } }, ['07', '08', '09', '10', '11', '12', '13'].map((d) => `2026-12-${d} therapy`)],
    ['not Wednesdays: the Wednesday visit moves to the nearest later day', { needs: { unavailableDays: [3] } }, ['2026-12-07 therapy', '2026-12-10 therapy', '2026-12-11 therapy']],
    ['not Mondays or Fridays: each moves to the nearest day (Friday to Saturday on the tie)', { needs: { unavailableDays: [1, 5] } }, ['2026-12-08 therapy', '2026-12-09 therapy', '2026-12-12 therapy']],
    ['a period from Thursday: Friday, then Monday and Wednesday', { horizon: { from: '2026-12-10', to: '2026-12-16' } }, ['2026-12-11 therapy', '2026-12-14 therapy', '2026-12-16 therapy']],
    [
      'first contact due Tuesday (P2): Monday, then the week’s other visit on Thursday',
      { episode: { status: 'waiting', priority: 'P2', visitsPerWeek: 2, firstContactDueOn: '2026-12-08', lastContactOn: null } },
      ['2026-12-07 first-contact', '2026-12-10 therapy'],
    ],
    ['review due Thursday: Wednesday’s visit is the review', { episode: { reviewDueOn: '2026-12-10' } }, ['2026-12-07 therapy', '2026-12-09 review', '2026-12-11 therapy']],
    ['review due and no regular visits: a review on the last free day before it', { episode: { visitsPerWeek: 0, reviewDueOn: '2026-12-10' } }, ['2026-12-10 review']],
    ['overdue review: the first day the patient can be seen', { episode: { visitsPerWeek: 0, reviewDueOn: '2026-12-01' } }, ['2026-12-07 review']],
    [
      'already booked Monday and Thursday: only the one left',
      { episode: { booked: [{ date: '2026-12-07', purpose: 'therapy' }, { date: '2026-12-10', purpose: 'therapy' }] } },
      ['2026-12-11 therapy'],
    ],
  ])('%s', (_story, input, expected) => {
    const result = run(input);
    expect(days(result)).toEqual(expected);
    expect(result.cannotVisit).toBeNull();
  });

  it('a fortnightly episode gets one visit in any 14 days, and none in some single week', () => {
    expect(run({ episode: { visitsPerWeek: 0.5 }, horizon: { from: '2026-12-07', to: '2026-12-20' } }).visits).toHaveLength(1);
    const counts = [0, 7].map((offset) => run({ episode: { visitsPerWeek: 0.5 }, horizon: { from: `2026-12-${String(7 + offset).padStart(2, '0')}`, to: `2026-12-${String(13 + offset).padStart(2, '0')}` } }).visits.length);
    expect(counts.sort()).toEqual([0, 1]);
  });

  it('proposing again with what was proposed booked adds nothing', () => {
    for (const input of [{}, { needs: { unavailableDays: [3 as const] } }, { episode: { status: 'waiting' as const, firstContactDueOn: '2026-12-09', reviewDueOn: null } }, { horizon: { from: '2026-12-10', to: '2026-12-16' } }]) {
      const first = run(input);
      expect(first.visits.length).toBeGreaterThan(0);
      const again = run({ ...input, episode: { ...input.episode, booked: first.visits.map((v) => ({ date: v.date, purpose: v.purpose })) } });
      expect(again.visits).toEqual([]);
    }
  });

  it('first contact carries its deadline and a higher priority when pressing', () => {
    const p1 = run({ episode: { status: 'waiting', priority: 'P1', firstContactDueOn: '2026-12-12', lastContactOn: null } });
    expect(p1.visits[0]).toMatchObject({ date: '2026-12-07', purpose: 'first-contact', dueBy: '2026-12-12', priority: 3 });
    const routine = run({ episode: { status: 'waiting', priority: 'P3', firstContactDueOn: '2026-12-12', lastContactOn: null } });
    expect(routine.visits[0]).toMatchObject({ purpose: 'first-contact', dueBy: '2026-12-12', priority: 2 });
    expect(routine.visits.filter((v) => v.purpose === 'therapy').every((v) => v.priority === 1 && v.dueBy === null)).toBe(true);
  });

  it('warns when the patient’s days cannot meet the first contact’s deadline', () => {
    const r = run({ needs: { unavailableDays: [1, 2] }, episode: { status: 'waiting', priority: 'P1', firstContactDueOn: '2026-12-07', lastContactOn: null } });
    expect(r.visits[0]).toMatchObject({ date: '2026-12-09', purpose: 'first-contact' });
    expect(r.warnings).toEqual(['First contact is due by 7 December 2026 but the earliest day the patient can be seen is 9 December 2026']);
  });

  it('a window applies on its days; a complex episode always needs a registered therapist; two staff keep their reason', () => {
    const r = run({
      needs: { windows: [{ days: [1, 5], start: '09:00', end: '10:00', note: 'carer there' }], staffNeeded: 2, staffNeededReason: 'Hoist', registeredRequired: false },
      episode: { complexity: 'complex' },
    });
    expect(r.visits.map((v) => v.window)).toEqual([{ start: '09:00', end: '10:00' }, null, { start: '09:00', end: '10:00' }]);
    expect(r.visits.every((v) => v.registeredRequired && v.staffNeeded === 2 && v.staffNeededReason === 'Hoist')).toBe(true);
  });

  it.each<[string, Parameters<typeof run>[0], string, string]>([
    ['on hold', { episode: { status: 'on-hold' } }, 'not-open', 'The episode is on hold, so no visits are proposed until it resumes'],
    ['discharged', { episode: { status: 'discharged' } }, 'not-open', 'The episode has been discharged'],
    [
      'a weekend period for a patient not available at weekends',
      { needs: { unavailableDays: [6, 7] }, horizon: { from: '2026-12-12', to: '2026-12-13' } },
      'no-day-available',
      'The patient cannot be seen on any day from 12 December 2026 to 13 December 2026 (not available on Saturdays, Sundays)',
    ],
    ['first contact due after the period', { episode: { status: 'waiting', firstContactDueOn: '2026-12-30' } }, 'nothing-due', 'First contact is not due until 30 December 2026, after this period'],
    ['no visits a week and nothing due', { episode: { visitsPerWeek: 0 } }, 'nothing-due', 'The episode needs no visits in this period (no visits a week recorded at triage)'],
  ])('cannot be visited: %s', (_story, input, reason, message) => {
    const r = run(input);
    expect(r.visits).toEqual([]);
    expect(r.cannotVisit).toEqual({ reason, message });
  });

  it('weekdayOfDate counts Monday as 1 and Sunday as 7', () => {
    expect([weekdayOfDate('2026-12-07'), weekdayOfDate('2026-12-13')]).toEqual([1, 7]);
  });
});
