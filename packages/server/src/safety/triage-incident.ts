// Triage by the handler (issue 17 #1): the harm as they find it, how it will be reviewed (PSIRF's
// proportionate response), who handles it from now on, and why; the report moves to "under review".
import type { Kysely } from 'kysely';
import { checkIncidentTriage, mayHandleIncidents, type HomewardRole, type InvestigationLevel, type PhysicalHarmLevel } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { IncidentAccess } from './incident-access.ts';
import { findIncident, type Incident } from './incident-queries.ts';
import { appendIncidentUpdate, auditIncidentWrite, requireHandler, requireOpen, currentAsSeen } from './incident-writes.ts';

export type TriageIncidentOptions = { access: IncidentAccess; version: number; investigationLevel: string; confirmedPhysicalHarm: string; handlerId: string | null; note: string };

export async function checkTriageIncident(db: Kysely<Database>, o: TriageIncidentOptions): Promise<string> {
  requireOpen(o.access);
  const problems = checkIncidentTriage(o);
  const handlerId = o.handlerId ?? o.access.actor.staff.staffId;
  const handler = await db.selectFrom('staff').select(['id', 'homeward_role', 'team_id']).where('id', '=', handlerId).where('active', '=', true).executeTakeFirst();
  const teamId = o.access.incident.teamId;
  // A report with no team is the service managers' (as incident-access handlesTeam): only one of them may be named.
  const handles = handler && mayHandleIncidents(handler.homeward_role as HomewardRole) && (teamId === null ? handler.homeward_role === 'service-manager' : handler.team_id === teamId);
  if (!handles) problems.push({ path: 'handlerId', message: 'Choose a clinical lead or service manager of the team to handle it' });
  if (problems.length) throw validationFailed(problems);
  return handlerId;
}

export async function triageIncident(trx: Kysely<Database>, o: TriageIncidentOptions): Promise<Incident> {
  requireHandler(o.access);
  const handlerId = await checkTriageIncident(trx, o);
  const id = o.access.incident.id;
  await updateVersioned(trx, {
    actor: o.access.actor, table: 'incidents', id, version: o.version,
    set: { status: 'under-review', handler_id: handlerId, investigation_level: o.investigationLevel as InvestigationLevel, confirmed_physical_harm: o.confirmedPhysicalHarm as PhysicalHarmLevel },
    current: currentAsSeen(trx, o.access), what: 'Incident',
  });
  await appendIncidentUpdate(trx, o.access, 'triaged', o.note);
  await auditIncidentWrite(trx, o.access, { change: 'triaged', investigationLevel: o.investigationLevel, confirmedPhysicalHarm: o.confirmedPhysicalHarm, handlerId });
  return (await findIncident(trx, id))!;
}
