// Every change to an alert is audited, naming the patient when the alert is about a visit to one.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type AnyActor } from '../platform/actor.ts';

export const alertRecordKind = 'lone-working-alert';

export async function patientOfSession(trx: Kysely<Database>, sessionId: string | null): Promise<string | null> {
  if (!sessionId) return null;
  const s = await trx.selectFrom('lone_working_sessions').select('patient_id').where('id', '=', sessionId).executeTakeFirst();
  return s?.patient_id ?? null;
}

export async function auditAlertWrite(trx: Kysely<Database>, o: { actor: AnyActor; alertId: string; sessionId: string | null; change: string; detail?: Record<string, unknown> }): Promise<void> {
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: alertRecordKind, recordId: o.alertId, patientId: await patientOfSession(trx, o.sessionId), detail: { change: o.change, ...(o.detail ?? {}) } });
}
