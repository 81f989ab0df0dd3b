// The gate in front of every patient record: decide (packages/clinical), audit, and refuse or allow.
// An allowed decision is an AccessGrant, a capability: only this file can make one (its brand is a
// symbol nobody else can name, and every grant made is remembered), and the per-patient queries and
// domain functions ask for one, so a handler that forgets to authorise does not compile. Reads and
// writes are audited through the grant (auditRead, auditWrite), which fills in who, which patient,
// on what basis and for what reason, so a handler cannot leave those out either.
import type { Kysely } from 'kysely';
import { decidePatientAccess, type AccessDecision, type AccessRule, type PatientAction } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { auditAs, type Actor, type ActingStaff } from '../platform/actor.ts';
import { factsReadFor, loadAccessFacts, type AccessFacts } from './relationship-queries.ts';

/**
 * Read, write, or refer (bring the patient into the team's care, which may update their GP on the
 * way): what a grant allows. A write grant also allows reading what it is about.
 */
export type GrantedAction = Extract<PatientAction, 'read' | 'write' | 'refer'>;

const minted: unique symbol = Symbol('AccessGrant');
const grants = new WeakSet<object>();

/** The episode (or another team-owned record about one patient: a referral) a read or write is about. */
export type TeamRecord = { id: string; teamId: string };

/**
 * Permission, decided and (when refused) audited, for one member of staff to read or write one
 * patient's record. Made only by authorisePatientAccess.
 */
export type AccessGrant<A extends GrantedAction = GrantedAction> = {
  readonly [minted]: true;
  readonly actor: Actor;
  /** The acting member of staff (the actor's). */
  readonly staff: ActingStaff;
  readonly patientId: string;
  /** A write grant is usable where a read grant is asked for, not the other way round. */
  readonly action: A;
  readonly basis: 'relationship' | 'break-glass';
  /** 'summary': another team's episode, seen through the clinician's own relationship (header, final discharge summary, letters). */
  readonly scope: 'full' | 'summary';
  readonly breakGlass: AccessFacts['breakGlass'];
  /** The reason to record with each audited access: the break-glass reason when that is the basis. */
  readonly reason: string | null;
  /** The team-owned record the decision was about, if any. */
  readonly record: TeamRecord | null;
  /** The facts the decision rested on, read once: what else the page decides for this patient (the hub's links) asks them, not the database again. */
  readonly facts: AccessFacts;
};

/** A grant to read (a write grant also serves). */
export type ReadGrant = AccessGrant;
/** A grant to write (a referral's grant writes the referral, and the patient's GP with it). */
export type WriteGrant = AccessGrant<'write' | 'refer'>;

/** @deprecated the old name: an AccessGrant. */
export type PatientAccessGrant = AccessGrant;

/** The refusal a client sees: the rules that break-glass can answer point to it (the page offers it). */
export function accessRefusal(rule: AccessRule, message: string, patientId: string): HomewardError {
  const answerable = rule === 'no-relationship' || rule === 'other-team-episode';
  return new HomewardError(answerable ? 'no_legitimate_relationship' : 'forbidden', message, answerable ? { breakGlassPatientId: patientId } : {});
}

export type AuthorisePatientAccessOptions<A extends GrantedAction> = {
  actor: Actor;
  patientId: string;
  action: A;
  /** What the refusal is audited as ('patient', 'episode', 'referral', ...). */
  recordKind?: string;
  /** Reads and writes of one episode's record (or another team's referral) name it. */
  record?: TeamRecord;
  /**
   * The patient's access facts, when the query that loaded the record carried them (accessFactsQuery
   * joined to it): decided on without asking the database again, but only when they were read by
   * relationship-queries.ts for this member of staff, this patient and this moment; else read here.
   */
  facts?: AccessFacts | undefined;
};

/**
 * Allows a read or write of one patient's record, or throws after auditing the refusal. The allowed
 * access itself is audited through the grant (auditRead, auditWrite), by the caller, which knows
 * what record was read or written. Reads and writes of one episode's record (or of another team's
 * referral) name it, so another team's episode is seen only in summary without break-glass. The
 * facts are read from `db` (not the write's transaction), so a refusal's audit is never rolled back.
 */
export async function authorisePatientAccess<A extends GrantedAction>(db: Kysely<Database>, o: AuthorisePatientAccessOptions<A>): Promise<AccessGrant<A>> {
  const { actor, patientId, action } = o;
  const recordKind = o.recordKind ?? 'patient';
  const staff = actor.staff;
  const carried = o.facts && factsReadFor(o.facts, { staffId: staff.staffId, patientId, now: actor.now }) ? o.facts : null;
  const facts = carried ?? (await loadAccessFacts(db, staff, [patientId], actor.now)).get(patientId)!;
  // No such patient: nothing to decide about, and nothing to audit (as when a loader finds no record).
  if (!facts.found) throw notFound('Patient');
  const decision: AccessDecision = decidePatientAccess({
    role: staff.role,
    action,
    hasRelationship: facts.hasRelationship,
    hasActiveBreakGlass: facts.breakGlass !== null,
    ...(o.record ? { episode: { ownTeam: o.record.teamId === staff.teamId, recordKind } } : {}),
  });
  if (!decision.allowed) {
    // A referral is a write; refused before it exists, it names no record.
    const refer = action === 'refer';
    await auditAs(actor, db, { action: refer ? 'write' : action, outcome: 'refused', patientId, recordKind, recordId: o.record?.id ?? (refer ? null : patientId), detail: { rule: decision.rule } });
    throw accessRefusal(decision.rule, decision.message, patientId);
  }
  const breakGlass = decision.basis === 'break-glass' ? facts.breakGlass : null;
  const grant = {
    [minted]: true as const,
    actor,
    staff,
    patientId,
    action,
    basis: decision.basis === 'break-glass' ? 'break-glass' : 'relationship',
    scope: decision.scope === 'summary' ? 'summary' : 'full',
    breakGlass,
    reason: breakGlass ? (breakGlass.detail ? `${breakGlass.reason}: ${breakGlass.detail}` : breakGlass.reason) : null,
    record: o.record ?? null,
    facts,
  } satisfies AccessGrant<A>;
  grants.add(grant);
  return Object.freeze(grant);
}

/** Refuses a grant this file did not make (a cast is not a decision). */
export function requireGrant<A extends GrantedAction>(grant: AccessGrant<A>, patientId?: string): AccessGrant<A> {
  if (!grants.has(grant)) throw new Error('An access grant must come from authorisePatientAccess');
  if (patientId !== undefined && patientId !== grant.patientId) throw new Error('The access grant is for another patient');
  return grant;
}

/**
 * A grant that may write, or a refusal: for a seam shared with code still holding grants typed for
 * either (record/'s RecordAccess), where the type cannot yet say which.
 */
export function requireWriteGrant(grant: AccessGrant): WriteGrant {
  requireGrant(grant);
  if (grant.action === 'read') throw new Error('A read grant cannot write');
  return grant as WriteGrant;
}

/** The reason to record with an audited access: the break-glass reason when that is the basis. */
export function auditReason(grant: AccessGrant): string | null {
  return grant.reason;
}

export type GrantAuditOptions = {
  recordKind: string;
  recordId: string | null;
  /** Added to the grant's basis (and scope, when only a summary was seen). */
  detail?: Record<string, unknown>;
};

function grantDetail(grant: AccessGrant, detail: Record<string, unknown> | undefined): Record<string, unknown> {
  return { basis: grant.basis, ...(grant.scope === 'summary' ? { scope: 'summary' } : {}), ...detail };
}

/**
 * Audits a read of the granted patient's record, as the grant's actor. Without a transaction it has
 * committed when this returns, so the audit is durable before the data is shown.
 */
export async function auditRead(grant: AccessGrant, db: Kysely<Database>, o: GrantAuditOptions & { action?: 'read' | 'export' }): Promise<void> {
  requireGrant(grant);
  await auditAs(grant.actor, db, { action: o.action ?? 'read', outcome: 'allowed', patientId: grant.patientId, recordKind: o.recordKind, recordId: o.recordId, reason: grant.reason, detail: grantDetail(grant, o.detail) });
}

/** Audits a write to the granted patient's record in the write's transaction, so both commit or neither. */
export async function auditWrite(grant: WriteGrant, trx: Kysely<Database>, o: GrantAuditOptions): Promise<void> {
  requireGrant(grant);
  if ((grant.action as GrantedAction) === 'read') throw new Error('A read grant cannot write');
  await auditAs(grant.actor, trx, { action: 'write', outcome: 'allowed', patientId: grant.patientId, recordKind: o.recordKind, recordId: o.recordId, reason: grant.reason, detail: grantDetail(grant, o.detail) });
}

/** Audits a refusal by a later rule (a role, a state) about the granted patient; refusals commit on their own. */
export async function auditRefusal(grant: AccessGrant, db: Kysely<Database>, o: GrantAuditOptions & { action?: 'read' | 'write' }): Promise<void> {
  await auditAs(grant.actor, db, { action: o.action ?? (grant.action === 'read' ? 'read' : 'write'), outcome: 'refused', patientId: grant.patientId, recordKind: o.recordKind, recordId: o.recordId, detail: o.detail ?? {} });
}
