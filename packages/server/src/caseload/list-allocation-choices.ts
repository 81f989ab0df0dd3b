// Who in the team could take an episode, with the competence rule applied to each: the allocation page
// and the triage confirmation show the same list, so the choice offered after triage is the one the
// allocation page would offer, and a refusal says the same words in both places.
import type { Kysely } from 'kysely';
import type { AllocationDecision } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { competenceFor } from './allocate-episode.ts';
import { listTeamCapacity } from './caseload-queries.ts';
import { listTeamClinicians } from './episode-queries.ts';
import type { CapacityResponse, EpisodeResponse } from './episode-schema.ts';

export type AllocationChoice = CapacityResponse & {
  band: string;
  decision: AllocationDecision;
  /** Holds the episode now. */
  current: boolean;
};

/** The team's active clinical staff (support workers and students too, with why they cannot), each with capacity and the competence decision. */
export async function listAllocationChoices(db: Kysely<Database>, episode: EpisodeResponse, onDay: string): Promise<AllocationChoice[]> {
  const clinicians = await listTeamClinicians(db, episode.teamId, { includeSupportWorkers: true });
  const capacity = await listTeamCapacity(db, episode.teamId, clinicians);
  return clinicians.map((c, i) => ({ ...capacity[i]!, band: c.band, decision: competenceFor(episode, c, onDay), current: c.id === episode.allocatedTo }));
}
