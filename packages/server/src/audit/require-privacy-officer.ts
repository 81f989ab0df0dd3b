import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import type { Principal } from '../platform/principal.ts';

const uuid = z.uuid();

/**
 * The access audit is for the privacy officer alone. Anyone else is refused, and the attempt is itself
 * audited (with the patient, when it was a patient's access history they tried to see). Runs before
 * validation, so a refusal never depends on how well-formed the request was.
 */
export async function requirePrivacyOfficer(request: FastifyRequest): Promise<Principal> {
  const principal = requirePrincipal(request);
  if (principal.role !== 'privacy-officer') {
    const params = request.params as Record<string, unknown> | undefined;
    const patientId = uuid.safeParse(params?.id);
    await audit(request, {
      action: 'read',
      outcome: 'refused',
      recordKind: 'audit',
      patientId: patientId.success ? patientId.data : null,
      detail: { route: request.routeOptions.url ?? request.url, rule: 'role' },
    });
    throw new HomewardError('forbidden', 'Only the privacy officer can see the access audit');
  }
  return principal;
}
