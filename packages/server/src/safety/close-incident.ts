// Closing the loop (issue 17 #1): the learning and what the reporter is told are required (the database
// refuses a closed incident without them too); the reporter gets a notification and a "Due for you" item
// on their home page until they open the outcome. Closed is final (a database trigger).
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkIncidentClosure } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { IncidentAccess } from './incident-access.ts';
import { findIncident, type Incident } from './incident-queries.ts';
import { appendIncidentUpdate, auditIncidentWrite, requireHandler, requireOpen, currentAsSeen } from './incident-writes.ts';

export type CloseIncidentOptions = { access: IncidentAccess; version: number; learning: string; outcomeForReporter: string };

export function checkCloseIncident(o: CloseIncidentOptions): void {
  requireOpen(o.access, 'outcomeForReporter');
  const problems = checkIncidentClosure(o);
  if (problems.length) throw validationFailed(problems);
}

export async function closeIncident(trx: Kysely<Database>, o: CloseIncidentOptions): Promise<Incident> {
  requireHandler(o.access);
  checkCloseIncident(o);
  const { actor, incident } = o.access;
  await updateVersioned(trx, {
    actor, table: 'incidents', id: incident.id, version: o.version,
    set: { status: 'closed', learning: o.learning.trim(), outcome_for_reporter: o.outcomeForReporter.trim(), closed_at: actor.now, closed_by: actor.staff.staffId, handler_id: incident.handlerId ?? actor.staff.staffId },
    current: currentAsSeen(trx, o.access), what: 'Incident',
  });
  await appendIncidentUpdate(trx, o.access, 'closed', o.outcomeForReporter);
  // The reporter is told in the app; the outcome itself is on the report's page (its words are for them, not a notification list).
  await trx.insertInto('notifications').values({
    id: uuidv7(), staff_id: incident.reporterId, team_id: incident.teamId, alert_id: null, kind: 'incident-outcome', urgent: false,
    title: `The outcome of your report ${incident.reference}`, body: 'Your report has been looked into and closed. Read what was found and what is changing.',
    link: `/safety/incidents/${incident.id}`, created_at: actor.now, read_at: null,
  }).execute();
  await auditIncidentWrite(trx, o.access, { change: 'closed' });
  return (await findIncident(trx, incident.id))!;
}
