import { describe, expect, it } from 'vitest';
import { compareDelegatedWork, daysBetweenSessions, delegatedWorkDue, describeOverdue, type DelegatedWorkDueOptions } from './delegated-work.ts';
import { mayLogCompletion } from './programme-completion.ts';

const today = '2026-11-24';
const due = (o: Partial<DelegatedWorkDueOptions>) => delegatedWorkDue({ timesPerPeriod: 1, period: 'day', startsOn: '2026-11-20', endsOn: null, logs: [], today, ...o });
const done = (...days: string[]) => days.map((doneOn) => ({ doneOn, outcome: 'done' as const }));

describe('delegatedWorkDue: every day', () => {
  it.each([
    ['started today, nothing logged', { startsOn: today }, 'due-today', null, 0],
    ['logged each day since the start but not today', { logs: done('2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23') }, 'due-today', null, 0],
    ['logged every day including today', { logs: done('2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', today) }, 'done-today', null, 0],
    ['missed yesterday', { logs: done('2026-11-20', '2026-11-21', '2026-11-22') }, 'overdue', '2026-11-23', 1],
    ['never logged since the start four days ago', {}, 'overdue', '2026-11-20', 4],
    ['a "not done" log, with its reason, accounts for the day', { startsOn: '2026-11-23', logs: [{ doneOn: '2026-11-23', outcome: 'not-done' as const }] }, 'due-today', null, 0],
    ['twice a day, once yesterday', { startsOn: '2026-11-23', timesPerPeriod: 2, logs: done('2026-11-23') }, 'overdue', '2026-11-23', 1],
  ])('%s', (_what, o, state, since, missed) => {
    const d = due(o);
    expect(d.state).toBe(state);
    expect(d.overdueSince).toBe(since);
    expect(d.missedDays).toBe(missed);
  });

  it('looks back a week at most: a gap a month ago is not today’s concern', () => {
    const logs = done(...Array.from({ length: 7 }, (_, i) => `2026-11-${String(17 + i).padStart(2, '0')}`));
    expect(due({ startsOn: '2026-10-01', logs }).state).toBe('due-today');
  });

  it('counts a day missed within the last week of a long-running activity', () => {
    const logs = done('2026-11-17', '2026-11-18', '2026-11-19', '2026-11-21', '2026-11-22', '2026-11-23');
    expect(due({ startsOn: '2026-10-01', logs })).toMatchObject({ state: 'overdue', overdueSince: '2026-11-20', missedDays: 1 });
  });

  it.each([
    ['due today: next due today', { startsOn: today }, today],
    ['overdue: next due today', {}, today],
    ['done for today: next due tomorrow', { startsOn: today, logs: done(today) }, '2026-11-25'],
  ])('says when it is next due, %s', (_what, o, next) => {
    expect(due(o).nextDueOn).toBe(next);
  });

  it('counts today’s logs against today’s number', () => {
    expect(due({ startsOn: today, timesPerPeriod: 3, logs: done(today) })).toMatchObject({ state: 'due-today', loggedToday: 1, expectedToday: 3 });
  });
});

describe('delegatedWorkDue: times a week', () => {
  it.each([
    ['twice a week falls every 3 days', 2, 3],
    ['three times a week, every 2 days', 3, 2],
    ['once a week, every 7 days', 1, 7],
    ['every day of the week', 7, 1],
    ['more than once a day, still every day', 14, 1],
  ])('%s', (_what, times, gap) => expect(daysBetweenSessions(times)).toBe(gap));

  it.each([
    ['never logged, started today', { startsOn: today }, 'due-today', null, today],
    ['never logged, started 4 days ago', {}, 'overdue', '2026-11-20', today],
    ['last logged 3 days ago (due today)', { logs: done('2026-11-21') }, 'due-today', null, today],
    ['last logged 5 days ago (2 days overdue)', { logs: done('2026-11-19') }, 'overdue', '2026-11-22', today],
    ['last logged yesterday', { logs: done('2026-11-23') }, 'not-due', null, '2026-11-26'],
    ['logged today', { logs: done(today) }, 'done-today', null, '2026-11-27'],
    ['logs out of order: the latest counts, not the last listed', { logs: done('2026-11-23', '2026-11-19') }, 'not-due', null, '2026-11-26'],
  ])('twice a week, %s', (_what, o, state, since, next) => {
    const d = due({ period: 'week', timesPerPeriod: 2, ...o });
    expect(d).toMatchObject({ state, overdueSince: since, nextDueOn: next });
  });
});

describe('delegatedWorkDue: dates', () => {
  it('is not due before it starts, and says when it starts', () => {
    expect(due({ startsOn: '2026-11-26' })).toMatchObject({ state: 'not-due', nextDueOn: '2026-11-26' });
  });
  it('is not due after it ends', () => {
    expect(due({ endsOn: '2026-11-23' })).toMatchObject({ state: 'not-due', nextDueOn: null });
  });
  it('is still due on the day it ends', () => {
    expect(due({ startsOn: today, endsOn: today })).toMatchObject({ state: 'due-today', nextDueOn: today });
  });
  it('ignores a log dated in the future', () => {
    expect(due({ period: 'week', timesPerPeriod: 2, logs: done('2026-11-21', '2026-11-25') }).state).toBe('due-today');
  });
});

describe('the list order and words', () => {
  it('puts overdue first, longest overdue first, then due today, done today, not due', () => {
    const list = [due({ startsOn: today }), due({ startsOn: '2026-11-26' }), due({ logs: done('2026-11-20', '2026-11-21', '2026-11-22') }), due({}), due({ startsOn: today, logs: done(today) })];
    expect([...list].sort(compareDelegatedWork).map((d) => `${d.state} ${d.overdueSince ?? ''}`.trim())).toEqual(['overdue 2026-11-20', 'overdue 2026-11-23', 'due-today', 'done-today', 'not-due']);
  });
  it('ranks by state before date: an activity due today comes before one not due, whatever their dates', () => {
    const ended = due({ endsOn: '2026-11-23' });
    const dueToday = due({ startsOn: today });
    expect([ended, dueToday].sort(compareDelegatedWork)).toEqual([dueToday, ended]);
    expect([dueToday, ended].sort(compareDelegatedWork)).toEqual([dueToday, ended]);
  });
  it('puts the sooner of two not due first, in either order given', () => {
    const soon = due({ startsOn: '2026-11-26' });
    const later = due({ startsOn: '2026-11-28' });
    expect([later, soon].sort(compareDelegatedWork)).toEqual([soon, later]);
    expect([soon, later].sort(compareDelegatedWork)).toEqual([soon, later]);
  });
  it('says how far behind', () => {
    expect(describeOverdue(due({ startsOn: '2026-11-23' }), today)).toBe('Not logged in full on 1 day of the last week');
    expect(describeOverdue(due({ period: 'week', timesPerPeriod: 2, logs: done('2026-11-20') }), today)).toBe('Overdue by 1 day');
    expect(describeOverdue(due({}), today)).toBe('Not logged in full on 4 days of the last week');
    expect(describeOverdue(due({ period: 'week', timesPerPeriod: 2, logs: done('2026-11-19') }), today)).toBe('Overdue by 2 days');
    expect(describeOverdue(due({ startsOn: today }), today)).toBeNull();
  });
});

describe('mayLogCompletion: delegation holds only within a current competence', () => {
  const base = { role: 'support-worker' as const, staffId: 'sw', reportedBy: 'staff' as const, delivererKind: 'staff' as const, delivererStaffId: 'sw', competence: 'kitchen-practice' };
  it('lets her log her own visit while the competence is current', () => {
    expect(mayLogCompletion({ ...base, competencesHeld: ['kitchen-practice'] })).toEqual({ allowed: true });
  });
  it('refuses her own visit once the competence is withdrawn, naming it', () => {
    expect(mayLogCompletion({ ...base, competencesHeld: [] })).toEqual({
      allowed: false,
      rule: 'competence-not-current',
      message: 'Your recorded competence for kitchen practice (meal and hot drink preparation) is no longer current, so you cannot do or log this activity yourself. Speak to the clinician who delegated it',
    });
  });
  it('still lets her log what the patient or a carer reports', () => {
    expect(mayLogCompletion({ ...base, reportedBy: 'carer', competencesHeld: [] })).toEqual({ allowed: true });
  });
  it('asks nothing of registered staff, who need no recorded competence', () => {
    expect(mayLogCompletion({ ...base, role: 'registered-therapist', competencesHeld: null })).toEqual({ allowed: true });
  });
});
