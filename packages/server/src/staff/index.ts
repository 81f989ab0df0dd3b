import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { signInRoutes } from './sign-in-routes.ts';
import { staffAdminRoutes } from './staff-admin-routes.ts';

/** Staff accounts, sign-in and sessions. */
export const staffContext = fp(async (app: FastifyInstance) => {
  await signInRoutes(app);
  await staffAdminRoutes(app);
}, { name: 'staff' });
