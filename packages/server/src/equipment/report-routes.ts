// Equipment reports: on loan by category and cost, overdue inspections, uncollected after discharge, loan durations; CSV (issue 15 #9).
import type { FastifyInstance } from 'fastify';

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
