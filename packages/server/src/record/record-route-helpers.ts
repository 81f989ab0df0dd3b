// Route glue: a record addressed by its own id (a note, a goal, a summary, a letter) and the episode
// it belongs to, for clinical staff (anyone else is refused, and the refusal audited). Found through
// the request, so this is the one file outside routes and pages that knows about Fastify; what the
// routes do next (authorise, then call the domain function with the grant) does not.
import type { FastifyRequest } from 'fastify';
import { loadEpisode } from '../caseload/episode-route-helpers.ts';
import type { EpisodeResponse } from '../caseload/episode-schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { requireClinician } from '../platform/request-context.ts';
import { findDischargeSummary } from './discharge-summaries.ts';
import type { DischargeSummaryResponse, LetterResponse } from './discharge-schema.ts';
import { findGoal } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';
import { findLetter } from './letters.ts';
import { findContactNote } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export { loadEpisode };

export async function loadNote(request: FastifyRequest, id: string): Promise<{ note: ContactNoteResponse; episode: EpisodeResponse }> {
  await requireClinician(request);
  const note = await findContactNote(request.server.db, id);
  if (!note) throw notFound('Contact note');
  return { note, episode: await loadEpisode(request, note.episodeId) };
}

export async function loadGoal(request: FastifyRequest, id: string): Promise<{ goal: GoalResponse; episode: EpisodeResponse }> {
  await requireClinician(request);
  const goal = await findGoal(request.server.db, id);
  if (!goal) throw notFound('Goal');
  return { goal, episode: await loadEpisode(request, goal.episodeId) };
}

export async function loadDischargeSummary(request: FastifyRequest, id: string): Promise<{ summary: DischargeSummaryResponse; episode: EpisodeResponse }> {
  await requireClinician(request);
  const summary = await findDischargeSummary(request.server.db, { id });
  if (!summary) throw notFound('Discharge summary');
  return { summary, episode: await loadEpisode(request, summary.episodeId) };
}

export async function loadLetter(request: FastifyRequest, id: string): Promise<{ letter: LetterResponse; episode: EpisodeResponse }> {
  await requireClinician(request);
  const letter = await findLetter(request.server.db, id);
  if (!letter) throw notFound('Letter');
  return { letter, episode: await loadEpisode(request, letter.episodeId) };
}
