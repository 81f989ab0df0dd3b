import { describe, expect, it } from 'vitest';
import { compareMdtAgenda, mdtAgendaReasonLabels, mdtAgendaReasonsFor, type MdtAgendaFacts } from './mdt-agenda.ts';

const none: MdtAgendaFacts = { flagged: false, openActions: 0, clockBreached: false, reviewDueOn: null, plannedEndOn: null, dischargeDecided: false, meetingOn: '2026-12-10' };

describe('mdtAgendaReasonsFor', () => {
  it.each([
    ['nothing due', {}, []],
    ['flagged', { flagged: true }, ['flagged']],
    ['an open action', { openActions: 2 }, ['open-action']],
    ['a breached clock', { clockBreached: true }, ['breach']],
    ['a review overdue', { reviewDueOn: '2026-11-01' }, ['review-due']],
    ['a review due on the last day of the window', { reviewDueOn: '2026-12-17' }, ['review-due']],
    ['a review due the day after the window', { reviewDueOn: '2026-12-18' }, []],
    ['a planned end within 14 days', { plannedEndOn: '2026-12-24' }, ['discharge-planning']],
    ['a planned end 15 days away', { plannedEndOn: '2026-12-25' }, []],
    ['a review that decided to discharge', { dischargeDecided: true }, ['discharge-planning']],
    ['everything, most pressing first', { flagged: true, openActions: 1, clockBreached: true, reviewDueOn: '2026-12-10', dischargeDecided: true }, ['flagged', 'open-action', 'breach', 'review-due', 'discharge-planning']],
  ] as const)('%s', (_name, facts, expected) => {
    expect(mdtAgendaReasonsFor({ ...none, ...facts })).toEqual(expected);
  });
});

describe('compareMdtAgenda', () => {
  it('puts a flagged patient before a review, and more reasons before fewer', () => {
    const lists = [['review-due'], ['flagged'], ['review-due', 'discharge-planning'], ['breach']] as const;
    expect([...lists].sort(compareMdtAgenda)).toEqual([['flagged'], ['breach'], ['review-due', 'discharge-planning'], ['review-due']]);
  });
});

describe('who is not on the agenda: the windows are edges, not suggestions', () => {
  const quiet = { flagged: false, openActions: 0, clockBreached: false, reviewDueOn: null, plannedEndOn: null, dischargeDecided: false, meetingOn: '2026-11-26' } as const;
  it.each([
    ['no review, no planned end', {}, []],
    ['a review 7 days after the meeting', { reviewDueOn: '2026-12-03' }, ['review-due']],
    ['a review 8 days after the meeting', { reviewDueOn: '2026-12-04' }, []],
    ['a planned end 14 days after the meeting', { plannedEndOn: '2026-12-10' }, ['discharge-planning']],
    ['a planned end 15 days after the meeting', { plannedEndOn: '2026-12-11' }, []],
    ['discharge decided at the last review, the end far off', { plannedEndOn: '2027-03-01', dischargeDecided: true }, ['discharge-planning']],
  ] as const)('%s', (_what, facts, expected) => {
    expect(mdtAgendaReasonsFor({ ...quiet, ...facts })).toEqual(expected);
  });

  it('says each reason in the team’s words', () => {
    expect(mdtAgendaReasonLabels).toEqual({
      flagged: 'Flagged for discussion', 'open-action': 'Open action from an earlier meeting', breach: 'Response time breached', 'review-due': 'Review due', 'discharge-planning': 'Discharge planning',
    });
  });
});
