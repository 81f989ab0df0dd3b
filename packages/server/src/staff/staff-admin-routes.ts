import type { FastifyInstance } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import { requireAdministrator } from './require-administrator.ts';
import { staffAdminApiRoutes } from './staff-admin-api-routes.ts';
import { staffAdminPages } from './staff-admin-pages.ts';

/** Administrators manage staff accounts (pages and API). */
export async function staffAdminRoutes(app: FastifyInstance): Promise<void> {
  // An encapsulated scope, so this check guards these routes only. It runs before the body is
  // parsed: someone without the role learns nothing from validation messages.
  await app.register(async (admin) => {
    admin.addHook('preValidation', async (request) => {
      await requireAdministrator(request.server.db, actorOf(request));
    });
    await staffAdminPages(admin);
    await staffAdminApiRoutes(admin);
  });
}
