// A hold pauses an episode, with a reason kept in its history.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { onHoldReasonLabels, type OnHoldReason } from '@homeward/clinical';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { changeEpisode } from './change-episode.ts';
import type { EpisodeAccess } from './episode-access.ts';
import type { EpisodeResponse } from './episode-schema.ts';

export type Hold = { reason: OnHoldReason; note: string | null };

export function checkHold(episode: EpisodeResponse, hold: Hold): FieldError[] {
  if (episode.status === 'on-hold') return [{ path: 'reason', message: 'This episode is already on hold' }];
  if (episode.status === 'discharged') return [{ path: 'reason', message: 'This episode has been discharged' }];
  if (hold.reason === 'other' && !hold.note) return [{ path: 'note', message: 'Say why the episode is on hold' }];
  return [];
}

export type PutEpisodeOnHoldOptions = { access: EpisodeAccess<'write'>; hold: Hold; version: number };

export async function putEpisodeOnHold(trx: Kysely<Database>, o: PutEpisodeOnHoldOptions): Promise<EpisodeResponse> {
  const episode = o.access.episode;
  const problems = checkHold(episode, o.hold);
  if (problems.length) throw validationFailed(problems);
  const label = onHoldReasonLabels[o.hold.reason];
  return changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: episode.id,
    version: o.version,
    // The words clinicians read on the caseload; the reason code and note are kept in the history.
    set: { status: 'on-hold', hold_reason: o.hold.note ? `${label}: ${o.hold.note}` : label },
    event: { kind: 'status-changed', reason: o.hold.reason, detail: { from: episode.status, to: 'on-hold', ...(o.hold.note ? { note: o.hold.note } : {}) } },
  });
}
