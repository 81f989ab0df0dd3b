// What a supervision session must say before it is kept, and who may see and act on someone's
// supervision: the same checks for the page and the API, so both say the same words.
//
// Decisions:
//  - A session is recorded on or after the day it was held, never for a day still to come, and not
//    more than a year back (a late write-up is normal; a year is a mistyped year).
//  - Agreed actions belong to the two people in the room (the supervisee or the supervisor) and are
//    due on or after the session.
//  - Supervision notes are personal: the supervisee, their supervisor, and the team's clinical lead and
//    service manager see them; nobody else. Only a clinical lead or service manager names a supervisor.
import { addCalendarDays } from '../episode-dates.ts';
import type { HomewardRole } from '../staff-roles.ts';

export const supervisionKinds = ['clinical', 'managerial', 'group', 'reflective'] as const;
export type SupervisionSessionKind = (typeof supervisionKinds)[number];
export const supervisionKindLabels: Record<SupervisionSessionKind, string> = {
  clinical: 'Clinical',
  managerial: 'Managerial',
  group: 'Group',
  reflective: 'Reflective practice',
};

export const supervisionTextLimits = { themes: 4000, caseNote: 2000, action: 500, comment: 2000 } as const;
/** How far back a session may be written up. */
export const supervisionLateDays = 366;

export type SupervisionProblem = { path: string; message: string };

export type SupervisionSessionInput = {
  heldOn: string;
  themes: string;
  cases: Array<{ episodeId: string; note: string }>;
  actions: Array<{ action: string; ownerId: string; dueOn: string }>;
};

/** Every problem with a session as written (empty: it may be kept). Paths are the JSON body's. */
export function supervisionSessionProblems(o: { session: SupervisionSessionInput; superviseeId: string; supervisorId: string; today: string }): SupervisionProblem[] {
  const problems: SupervisionProblem[] = [];
  const s = o.session;
  if (s.heldOn > o.today) problems.push({ path: 'heldOn', message: 'The date of the session must be today or in the past' });
  else if (s.heldOn < addCalendarDays(o.today, -supervisionLateDays)) problems.push({ path: 'heldOn', message: 'The date of the session must be within the last year' });
  if (s.themes.trim() === '') problems.push({ path: 'themes', message: 'Enter the themes you discussed' });
  else if (s.themes.length > supervisionTextLimits.themes) problems.push({ path: 'themes', message: `Themes must be ${supervisionTextLimits.themes} characters or fewer` });
  const seen = new Set<string>();
  s.cases.forEach((c, i) => {
    if (seen.has(c.episodeId)) problems.push({ path: `cases.${i}.episodeId`, message: 'Each case is discussed once in a session: choose a different patient' });
    seen.add(c.episodeId);
    if (c.note.trim() === '') problems.push({ path: `cases.${i}.note`, message: 'Say what was discussed about this case' });
    else if (c.note.length > supervisionTextLimits.caseNote) problems.push({ path: `cases.${i}.note`, message: `A case note must be ${supervisionTextLimits.caseNote} characters or fewer` });
  });
  s.actions.forEach((a, i) => {
    if (a.action.trim() === '') problems.push({ path: `actions.${i}.action`, message: 'Say what the action is' });
    else if (a.action.length > supervisionTextLimits.action) problems.push({ path: `actions.${i}.action`, message: `An action must be ${supervisionTextLimits.action} characters or fewer` });
    if (a.ownerId !== o.superviseeId && a.ownerId !== o.supervisorId) problems.push({ path: `actions.${i}.ownerId`, message: 'An action is owned by the supervisee or the supervisor' });
    if (a.dueOn < s.heldOn) problems.push({ path: `actions.${i}.dueOn`, message: 'An action is due on or after the day of the session' });
  });
  return problems;
}

/** Names someone's supervisor, and sees the whole team's supervision. */
export function mayManageSupervision(role: HomewardRole): boolean {
  return role === 'clinical-lead' || role === 'service-manager';
}

export type SupervisionViewer = { staffId: string; role: HomewardRole; teamId: string | null };
export type SupervisionSubject = { superviseeId: string; superviseeTeamId: string | null; supervisorIds: readonly string[] };

/** Whether the viewer may see this supervisee's supervision, and as whom ('own', 'supervisor', 'manager'); null: refused. */
export function supervisionViewerBasis(viewer: SupervisionViewer, subject: SupervisionSubject): 'own' | 'supervisor' | 'manager' | null {
  if (viewer.staffId === subject.superviseeId) return 'own';
  if (subject.supervisorIds.includes(viewer.staffId)) return 'supervisor';
  if (mayManageSupervision(viewer.role) && viewer.teamId !== null && viewer.teamId === subject.superviseeTeamId) return 'manager';
  return null;
}
