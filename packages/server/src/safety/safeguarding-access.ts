// Who may raise, open and act on a safeguarding concern (issue 17 #2). Raising is a write about the
// patient, so it needs the raiser's write grant on the episode (the usual access rules, audited there).
// Opening a concern is narrower than the patient's record: the safeguarding leads, the raiser and the
// people a lead named (safeguardingConcernReadBasis in packages/clinical). Everyone else, whatever their
// relationship or grade, gets the banner flag only; opening the concern is a 404, so its existence is
// confirmed no further than the banner does, and the attempt is audited against the patient.
// Deciding, naming people and closing are the lead's. Every allowed read and write is audited against the
// patient with its basis, as the access seam's grants are.
import type { Kysely } from 'kysely';
import { safeguardingConcernReadBasis, ukDateOf, type ConcernReadBasis } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { authorisePatientAccess, requireWriteGrant, type WriteGrant } from '../access/public.ts';
import { accessFactsReadWith } from '../caseload/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import { findConcern, isSafeguardingLead, listNamedPeople, type SafeguardingConcern } from './safeguarding-queries.ts';

export const concernRecordKind = 'safeguarding-concern';

/** A concern the actor may see, and why (the basis is audited with every read and write). */
export type ConcernAccess = { readonly actor: Actor; readonly concern: SafeguardingConcern; readonly basis: ConcernReadBasis; readonly isLead: boolean };
/** A concern the actor may act on as a safeguarding lead. */
export type ConcernLeadAccess = ConcernAccess & { readonly basis: 'safeguarding-lead' };

/** The patient's write grant on the episode the concern is raised from. */
export async function authoriseRaiseConcern(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse }): Promise<WriteGrant> {
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: o.episode.patientId, action: 'write', recordKind: concernRecordKind, record: { id: o.episode.id, teamId: o.episode.teamId }, facts: accessFactsReadWith(o.episode) });
  return requireWriteGrant(grant);
}

export async function actorIsSafeguardingLead(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return isSafeguardingLead(db, { staffId: actor.staff.staffId, today: ukDateOf(actor.now) });
}

/** Opens one concern for the actor, or a 404 after auditing the refusal (a concern that does not exist is a 404 too, unaudited). */
export async function authoriseConcern(db: Kysely<Database>, o: { actor: Actor; concernId: string; action?: 'read' | 'write' }): Promise<ConcernAccess> {
  await requireClinicalActor(db, o.actor);
  const concern = await findConcern(db, o.concernId);
  if (!concern) throw notFound('Safeguarding concern');
  const isLead = await actorIsSafeguardingLead(db, o.actor);
  const named = isLead ? [] : (await listNamedPeople(db, concern.id)).map((n) => n.staffId);
  const basis = safeguardingConcernReadBasis({ staffId: o.actor.staff.staffId, isSafeguardingLead: isLead, raisedBy: concern.raisedBy.id, namedStaffIds: named });
  if (!basis) {
    await auditAs(o.actor, db, { action: o.action ?? 'read', outcome: 'refused', patientId: concern.patient.id, recordKind: concernRecordKind, recordId: concern.id, detail: { rule: 'not-safeguarding-lead-raiser-or-named' } });
    throw notFound('Safeguarding concern');
  }
  return { actor: o.actor, concern, basis, isLead };
}

/** The lead's own steps (the decision, naming people, closing): others who may see it are refused, audited. */
export async function authoriseConcernLead(db: Kysely<Database>, o: { actor: Actor; concernId: string; change: string }): Promise<ConcernLeadAccess> {
  const access = await authoriseConcern(db, { ...o, action: 'write' });
  if (access.basis !== 'safeguarding-lead') {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: access.concern.patient.id, recordKind: concernRecordKind, recordId: access.concern.id, detail: { change: o.change, rule: 'not-safeguarding-lead' } });
    throw new HomewardError('forbidden', 'Only a safeguarding lead can do this. Speak to the safeguarding lead.');
  }
  return access as ConcernLeadAccess;
}

/** Audits a read of the concern against its patient, with the basis. */
export async function auditConcernRead(db: Kysely<Database>, access: ConcernAccess, detail: Record<string, unknown> = {}): Promise<void> {
  await auditAs(access.actor, db, { action: 'read', outcome: 'allowed', patientId: access.concern.patient.id, recordKind: concernRecordKind, recordId: access.concern.id, detail: { basis: access.basis, ...detail } });
}

/** Audits a write to the concern in the write's transaction. */
export async function auditConcernWrite(trx: Kysely<Database>, access: ConcernAccess, detail: Record<string, unknown>): Promise<void> {
  await auditAs(access.actor, trx, { action: 'write', outcome: 'allowed', patientId: access.concern.patient.id, recordKind: concernRecordKind, recordId: access.concern.id, detail: { basis: access.basis, ...detail } });
}

/** The leads' list: every concern; for anyone else the ones they raised or were named on. Each concern listed is audited as read. */
export async function auditConcernsListed(db: Kysely<Database>, actor: Actor, concerns: readonly SafeguardingConcern[], o: { isLead: boolean; detail: Record<string, unknown> }): Promise<void> {
  for (const c of concerns) {
    const basis = o.isLead ? 'safeguarding-lead' : c.raisedBy.id === actor.staff.staffId ? 'raised-it' : 'named';
    await auditAs(actor, db, { action: 'read', outcome: 'allowed', patientId: c.patient.id, recordKind: concernRecordKind, recordId: c.id, detail: { basis, ...o.detail } });
  }
}

/** Who names safeguarding leads: the service manager and the administrator (a governance duty, not a record). */
export const designatorRoles = ['service-manager', 'administrator'] as const;
/** Who may be a safeguarding lead, or named on a concern: clinicians (never the administrator or the privacy officer, who see no records). */
export const safeguardingLeadRoles = ['registered-therapist', 'clinical-lead', 'service-manager'] as const;
export const nameableRoles = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager', 'support-worker', 'student'] as const;

export function mayDesignate(role: string): boolean {
  return (designatorRoles as readonly string[]).includes(role);
}

export async function authoriseDesignations(db: Kysely<Database>, o: { actor: Actor; write: boolean }): Promise<Actor> {
  if (!mayDesignate(o.actor.staff.role)) {
    await auditAs(o.actor, db, { action: o.write ? 'write' : 'read', outcome: 'refused', recordKind: 'safety-designation', detail: { rule: 'not-service-manager-or-administrator' } });
    throw new HomewardError('forbidden', 'Only the service manager or an administrator names safeguarding leads');
  }
  return o.actor;
}
