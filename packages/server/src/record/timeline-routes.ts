// The patient timeline: everything in an episode in time order, filterable by kind: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';

export async function timelineRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
