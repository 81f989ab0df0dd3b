// Programmes of care: activities, who delivers them, delegation and completion logs, the carer’s printed sheet: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';
import { programmeApiRoutes } from './programme-api-routes.ts';
import { programmePages } from './programme-pages.ts';

export async function programmeRoutes(app: FastifyInstance): Promise<void> {
  await programmeApiRoutes(app);
  await programmePages(app);
}
