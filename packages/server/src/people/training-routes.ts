// Mandatory training: the matrix per role, completions, ESR CSV import with preview, team compliance (issue 16 #5).
import type { FastifyInstance } from 'fastify';
import { trainingApiRoutes } from './training-api-routes.ts';
import { trainingPages } from './training-pages.ts';

export async function trainingRoutes(app: FastifyInstance): Promise<void> {
  await trainingApiRoutes(app);
  await trainingPages(app);
}
