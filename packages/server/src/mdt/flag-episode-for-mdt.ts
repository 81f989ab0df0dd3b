// Flagging an episode for discussion at the next MDT meeting, from the episode page: a change to the
// episode (version-checked, in its history, so the timeline shows it), by whoever may change it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import { changeEpisode, type EpisodeAccess, type EpisodeResponse } from '../caseload/public.ts';
import { mdtTextLimits, throwIfAny } from './check-mdt.ts';

export type FlagEpisodeForMdtOptions = { access: EpisodeAccess<'write'>; version: number; reason: string };

export function checkFlagEpisodeForMdt(o: Pick<FlagEpisodeForMdtOptions, 'reason'>): void {
  const fields: FieldError[] = [];
  if (!o.reason.trim()) fields.push({ path: 'reason', message: 'Enter what the team needs to discuss' });
  else if (o.reason.length > mdtTextLimits.flagReason) fields.push({ path: 'reason', message: `What the team needs to discuss must be ${mdtTextLimits.flagReason} characters or fewer` });
  throwIfAny(fields);
}

export async function flagEpisodeForMdt(trx: Kysely<Database>, o: FlagEpisodeForMdtOptions): Promise<EpisodeResponse> {
  checkFlagEpisodeForMdt(o);
  // A discharged episode has no next meeting to go to: a new referral is the way back.
  if (o.access.episode.status === 'discharged') throwIfAny([{ path: 'reason', message: 'This episode is discharged, so it cannot be flagged for the next MDT meeting' }]);
  const reason = o.reason.trim();
  const actor = o.access.grant.actor;
  return changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: o.access.episode.id,
    version: o.version,
    set: { mdt_flagged_at: actor.now, mdt_flag_reason: reason },
    event: { kind: 'mdt-flagged', reason: null, detail: { note: reason } },
  });
}
