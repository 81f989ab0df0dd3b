// The visit happened: marked done by the clinician (the run sheet's button, or a note finalised when
// it is written from the visit), version-checked and only while it is still to be done.
import type { Kysely } from 'kysely';
import { ukDateOf, ukDayHeading } from '@homeward/clinical';
import { auditWrite, requireGrant, requireWriteGrant } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { statusLabels } from './run-sheet-labels.ts';
import type { VisitStatus } from './visit-day-types.ts';
import { readVisitResponse, toVisitResponse, type VisitResponse } from './record-visit-outcome.ts';
import type { VisitForOutcome } from './run-sheet-queries.ts';

export type MarkVisitDoneOptions = { access: EpisodeAccess<'write'>; visit: VisitForOutcome; version: number };

export async function markVisitDone(trx: Kysely<Database>, o: MarkVisitDoneOptions): Promise<VisitResponse> {
  const grant = requireWriteGrant(requireGrant(o.access.grant, o.visit.patientId));
  if (o.visit.episodeId !== o.access.episode.id) throw new Error('The grant is for another episode than the visit’s');
  // A visit is done on its day or after (a note written up later): never one still to come.
  if (o.visit.date > ukDateOf(grant.actor.now)) {
    throw new HomewardError('validation_failed', `This visit is on ${ukDayHeading(o.visit.date)}: it can be recorded as done on that day, not before. Nothing was changed.`, { fields: [{ path: 'version', message: 'The visit has not happened yet' }] });
  }
  const updated = await updateVersioned(trx, {
    actor: grant.actor,
    table: 'visits',
    id: o.visit.id,
    version: o.version,
    set: { status: 'done', finished_at: grant.actor.now },
    only: { status: 'to-plan' },
    current: () => readVisitResponse(trx, o.visit.id),
    // Recorded already (on another device, or by the lead): say what, rather than a bare conflict.
    conflict: (current) =>
      new HomewardError('version_conflict', current.status === 'to-plan' ? 'Someone else changed this visit after you opened it. Nothing was saved; check the visit and try again.' : `This visit already has its outcome (${statusLabels[current.status as VisitStatus].toLowerCase()}). Nothing was changed.`, { current, currentPatientId: current.patientId }),
    what: 'Visit',
    patientId: o.visit.patientId,
  });
  await auditWrite(grant, trx, { recordKind: 'visit', recordId: updated.id, detail: { episodeId: updated.episode_id, outcome: 'done' } });
  return toVisitResponse(updated);
}
