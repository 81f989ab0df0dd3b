// An objective or an item of the development plan added to a PDC, by the member of staff or the manager.
// Any change to the plan clears both confirmations: each confirms the plan as it now stands.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { pdcItemReviewProblem, type PdcItemKind } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import type { PdcAccess } from './pdc-access.ts';

export type PdcItemInput = { text: string; measure: string; reviewOn: string | null };

export function pdcItemProblems(i: PdcItemInput, heldOn: string): FieldError[] {
  const problems: FieldError[] = [];
  if (i.text.trim() === '') problems.push({ path: 'text', message: 'Enter the objective or development need' });
  else if (i.text.length > 2000) problems.push({ path: 'text', message: 'The objective must be 2,000 characters or fewer' });
  if (i.measure.length > 2000) problems.push({ path: 'measure', message: 'How it will be measured must be 2,000 characters or fewer' });
  const review = pdcItemReviewProblem({ heldOn, reviewOn: i.reviewOn });
  if (review) problems.push({ path: 'reviewOn', message: review });
  return problems;
}

/** Both confirmations cleared (the plan changed), in the same transaction as the change. */
export async function reopenPdc(trx: Kysely<Database>, access: PdcAccess): Promise<void> {
  await trx.updateTable('pdc_records')
    .set((eb) => ({ status: 'draft', staff_confirmed_at: null, manager_confirmed_at: null, version: eb('version', '+', 1), updated_at: access.actor.now, updated_by: access.actor.staff.staffId }))
    .where('id', '=', access.pdc.id).execute();
}

export type AddPdcItemOptions = PdcItemInput & { access: PdcAccess; id?: string; kind: PdcItemKind };

export async function addPdcItem(trx: Kysely<Database>, o: AddPdcItemOptions): Promise<{ id: string }> {
  if (o.access.role === 'viewer') throw new HomewardError('forbidden', 'Only the member of staff and the manager can change the PDC');
  const problems = pdcItemProblems(o, o.access.pdc.heldOn);
  if (problems.length) throw validationFailed(problems);
  const { actor } = o.access;
  const id = o.id ?? uuidv7();
  const by = actor.staff.staffId;
  const inserted = await trx.insertInto('pdc_items').values({
    id, pdc_id: o.access.pdc.id, kind: o.kind, text: o.text.trim(), measure: o.measure.trim(), review_on: o.reviewOn, created_at: actor.now, created_by: by, updated_at: actor.now, updated_by: by,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'An item with this id already exists');
  await reopenPdc(trx, o.access);
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'pdc', recordId: o.access.pdc.id, detail: { step: 'item-added', itemId: id, kind: o.kind } });
  return { id };
}
