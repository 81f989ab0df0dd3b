import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { competenceRoutes } from './competence-routes.ts';
import { rotaRoutes } from './rota-routes.ts';
import { heldFormHooks } from '../platform/held-forms.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { staffAdminRoutes } from './staff-admin-routes.ts';

/** Staff accounts, sign-in and sessions, support workers' recorded competences, and the team's rota. */
export const staffContext = fp(async (app: FastifyInstance) => {
  await heldFormHooks(app);
  await signInRoutes(app);
  await staffAdminRoutes(app);
  await competenceRoutes(app);
  await rotaRoutes(app);
}, { name: 'staff' });
