// At discharge, each item on loan gets a decision: it stays with the patient, it is to be collected, or
// it is transferred to social care. "To collect" books the collection as a visit of the episode
// (purpose 'equipment', through the visits context's face, with the visit's own checks; a collection
// is the one visit a discharged episode may still have), and the loan stays open until the collection
// is recorded; a collection whose visit was cancelled or found no one in is booked again the same way.
// Version-checked, only while the item is still on loan, and audited as a write about the patient.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditWrite } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import { addVisit } from '../visits/public.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { findLoanAtDischarge, type LoanAtDischarge } from './collection-queries.ts';
import { dischargeDecisionLabels, loanStatusLabels, statusOfDecision, type DischargeDecision } from './collection-words.ts';

export const loanRecordKind = 'equipment-loan';

export type CollectionBooking = { date: string; window: { start: string; end: string } | null };

export type DecideEquipmentAtDischargeOptions = {
  access: EpisodeAccess<'write'>;
  loanId: string;
  version: number;
  decision: DischargeDecision;
  /** Needed for 'collect': the day (and any window) of the collection visit. */
  collection: CollectionBooking | null;
};

export async function decideEquipmentAtDischarge(trx: Kysely<Database>, o: DecideEquipmentAtDischargeOptions): Promise<LoanAtDischarge> {
  const { episode, grant } = o.access;
  const actor = grant.actor;
  const loan = await findLoanAtDischarge(trx, o.loanId);
  if (!loan || loan.episodeId !== episode.id || loan.patientId !== grant.patientId) throw notFound('Loan');
  if (o.decision === 'collect' && !o.collection) throw validationFailed([{ path: 'collection.date', message: 'Enter the day the equipment is to be collected' }]);
  // A collection whose visit was cancelled (or found no one in) is booked again: without this the
  // loan would wait 'to collect' with no visit, and no way to book one.
  const visitStatus = loan.collectionVisitId ? (await trx.selectFrom('visits').select('status').where('id', '=', loan.collectionVisitId).executeTakeFirst())?.status : null;
  const rebook = o.decision === 'collect' && loan.status === 'to-collect' && (visitStatus === null || visitStatus === 'cancelled' || visitStatus === 'no-access');
  if (loan.version === o.version && loan.status !== 'delivered' && !rebook) {
    throw new HomewardError('version_conflict', `The ${loan.itemName.toLowerCase()} is already decided: ${loanStatusLabels[loan.status].toLowerCase()}`, { current: loan, currentPatientId: loan.patientId });
  }
  const ended = o.decision !== 'collect';
  await updateVersioned(trx, {
    actor,
    table: 'equipment_loans',
    id: loan.id,
    version: o.version,
    only: { status: rebook ? 'to-collect' : 'delivered' },
    set: {
      status: statusOfDecision[o.decision],
      discharge_decision: o.decision,
      discharge_decided_at: actor.now,
      discharge_decided_by: actor.staff.staffId,
      ...(ended ? { ended_at: actor.now, ended_by: actor.staff.staffId } : {}),
    },
    current: () => findLoanAtDischarge(trx, loan.id),
    what: 'Loan',
    patientId: loan.patientId,
  });
  let visitId: string | null = null;
  if (o.decision === 'collect' && o.collection) {
    const visit = await addVisit(trx, { access: o.access, visit: { date: o.collection.date, purpose: 'equipment', durationMinutes: null, window: o.collection.window, pinnedStaffId: null, pinnedStart: null } }).catch((error: unknown) => {
      // The visit's checks name its own fields; on this form they are the collection's.
      if (error instanceof HomewardError && error.code === 'validation_failed') throw validationFailed(error.fields.map((f) => ({ path: f.path === 'date' ? 'collection.date' : f.path.startsWith('window') ? 'collection.window' : f.path, message: f.message })));
      throw error;
    });
    visitId = visit.id;
    await trx.updateTable('equipment_loans').set({ collection_visit_id: visitId }).where('id', '=', loan.id).execute();
  }
  await auditWrite(grant, trx, { recordKind: loanRecordKind, recordId: loan.id, detail: { change: 'discharge-decision', decision: o.decision, decisionText: dischargeDecisionLabels[o.decision], episodeId: episode.id, collectionVisitId: visitId } });
  return (await findLoanAtDischarge(trx, loan.id))!;
}
