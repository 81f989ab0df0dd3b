// Mandatory training: the matrix per role, completions, ESR CSV import with preview, team compliance (issue 16 #5).
import type { FastifyInstance } from 'fastify';

export async function trainingRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
