// Episode reviews and reassessment prompts; scores over time on a chart with its data table: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';
import { reviewApiRoutes } from './review-api-routes.ts';
import { reviewPages } from './review-pages.ts';

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  await reviewApiRoutes(app);
  await reviewPages(app);
}
