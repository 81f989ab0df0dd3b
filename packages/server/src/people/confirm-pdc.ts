// The member of staff or the manager confirms the PDC as it stands (version-checked, so nobody confirms
// a plan changed since they read it). Once both have, it is agreed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { PdcAccess } from './pdc-access.ts';
import { findPdc } from './pdc-queries.ts';

export type ConfirmPdcOptions = { access: PdcAccess; version: number };

export async function confirmPdc(trx: Kysely<Database>, o: ConfirmPdcOptions): Promise<{ agreed: boolean }> {
  const { access } = o;
  if (access.role === 'viewer') throw new HomewardError('forbidden', 'Only the member of staff and the manager can confirm the PDC');
  if (access.pdc.items.length === 0) throw new HomewardError('validation_failed', 'Add at least one objective before confirming the PDC', { fields: [{ path: 'form', message: 'Add at least one objective before confirming the PDC' }] });
  const now = access.actor.now;
  const staffConfirmed = access.role === 'staff' ? true : access.pdc.staffConfirmedAt !== null;
  const managerConfirmed = access.role === 'manager' ? true : access.pdc.managerConfirmedAt !== null;
  const agreed = staffConfirmed && managerConfirmed;
  await updateVersioned(trx, {
    actor: access.actor, table: 'pdc_records', id: access.pdc.id, version: o.version, what: 'PDC',
    set: { ...(access.role === 'staff' ? { staff_confirmed_at: now } : { manager_confirmed_at: now }), status: agreed ? 'agreed' : 'draft' },
    current: () => findPdc(trx, access.pdc.id),
  });
  await auditAs(access.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'pdc', recordId: access.pdc.id, detail: { step: 'confirmed', as: access.role, agreed } });
  return { agreed };
}
