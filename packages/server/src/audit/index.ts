import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { auditApiRoutes } from './audit-api-routes.ts';
import { auditPages } from './audit-pages.ts';
import { requirePrivacyOfficer } from './require-privacy-officer.ts';

/** The access audit: the privacy officer's views of who saw what, and every break-glass. */
export const auditContext = fp(async (app: FastifyInstance) => {
  // An encapsulated scope, so the gate covers every audit route (and any added later) and nothing else.
  await app.register(async (scope) => {
    scope.addHook('preValidation', async (request) => {
      await requirePrivacyOfficer(request);
    });
    await auditApiRoutes(scope);
    await auditPages(scope);
  });
}, { name: 'audit' });
