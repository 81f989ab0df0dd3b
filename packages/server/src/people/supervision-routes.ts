// Clinical supervision: who supervises whom, sessions recorded and confirmed, cases and actions, red/amber/green (issue 16 #1).
import type { FastifyInstance } from 'fastify';

export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
