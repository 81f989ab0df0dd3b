// Goals in the patient’s words, rated with Goal Attainment Scaling: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';
import { goalApiRoutes } from './goals-api-routes.ts';
import { goalPages } from './goals-pages.ts';

export async function goalRoutes(app: FastifyInstance): Promise<void> {
  await goalApiRoutes(app);
  await goalPages(app);
}
