// What every clinical date in an episode is checked against (clinicalDateProblem): the patient's birth,
// the referral, the first contact, and now. All of it comes with the episode as loaded, so no check
// needs another query.
import type { ClinicalDateFacts } from '@homeward/clinical';
import type { EpisodeResponse } from './episode-schema.ts';

export function episodeDateFacts(episode: EpisodeResponse, now: Date): ClinicalDateFacts {
  return { now, bornOn: episode.patientDateOfBirth, referralReceivedAt: episode.referralReceivedAt, firstContactAt: episode.firstContactAt };
}
