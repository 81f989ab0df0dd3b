// The reporter has opened the outcome: it leaves their home page, and the notification is read. A read
// receipt, set once (the database lets only this change on a closed incident), so no version is asked.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { IncidentAccess } from './incident-access.ts';

export async function markIncidentOutcomeSeen(trx: Kysely<Database>, o: { access: IncidentAccess }): Promise<boolean> {
  const { actor, incident } = o.access;
  if (incident.status !== 'closed' || incident.outcomeSeenAt || incident.reporterId !== actor.staff.staffId) return false;
  const seen = await trx.updateTable('incidents').set({ outcome_seen_at: actor.now }).where('id', '=', incident.id).where('outcome_seen_at', 'is', null).executeTakeFirst();
  await trx.updateTable('notifications').set({ read_at: actor.now }).where('staff_id', '=', actor.staff.staffId).where('kind', '=', 'incident-outcome').where('link', '=', `/safety/incidents/${incident.id}`).where('read_at', 'is', null).execute();
  return Number(seen.numUpdatedRows) > 0;
}
