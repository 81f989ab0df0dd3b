// Clinical supervision: who supervises whom, sessions recorded and confirmed, cases and actions, red/amber/green (issue 16 #1).
import type { FastifyInstance } from 'fastify';
import { supervisionApiRoutes } from './supervision-api-routes.ts';
import { supervisionPages } from './supervision-pages.ts';

export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  await supervisionApiRoutes(app);
  await supervisionPages(app);
}
