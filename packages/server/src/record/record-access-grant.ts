// What every query and domain function of one episode's record asks for: the episode and the grant to
// read (or write) its patient's record. Here rather than in record-access.ts, which makes them, so the
// queries record-access.ts itself uses can ask for one without a cycle.
import { requireGrant, type AccessGrant } from '../access/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';

/**
 * An episode and the grant to read (or write) its patient's record. Only the authorise functions of
 * record-access.ts (and caseload's, for the episode) make one, from an AccessGrant only the access
 * decision can mint, so a route that forgets to authorise has nothing to pass.
 */
export type RecordAccess<A extends 'read' | 'write' = 'read' | 'write'> = { episode: EpisodeResponse; grant: AccessGrant<A>; reason: string | null };
/** Access to write in the record (a write grant). */
export type RecordWriteAccess = RecordAccess<'write'>;

/** The episode a read is of, once its grant is checked to be real and for that episode's patient. */
export function episodeIdOf(access: RecordAccess): string {
  requireGrant(access.grant, access.episode.patientId);
  return access.episode.id;
}
