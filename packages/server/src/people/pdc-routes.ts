// The annual Performance Development Conversation: objectives, development plan, both confirm (issue 16 #4).
import type { FastifyInstance } from 'fastify';

export async function pdcRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
