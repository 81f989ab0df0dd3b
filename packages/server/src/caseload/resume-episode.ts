// Resuming takes an episode on hold back to where it was (active after a first contact, else waiting).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { changeEpisode } from './change-episode.ts';
import type { EpisodeAccess } from './episode-access.ts';
import type { EpisodeResponse } from './episode-schema.ts';

export type ResumeEpisodeOptions = { access: EpisodeAccess<'write'>; version: number };

export async function resumeEpisode(trx: Kysely<Database>, o: ResumeEpisodeOptions): Promise<EpisodeResponse> {
  const episode = o.access.episode;
  if (episode.status !== 'on-hold') throw validationFailed([{ path: 'status', message: 'Only an episode on hold can be resumed' }]);
  const to = episode.firstContactAt ? 'active' : 'waiting';
  return changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: episode.id,
    version: o.version,
    set: { status: to, hold_reason: null },
    event: { kind: 'status-changed', reason: 'resumed', detail: { from: 'on-hold', to, heldFor: episode.holdReason } },
  });
}
