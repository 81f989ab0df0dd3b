// Which assessments an episode needs now (baseline, half-way, end, final score), read from the record
// for one episode. The rules are listAssessmentPrompts in @homeward/clinical; the caseload reads the
// same facts for a page of episodes in one query (caseload/caseload-queries.ts).
import type { Kysely } from 'kysely';
import { listAssessmentPrompts, ukDateOf, type AssessmentPrompt, type PromptedEpisode } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';

/** `date` columns: a string from PGlite, a Date from pg. */
export const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export type AssessmentPromptsForEpisodeOptions = {
  /** Set by the discharge journey: every instrument with a baseline then needs its final score. */
  discharging?: boolean;
  /** The episode's assessments, when the caller has read them already (the record page): not read again. */
  assessments?: ReadonlyArray<{ instrumentId: string; timePoint: string; administeredAt: string }>;
};

export function promptedEpisodeOf(episode: Pick<EpisodeResponse, 'service' | 'status' | 'firstContactAt' | 'plannedEndOn' | 'reviewDueOn' | 'dischargedOn'>): PromptedEpisode {
  return {
    service: episode.service,
    status: episode.status,
    startOn: episode.firstContactAt ? ukDateOf(new Date(episode.firstContactAt)) : null,
    plannedEndOn: episode.plannedEndOn,
    reviewDueOn: episode.reviewDueOn,
    dischargedOn: episode.dischargedOn,
  };
}

/**
 * The assessments due for an episode on `today` (yyyy-mm-dd), e.g. for the discharge summary to warn
 * that a final score is missing. A review that decided to discharge counts as discharge planned.
 */
export async function assessmentPromptsForEpisode(db: Kysely<Database>, access: RecordAccess, today: string, o: AssessmentPromptsForEpisodeOptions = {}): Promise<AssessmentPrompt[]> {
  const episodeId = episodeIdOf(access);
  const episode = access.episode;
  const [assessments, lastReview] = await Promise.all([
    o.assessments
      ? o.assessments.map((a) => ({ instrument_id: a.instrumentId, time_point: a.timePoint, administered_at: a.administeredAt }))
      : db.selectFrom('assessments').select(['instrument_id', 'time_point', 'administered_at']).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('episode_reviews').select(['decision', 'held_on']).where('episode_id', '=', episodeId).orderBy('held_on', 'desc').orderBy('recorded_at', 'desc').limit(1).executeTakeFirst(),
  ]);
  return listAssessmentPrompts({
    episode: { ...promptedEpisodeOf(episode), lastReviewOn: lastReview ? dateOnly(lastReview.held_on) : null },
    assessments: assessments.map((a) => ({ instrumentId: a.instrument_id, timePoint: a.time_point, on: ukDateOf(new Date(a.administered_at)) })),
    today,
    dischargePlanned: o.discharging === true || lastReview?.decision === 'discharge',
  });
}
