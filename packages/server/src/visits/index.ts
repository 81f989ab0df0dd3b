import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { runSheetApiRoutes } from './run-sheet-api-routes.ts';
import { runSheetOutcomePages } from './run-sheet-outcome-pages.ts';
import { runSheetPages } from './run-sheet-pages.ts';

/** The visit day (issue 13): run sheets and what happened on each visit. */
export const visitsContext = fp(async (app: FastifyInstance) => {
  await runSheetApiRoutes(app);
  await runSheetPages(app);
  await runSheetOutcomePages(app);
}, { name: 'visits' });
