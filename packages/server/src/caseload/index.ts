import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { caseloadApiRoutes } from './caseload-api-routes.ts';
import { caseloadPages } from './caseload-pages.ts';
import { episodeApiRoutes } from './episode-api-routes.ts';
import { episodePages } from './episode-pages.ts';

/** Episodes of care once triaged: allocation within competence, the episode's course, caseloads, capacity and the waiting list. */
export const caseloadContext = fp(async (app: FastifyInstance) => {
  await episodeApiRoutes(app);
  await caseloadApiRoutes(app);
  await episodePages(app);
  await caseloadPages(app);
}, { name: 'caseload' });
