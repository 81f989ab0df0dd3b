// The annual Performance Development Conversation: objectives, development plan, both confirm (issue 16 #4).
import type { FastifyInstance } from 'fastify';
import { pdcApiRoutes } from './pdc-api-routes.ts';
import { pdcPages } from './pdc-pages.ts';

export async function pdcRoutes(app: FastifyInstance): Promise<void> {
  await pdcApiRoutes(app);
  await pdcPages(app);
}
