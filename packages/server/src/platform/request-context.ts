// Per-request facts every bounded context needs: who is asking, from where, and the database.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { HomewardRole } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { HomewardError } from './homeward-error.ts';
import { isSameOriginPath, sameOriginPath } from './same-origin-path.ts';
import { actorOf, auditAs, requestOrigin, requireActorRole, requireClinicalActor, type ActorAuditEvent } from './actor.ts';
import type { Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    config: HomewardConfig;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new HomewardError('unauthenticated', 'Sign in to continue');
  return request.principal;
}

/** Throws (and audits the refusal) unless the signed-in person holds one of the roles. */
export async function requireRole(request: FastifyRequest, roles: readonly HomewardRole[], what: string): Promise<Principal> {
  const principal = requirePrincipal(request);
  await requireActorRole(request.server.db, actorOf(request), roles, what);
  return principal;
}

/** Patient pages are for clinical staff; anyone else is refused, and the refusal audited. */
export async function requireClinician(request: FastifyRequest): Promise<Principal> {
  const principal = requirePrincipal(request);
  await requireClinicalActor(request.server.db, actorOf(request));
  return principal;
}

export { claimedRequestId } from './actor.ts';

/**
 * Records an audit event with the who and where filled in from the request: as the request's actor
 * when someone is signed in (so at the actor's one `now`), else as an anonymous request (a refused
 * sign-in). Without a transaction it has committed when this returns, so a read's audit is durable
 * before the data is shown.
 */
export async function audit(request: FastifyRequest, event: ActorAuditEvent, db: Kysely<Database> = request.server.db): Promise<void> {
  if (request.principal) {
    await auditAs(actorOf(request), db, event);
    return;
  }
  const origin = requestOrigin(request);
  await recordAuditEvent(
    db,
    { ...event, staffId: null, staffRole: null, ip: origin.ip, userAgent: origin.userAgent, requestId: origin.requestId, requestIdClaimed: origin.requestIdClaimed },
    request.server.config.now(),
  );
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/api';
}

/**
 * A 303 to a path on this site. Every redirect Homeward makes goes through here, so none can be
 * turned into an open redirect or a split header: anything else goes to the home page, and is logged.
 */
export function redirectSeeOther(reply: FastifyReply, location: string): FastifyReply {
  if (!isSameOriginPath(location)) reply.request.log.error({ location: String(location).slice(0, 200) }, 'refused to redirect off-site');
  return reply.code(303).header('location', sameOriginPath(location)).send();
}
