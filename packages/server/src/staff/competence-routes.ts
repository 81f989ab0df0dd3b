// Support workers' competences for delegated activities, recorded by a registered therapist.
import type { FastifyInstance } from 'fastify';

export async function competenceRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
