// The one way an episode of care changes: a version-checked update, an entry in its history and an
// audit event, all in the caller's transaction, so none can happen without the others.
import type { Kysely, Updateable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, EpisodesTable } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditWrite, requireGrant, requireWriteGrant, type AccessGrant } from '../access/public.ts';
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
  // MDT (issue 16 #6): flagged for discussion, and each decision the meeting made, so both are in the timeline.
  'mdt-flagged',
  'mdt-decision',
  // Reports (issue 18, D2A): the Discharge Ready Date recorded, with any delay reasons.
  'discharge-ready',
] as const;
export type EpisodeEventKind = (typeof episodeEventKinds)[number];

export type AppendEpisodeEventOptions = {
  actor: Actor;
  episodeId: string;
  kind: EpisodeEventKind;
  reason: string | null;
  detail: Record<string, unknown>;
};

export async function appendEpisodeEvent(trx: Kysely<Database>, o: AppendEpisodeEventOptions): Promise<void> {
  await trx
    .insertInto('episode_events')
    .values({
      id: uuidv7(),
      episode_id: o.episodeId,
      occurred_at: o.actor.now,
      staff_id: o.actor.staff.staffId,
      kind: o.kind,
      reason: o.reason,
      detail: JSON.stringify(o.detail),
    })
    .execute();
}

export type ChangeEpisodeOptions = {
  /** Access to write the episode's patient's record (a write grant; checked when it runs). */
  grant: AccessGrant;
  episodeId: string;
  /** The version the writer read. */
  version: number;
  set: Updateable<EpisodesTable>;
  event: Omit<AppendEpisodeEventOptions, 'episodeId' | 'actor'>;
};

/** Writes only if nobody has changed the episode since the version read; otherwise 409 with the current episode. */
export async function changeEpisode(trx: Kysely<Database>, o: ChangeEpisodeOptions): Promise<EpisodeResponse> {
  const grant = requireWriteGrant(o.grant);
  const actor = grant.actor;
  const updated = await updateVersioned(trx, {
    actor,
    table: 'episodes',
    id: o.episodeId,
    version: o.version,
    set: o.set,
    current: () => findEpisode(trx, o.episodeId, actor.now),
    what: 'Episode',
  });
  // Thrown inside the write's transaction: a grant for another patient keeps nothing.
  requireGrant(grant, updated.patient_id);
  await appendEpisodeEvent(trx, { actor, episodeId: o.episodeId, ...o.event });
  await auditWrite(grant, trx, {
    recordKind: 'episode',
    recordId: o.episodeId,
    detail: { change: o.event.kind, version: updated.version, ...(o.event.reason ? { reason: o.event.reason } : {}) },
  });
  return (await findEpisode(trx, o.episodeId, actor.now))!;
}
