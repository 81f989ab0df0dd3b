import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { planApiRoutes } from './plan-api-routes.ts';
import { planPages } from './plan-pages.ts';

/** The visit day: planning the team's visits (the planner as a durable job), adjusting and publishing the plan. */
export const visitsContext = fp(async (app: FastifyInstance) => {
  await planApiRoutes(app);
  await planPages(app);
}, { name: 'visits' });
