// Cancels a visit with the reason: the row is kept (visits are never deleted), its status and reason
// say what happened. Version-checked like any change.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditWrite } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { notToPlan } from './change-visit.ts';
import { visitRecordKind } from './visit-access.ts';
import { findTeamVisit, type TeamVisit } from './visit-queries.ts';
import type { VisitCalledOffPort } from './visit-ports.ts';

export type CancelVisitOptions = { access: EpisodeAccess<'write'>; visit: TeamVisit; version: number; reason: string; visitCalledOff?: VisitCalledOffPort | null };

export async function cancelVisit(trx: Kysely<Database>, o: CancelVisitOptions): Promise<TeamVisit> {
  const reason = o.reason.trim();
  if (reason === '') throw validationFailed([{ path: 'reason', message: 'Say why the visit is cancelled' }]);
  const actor = o.access.grant.actor;
  await updateVersioned(trx, {
    actor,
    table: 'visits',
    id: o.visit.id,
    version: o.version,
    set: { status: 'cancelled', outcome_reason: reason },
    only: { status: 'to-plan' },
    current: () => findTeamVisit(trx, o.visit.id),
    conflict: (current) => (current.status !== 'to-plan' ? notToPlan(current) : new HomewardError('version_conflict', 'Someone else changed this visit after you opened it. It was not cancelled; check it as it is now.', { current, currentPatientId: current.patientId })),
    what: 'Visit',
  });
  await o.visitCalledOff?.(trx, { actor, visitId: o.visit.id, reason: `The visit was cancelled: ${reason}` });
  await auditWrite(o.access.grant, trx, { recordKind: visitRecordKind, recordId: o.visit.id, detail: { change: 'cancelled', episodeId: o.access.episode.id } });
  return (await findTeamVisit(trx, o.visit.id))!;
}
