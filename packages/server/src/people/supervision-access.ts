// Who may see and act on someone's supervision (staff data, personal): the supervisee, their supervisor,
// the team's clinical lead and service manager (packages/clinical, supervisionViewerBasis). Anyone else
// is refused and the refusal audited; someone of another team is a 404, as if there were nobody.
// Reading another person's supervision is audited (auditSupervisionView), one's own is not.
import type { Kysely } from 'kysely';
import { mayManageSupervision, supervisionViewerBasis, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { findCurrentArrangement, findOpenArrangement, findSupervisionSession, findSupervisionStaff } from './supervision-queries.ts';
import { supervisionRecordKind, type SupervisionArrangement, type SupervisionSession, type SupervisionStaff } from './supervision-types.ts';

export type SupervisionBasis = 'own' | 'supervisor' | 'manager';
/** arrangement: the supervisor today (whose rights these are); open: the latest, perhaps from a later day (what naming another ends). */
export type SupervisionAccess = { actor: Actor; supervisee: SupervisionStaff; arrangement: SupervisionArrangement | null; open: SupervisionArrangement | null; basis: SupervisionBasis };

async function refuse(db: Kysely<Database>, actor: Actor, o: { recordId: string; rule: string; write: boolean; hide: boolean }): Promise<never> {
  await auditAs(actor, db, { action: o.write ? 'write' : 'read', outcome: 'refused', recordKind: supervisionRecordKind, recordId: o.recordId, detail: { rule: o.rule } });
  if (o.hide) throw notFound('Member of staff');
  throw new HomewardError('forbidden', 'Supervision is personal: only the person, their supervisor, and the team’s clinical lead and service manager can see it.');
}

/** Someone's supervision, for one of those allowed; a session names its own supervisor too (an earlier one). */
export async function authoriseSupervisionOf(db: Kysely<Database>, o: { actor: Actor; superviseeId: string; session?: Pick<SupervisionSession, 'supervisorId'> }): Promise<SupervisionAccess> {
  const supervisee = await findSupervisionStaff(db, o.superviseeId);
  if (!supervisee) throw notFound('Member of staff');
  const arrangement = await findCurrentArrangement(db, supervisee.id, ukDateOf(o.actor.now));
  const me = o.actor.staff;
  const supervisorIds = [arrangement?.supervisorId, o.session?.supervisorId].filter((id): id is string => id !== undefined);
  const basis = supervisionViewerBasis({ staffId: me.staffId, role: me.role, teamId: me.teamId }, { superviseeId: supervisee.id, superviseeTeamId: supervisee.teamId, supervisorIds });
  if (basis === null) return refuse(db, o.actor, { recordId: supervisee.id, rule: 'not-supervision-party', write: false, hide: supervisee.teamId !== me.teamId });
  return { actor: o.actor, supervisee, arrangement, open: await findOpenArrangement(db, supervisee.id), basis };
}

/** A session and who may see it: its supervisee, its supervisor, the team's lead and service manager. */
export async function authoriseSupervisionSession(db: Kysely<Database>, actor: Actor, sessionId: string): Promise<{ access: SupervisionAccess; session: SupervisionSession }> {
  const session = await findSupervisionSession(db, sessionId);
  if (!session) throw notFound('Supervision session');
  const access = await authoriseSupervisionOf(db, { actor, superviseeId: session.superviseeId, session });
  return { access, session };
}

/** The clinical lead or service manager of the supervisee's team: names the supervisor. */
export async function authoriseSupervisorChange(db: Kysely<Database>, o: { actor: Actor; superviseeId: string }): Promise<SupervisionAccess> {
  const access = await authoriseSupervisionOf(db, o);
  if (!mayNameSupervisor(access)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: supervisionRecordKind, recordId: o.superviseeId, detail: { rule: 'not-team-lead' } });
    throw new HomewardError('forbidden', 'Only the team’s clinical lead or service manager names someone’s supervisor.');
  }
  return access;
}

/** The supervisee's current supervisor: writes up a session. */
export async function authoriseSessionWrite(db: Kysely<Database>, o: { actor: Actor; superviseeId: string }): Promise<SupervisionAccess> {
  const access = await authoriseSupervisionOf(db, o);
  if (access.arrangement?.supervisorId !== o.actor.staff.staffId) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: supervisionRecordKind, recordId: o.superviseeId, detail: { rule: 'not-current-supervisor' } });
    throw new HomewardError('forbidden', access.arrangement ? `Only ${access.arrangement.supervisorName}, ${access.supervisee.name}’s supervisor, writes up their supervision.` : `${access.supervisee.name} has no supervisor yet: the team’s clinical lead names one first.`);
  }
  return access;
}

/** Whether this access may write up a session (for the page's link: the route's own rule). */
export const mayWriteSession = (access: SupervisionAccess): boolean => access.arrangement?.supervisorId === access.actor.staff.staffId;
/** A lead or service manager of the supervisee's team, never for themselves (their own is named by the other). */
export const mayNameSupervisor = (access: SupervisionAccess): boolean =>
  mayManageSupervision(access.actor.staff.role) && access.actor.staff.teamId === access.supervisee.teamId && access.actor.staff.staffId !== access.supervisee.id;

/** A read of someone else's supervision is audited; one's own is not (it is theirs). */
export async function auditSupervisionView(db: Kysely<Database>, access: SupervisionAccess, o: { recordId?: string; via: 'page' | 'api' }): Promise<void> {
  if (access.basis === 'own') return;
  await auditAs(access.actor, db, { action: 'read', outcome: 'allowed', recordKind: supervisionRecordKind, recordId: o.recordId ?? access.supervisee.id, detail: { superviseeId: access.supervisee.id, basis: access.basis, via: o.via } });
}
