// Only administrators manage staff accounts. Every refusal is audited, so the privacy officer can
// see who tried to reach staff administration without the role.
import type { FastifyRequest } from 'fastify';
import { HomewardError } from '../platform/homeward-error.ts';
import type { Principal } from '../platform/principal.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';

export async function requireAdministrator(request: FastifyRequest): Promise<Principal> {
  const principal = requirePrincipal(request);
  if (principal.role !== 'administrator') {
    await audit(request, {
      action: 'staff-admin',
      outcome: 'refused',
      recordKind: 'staff',
      detail: { method: request.method, route: request.routeOptions.url ?? request.url, rule: 'role' },
    });
    throw new HomewardError('forbidden', 'Only administrators can manage staff accounts');
  }
  return principal;
}
