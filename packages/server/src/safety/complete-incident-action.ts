// An incident action done: by its owner (from their home page) or the incident's handler.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { handlesTeam, incidentRecordKind } from './incident-access.ts';
import { findIncident, listIncidentActions, type IncidentAction } from './incident-queries.ts';

export type CompleteIncidentActionOptions = { actor: Actor; actionId: string; version: number };

/** The action, when this person may mark it done (its owner, or a handler of its incident's team); else refused and audited. */
export async function authoriseIncidentAction(db: Kysely<Database>, o: { actor: Actor; actionId: string }): Promise<IncidentAction> {
  const action = (await listIncidentActions(db, { id: o.actionId }))[0];
  if (!action) throw notFound('Incident action');
  if (action.ownerId === o.actor.staff.staffId) return action;
  const incident = await findIncident(db, action.incidentId);
  if (incident && handlesTeam(o.actor, incident.teamId)) return action;
  await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: incidentRecordKind, recordId: action.incidentId, detail: { rule: 'not-action-owner-or-handler', actionId: action.id } });
  throw notFound('Incident action');
}

export async function completeIncidentAction(trx: Kysely<Database>, o: CompleteIncidentActionOptions): Promise<IncidentAction> {
  const action = await authoriseIncidentAction(trx, o);
  if (action.status === 'done') throw new HomewardError('version_conflict', 'This action is already done', { current: action });
  await updateVersioned(trx, {
    actor: o.actor, table: 'incident_actions', id: action.id, version: o.version,
    set: { status: 'done', done_at: o.actor.now }, only: { status: 'open' },
    current: async () => (await listIncidentActions(trx, { id: action.id }))[0], what: 'Incident action',
  });
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: incidentRecordKind, recordId: action.incidentId, detail: { change: 'action-done', actionId: action.id } });
  return (await listIncidentActions(trx, { id: action.id }))[0]!;
}
