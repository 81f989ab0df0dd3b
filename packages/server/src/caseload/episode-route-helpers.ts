// What the episode routes (and record/'s, until they build the actor themselves) share: the episode
// a request names, for the request's actor.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import { findEpisodeFor } from './episode-access.ts';
import type { EpisodeResponse } from './episode-schema.ts';

export async function loadEpisode(request: FastifyRequest, id: string): Promise<EpisodeResponse> {
  return findEpisodeFor(request.server.db, { actor: actorOf(request), id });
}
