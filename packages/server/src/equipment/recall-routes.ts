// Recalls: which patients have model X (batch Y), and the action list worked to the end (issue 15 #6).
import type { FastifyInstance } from 'fastify';

export async function recallRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
