// The visit happened: marked done by the clinician (the run sheet's button, or a note finalised when
// it is written from the visit), version-checked and only while it is still to be done.
import type { Kysely } from 'kysely';
import { auditWrite, requireGrant, requireWriteGrant } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { readVisitResponse, toVisitResponse, type VisitResponse } from './record-visit-outcome.ts';
import type { VisitForOutcome } from './run-sheet-queries.ts';

export type MarkVisitDoneOptions = { access: EpisodeAccess<'write'>; visit: VisitForOutcome; version: number };

export async function markVisitDone(trx: Kysely<Database>, o: MarkVisitDoneOptions): Promise<VisitResponse> {
  const grant = requireWriteGrant(requireGrant(o.access.grant, o.visit.patientId));
  if (o.visit.episodeId !== o.access.episode.id) throw new Error('The grant is for another episode than the visit’s');
  const updated = await updateVersioned(trx, {
    actor: grant.actor,
    table: 'visits',
    id: o.visit.id,
    version: o.version,
    set: { status: 'done', finished_at: grant.actor.now },
    only: { status: 'to-plan' },
    current: () => readVisitResponse(trx, o.visit.id),
    what: 'Visit',
    patientId: o.visit.patientId,
  });
  await auditWrite(grant, trx, { recordKind: 'visit', recordId: updated.id, detail: { episodeId: updated.episode_id, outcome: 'done' } });
  return toVisitResponse(updated);
}
