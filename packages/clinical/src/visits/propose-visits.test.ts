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

// Edges the proposer turns on: each row fails if a `<` becomes `<=`, a guard is dropped, or a default changes.
describe('proposeVisits at its edges', () => {
  const monToFri = { from: '2026-12-07', to: '2026-12-11' };
  const firstContact = (due: string, more: Partial<EpisodeForProposal> = {}): Partial<EpisodeForProposal> => ({ status: 'waiting', priority: 'P3', firstContactDueOn: due, lastContactOn: null, ...more });
  it.each<[string, Parameters<typeof run>[0], string[], string[]]>([
    ['a one-day period', { episode: { visitsPerWeek: 7 }, horizon: { from: '2026-12-09', to: '2026-12-09' } }, ['2026-12-09 therapy'], []],
    ['a period from Wednesday: Wednesday and Friday', { horizon: { from: '2026-12-09', to: '2026-12-15' } }, ['2026-12-09 therapy', '2026-12-11 therapy', '2026-12-14 therapy'], []],
    ['a period ending on Friday keeps Friday', { horizon: monToFri }, ['2026-12-07 therapy', '2026-12-09 therapy', '2026-12-11 therapy'], []],
    ['a period ending on a Monday includes that Monday', { horizon: { from: '2026-12-07', to: '2026-12-14' } }, ['2026-12-07 therapy', '2026-12-09 therapy', '2026-12-11 therapy', '2026-12-14 therapy'], []],
    ['a moved visit stays in the period (not Wednesday or Thursday, from Tuesday)', { needs: { unavailableDays: [3, 4] }, horizon: { from: '2026-12-08', to: '2026-12-13' } }, ['2026-12-08 therapy', '2026-12-11 therapy'], []],
    ['a moved visit stays before the period’s end (not Wednesday, to Thursday)', { needs: { unavailableDays: [3] }, horizon: { from: '2026-12-07', to: '2026-12-10' } }, ['2026-12-07 therapy', '2026-12-10 therapy'], []],
    ['a moved visit is not put before the period (not Wednesday or Thursday, from Wednesday)', { needs: { unavailableDays: [3, 4] }, episode: { visitsPerWeek: 1 }, horizon: { from: '2026-12-09', to: '2026-12-13' } }, ['2026-12-11 therapy'], []],
    ['a moved visit is not put after the period (not Wednesday, to Wednesday)', { needs: { unavailableDays: [3] }, episode: { visitsPerWeek: 1 }, horizon: { from: '2026-12-07', to: '2026-12-09' } }, ['2026-12-08 therapy'], []],
    [
      'once every five weeks: the week of 28 December',
      { episode: { visitsPerWeek: 0.2 }, horizon: { from: '2026-12-07', to: '2027-01-10' } },
      ['2026-12-30 therapy'],
      [],
    ],
    [
      'only Mondays and Fridays for 3 a week: two visits, and the third said',
      { needs: { unavailableDays: [2, 3, 4, 6, 7] } },
      ['2026-12-07 therapy', '2026-12-11 therapy'],
      ['One visit in the week of 7 December 2026 has no free day the patient can be seen'],
    ],
    ['booked Tuesday takes the earlier of two ideal days as near', { episode: { booked: [{ date: '2026-12-08', purpose: 'therapy' }] } }, ['2026-12-09 therapy', '2026-12-11 therapy'], []],
    ['more booked than the week needs', { episode: { visitsPerWeek: 1, booked: [{ date: '2026-12-08', purpose: 'therapy' }, { date: '2026-12-10', purpose: 'therapy' }] } }, [], []],
    ['fortnightly: the week of 7 December has one, the week of 14 December none', { episode: { visitsPerWeek: 0.5 }, horizon: { from: '2026-12-07', to: '2026-12-20' } }, ['2026-12-09 therapy'], []],
    ['1.5 a week: two visits, then one', { episode: { visitsPerWeek: 1.5 }, horizon: { from: '2026-12-07', to: '2026-12-20' } }, ['2026-12-08 therapy', '2026-12-10 therapy', '2026-12-16 therapy'], []],
    ['first contact due on the period’s last day: it is the week’s one visit', { episode: firstContact('2026-12-13', { visitsPerWeek: 1 }) }, ['2026-12-07 first-contact'], []],
    ['first contact on its due day: no warning', { episode: firstContact('2026-12-07', { visitsPerWeek: 0 }) }, ['2026-12-07 first-contact'], []],
    [
      'first contact already booked for Wednesday: regular visits only after it',
      { episode: firstContact('2026-12-09', { booked: [{ date: '2026-12-09', purpose: 'first-contact' }] }) },
      ['2026-12-11 therapy'],
      [],
    ],
    [
      'a booked therapy visit is not the first contact',
      { episode: firstContact('2026-12-09', { visitsPerWeek: 0, booked: [{ date: '2026-12-07', purpose: 'therapy' }] }) },
      ['2026-12-08 first-contact'],
      [],
    ],
    [
      'no free day for the first contact',
      { needs: { unavailableDays: [2, 3, 4, 5, 6, 7] }, episode: firstContact('2026-12-09', { visitsPerWeek: 0, booked: [{ date: '2026-12-07', purpose: 'therapy' }] }) },
      [],
      ['No free day for the first contact in this period'],
    ],
    ['review due on a visit day: that visit is the review', { episode: { reviewDueOn: '2026-12-09' } }, ['2026-12-07 therapy', '2026-12-09 review', '2026-12-11 therapy'], []],
    ['review due Friday: the last visit by then is the review', { episode: { reviewDueOn: '2026-12-11' } }, ['2026-12-07 therapy', '2026-12-09 therapy', '2026-12-11 review'], []],
    ['review due on the period’s last day', { episode: { visitsPerWeek: 0, reviewDueOn: '2026-12-13' } }, ['2026-12-13 review'], []],
    ['review due after the period', { episode: { reviewDueOn: '2026-12-14' } }, ['2026-12-07 therapy', '2026-12-09 therapy', '2026-12-11 therapy'], []],
    ['review already booked', { episode: { reviewDueOn: '2026-12-10', booked: [{ date: '2026-12-14', purpose: 'review' }] } }, ['2026-12-07 therapy', '2026-12-09 therapy', '2026-12-11 therapy'], []],
    ['the first contact is not made the review', { episode: firstContact('2026-12-07', { visitsPerWeek: 0, reviewDueOn: '2026-12-08' }) }, ['2026-12-07 first-contact', '2026-12-08 review'], []],
    ['a review before the week’s visit comes first in the list', { episode: { visitsPerWeek: 1, reviewDueOn: '2026-12-07' } }, ['2026-12-07 review', '2026-12-09 therapy'], []],
    [
      'an overdue review says so',
      { episode: { visitsPerWeek: 0, reviewDueOn: '2026-12-01' } },
      ['2026-12-07 review'],
      ['The review is due by 1 December 2026; the earliest day the patient can be seen is 7 December 2026'],
    ],
    [
      'no free day for the review',
      { needs: { unavailableDays: [2, 3, 4, 5, 6, 7] }, episode: { visitsPerWeek: 0, reviewDueOn: '2026-12-09', booked: [{ date: '2026-12-07', purpose: 'therapy' }] } },
      [],
      ['No free day for the review in this period'],
    ],
  ])('%s', (_story, input, expected, warnings) => {
    const result = run(input);
    expect(days(result)).toEqual(expected);
    expect(result.warnings).toEqual(warnings);
    expect(result.cannotVisit).toBeNull();
  });

  it.each<[string, Partial<EpisodeForProposal>, 1 | 2 | 3]>([
    ['P2 due today', { priority: 'P2', firstContactDueOn: '2026-12-07' }, 3],
    ['P2 due tomorrow', { priority: 'P2', firstContactDueOn: '2026-12-08' }, 3],
    ['P2 due in two days', { priority: 'P2', firstContactDueOn: '2026-12-09' }, 2],
  ])('first contact priority: %s', (_story, episode, priority) => {
    expect(run({ episode: { status: 'waiting', lastContactOn: null, ...episode } }).visits[0]).toMatchObject({ purpose: 'first-contact', priority });
  });

  it('an urgent episode’s regular visits come before routine ones', () => {
    expect(run({ episode: { priority: 'P1' } }).visits.map((v) => v.priority)).toEqual([2, 2, 2]);
  });

  it('a visit carries the needs: time, place, skills, the named clinician; one person gives no reason', () => {
    const r = run({ needs: { durationMinutes: 30, place: 'clinic', staffNeeded: 1, staffNeededReason: 'left over', registeredRequired: false, skills: ['OT'], preferredStaffId: 'staff-1' }, episode: { visitsPerWeek: 1 } });
    expect(r.visits).toEqual([
      { date: '2026-12-09', purpose: 'therapy', durationMinutes: 30, place: 'clinic', window: null, staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: ['OT'], preferredStaffId: 'staff-1', dueBy: null, priority: 1 },
    ]);
    expect(run({ needs: { registeredRequired: true }, episode: { visitsPerWeek: 1 } }).visits[0]!.registeredRequired).toBe(true);
  });

  it('each visit is on its own day, even when the patient’s days run out', () => {
    const dates = run({ needs: { unavailableDays: [2, 3, 4, 6, 7] }, episode: { visitsPerWeek: 5 } }).visits.map((v) => v.date);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('a week with nothing due is not a reason to refuse; booked visits are not either', () => {
    expect(run({ episode: { visitsPerWeek: 0.5 }, horizon: { from: '2026-12-14', to: '2026-12-20' } })).toEqual({ visits: [], cannotVisit: null, warnings: [] });
    expect(run({ episode: { visitsPerWeek: 0, booked: [{ date: '2026-12-08', purpose: 'therapy' }] } })).toEqual({ visits: [], cannotVisit: null, warnings: [] });
  });

  it.each<[string, Parameters<typeof run>[0], string, string]>([
    ['a period that ends before it starts', { horizon: { from: '2026-12-09', to: '2026-12-08' } }, 'no-day-available', 'The planning period ends before it starts'],
    [
      'weekdays only, for a patient not available on weekdays (listed in order)',
      { needs: { unavailableDays: [5, 4, 3, 2, 1] }, horizon: monToFri },
      'no-day-available',
      'The patient cannot be seen on any day from 7 December 2026 to 11 December 2026 (not available on Mondays, Tuesdays, Wednesdays, Thursdays, Fridays)',
    ],
    ['a one-day period on a day the patient cannot be seen', { needs: { unavailableDays: [3] }, horizon: { from: '2026-12-09', to: '2026-12-09' } }, 'no-day-available', 'The patient cannot be seen on any day from 9 December 2026 to 9 December 2026 (not available on Wednesdays)'],
  ])('cannot be visited: %s', (_story, input, reason, message) => {
    expect(run(input).cannotVisit).toEqual({ reason, message });
  });
});
