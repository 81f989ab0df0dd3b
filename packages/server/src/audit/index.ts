import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../platform/actor.ts';
import { auditApiRoutes } from './audit-api-routes.ts';
import { auditPages } from './audit-pages.ts';
import { requirePrivacyOfficer } from './require-privacy-officer.ts';

const uuid = z.uuid();

/** The access audit: the privacy officer's views of who saw what, and every break-glass. */
export const auditContext = fp(async (app: FastifyInstance) => {
  // An encapsulated scope, so the gate covers every audit route (and any added later) and nothing else.
  await app.register(async (scope) => {
    scope.addHook('preValidation', async (request) => {
      const patientId = uuid.safeParse((request.params as Record<string, unknown> | undefined)?.id);
      await requirePrivacyOfficer(request.server.db, { actor: actorOf(request), patientId: patientId.success ? patientId.data : null });
    });
    await auditApiRoutes(scope);
    await auditPages(scope);
  });
}, { name: 'audit' });
