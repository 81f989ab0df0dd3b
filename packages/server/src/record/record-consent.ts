// Recording consent (and capacity when it was in doubt), and its withdrawal. Both are new rows; the
// consent a withdrawal refers to is never edited. Writes and their audit share the caller's transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkConsent } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { auditRecordWrite, writerOf, type RecordWriteAccess } from './record-access.ts';
import { listConsents } from './record-queries.ts';
import type { ConsentBody, ConsentResponse } from './record-schema.ts';

/** Checks consent before any transaction opens, so a refusal writes nothing. */
export function checkConsentBody(input: ConsentBody) {
  const check = checkConsent({ ...input, assessment: input.assessment ? { ...input.assessment, notes: input.assessment.notes ?? {} } : null });
  if (!check.ok) throw validationFailed(check.fields);
  return check.outcome;
}

export type RecordConsentOptions = { access: RecordWriteAccess; input: ConsentBody };

export async function recordConsent(trx: Kysely<Database>, o: RecordConsentOptions): Promise<ConsentResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const outcome = checkConsentBody(o.input);
  const i = o.input;
  const id = uuidv7();
  await trx
    .insertInto('consent_records')
    .values({
      id,
      episode_id: o.access.episode.id,
      patient_id: o.access.episode.patientId,
      kind: 'consent',
      withdraws_id: null,
      scope: i.scope,
      intervention: i.scope === 'intervention' ? i.intervention : null,
      agreed_to: i.agreedTo,
      method: i.method,
      given_by: i.givenBy,
      best_interests_decision_by: i.givenBy === 'best-interests' ? i.bestInterestsDecisionBy : null,
      best_interests_consulted: i.givenBy === 'best-interests' ? i.bestInterestsConsulted : null,
      capacity_in_doubt: i.capacityInDoubt,
      capacity_assessment: i.assessment ? JSON.stringify(i.assessment) : null,
      capacity_outcome: outcome,
      communication_support: i.communicationSupport,
      note: i.note,
      recorded_at: actor.now,
      recorded_by: principal.staffId,
      recorded_by_role: principal.role,
    })
    .execute();
  await auditRecordWrite(trx, o.access, 'consent', id, { change: 'consent-recorded', givenBy: i.givenBy, capacityOutcome: outcome });
  return (await listConsents(trx, o.access)).find((c) => c.id === id)!;
}

export type WithdrawConsentOptions = { access: RecordWriteAccess; consentId: string; note: string };

export async function withdrawConsent(trx: Kysely<Database>, o: WithdrawConsentOptions): Promise<ConsentResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const original = (await listConsents(trx, o.access)).find((c) => c.id === o.consentId && c.kind === 'consent');
  if (!original) throw notFound('Consent');
  if (original.withdrawnBy) throw validationFailed([{ path: 'consentId', message: 'This consent has already been withdrawn' }]);
  if (!o.note.trim()) throw validationFailed([{ path: 'note', message: 'Enter what the patient said or did to withdraw consent' }]);
  const id = uuidv7();
  await trx
    .insertInto('consent_records')
    .values({
      id,
      episode_id: o.access.episode.id,
      patient_id: o.access.episode.patientId,
      kind: 'withdrawal',
      withdraws_id: original.id,
      scope: original.scope as 'episode' | 'intervention',
      intervention: original.intervention,
      agreed_to: original.agreedTo,
      capacity_in_doubt: false,
      note: o.note.trim(),
      recorded_at: actor.now,
      recorded_by: principal.staffId,
      recorded_by_role: principal.role,
    })
    .execute();
  await auditRecordWrite(trx, o.access, 'consent', id, { change: 'consent-withdrawn', withdraws: original.id });
  return (await listConsents(trx, o.access)).find((c) => c.id === id)!;
}
