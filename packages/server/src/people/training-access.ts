// Who may see and keep training records. Training is personal staff data: the person, their supervisor,
// and the team's clinical lead and service manager see it; nobody else. Only the lead and the service
// manager keep the matrix, import completions and see the team's compliance. Refusals are audited;
// a read of someone else's training is audited by the route that shows it (auditStaffRead).
import type { Kysely } from 'kysely';
import { mayManageTraining, ukDateOf, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { supervisesOn } from './supervision-queries.ts';

export type TeamManager = { actor: Actor; teamId: string };

/** The clinical lead or service manager of a team, keeping its training. */
export async function authoriseTrainingManager(db: Kysely<Database>, o: { actor: Actor; what: string }): Promise<TeamManager> {
  const teamId = o.actor.staff.teamId;
  if (!mayManageTraining(o.actor.staff.role) || teamId === null) {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: 'training', detail: { route: o.actor.origin.via, rule: 'training-manager' } });
    throw new HomewardError('forbidden', `Only the team’s clinical lead or service manager can ${o.what}`);
  }
  return { actor: o.actor, teamId };
}

export type StaffMember = { id: string; name: string; email: string; role: HomewardRole; teamId: string | null; active: boolean };

export async function findStaffMember(db: Kysely<Database>, staffId: string): Promise<StaffMember | null> {
  const row = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'email', 'homeward_role', 'team_id', 'active']).where('id', '=', staffId).executeTakeFirst();
  return row ? { id: row.id, name: `${row.given_name} ${row.family_name}`, email: row.email, role: row.homeward_role as HomewardRole, teamId: row.team_id, active: row.active } : null;
}

/** Why the actor may see this person's staff records: their own, their supervisor's, or their team's lead's; null: they may not. */
export async function staffRecordBasis(db: Kysely<Database>, o: { actor: Actor; person: StaffMember }): Promise<'self' | 'supervisor' | 'team-lead' | null> {
  const actor = o.actor.staff;
  if (actor.staffId === o.person.id) return 'self';
  if (mayManageTraining(actor.role) && actor.teamId !== null && actor.teamId === o.person.teamId) return 'team-lead';
  const supervising = await supervisesOn(db, { supervisorId: actor.staffId, superviseeId: o.person.id, today: ukDateOf(o.actor.now) });
  return supervising ? 'supervisor' : null;
}

export type StaffRecordAccess = { actor: Actor; person: StaffMember; basis: 'self' | 'supervisor' | 'team-lead' };

/** A person's staff records (training, PDC), for them, their supervisor or their team's lead: else 403, audited; 404 for nobody. */
export async function authoriseStaffRecord(db: Kysely<Database>, o: { actor: Actor; staffId: string; recordKind: string }): Promise<StaffRecordAccess> {
  const person = await findStaffMember(db, o.staffId);
  if (!person) throw notFound('Member of staff');
  const basis = await staffRecordBasis(db, { actor: o.actor, person });
  if (basis === null) {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: o.recordKind, recordId: person.id, detail: { route: o.actor.origin.via, rule: 'staff-record' } });
    throw new HomewardError('forbidden', 'A member of staff’s records are for them, their supervisor and their team’s clinical lead and service manager');
  }
  return { actor: o.actor, person, basis };
}

/** Someone else's staff record shown: audited (one's own is not). */
export async function auditStaffRead(db: Kysely<Database>, o: { access: StaffRecordAccess; recordKind: string; recordId?: string; via: 'page' | 'api' }): Promise<void> {
  if (o.access.basis === 'self') return;
  await auditAs(o.access.actor, db, { action: 'read', outcome: 'allowed', recordKind: o.recordKind, recordId: o.recordId ?? o.access.person.id, detail: { staffId: o.access.person.id, basis: o.access.basis, via: o.via } });
}
