// Recording and withdrawing a competence: a support worker's delegated activities, and since issue 16 any
// clinical role's (hoisting), with its evidence and expiry. Only a registered therapist or the clinical lead of the same team assesses and records
// one; anyone else is refused and the refusal audited (staff-admin: this is staff data, not a patient's).
// A withdrawal is a change of state with who, when and why; the row stays.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { competenceCounts, competenceExpiryProblem, homewardRoleLabels, isClinicalRole, isRecordableCompetence, mayHoldCompetences, mayRecordCompetences, recordableCompetenceLabel, recordableCompetenceLabels, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { auditAs, type ActingStaff, type Actor } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { findCompetence, findCompetenceHolder, type CompetenceHolder } from './competence-queries.ts';
import type { CompetenceBody, CompetenceResponse } from './competence-schema.ts';

const recordKind = 'staff-competence';

export type AuthoriseCompetenceOptions = { actor: Actor; holder: CompetenceHolder | null };

async function refuse(db: Kysely<Database>, actor: Actor, rule: string, message: string, detail: Record<string, unknown> = {}): Promise<never> {
  await auditAs(actor, db, { action: 'staff-admin', outcome: 'refused', recordKind, detail: { rule, method: actor.origin.method, route: actor.origin.via, ...detail } });
  throw new HomewardError('forbidden', message);
}

/** Seeing a team's competences: its clinical staff (an assistant practitioner checks before delegating). */
export async function authoriseCompetenceRead(db: Kysely<Database>, o: AuthoriseCompetenceOptions): Promise<ActingStaff> {
  const { actor, holder } = o;
  const principal = actor.staff;
  if (!isClinicalRole(principal.role) || !principal.teamId) await refuse(db, actor, 'role-not-clinical', 'Only clinical staff of a team can see its staff competences');
  if (holder && holder.teamId !== principal.teamId) await refuse(db, actor, 'other-team', 'You can see the competences of staff in your own team only', { staffId: holder.id });
  return principal;
}

/** Recording or withdrawing: a registered therapist or clinical lead of the holder's team. */
export async function authoriseCompetenceWrite(db: Kysely<Database>, o: AuthoriseCompetenceOptions): Promise<ActingStaff> {
  const { actor, holder } = o;
  const principal = actor.staff;
  if (!mayRecordCompetences(principal.role)) {
    await refuse(
      db,
      actor,
      'role-does-not-record-competences',
      'Only a registered therapist or clinical lead can record or withdraw a competence, because they assess it. Ask a registered therapist in your team',
      holder ? { staffId: holder.id } : {},
    );
  }
  if (holder && holder.teamId !== principal.teamId) await refuse(db, actor, 'other-team', 'You can record competences only for staff in your own team', { staffId: holder.id });
  return principal;
}

export async function loadHolder(db: Kysely<Database>, staffId: string): Promise<CompetenceHolder> {
  const holder = await findCompetenceHolder(db, staffId);
  if (!holder) throw notFound('Staff member');
  return holder;
}

/** The checks that need no database: who it is for, which competence, when assessed. */
export function checkCompetence(holder: CompetenceHolder, body: CompetenceInput, today: string): void {
  const fields: FieldError[] = [];
  if (!holder.active) fields.push({ path: 'staffId', message: `${holder.name} no longer works in Homeward` });
  else if (!mayHoldCompetences(holder.role)) {
    fields.push({ path: 'staffId', message: `Competences are recorded for staff who see patients. ${holder.name} is a ${homewardRoleLabels[holder.role].toLowerCase()}` });
  }
  if (!isRecordableCompetence(body.competence)) {
    fields.push({ path: 'competence', message: `${body.competence} is not a competence Homeward records. Choose one of: ${Object.values(recordableCompetenceLabels).join('; ')}` });
  }
  if (body.assessedOn > today) fields.push({ path: 'assessedOn', message: 'The date they were assessed must be today or in the past' });
  const expiry = competenceExpiryProblem({ assessedOn: body.assessedOn, expiresOn: body.expiresOn ?? null });
  if (expiry) fields.push({ path: 'expiresOn', message: expiry });
  else if (body.expiresOn && body.expiresOn < today) fields.push({ path: 'expiresOn', message: 'The expiry date must be today or later: an expired competence counts for nothing' });
  if (fields.length) throw validationFailed(fields);
}

const alreadyHeld = (holder: CompetenceHolder, competence: string) => {
  const message = `${holder.name} already has a current competence for ${recordableCompetenceLabel(competence).toLowerCase()}. Withdraw it first to record a new assessment`;
  return new HomewardError('duplicate', message, { fields: [{ path: 'competence', message }] });
};

/** What is recorded: the body's fields, with evidence and expiry optional (a competence need not expire). */
export type CompetenceInput = Omit<CompetenceBody, 'evidence' | 'expiresOn'> & { evidence?: string | null; expiresOn?: string | null };

export type RecordCompetenceOptions = { actor: Actor; holder: CompetenceHolder; input: CompetenceInput };

export async function recordCompetence(trx: Kysely<Database>, o: RecordCompetenceOptions): Promise<CompetenceResponse> {
  const principal = o.actor.staff;
  const now = o.actor.now;
  const today = ukDateOf(now);
  checkCompetence(o.holder, o.input, today);
  const held = await trx
    .selectFrom('staff_competences')
    .select(['id', 'version', 'expires_on'])
    .where('staff_id', '=', o.holder.id)
    .where('competence', '=', o.input.competence)
    .where('withdrawn_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (held) {
    const expiresOn = held.expires_on;
    if (competenceCounts({ withdrawn: false, expiresOn }, today)) throw alreadyHeld(o.holder, o.input.competence);
    // Signed off again after it expired: the expired sign-off is closed with that reason, and stays on record.
    const expired = (await findCompetence(trx, held.id))!;
    await withdrawCompetence(trx, { actor: o.actor, competence: expired, reason: `Expired on ${expiresOn}; signed off again`, version: held.version });
  }
  const id = o.input.id ?? uuidv7();
  try {
    await trx
      .insertInto('staff_competences')
      .values({
        id,
        staff_id: o.holder.id,
        competence: o.input.competence,
        assessed_on: o.input.assessedOn,
        note: o.input.note,
        evidence: o.input.evidence ?? null,
        expires_on: o.input.expiresOn ?? null,
        recorded_at: now,
        recorded_by: principal.staffId,
        recorded_by_role: principal.role,
      })
      .execute();
  } catch (error) {
    // Two therapists recording the same competence at once: the one-current index decides.
    if (isUniqueViolation(error, 'staff_competences_current_idx')) throw alreadyHeld(o.holder, o.input.competence);
    if (isUniqueViolation(error)) throw new HomewardError('duplicate', 'A competence with this id already exists');
    throw error;
  }
  await auditAs(o.actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind, recordId: id, detail: { change: 'recorded', staffId: o.holder.id, competence: o.input.competence, assessedOn: o.input.assessedOn, expiresOn: o.input.expiresOn ?? null } });
  return (await findCompetence(trx, id))!;
}

export type WithdrawCompetenceOptions = { actor: Actor; competence: CompetenceResponse; reason: string; version: number };

export async function withdrawCompetence(trx: Kysely<Database>, o: WithdrawCompetenceOptions): Promise<CompetenceResponse> {
  const principal = o.actor.staff;
  const reason = o.reason.trim();
  if (!reason) throw validationFailed([{ path: 'reason', message: 'Enter why the competence is withdrawn' }]);
  if (!o.competence.current) throw new HomewardError('version_conflict', 'This competence has already been withdrawn', { current: o.competence });
  // A competence row says who withdrew it and when in its own columns: no updated_at/updated_by stamp.
  await updateVersioned(trx, {
    actor: o.actor,
    table: 'staff_competences',
    stamped: false,
    id: o.competence.id,
    version: o.version,
    only: { withdrawn_at: null },
    set: { withdrawn_at: o.actor.now, withdrawn_by: principal.staffId, withdrawn_reason: reason },
    current: () => findCompetence(trx, o.competence.id),
    what: 'Competence',
  });
  await auditAs(o.actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind, recordId: o.competence.id, detail: { change: 'withdrawn', staffId: o.competence.staff.id, competence: o.competence.competence, reason } });
  return (await findCompetence(trx, o.competence.id))!;
}
