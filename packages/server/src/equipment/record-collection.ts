// A collection recorded: the equipment came back to store, could not be found (missing), or was given up
// on (written off). The loan ends with it and the store agrees, in one transaction (the catalogue
// part's returnEquipment moves the stock or the tracked item); version-checked, only while the loan is
// still to collect, and audited as a write about the patient.
import type { Kysely } from 'kysely';
import type { Database, EquipmentItemCondition } from '../db/schema.ts';
import { auditWrite, requireWriteGrant, type WriteGrant } from '../access/public.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { returnEquipment } from './return-equipment.ts';
import { findLoanAtDischarge, type LoanAtDischarge } from './collection-queries.ts';
import { collectionOutcomeLabels, loanStatusLabels, type CollectionOutcome } from './collection-words.ts';
import { loanRecordKind } from './decide-equipment-at-discharge.ts';

export type RecordCollectionOptions = {
  grant: WriteGrant;
  loanId: string;
  version: number;
  outcome: CollectionOutcome;
  /** Returned: the store it goes back to (default the one it came from). */
  storeId: string | null;
  /** Returned, tracked: the condition it came back in. */
  condition: EquipmentItemCondition | null;
  note: string | null;
};

export async function recordCollection(trx: Kysely<Database>, o: RecordCollectionOptions): Promise<LoanAtDischarge> {
  const grant = requireWriteGrant(o.grant);
  const actor = grant.actor;
  const loan = await findLoanAtDischarge(trx, o.loanId);
  if (!loan || loan.patientId !== grant.patientId) throw notFound('Loan');
  const note = o.note?.trim() ? o.note.trim() : null;
  if (o.outcome !== 'returned' && !note) throw validationFailed([{ path: 'note', message: `Say what happened: why the equipment is ${o.outcome === 'missing' ? 'missing' : 'written off'}` }]);
  if (loan.version === o.version && loan.status !== 'to-collect') {
    throw new HomewardError('version_conflict', `The ${loan.itemName.toLowerCase()} is not waiting to be collected: ${loanStatusLabels[loan.status].toLowerCase()}`, { current: loan, currentPatientId: loan.patientId });
  }
  await updateVersioned(trx, {
    actor,
    table: 'equipment_loans',
    id: loan.id,
    version: o.version,
    only: { status: 'to-collect' },
    set: { status: o.outcome, ended_at: actor.now, ended_by: actor.staff.staffId, end_note: note },
    current: () => findLoanAtDischarge(trx, loan.id),
    what: 'Loan',
    patientId: loan.patientId,
  });
  await returnEquipment(trx, { grant, loanId: loan.id, outcome: o.outcome, storeId: o.storeId, ...(o.condition ? { condition: o.condition } : {}), note });
  await auditWrite(grant, trx, { recordKind: loanRecordKind, recordId: loan.id, detail: { change: 'collection', outcome: o.outcome, outcomeText: collectionOutcomeLabels[o.outcome] } });
  return (await findLoanAtDischarge(trx, loan.id))!;
}
