// An objective or development item changed (its wording, measure, review date) or reviewed (its status
// and progress), version-checked. As any change to the plan, it clears both confirmations.
import type { Kysely } from 'kysely';
import type { PdcItemStatusValue } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { pdcItemProblems, reopenPdc, type PdcItemInput } from './add-pdc-item.ts';
import type { PdcAccess } from './pdc-access.ts';
import { findPdc } from './pdc-queries.ts';

export type ChangePdcItemOptions = PdcItemInput & { access: PdcAccess; itemId: string; version: number; status: PdcItemStatusValue; progress: string };

export async function changePdcItem(trx: Kysely<Database>, o: ChangePdcItemOptions): Promise<void> {
  if (o.access.role === 'viewer') throw new HomewardError('forbidden', 'Only the member of staff and the manager can change the PDC');
  if (!o.access.pdc.items.some((i) => i.id === o.itemId)) throw notFound('PDC item');
  const problems = pdcItemProblems(o, o.access.pdc.heldOn);
  if (o.progress.length > 4000) problems.push({ path: 'progress', message: 'Progress must be 4,000 characters or fewer' });
  if (problems.length) throw validationFailed(problems);
  await updateVersioned(trx, {
    actor: o.access.actor, table: 'pdc_items', id: o.itemId, version: o.version, what: 'PDC item',
    set: { text: o.text.trim(), measure: o.measure.trim(), review_on: o.reviewOn, status: o.status, progress: o.progress.trim() },
    current: async () => (await findPdc(trx, o.access.pdc.id))?.items.find((i) => i.id === o.itemId),
  });
  await reopenPdc(trx, o.access);
  await auditAs(o.access.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'pdc', recordId: o.access.pdc.id, detail: { step: 'item-changed', itemId: o.itemId, status: o.status } });
}
