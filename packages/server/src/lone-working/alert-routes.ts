// Alerts: the team's ladder, the responder's alert page (acknowledge, actions, close) and notifications (issue 14 #5, #7).
import type { FastifyInstance } from 'fastify';

export async function alertRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
