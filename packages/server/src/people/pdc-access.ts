// Who may see and change a PDC: the member of staff, the manager who holds it, their supervisor and
// their team's clinical lead and service manager see it (audited when it is not one's own); the member
// of staff and the manager change its plan and confirm it. Refusals are audited.
import type { Kysely } from 'kysely';
import { mayManageTraining } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { findPdc, type Pdc } from './pdc-queries.ts';
import { pdcHolderProblem } from './start-pdc.ts';
import { findStaffMember, staffRecordBasis } from './training-access.ts';

export type PdcAccess = { actor: Actor; pdc: Pdc; role: 'staff' | 'manager' | 'viewer' };

export async function authorisePdc(db: Kysely<Database>, o: { actor: Actor; pdcId: string; write: boolean }): Promise<PdcAccess> {
  const pdc = await findPdc(db, o.pdcId);
  if (!pdc) throw notFound('PDC');
  const me = o.actor.staff;
  const person = await findStaffMember(db, pdc.staffId);
  // The manager who held it keeps a manager's rights only while still a lead or service manager of the
  // person's team: one who has moved team or role falls back to what anyone else may see.
  const stillManager = me.staffId === pdc.managerId && mayManageTraining(me.role) && me.teamId !== null && person?.teamId === me.teamId;
  const role = me.staffId === pdc.staffId ? 'staff' : stillManager ? 'manager' : 'viewer';
  let allowed = role !== 'viewer';
  if (!allowed && !o.write) allowed = person !== null && (await staffRecordBasis(db, { actor: o.actor, person })) !== null;
  if (!allowed) {
    await auditAs(o.actor, db, { action: o.write ? 'write' : 'read', outcome: 'refused', recordKind: 'pdc', recordId: pdc.id, detail: { route: o.actor.origin.via, rule: o.write ? 'pdc-staff-or-manager' : 'staff-record' } });
    throw new HomewardError('forbidden', o.write ? 'Only the member of staff and the manager who held the PDC can change or confirm it' : 'A PDC is for the member of staff, their manager and supervisor, and their team’s clinical lead and service manager');
  }
  return { actor: o.actor, pdc, role };
}

/** Someone else's PDC shown: audited (one's own is not). */
export async function auditPdcRead(db: Kysely<Database>, o: { access: PdcAccess; via: 'page' | 'api' }): Promise<void> {
  if (o.access.role === 'staff') return;
  await auditAs(o.access.actor, db, { action: 'read', outcome: 'allowed', recordKind: 'pdc', recordId: o.access.pdc.id, detail: { staffId: o.access.pdc.staffId, as: o.access.role, via: o.via } });
}

/** Whether the actor may start a PDC with this person (the lead or service manager of their team, not for themselves): else 403, audited. */
export async function authorisePdcHolder(db: Kysely<Database>, o: { actor: Actor; staffId: string }): Promise<Actor> {
  const problem = await pdcHolderProblem(db, o);
  if (problem) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: 'pdc', detail: { route: o.actor.origin.via, rule: 'pdc-holder', staffId: o.staffId } });
    throw new HomewardError('forbidden', problem);
  }
  return o.actor;
}
