import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { visitApiRoutes } from './visit-api-routes.ts';
import { visitNeedsPages } from './visit-needs-pages.ts';
import { visitPages } from './visit-pages.ts';

/** The visit day: visit needs, the team's visits, the plan, run sheets. Each part registers its routes here, one line each. */
export const visitsContext = fp(async (app: FastifyInstance) => {
  await visitApiRoutes(app);
  await visitNeedsPages(app);
  await visitPages(app);
}, { name: 'visits' });
