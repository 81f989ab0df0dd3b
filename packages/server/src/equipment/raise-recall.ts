// A recall or safety alert on a model (and, where given, one batch): the recall, and an action to work
// for every loan of it in a patient's home across the service, made in one transaction so none is
// missed. The actions name patients the lead raising it may not care for: each is audited as a write
// about that patient on the basis of the safety recall. A second open recall of the same model and
// batch is refused (work the one there is). A recall that finds no loan is closed at once: there is
// nothing to work.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { recallActionRecordKind, recallRecordKind, type RecallAccess } from './recall-access.ts';
import { batchKey, findRecallMatches } from './recall-matches.ts';
import { findRecall, type EquipmentRecall } from './recall-queries.ts';

export type NewRecall = { id?: string; catalogueItemId: string; batch: string | null; reference: string; reason: string };
export type RaiseRecallOptions = { access: RecallAccess; recall: NewRecall };

export async function recallFieldErrors(db: Kysely<Database>, r: NewRecall): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  // No model chosen (or not one of the list's ids) is the field's problem: never asked of the uuid
  // column, which would refuse the text itself and lose the form to an error page.
  const item = z.uuid().safeParse(r.catalogueItemId).success && (await db.selectFrom('equipment_catalogue_items').select('id').where('id', '=', r.catalogueItemId).executeTakeFirst());
  if (!item) fields.push({ path: 'catalogueItemId', message: 'Choose the model that is recalled from the catalogue' });
  if (!r.reason.trim()) fields.push({ path: 'reason', message: 'Enter the reason for the recall (what the safety alert says is wrong)' });
  if (r.reason.length > 2000) fields.push({ path: 'reason', message: 'The reason must be 2000 characters or fewer' });
  if (r.reference.length > 200) fields.push({ path: 'reference', message: 'The reference must be 200 characters or fewer' });
  if ((r.batch ?? '').length > 100) fields.push({ path: 'batch', message: 'The batch must be 100 characters or fewer' });
  return fields;
}

export async function raiseRecall(trx: Kysely<Database>, o: RaiseRecallOptions): Promise<EquipmentRecall> {
  const actor = o.access.actor;
  const r = o.recall;
  const batch = r.batch?.trim() ? r.batch.trim() : null;
  const fields = await recallFieldErrors(trx, r);
  if (fields.length) throw validationFailed(fields);
  const open = await trx.selectFrom('equipment_recalls').select(['id', 'batch']).where('catalogue_item_id', '=', r.catalogueItemId).where('status', '=', 'open').execute();
  if (open.some((x) => (x.batch === null ? null : batchKey(x.batch)) === (batch === null ? null : batchKey(batch)))) {
    throw new HomewardError('duplicate', 'There is already an open recall of this model and batch: work that one to the end');
  }
  const id = r.id ?? uuidv7();
  if (r.id && (await trx.selectFrom('equipment_recalls').select('id').where('id', '=', id).executeTakeFirst())) throw new HomewardError('duplicate', 'A recall with this id already exists');
  const matches = await findRecallMatches(trx, { catalogueItemId: r.catalogueItemId, batch });
  const stamp = { created_at: actor.now, created_by: actor.staff.staffId, updated_at: actor.now, updated_by: actor.staff.staffId };
  try {
    await trx.insertInto('equipment_recalls').values({ id, catalogue_item_id: r.catalogueItemId, batch, reference: r.reference.trim(), reason: r.reason.trim(), status: matches.length ? 'open' : 'closed', ...stamp }).execute();
  } catch (error) {
    // Raised by someone else a moment ago, after the check above: the index keeps one open.
    if (isUniqueViolation(error, 'equipment_recalls_one_open_idx')) throw new HomewardError('duplicate', 'There is already an open recall of this model and batch: work that one to the end');
    throw error;
  }
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: recallRecordKind, recordId: id, detail: { change: 'raised', catalogueItemId: r.catalogueItemId, batch, loans: matches.length } });
  for (const m of matches) {
    const actionId = uuidv7();
    await trx.insertInto('equipment_recall_actions').values({ id: actionId, recall_id: id, loan_id: m.loanId, patient_id: m.patientId, ...stamp }).execute();
    await auditAs(actor, trx, { action: 'write', outcome: 'allowed', patientId: m.patientId, recordKind: recallActionRecordKind, recordId: actionId, detail: { basis: 'safety-recall', recallId: id, loanId: m.loanId } });
  }
  return (await findRecall(trx, id))!;
}
