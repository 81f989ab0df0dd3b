// What every handler's write shares: the incident is still open, the handler's log entry, and the audit
// naming the incident (and its patient, when there is one, so the patient's audit trail shows it).
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { type IncidentAccess, incidentRecordKind } from './incident-access.ts';
import { findIncident, type IncidentUpdate } from './incident-queries.ts';
import { incidentJson } from './incident-view.ts';

/**
 * A stale write's current state, as the JSON GET shows it to this handler: an anonymous reporter stays
 * anonymous, and the patient is not shown (nor audited as read) to a handler without a grant.
 */
export function currentAsSeen(trx: Kysely<Database>, access: IncidentAccess) {
  return async () => {
    const i = await findIncident(trx, access.incident.id);
    return i ? incidentJson(i, access.actor, false) : null;
  };
}

export function requireHandler(access: IncidentAccess): void {
  if (access.view !== 'handler') throw new Error('Only an incident’s handler may change it: authorise with handle: true');
}

export function requireOpen(access: IncidentAccess, path = 'form'): void {
  if (access.incident.status === 'closed') throw new HomewardError('validation_failed', 'This incident is closed, so it cannot be changed', { fields: [{ path, message: 'This incident is closed, so it cannot be changed' }] });
}

export async function appendIncidentUpdate(trx: Kysely<Database>, access: IncidentAccess, kind: IncidentUpdate['kind'], note: string): Promise<void> {
  await trx.insertInto('incident_updates').values({ id: uuidv7(), incident_id: access.incident.id, kind, note: note.trim(), created_at: access.actor.now, created_by: access.actor.staff.staffId }).execute();
}

export async function auditIncidentWrite(trx: Kysely<Database>, access: IncidentAccess, detail: Record<string, unknown>): Promise<void> {
  await auditAs(access.actor, trx, { action: 'write', outcome: 'allowed', recordKind: incidentRecordKind, recordId: access.incident.id, patientId: access.incident.patientId, detail });
}
