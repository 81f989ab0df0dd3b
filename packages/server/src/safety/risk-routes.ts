// The risk register (issue 17 #3): pages and JSON API.
import type { FastifyInstance } from 'fastify';
import { riskApiRoutes } from './risk-api-routes.ts';
import { riskPages } from './risk-pages.ts';

export async function riskRoutes(app: FastifyInstance): Promise<void> {
  await riskApiRoutes(app);
  await riskPages(app);
}
