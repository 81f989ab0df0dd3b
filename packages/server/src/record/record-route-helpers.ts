// Route glue: a record addressed by its own id (a note, a goal, a summary, a letter) and the episode
// it belongs to, for clinical staff (anyone else is refused, and the refusal audited). Found through
// the request, so this is the one file outside routes and pages that knows about Fastify; what the
// routes do next (authorise, then call the domain function with the grant) does not.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { loadEpisode } from '../caseload/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { requireClinician } from '../platform/request-context.ts';
import { findDischargeSummaryWhere } from './discharge-summaries.ts';
import type { DischargeSummaryResponse, LetterResponse } from './discharge-schema.ts';
import { findGoalWhere } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';
import { findLetterWhere } from './letters.ts';
import { contactNotesWhere } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export { loadEpisode };

/** The record `find` reads, and its episode; 404 in the record's own words when there is none. */
async function loadWithEpisode<T extends { episodeId: string }>(request: FastifyRequest, what: string, find: (db: Kysely<Database>) => Promise<T | null | undefined>): Promise<{ found: T; episode: EpisodeResponse }> {
  await requireClinician(request);
  const found = await find(request.server.db);
  if (!found) throw notFound(what);
  return { found, episode: await loadEpisode(request, found.episodeId) };
}

export async function loadNote(request: FastifyRequest, id: string): Promise<{ note: ContactNoteResponse; episode: EpisodeResponse }> {
  const { found, episode } = await loadWithEpisode(request, 'Contact note', async (db) => (await contactNotesWhere(db, { ids: [id] }))[0]);
  return { note: found, episode };
}

export async function loadGoal(request: FastifyRequest, id: string): Promise<{ goal: GoalResponse; episode: EpisodeResponse }> {
  const { found, episode } = await loadWithEpisode(request, 'Goal', (db) => findGoalWhere(db, { id }));
  return { goal: found, episode };
}

export async function loadDischargeSummary(request: FastifyRequest, id: string): Promise<{ summary: DischargeSummaryResponse; episode: EpisodeResponse }> {
  const { found, episode } = await loadWithEpisode(request, 'Discharge summary', (db) => findDischargeSummaryWhere(db, { id }));
  return { summary: found, episode };
}

export async function loadLetter(request: FastifyRequest, id: string): Promise<{ letter: LetterResponse; episode: EpisodeResponse }> {
  const { found, episode } = await loadWithEpisode(request, 'Letter', (db) => findLetterWhere(db, { id }));
  return { letter: found, episode };
}
