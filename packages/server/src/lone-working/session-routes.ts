// The clinician's side: sessions from the plan and by hand, check-in and check-out (with the duress code), amber and red (issue 14 #1-#4).
import type { FastifyInstance } from 'fastify';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
