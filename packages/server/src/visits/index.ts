import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { planApiRoutes } from './plan-api-routes.ts';
import { planPages } from './plan-pages.ts';
import { routeMapPages } from './route-map-pages.ts';
import { runSheetApiRoutes } from './run-sheet-api-routes.ts';
import { runSheetOutcomePages } from './run-sheet-outcome-pages.ts';
import { runSheetPages } from './run-sheet-pages.ts';
import { visitApiRoutes } from './visit-api-routes.ts';
import { visitNeedsPages } from './visit-needs-pages.ts';
import { visitPages } from './visit-pages.ts';
import type { VisitsContextOptions } from './visit-ports.ts';

/** The visit day: visit needs, the team's visits, the plan, run sheets. Each part registers its routes here, one line each. */
export const visitsContext = fp(async (app: FastifyInstance, options: VisitsContextOptions) => {
  await visitApiRoutes(app, options.visitCalledOff ?? null);
  await visitNeedsPages(app);
  await visitPages(app, options.visitCalledOff ?? null);
  // Planning the day (the planner as a durable job), adjusting and publishing the plan.
  await planApiRoutes(app, options.planPublished ?? null);
  await planPages(app, options.planPublished ?? null);
  await runSheetApiRoutes(app, options.visitCalledOff ?? null);
  await runSheetPages(app, options.runSheetChecks ?? null);
  await runSheetOutcomePages(app, options.visitCalledOff ?? null);
  await routeMapPages(app);
}, { name: 'visits' });
