// The investigation's findings and the learning, written as they become clear and changed until the
// incident is closed (version-checked: two handlers never overwrite each other silently).
import type { Kysely } from 'kysely';
import { incidentTextLimits } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { IncidentAccess } from './incident-access.ts';
import { findIncident, type Incident } from './incident-queries.ts';
import { auditIncidentWrite, requireHandler, requireOpen, currentAsSeen } from './incident-writes.ts';

export type RecordIncidentLearningOptions = { access: IncidentAccess; version: number; findings: string; learning: string };

export function checkRecordIncidentLearning(o: RecordIncidentLearningOptions): void {
  requireOpen(o.access, 'findings');
  const fields: FieldError[] = [];
  if (!o.findings.trim() && !o.learning.trim()) fields.push({ path: 'findings', message: 'Enter what was found, or the learning' });
  if (o.findings.length > incidentTextLimits.findings) fields.push({ path: 'findings', message: `The findings must be ${incidentTextLimits.findings} characters or fewer` });
  if (o.learning.length > incidentTextLimits.learning) fields.push({ path: 'learning', message: `The learning must be ${incidentTextLimits.learning} characters or fewer` });
  if (fields.length) throw validationFailed(fields);
}

export async function recordIncidentLearning(trx: Kysely<Database>, o: RecordIncidentLearningOptions): Promise<Incident> {
  requireHandler(o.access);
  checkRecordIncidentLearning(o);
  const id = o.access.incident.id;
  await updateVersioned(trx, {
    actor: o.access.actor, table: 'incidents', id, version: o.version,
    set: { findings: o.findings.trim() || null, learning: o.learning.trim() || null },
    current: currentAsSeen(trx, o.access), what: 'Incident',
  });
  await auditIncidentWrite(trx, o.access, { change: 'learning' });
  return (await findIncident(trx, id))!;
}
