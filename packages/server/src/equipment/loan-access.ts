// Who may see and change the equipment on loan to a patient within an episode. A loan names a patient,
// so it is patient data: every read and write goes through the access decision (authorisePatientAccess,
// told the episode: another team's episode needs break-glass, as its notes do) and is audited through
// the grant. On top of that, each change has its own role rule: prescribing is decidePrescribing's
// (packages/clinical), per item, inside the write; delivering, fitting and teaching safe use are done by
// the clinicians who visit, support workers included (they deliver and teach what someone else
// prescribed); students and service managers do neither. Refusals are audited.
import type { Kysely } from 'kysely';
import { mayPrescribeEquipment, type HomewardRole } from '@homeward/clinical';
import { auditRead, auditWrite, authorisePatientAccess, requireGrant, type AccessGrant, type WriteGrant } from '../access/public.ts';
import { accessFactsReadWith, type EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

/** What the audit calls a loan (and the episode's equipment as a whole). */
export const loanKind = 'equipment-loan';
export const trainingKind = 'equipment-training';

/** An episode with the grant to read (or write) its equipment. */
export type LoanAccess<A extends 'read' | 'write' = 'read' | 'write'> = { episode: EpisodeResponse; grant: AccessGrant<A> };
export type LoanWriteAccess = LoanAccess<'write'>;

/** The changes to a loan, each with its role rule. */
export type LoanChange = 'prescribe' | 'deliver' | 'train' | 'cancel' | 'print' | 'collect' | 'recall';

const visitingRoles: readonly HomewardRole[] = ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'];

/** Whether this role makes this change at all: the pages offer a link only where the route would let them through. */
export function mayChangeLoan(role: HomewardRole, change: LoanChange): boolean {
  if (change === 'prescribe' || change === 'cancel') return mayPrescribeEquipment(role);
  return visitingRoles.includes(role);
}

const changeRefusals: Record<LoanChange, string> = {
  prescribe: 'Only an assistant practitioner, registered therapist or clinical lead can prescribe equipment',
  cancel: 'Only an assistant practitioner, registered therapist or clinical lead can cancel a prescription',
  deliver: 'Only the clinicians who visit (support workers, assistant practitioners, registered therapists and clinical leads) record a delivery',
  train: 'Only the clinicians who visit (support workers, assistant practitioners, registered therapists and clinical leads) record training in safe use',
  print: 'Only the clinicians who visit (support workers, assistant practitioners, registered therapists and clinical leads) print the carer’s equipment sheet',
  collect: 'Only the clinicians who visit (support workers, assistant practitioners, registered therapists and clinical leads) record a collection',
  recall: 'Only the clinicians who visit (support workers, assistant practitioners, registered therapists and clinical leads) work a recall action',
};

function grantFor<A extends 'read' | 'write'>(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse }, action: A): Promise<AccessGrant<A>> {
  return authorisePatientAccess(db, { actor: o.actor, patientId: o.episode.patientId, action, recordKind: loanKind, record: { id: o.episode.id, teamId: o.episode.teamId }, facts: accessFactsReadWith(o.episode) });
}

export async function authoriseLoanRead(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse }): Promise<LoanAccess<'read'>> {
  return { episode: o.episode, grant: await grantFor(db, o, 'read') };
}

export async function authoriseLoanWrite(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse; change: LoanChange }): Promise<LoanWriteAccess> {
  const grant = await grantFor(db, o, 'write');
  if (!mayChangeLoan(grant.staff.role, o.change)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: o.episode.patientId, recordKind: loanKind, recordId: o.episode.id, detail: { change: o.change, rule: 'role-does-not-' + o.change } });
    throw new HomewardError('forbidden', changeRefusals[o.change]);
  }
  return { episode: o.episode, grant };
}

/** The grant's actor, once the grant is checked to be real and for this episode's patient. */
export function loanWriterOf(access: LoanWriteAccess): Actor {
  return requireGrant(access.grant, access.episode.patientId).actor;
}

export async function auditLoanRead(db: Kysely<Database>, access: LoanAccess, recordId: string, detail: Record<string, unknown> = {}): Promise<void> {
  await auditRead(access.grant, db, { recordKind: loanKind, recordId, detail: { episodeId: access.episode.id, ...detail } });
}

export async function auditLoanWrite(trx: Kysely<Database>, access: LoanWriteAccess, recordKind: string, recordId: string, detail: Record<string, unknown> = {}): Promise<void> {
  await auditWrite(access.grant as WriteGrant, trx, { recordKind, recordId, detail: { episodeId: access.episode.id, ...detail } });
}

/** A refusal by a rule after the grant (the prescribing rule, a loan's state), audited on its own so it stands. */
export async function auditLoanRefusal(db: Kysely<Database>, access: LoanAccess, recordId: string, detail: Record<string, unknown>): Promise<void> {
  await auditAs(access.grant.actor, db, { action: 'write', outcome: 'refused', patientId: access.episode.patientId, recordKind: loanKind, recordId, detail: { episodeId: access.episode.id, ...detail } });
}
