// The one way an episode of care changes: a version-checked update, an entry in its history and an
// audit event, all in the caller's transaction, so none can happen without the others.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, EpisodesTable } from '../db/schema.ts';
import { notFound, versionConflict } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { findEpisode } from './episode-queries.ts';
import type { EpisodeResponse } from './episode-schema.ts';

export const episodeEventKinds = [
  'triaged',
  'allocated',
  'reallocated',
  'handed-over',
  'status-changed',
  'discharged',
  'onward-referral',
  'onward-acknowledged',
  // A review held (record/reviews.ts): it moves the review date and, when extending, the planned end.
  'reviewed',
] as const;
export type EpisodeEventKind = (typeof episodeEventKinds)[number];

export type AppendEpisodeEventOptions = {
  episodeId: string;
  kind: EpisodeEventKind;
  reason: string | null;
  detail: Record<string, unknown>;
};

export async function appendEpisodeEvent(request: FastifyRequest, trx: Kysely<Database>, o: AppendEpisodeEventOptions): Promise<void> {
  const principal = requirePrincipal(request);
  await trx
    .insertInto('episode_events')
    .values({
      id: uuidv7(),
      episode_id: o.episodeId,
      occurred_at: request.server.config.now(),
      staff_id: principal.staffId,
      kind: o.kind,
      reason: o.reason,
      detail: JSON.stringify(o.detail),
    })
    .execute();
}

export type ChangeEpisodeOptions = {
  episodeId: string;
  patientId: string;
  expectedVersion: number;
  set: Updateable<EpisodesTable>;
  event: Omit<AppendEpisodeEventOptions, 'episodeId'>;
  /** The break-glass reason when that is why the writer has access. */
  accessReason: string | null;
};

/** Writes only if nobody has changed the episode since expectedVersion; otherwise 409 with the current episode. */
export async function changeEpisode(request: FastifyRequest, trx: Kysely<Database>, o: ChangeEpisodeOptions): Promise<EpisodeResponse> {
  const principal = requirePrincipal(request);
  const now = request.server.config.now();
  const updated = await trx
    .updateTable('episodes')
    .set((eb) => ({ ...o.set, version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.episodeId)
    .where('version', '=', o.expectedVersion)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (!updated) {
    const current = await findEpisode(trx, o.episodeId, now);
    if (!current) throw notFound('Episode');
    throw versionConflict(current);
  }
  await appendEpisodeEvent(request, trx, { episodeId: o.episodeId, ...o.event });
  await audit(
    request,
    {
      action: 'write',
      outcome: 'allowed',
      patientId: o.patientId,
      recordKind: 'episode',
      recordId: o.episodeId,
      reason: o.accessReason,
      detail: { change: o.event.kind, version: updated.version, ...(o.event.reason ? { reason: o.event.reason } : {}) },
    },
    trx,
  );
  return (await findEpisode(trx, o.episodeId, now))!;
}
