import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { alertApiRoutes } from './alert-api-routes.ts';
import { alertRoutes } from './alert-routes.ts';
import { boardRoutes } from './board-routes.ts';
import { sessionRoutes } from './session-routes.ts';

/** Lone working (issue 14): sessions and check-ins, alerts and their escalation, the live board. Each part registers its routes here, one line each. */
export const loneWorkingContext = fp(async (app: FastifyInstance) => {
  await sessionRoutes(app);
  await alertRoutes(app);
  await alertApiRoutes(app);
  await boardRoutes(app);
}, { name: 'lone-working' });
