// Recording and withdrawing a support worker's (or assistant practitioner's) competence for delegated
// activities. Only a registered therapist or the clinical lead of the same team assesses and records
// one; anyone else is refused and the refusal audited (staff-admin: this is staff data, not a patient's).
// A withdrawal is a change of state with who, when and why; the row stays.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { competenceLabel, delegableCompetenceLabels, holdsRecordedCompetences, homewardRoleLabels, isClinicalRole, isDelegableCompetence, mayDeliverActivities, mayRecordCompetences, ukDateOf } from '@homeward/clinical';
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
export function checkCompetence(holder: CompetenceHolder, body: CompetenceBody, today: string): void {
  const fields: FieldError[] = [];
  if (!holder.active) fields.push({ path: 'staffId', message: `${holder.name} no longer works in Homeward` });
  else if (!holdsRecordedCompetences(holder.role)) {
    const why = mayDeliverActivities(holder.role)
      ? 'and needs no competence record to deliver an activity'
      : 'and does not deliver programme activities, so no competence is recorded for them';
    fields.push({ path: 'staffId', message: `Competences are recorded for support workers and assistant practitioners. ${holder.name} is a ${homewardRoleLabels[holder.role].toLowerCase()} ${why}` });
  }
  if (!isDelegableCompetence(body.competence)) {
    fields.push({ path: 'competence', message: `${body.competence} is not a competence Homeward records. Choose one of: ${Object.values(delegableCompetenceLabels).join('; ')}` });
  }
  if (body.assessedOn > today) fields.push({ path: 'assessedOn', message: 'The date they were assessed must be today or in the past' });
  if (fields.length) throw validationFailed(fields);
}

const alreadyHeld = (holder: CompetenceHolder, competence: string) => {
  const message = `${holder.name} already has a current competence for ${competenceLabel(competence).toLowerCase()}. Withdraw it first to record a new assessment`;
  return new HomewardError('duplicate', message, { fields: [{ path: 'competence', message }] });
};

export type RecordCompetenceOptions = { actor: Actor; holder: CompetenceHolder; input: CompetenceBody };

export async function recordCompetence(trx: Kysely<Database>, o: RecordCompetenceOptions): Promise<CompetenceResponse> {
  const principal = o.actor.staff;
  const now = o.actor.now;
  checkCompetence(o.holder, o.input, ukDateOf(now));
  const held = await trx.selectFrom('staff_competences').select('id').where('staff_id', '=', o.holder.id).where('competence', '=', o.input.competence).where('withdrawn_at', 'is', null).executeTakeFirst();
  if (held) throw alreadyHeld(o.holder, o.input.competence);
  const id = o.input.id ?? uuidv7();
  try {
    await trx
      .insertInto('staff_competences')
      .values({ id, staff_id: o.holder.id, competence: o.input.competence, assessed_on: o.input.assessedOn, note: o.input.note, recorded_at: now, recorded_by: principal.staffId, recorded_by_role: principal.role })
      .execute();
  } catch (error) {
    // Two therapists recording the same competence at once: the one-current index decides.
    if (isUniqueViolation(error, 'staff_competences_current_idx')) throw alreadyHeld(o.holder, o.input.competence);
    if (isUniqueViolation(error)) throw new HomewardError('duplicate', 'A competence with this id already exists');
    throw error;
  }
  await auditAs(o.actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind, recordId: id, detail: { change: 'recorded', staffId: o.holder.id, competence: o.input.competence, assessedOn: o.input.assessedOn } });
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
