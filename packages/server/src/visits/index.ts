import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { runSheetApiRoutes } from './run-sheet-api-routes.ts';
import { runSheetOutcomePages } from './run-sheet-outcome-pages.ts';
import { runSheetPages } from './run-sheet-pages.ts';
import { visitApiRoutes } from './visit-api-routes.ts';
import { visitNeedsPages } from './visit-needs-pages.ts';
import { visitPages } from './visit-pages.ts';
import { planApiRoutes } from './plan-api-routes.ts';
import { planPages } from './plan-pages.ts';

/** The visit day: visit needs, the team's visits, the plan, run sheets. Each part registers its routes here, one line each. */
export const visitsContext = fp(async (app: FastifyInstance) => {
  await visitApiRoutes(app);
  await visitNeedsPages(app);
  await visitPages(app);
  // Planning the day (the planner as a durable job), adjusting and publishing the plan.
  await planApiRoutes(app);
  await planPages(app);
  await runSheetApiRoutes(app);
  await runSheetPages(app);
  await runSheetOutcomePages(app);
}, { name: 'visits' });
