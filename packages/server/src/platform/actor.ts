// Who is acting, when, and on whose behalf the audit should say it was done: everything a domain
// function needs to know about the caller, without the HTTP request. A route builds it once per
// request (`actorOf`); a job, a CLI or the demo seeder builds one itself (`staffActor`,
// `systemActor`). Domain functions take `(trx, options)` with the actor in the options, so a timer
// or a FHIR call drives the same rules as a page.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isClinicalRole, type HomewardRole } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { AuditEventInput } from './audit-event.ts';
import { recordAuditEvent, recordAuditEvents } from './record-audit-event.ts';
import { HomewardError } from './homeward-error.ts';

/** A record an allowed audit event named (kept for an idempotent replay's audit). */
export type AuditedSubject = { recordKind: string | null; recordId: string | null; patientId: string | null };

/** The member of staff an actor acts as: what the rules need of them (a Principal has more). */
export type ActingStaff = { staffId: string; name: string; role: HomewardRole; teamId: string | null };

/** Where the action came from, for the audit: a request's id, address and browser, or a job's name. */
export type ActorOrigin = {
  requestId: string | null;
  requestIdClaimed: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The route (`/patients/:patientId`) or the job (`job:audit-sealer`, `cli:seed`). */
  via: string;
  /** The HTTP method, for a request. */
  method: string | null;
};

type ActorBase = {
  /** One clock reading for the whole operation: every row and audit event it writes says the same time. */
  readonly now: Date;
  readonly origin: ActorOrigin;
  readonly config: HomewardConfig;
  /** Set while an idempotent write collects the records its audit events name (for a later replay). */
  auditedSubjects: AuditedSubject[] | null;
  /**
   * Set while one response reads many records (Patient/$everything): allowed reads' audit events are
   * held here and written together, in one INSERT, by `releaseHeldReadAudit` before the response is
   * sent. Still durable before the data is shown; one statement instead of one per record kind.
   */
  heldReadAudit?: { events: AuditEventInput[]; at: Date } | null;
};

/** A member of staff acting: through a page or the API, or the demo seeder acting as one. */
export type Actor = ActorBase & { readonly kind: 'staff'; readonly staff: ActingStaff };

/** Homeward itself acting, on a timer or from the command line: nobody signed in. */
export type SystemActor = ActorBase & { readonly kind: 'system'; readonly staff: null };

export type AnyActor = Actor | SystemActor;

/** The X-Request-Id a caller sent, if any (at most 200 characters): a claim, never the request's id. */
export function claimedRequestId(headers: Record<string, string | string[] | undefined>): string | null {
  const claimed = headers['x-request-id'];
  return typeof claimed === 'string' ? claimed.slice(0, 200) : null;
}

export function requestOrigin(request: FastifyRequest): ActorOrigin {
  return {
    requestId: request.id,
    requestIdClaimed: claimedRequestId(request.headers),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    via: request.routeOptions.url ?? request.url,
    method: request.method,
  };
}

const actors = new WeakMap<FastifyRequest, Actor>();

/**
 * The signed-in member of staff as the actor of this request: made once, so every part of the
 * request sees the same `now`. Throws 401 when nobody is signed in.
 */
export function actorOf(request: FastifyRequest): Actor {
  const existing = actors.get(request);
  if (existing) return existing;
  const principal = request.principal;
  if (!principal) throw new HomewardError('unauthenticated', 'Sign in to continue');
  const actor: Actor = {
    kind: 'staff',
    staff: { staffId: principal.staffId, name: principal.name, role: principal.role, teamId: principal.teamId },
    now: request.server.config.now(),
    origin: requestOrigin(request),
    config: request.server.config,
    auditedSubjects: null,
  };
  actors.set(request, actor);
  return actor;
}

/** A member of staff acting outside a request (the demo seeder, a CLI). */
export function staffActor(o: { staff: ActingStaff; config: HomewardConfig; via: string; now?: Date }): Actor {
  return {
    kind: 'staff',
    staff: o.staff,
    now: o.now ?? o.config.now(),
    origin: { requestId: null, requestIdClaimed: null, ip: null, userAgent: null, via: o.via, method: null },
    config: o.config,
    auditedSubjects: null,
  };
}

/** Homeward acting by itself: a timer (lone-working escalation), a purge, a migration. */
export function systemActor(o: { config: HomewardConfig; via: string; now?: Date }): SystemActor {
  return {
    kind: 'system',
    staff: null,
    now: o.now ?? o.config.now(),
    origin: { requestId: null, requestIdClaimed: null, ip: null, userAgent: null, via: o.via, method: null },
    config: o.config,
    auditedSubjects: null,
  };
}

export type ActorAuditEvent = Omit<AuditEventInput, 'staffId' | 'staffRole' | 'ip' | 'userAgent' | 'requestId' | 'requestIdClaimed'>;

/** An audit event as the actor records it: who, from where, in which request. */
export function auditEventAs(actor: AnyActor, event: ActorAuditEvent): AuditEventInput {
  return {
    ...event,
    staffId: actor.staff?.staffId ?? null,
    staffRole: actor.staff?.role ?? null,
    ip: actor.origin.ip,
    userAgent: actor.origin.userAgent,
    requestId: actor.origin.requestId,
    requestIdClaimed: actor.origin.requestIdClaimed,
  };
}

/**
 * Records an audit event as the actor, at the actor's `now`. Pass the write's transaction so the
 * record and its audit commit together; without one the event has committed when this returns, so a
 * read's audit is durable before the data is shown.
 */
export async function auditAs(actor: AnyActor, db: Kysely<Database>, event: ActorAuditEvent): Promise<void> {
  const input = auditEventAs(actor, event);
  // Only allowed reads are held: a refusal, a write (in its own transaction) or an export is written at once.
  if (actor.heldReadAudit && event.action === 'read' && event.outcome === 'allowed') actor.heldReadAudit.events.push(input);
  else await recordAuditEvent(db, input, actor.now);
  if (actor.auditedSubjects && event.outcome === 'allowed' && (event.recordId || event.patientId)) {
    actor.auditedSubjects.push({ recordKind: event.recordKind ?? null, recordId: event.recordId ?? null, patientId: event.patientId ?? null });
  }
}

/**
 * Runs `read` with the actor's allowed reads held, then writes their audit in one INSERT (committed
 * when this returns, so before the caller shows what was read). If `read` throws, nothing it read is
 * shown, and the held events are dropped with it; refusals were written as they happened.
 */
export async function withHeldReadAudit<T>(actor: AnyActor, db: Kysely<Database>, read: () => Promise<T>): Promise<T> {
  if (actor.heldReadAudit) return read();
  const held = { events: [] as AuditEventInput[], at: actor.now };
  actor.heldReadAudit = held;
  let result: T;
  try {
    result = await read();
  } finally {
    actor.heldReadAudit = null;
  }
  await recordAuditEvents(db, held.events, held.at);
  return result;
}

/** Throws (and audits the refusal) unless the actor holds one of the roles. */
export async function requireActorRole(db: Kysely<Database>, actor: Actor, roles: readonly HomewardRole[], what: string): Promise<Actor> {
  if (!roles.includes(actor.staff.role)) {
    await auditAs(actor, db, { action: 'read', outcome: 'refused', detail: { route: actor.origin.via, rule: 'role' } });
    throw new HomewardError('forbidden', `Your role does not allow you to ${what}`);
  }
  return actor;
}

/** Patient records are for clinical staff; anyone else is refused, and the refusal audited. */
export async function requireClinicalActor(db: Kysely<Database>, actor: Actor): Promise<Actor> {
  if (!isClinicalRole(actor.staff.role)) {
    await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: 'patient', detail: { route: actor.origin.via, rule: 'role-not-clinical' } });
    throw new HomewardError('forbidden', 'Only clinical staff can see patient records. Your role is for other work.');
  }
  return actor;
}
