// Programmes of care: activities, who delivers them, delegation and completion logs, the carer’s printed sheet: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';

export async function programmeRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
