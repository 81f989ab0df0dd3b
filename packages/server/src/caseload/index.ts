import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { caseloadApiRoutes } from './caseload-api-routes.ts';
import { caseloadPages } from './caseload-pages.ts';
import { supervisionRoutes } from './supervision-routes.ts';

/** Episodes of care once triaged: allocation within competence, the episode's course, caseloads, capacity and the waiting list. */
export const caseloadContext = fp(async (app: FastifyInstance) => {
  await caseloadApiRoutes(app);
  await caseloadPages(app);
  await supervisionRoutes(app);
}, { name: 'caseload' });
