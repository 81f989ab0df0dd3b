// The team lead's live board (issue 14 #6).
import type { FastifyInstance } from 'fastify';

export async function boardRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
