// Competences for every role: evidence, sign-off, expiry; used by allocation, delegation and the visit planner (issue 16 #2).
import type { FastifyInstance } from 'fastify';

export async function competenceRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
