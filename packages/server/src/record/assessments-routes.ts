// Standardised assessments: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';
import { assessmentApiRoutes } from './assessments-api-routes.ts';
import { assessmentPages } from './assessments-pages.ts';

export async function assessmentRoutes(app: FastifyInstance): Promise<void> {
  await assessmentApiRoutes(app);
  await assessmentPages(app);
}
