// Delivering and fitting a prescribed item (issue 15 #4): who delivered it (one of the team), on which
// day (not in the future, not before it was prescribed), where (the patient's home, a day centre), and
// whether it was fitted. The equipment leaves the store through the catalogue's issueEquipment in the
// same transaction, so the loan, the stock count or the tracked item agree, or nothing changes: an item
// already on loan, or the last one taken by someone else a moment before, is refused as it says.
import type { Kysely } from 'kysely';
import { fromUkWallClock, ukDateOf, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, versionConflict, type FieldError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { issueEquipment } from './issue-equipment.ts';
import { auditLoanWrite, loanKind, loanWriterOf, mayChangeLoan, type LoanWriteAccess } from './loan-access.ts';
import { findLoan } from './loan-queries.ts';
import type { LoanResponse } from './loan-schema.ts';

export type DeliveryInput = {
  /** The loan's version the clinician saw. */
  version: number;
  /** The day it was delivered, yyyy-mm-dd (UK calendar). */
  deliveredOn: string;
  /** Who delivered it: a member of the episode's team; the person recording it when null. */
  deliveredBy: string | null;
  where: string;
  fitted: boolean;
  /** Stock items: the store it came from. Tracked items: the item's own store when null. */
  storeId: string | null;
  /** Tracked items: which one. */
  itemId: string | null;
};

export type DeliverEquipmentOptions = { access: LoanWriteAccess; loan: LoanResponse; input: DeliveryInput };

/**
 * The moment recorded for a day: now when it is today, else midday UK time on that day (a delivery
 * recorded later is known by its day; the exact time is not asked).
 */
export function instantOfDay(day: string, now: Date): Date {
  return day === ukDateOf(now) ? now : (fromUkWallClock(day, '12:00') ?? new Date(`${day}T12:00:00Z`));
}

/** The delivery's own problems: the day, where, who (without the database). */
export function checkDeliveryInput(input: DeliveryInput, o: { today: string; prescribedOn: string }): FieldError[] {
  const fields: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.deliveredOn)) fields.push({ path: 'deliveredOn', message: 'Enter the day it was delivered' });
  else if (input.deliveredOn > o.today) fields.push({ path: 'deliveredOn', message: 'The day it was delivered cannot be in the future' });
  else if (input.deliveredOn < o.prescribedOn) fields.push({ path: 'deliveredOn', message: 'The day it was delivered must be on or after the day it was prescribed' });
  if (input.where.trim() === '') fields.push({ path: 'where', message: 'Enter where it was delivered, for example: the patient’s home, bathroom' });
  else if (input.where.length > 300) fields.push({ path: 'where', message: 'Where it was delivered must be 300 characters or fewer' });
  return fields;
}

export async function deliverEquipment(trx: Kysely<Database>, o: DeliverEquipmentOptions): Promise<LoanResponse> {
  const actor = loanWriterOf(o.access);
  const now = actor.now;
  const { loan, input } = o;
  // Once discharged, the episode is closed: equipment going out now would be on loan to no open care.
  // Read as it stands and held to the commit (a discharge holds the same row while it checks for
  // undecided loans): a discharge at the same moment either sees this delivery or refuses it here.
  const episodeNow = await trx.selectFrom('episodes').select('status').where('id', '=', o.access.episode.id).forShare().executeTakeFirst();
  if ((episodeNow?.status ?? o.access.episode.status) === 'discharged') throw new HomewardError('validation_failed', 'This episode has been discharged, so no delivery can be recorded in it. Cancel the prescription, or prescribe again in an open episode', { fields: [{ path: 'form', message: 'This episode has been discharged, so no delivery can be recorded in it. Cancel the prescription, or prescribe again in an open episode' }] });
  const fields = checkDeliveryInput(input, { today: ukDateOf(now), prescribedOn: ukDateOf(new Date(loan.prescribedAt)) });
  const deliveredBy = input.deliveredBy ?? actor.staff.staffId;
  if (input.deliveredBy !== null) {
    // One of the team's clinicians who visit: the person who can be asked how it was fitted.
    const colleague = await trx.selectFrom('staff').select('homeward_role').where('id', '=', input.deliveredBy).where('team_id', '=', o.access.episode.teamId).where('active', '=', true).executeTakeFirst();
    if (!colleague || !mayChangeLoan(colleague.homeward_role as HomewardRole, 'deliver')) fields.push({ path: 'deliveredBy', message: 'Choose who delivered it from the team’s clinicians' });
  }
  if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
  const current = async () => findLoan(trx, o.access, loan.id);
  if (loan.status !== 'prescribed') {
    throw new HomewardError('version_conflict', loan.status === 'cancelled' ? 'This prescription was cancelled, so it cannot be delivered' : `This ${loan.itemName.toLowerCase()} has already been delivered`, { current: loan });
  }
  if (loan.version !== input.version) throw versionConflict(loan);
  // Out of the store first: its refusal (on loan already, none left) says what is wrong with the equipment.
  const issued = await issueEquipment(trx, { grant: o.access.grant, loanId: loan.id, storeId: input.storeId, itemId: input.itemId });
  await updateVersioned(trx, {
    actor,
    table: 'equipment_loans',
    id: loan.id,
    version: input.version,
    set: { status: 'delivered', delivered_at: instantOfDay(input.deliveredOn, now), delivered_by: deliveredBy, delivered_where: input.where.trim(), fitted: input.fitted, item_id: issued.itemId, store_id: issued.storeId },
    only: { status: 'prescribed' },
    current,
    what: 'Loan',
  });
  await auditLoanWrite(trx, o.access, loanKind, loan.id, { change: 'delivered', deliveredBy, fitted: input.fitted, itemId: issued.itemId, storeId: issued.storeId });
  const saved = await current();
  if (!saved) throw new HomewardError('internal_error', 'The delivery was not saved');
  return saved;
}
