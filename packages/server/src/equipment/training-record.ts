// Training in safe use (issue 15 #4): one row for each person taught (the patient, a carer, care agency
// staff, our own staff), with what was taught and how well it was understood. Never changed: a
// correction, or a second session, is a new row. Taught once the equipment is with the patient.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { instantOfDay } from './deliver-equipment.ts';
import { auditLoanWrite, loanWriterOf, trainingKind, type LoanWriteAccess } from './loan-access.ts';
import type { LoanResponse, TrainedPersonKind, Understanding } from './loan-schema.ts';

export type TrainingInput = {
  personKind: TrainedPersonKind;
  personName: string;
  whatTaught: string;
  understood: Understanding;
  understandingNote: string | null;
  /** yyyy-mm-dd (UK calendar). */
  taughtOn: string;
};

export type RecordTrainingOptions = { access: LoanWriteAccess; loan: LoanResponse; input: TrainingInput; id?: string };

/** Taught while the equipment is with the patient (and at delivery, once the delivery is recorded). */
const teachable: readonly LoanResponse['status'][] = ['delivered', 'to-collect', 'stays-with-patient'];

export function checkTrainingInput(input: TrainingInput, o: { today: string; deliveredOn: string | null }): FieldError[] {
  const fields: FieldError[] = [];
  if (input.personName.trim() === '') fields.push({ path: 'personName', message: 'Enter the name of the person taught' });
  else if (input.personName.length > 200) fields.push({ path: 'personName', message: 'The name must be 200 characters or fewer' });
  if (input.whatTaught.trim() === '') fields.push({ path: 'whatTaught', message: 'Enter what was taught, for example: transfers on and off the bath board, checking it is secure' });
  else if (input.whatTaught.length > 2000) fields.push({ path: 'whatTaught', message: 'What was taught must be 2000 characters or fewer' });
  if ((input.understandingNote ?? '').length > 2000) fields.push({ path: 'understandingNote', message: 'The note must be 2000 characters or fewer' });
  if (input.understood !== 'yes' && (input.understandingNote ?? '').trim() === '') {
    fields.push({ path: 'understandingNote', message: 'Say what was not understood and what happens next, for example: teach again at the next visit' });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.taughtOn)) fields.push({ path: 'taughtOn', message: 'Enter the day they were taught' });
  else if (input.taughtOn > o.today) fields.push({ path: 'taughtOn', message: 'The day they were taught cannot be in the future' });
  else if (o.deliveredOn !== null && input.taughtOn < o.deliveredOn) fields.push({ path: 'taughtOn', message: 'The day they were taught must be on or after the day it was delivered' });
  return fields;
}

export async function recordTraining(trx: Kysely<Database>, o: RecordTrainingOptions): Promise<{ id: string }> {
  const actor = loanWriterOf(o.access);
  const now = actor.now;
  const loan = await trx.selectFrom('equipment_loans').select(['status', 'delivered_at']).where('id', '=', o.loan.id).where('episode_id', '=', o.access.episode.id).forUpdate().executeTakeFirst();
  if (!loan) throw new HomewardError('not_found', 'Loan not found');
  if (!teachable.includes(loan.status)) {
    throw new HomewardError('validation_failed', 'Record the delivery first: training in safe use is recorded once the equipment is with the patient', { fields: [{ path: 'form', message: 'Record the delivery first: training in safe use is recorded once the equipment is with the patient' }] });
  }
  const fields = checkTrainingInput(o.input, { today: ukDateOf(now), deliveredOn: loan.delivered_at ? ukDateOf(loan.delivered_at) : null });
  if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
  const id = o.id ?? uuidv7();
  const exists = await trx.selectFrom('equipment_training').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) throw new HomewardError('duplicate', 'A training record with this id already exists', { fields: [{ path: 'id', message: 'A training record with this id already exists: mint a new id' }] });
  const me = actor.staff.staffId;
  await trx.insertInto('equipment_training').values({
    id, loan_id: o.loan.id, patient_id: o.access.episode.patientId, person_kind: o.input.personKind, person_name: o.input.personName.trim(),
    what_taught: o.input.whatTaught.trim(), understood: o.input.understood, understanding_note: (o.input.understandingNote ?? '').trim() || null,
    taught_at: instantOfDay(o.input.taughtOn, now), taught_by: me, created_at: now, created_by: me,
  }).execute();
  await auditLoanWrite(trx, o.access, trainingKind, id, { loanId: o.loan.id, personKind: o.input.personKind, understood: o.input.understood });
  return { id };
}
