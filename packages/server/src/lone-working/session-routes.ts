// The clinician's side: sessions from the plan and by hand, check-in and check-out (with the duress code), amber and red (issue 14 #1-#4).
import type { FastifyInstance } from 'fastify';
import { sessionApiRoutes } from './session-api-routes.ts';
import { sessionPages } from './session-pages.ts';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  await sessionApiRoutes(app);
  await sessionPages(app);
}
