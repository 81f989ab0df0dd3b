// Prescribing equipment within an episode (issue 15 #3): the item, how many, the reason and the
// assessment it rests on (a scored assessment of this episode, or the clinician's words: a home
// assessment), and for bed rails (anything the catalogue marks as needing one) the risk assessment,
// recorded with the prescription before it can be made. Who may prescribe what is decidePrescribing's
// (packages/clinical), never re-decided here; its refusal is shown with its reason, audited, and
// nothing is written. Checked before the transaction (so the refusal's audit stands) and again inside.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { decidePrescribing, type PrescribingDecision } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { auditLoanRefusal, auditLoanWrite, loanKind, loanWriterOf, type LoanWriteAccess } from './loan-access.ts';

export type PrescriptionInput = {
  catalogueItemId: string;
  quantity: number;
  reason: string;
  assessmentId: string | null;
  assessmentNote: string | null;
  riskAssessment: string | null;
};

export type PrescribeEquipmentOptions = { access: LoanWriteAccess; input: PrescriptionInput; /** A client may mint the loan's id (UUIDv7); else one is made. */ id?: string };

export const longestReason = 2000;

/** The form's own problems (lengths, numbers, one of the two kinds of assessment), without the database. */
export function checkPrescriptionInput(input: PrescriptionInput): FieldError[] {
  const fields: FieldError[] = [];
  if (!input.catalogueItemId) fields.push({ path: 'catalogueItemId', message: 'Choose the equipment to prescribe' });
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 20) fields.push({ path: 'quantity', message: 'How many must be a whole number from 1 to 20' });
  if (input.reason.trim() === '') fields.push({ path: 'reason', message: 'Enter why the patient needs it, for example: cannot stand at the sink long enough to wash' });
  else if (input.reason.length > longestReason) fields.push({ path: 'reason', message: `The reason must be ${longestReason} characters or fewer` });
  if (input.assessmentId === null && (input.assessmentNote ?? '').trim() === '') {
    fields.push({ path: 'assessmentNote', message: 'Choose the assessment the prescription rests on, or describe the assessment you made (for example a home assessment)' });
  }
  if ((input.assessmentNote ?? '').length > longestReason) fields.push({ path: 'assessmentNote', message: `The assessment must be ${longestReason} characters or fewer` });
  if ((input.riskAssessment ?? '').length > longestReason) fields.push({ path: 'riskAssessment', message: `The risk assessment must be ${longestReason} characters or fewer` });
  return fields;
}

type Facts = { decision: PrescribingDecision; fields: FieldError[]; itemName: string | null };

/** Everything that may refuse the prescription, read from db (or the write's transaction). */
async function prescriptionFacts(db: Kysely<Database>, access: LoanWriteAccess, input: PrescriptionInput): Promise<Facts> {
  const fields = checkPrescriptionInput(input);
  const me = access.grant.staff;
  if (access.episode.status === 'discharged') fields.push({ path: 'form', message: 'This episode has been discharged. Equipment is prescribed within an open episode' });
  const [item, staff] = await Promise.all([
    input.catalogueItemId ? db.selectFrom('equipment_catalogue_items').select(['name', 'category', 'loler', 'prescriber', 'needs_risk_assessment', 'active', 'stock_kind']).where('id', '=', input.catalogueItemId).executeTakeFirst() : undefined,
    db.selectFrom('staff').select('active').where('id', '=', me.staffId).executeTakeFirst(),
  ]);
  if (input.catalogueItemId && !item) fields.push({ path: 'catalogueItemId', message: 'Choose the equipment from the catalogue' });
  // A tracked item (a hoist) is lent one to a loan, so each can be found, inspected and recalled.
  if (item?.stock_kind === 'tracked' && input.quantity !== 1) fields.push({ path: 'quantity', message: `A ${item.name.toLowerCase()} is lent one at a time: prescribe each one separately` });
  if (input.assessmentId !== null) {
    const assessment = await db.selectFrom('assessments').select('id').where('id', '=', input.assessmentId).where('episode_id', '=', access.episode.id).executeTakeFirst();
    if (!assessment) fields.push({ path: 'assessmentId', message: 'Choose an assessment recorded in this episode' });
  }
  const riskAssessed = (input.riskAssessment ?? '').trim() !== '';
  const decision = item
    ? decidePrescribing({ role: me.role, active: staff?.active ?? false }, { name: item.name, category: item.category, loler: item.loler, prescriber: item.prescriber, needsRiskAssessment: item.needs_risk_assessment, active: item.active }, riskAssessed)
    : ({ allowed: true } as const);
  return { decision, fields, itemName: item?.name ?? null };
}

function refusalOf(decision: Extract<PrescribingDecision, { allowed: false }>): HomewardError {
  // The missing risk assessment is put right on the same form; the others need someone else.
  if (decision.rule === 'risk-assessment-needed') return new HomewardError('validation_failed', decision.message, { fields: [{ path: 'riskAssessment', message: decision.message }] });
  return new HomewardError('forbidden', decision.message, { fields: [{ path: 'catalogueItemId', message: decision.message }] });
}

/**
 * The checks before the transaction: bad input is a 400 naming the fields; a prescription beyond the
 * prescriber's competence is a 403 with decidePrescribing's reason, audited with its rule.
 */
export async function checkPrescription(db: Kysely<Database>, access: LoanWriteAccess, input: PrescriptionInput): Promise<void> {
  const facts = await prescriptionFacts(db, access, input);
  if (facts.fields.length) throw new HomewardError('validation_failed', facts.fields[0]!.message, { fields: facts.fields });
  if (!facts.decision.allowed) {
    await auditLoanRefusal(db, access, access.episode.id, { change: 'prescribe', rule: facts.decision.rule, catalogueItemId: input.catalogueItemId });
    throw refusalOf(facts.decision);
  }
}

export async function prescribeEquipment(trx: Kysely<Database>, o: PrescribeEquipmentOptions): Promise<{ id: string }> {
  const actor = loanWriterOf(o.access);
  // The episode as it stands, held to the commit: a discharge holds the same row while it checks for
  // prescriptions not yet delivered (discharge-episode.ts), so one at the same moment either sees this
  // prescription and waits for it, or has discharged the episode and this is refused.
  const episodeNow = await trx.selectFrom('episodes').select('status').where('id', '=', o.access.episode.id).forShare().executeTakeFirst();
  const facts = await prescriptionFacts(trx, { ...o.access, episode: { ...o.access.episode, status: episodeNow?.status ?? o.access.episode.status } }, o.input);
  if (facts.fields.length) throw new HomewardError('validation_failed', facts.fields[0]!.message, { fields: facts.fields });
  if (!facts.decision.allowed) throw refusalOf(facts.decision);
  const id = o.id ?? uuidv7();
  const now = actor.now;
  const me = actor.staff.staffId;
  const risk = (o.input.riskAssessment ?? '').trim() || null;
  const exists = await trx.selectFrom('equipment_loans').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) throw new HomewardError('duplicate', 'A loan with this id already exists', { fields: [{ path: 'id', message: 'A loan with this id already exists: mint a new id' }] });
  await trx.insertInto('equipment_loans').values({
    id, patient_id: o.access.episode.patientId, episode_id: o.access.episode.id, team_id: o.access.episode.teamId, catalogue_item_id: o.input.catalogueItemId,
    quantity: o.input.quantity, reason: o.input.reason.trim(), assessment_id: o.input.assessmentId, assessment_note: (o.input.assessmentNote ?? '').trim() || null,
    risk_assessment: risk, risk_assessed_at: risk ? now : null, risk_assessed_by: risk ? me : null,
    status: 'prescribed', prescribed_at: now, prescribed_by: me, created_at: now, created_by: me, updated_at: now, updated_by: me,
  }).execute();
  await auditLoanWrite(trx, o.access, loanKind, id, { change: 'prescribed', catalogueItemId: o.input.catalogueItemId, quantity: o.input.quantity, riskAssessed: risk !== null });
  return { id };
}
