// Cancelling a prescription before it is delivered (the patient declined it, the need changed), with the
// reason; the loan stays in the episode as cancelled. Once delivered, the equipment comes back through
// collection instead.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditLoanWrite, loanKind, loanWriterOf, type LoanWriteAccess } from './loan-access.ts';
import { findLoan } from './loan-queries.ts';
import type { LoanResponse } from './loan-schema.ts';

export type CancelPrescriptionOptions = { access: LoanWriteAccess; loan: LoanResponse; version: number; reason: string };

export async function cancelPrescription(trx: Kysely<Database>, o: CancelPrescriptionOptions): Promise<LoanResponse> {
  const actor = loanWriterOf(o.access);
  const reason = o.reason.trim();
  if (reason === '') throw new HomewardError('validation_failed', 'Enter why the prescription is cancelled', { fields: [{ path: 'reason', message: 'Enter why the prescription is cancelled' }] });
  if (reason.length > 2000) throw new HomewardError('validation_failed', 'The reason must be 2000 characters or fewer', { fields: [{ path: 'reason', message: 'The reason must be 2000 characters or fewer' }] });
  const current = () => findLoan(trx, o.access, o.loan.id);
  await updateVersioned(trx, {
    actor,
    table: 'equipment_loans',
    id: o.loan.id,
    version: o.version,
    set: { status: 'cancelled', end_note: reason, ended_at: actor.now, ended_by: actor.staff.staffId },
    only: { status: 'prescribed' },
    current,
    conflict: (now: LoanResponse) => (now.status === 'prescribed'
      ? new HomewardError('version_conflict', 'Someone changed this prescription since you opened it. Check it and try again', { current: now })
      : new HomewardError('version_conflict', now.status === 'cancelled' ? 'This prescription is already cancelled' : 'This equipment has been delivered: it comes back through collection, not by cancelling', { current: now })),
    what: 'Loan',
  });
  await auditLoanWrite(trx, o.access, loanKind, o.loan.id, { change: 'cancelled' });
  const saved = await current();
  if (!saved) throw new HomewardError('internal_error', 'The cancellation was not saved');
  return saved;
}
