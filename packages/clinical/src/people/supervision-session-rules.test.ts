import { describe, expect, it } from 'vitest';
import { mayManageSupervision, supervisionSessionProblems, supervisionViewerBasis } from './supervision-session-rules.ts';

const base = { superviseeId: 'ap', supervisorId: 'rt', today: '2026-11-24' };
const session = (o: Partial<Parameters<typeof supervisionSessionProblems>[0]['session']> = {}) => ({ heldOn: '2026-11-20', themes: 'Caseload, a fall', cases: [], actions: [], ...o });

describe('a supervision session as written', () => {
  it.each([
    ['a session held last week', session(), []],
    ['a date still to come', session({ heldOn: '2026-11-25' }), ['heldOn']],
    ['more than a year back', session({ heldOn: '2025-11-22' }), ['heldOn']],
    ['no themes', session({ themes: '  ' }), ['themes']],
    ['a case twice, and one with no note', session({ cases: [{ episodeId: 'e1', note: 'Stairs' }, { episodeId: 'e1', note: ' ' }] }), ['cases.1.episodeId', 'cases.1.note']],
    ['an action owned by someone not in the room', session({ actions: [{ action: 'Read the policy', ownerId: 'lead', dueOn: '2026-12-01' }] }), ['actions.0.ownerId']],
    ['an action due before the session', session({ actions: [{ action: 'Read the policy', ownerId: 'ap', dueOn: '2026-11-19' }] }), ['actions.0.dueOn']],
    ['an action with no words', session({ actions: [{ action: '', ownerId: 'rt', dueOn: '2026-11-20' }] }), ['actions.0.action']],
  ])('%s', (_, s, paths) => {
    expect(supervisionSessionProblems({ ...base, session: s }).map((p) => p.path)).toEqual(paths);
  });
});

describe('who sees someone’s supervision', () => {
  const subject = { superviseeId: 'ap', superviseeTeamId: 'A', supervisorIds: ['rt'] };
  it.each([
    ['the supervisee', { staffId: 'ap', role: 'assistant-practitioner' as const, teamId: 'A' }, 'own'],
    ['their supervisor', { staffId: 'rt', role: 'registered-therapist' as const, teamId: 'A' }, 'supervisor'],
    ['the team’s clinical lead', { staffId: 'cl', role: 'clinical-lead' as const, teamId: 'A' }, 'manager'],
    ['the team’s service manager', { staffId: 'sm', role: 'service-manager' as const, teamId: 'A' }, 'manager'],
    ['another team’s clinical lead', { staffId: 'cl2', role: 'clinical-lead' as const, teamId: 'B' }, null],
    ['a colleague therapist', { staffId: 'rt2', role: 'registered-therapist' as const, teamId: 'A' }, null],
    ['the administrator', { staffId: 'ad', role: 'administrator' as const, teamId: 'A' }, null],
  ])('%s', (_, viewer, basis) => {
    expect(supervisionViewerBasis(viewer, subject)).toBe(basis);
  });
  it('only leads and service managers name supervisors', () => {
    expect(mayManageSupervision('clinical-lead')).toBe(true);
    expect(mayManageSupervision('service-manager')).toBe(true);
    expect(mayManageSupervision('registered-therapist')).toBe(false);
  });
});
