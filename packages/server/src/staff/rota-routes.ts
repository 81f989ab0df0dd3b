// The rota (issue 13): the JSON API and the pages.
import type { FastifyInstance } from 'fastify';
import { rotaApiRoutes } from './rota-api-routes.ts';
import { rotaPages } from './rota-pages.ts';

export async function rotaRoutes(app: FastifyInstance): Promise<void> {
  await rotaApiRoutes(app);
  await rotaPages(app);
}
