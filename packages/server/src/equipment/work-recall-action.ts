// One step on a recall action (contacted, inspected, collected, closed with the outcome), by someone
// who may write the patient's record: version-checked, only forward (recall-action-steps.ts), audited
// as a write about the patient. When the last action closes, the recall closes with it.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database, EquipmentRecallActionStatus } from '../db/schema.ts';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { recallActionRecordKind, recallRecordKind } from './recall-access.ts';
import { recallActionStatusLabels, recallStepProblem } from './recall-action-steps.ts';
import { findRecallAction, type RecallActionRow } from './recall-queries.ts';

export type WorkRecallActionOptions = { grant: WriteGrant; actionId: string; version: number; status: EquipmentRecallActionStatus; outcome: string | null };

export async function workRecallAction(trx: Kysely<Database>, o: WorkRecallActionOptions): Promise<RecallActionRow> {
  const grant = requireGrant(o.grant);
  const before = await findRecallAction(trx, o.actionId);
  if (!before || before.patientId !== grant.patientId) throw notFound('Recall action');
  const outcome = o.outcome?.trim() ? o.outcome.trim() : null;
  if (outcome && outcome.length > 2000) throw validationFailed([{ path: 'outcome', message: 'The outcome must be 2000 characters or fewer' }]);
  if (before.version === o.version) {
    const problem = recallStepProblem(before.status, o.status, outcome);
    if (problem) throw validationFailed([problem]);
  }
  await updateVersioned(trx, {
    actor: grant.actor,
    table: 'equipment_recall_actions',
    id: o.actionId,
    version: o.version,
    set: { status: o.status, outcome: outcome ?? before.outcome },
    onlyIf: sql<SqlBool>`status <> 'closed'`,
    current: () => findRecallAction(trx, o.actionId),
    conflict: (a) => new HomewardError('version_conflict', `Someone else recorded “${recallActionStatusLabels[a.status]}” on this action meanwhile: check it and try again`, { current: a, currentPatientId: grant.patientId }),
    what: 'Recall action',
    patientId: grant.patientId,
  });
  await auditWrite(grant, trx, { recordKind: recallActionRecordKind, recordId: o.actionId, detail: { recallId: before.recallId, from: before.status, to: o.status } });
  if (o.status === 'closed') {
    const left = await trx.selectFrom('equipment_recall_actions').select('id').where('recall_id', '=', before.recallId).where('status', '<>', 'closed').executeTakeFirst();
    if (!left) {
      const recall = await trx.selectFrom('equipment_recalls').select(['version', 'status']).where('id', '=', before.recallId).executeTakeFirstOrThrow();
      if (recall.status === 'open') {
        await updateVersioned(trx, { actor: grant.actor, table: 'equipment_recalls', id: before.recallId, version: recall.version, set: { status: 'closed' }, current: async () => recall, what: 'Recall' });
        await auditAs(grant.actor, trx, { action: 'write', outcome: 'allowed', recordKind: recallRecordKind, recordId: before.recallId, detail: { change: 'closed', lastAction: o.actionId } });
      }
    }
  }
  return (await findRecallAction(trx, o.actionId))!;
}
