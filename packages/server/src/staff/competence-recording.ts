// Recording and withdrawing a support worker's (or assistant practitioner's) competence for delegated
// activities. Only a registered therapist or the clinical lead of the same team assesses and records
// one; anyone else is refused and the refusal audited (staff-admin: this is staff data, not a patient's).
// A withdrawal is a change of state with who, when and why; the row stays.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { competenceLabel, delegableCompetenceLabels, holdsRecordedCompetences, homewardRoleLabels, isClinicalRole, isDelegableCompetence, mayDeliverActivities, mayRecordCompetences, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, notFound, validationFailed, versionConflict, type FieldError } from '../platform/homeward-error.ts';
import type { Principal } from '../platform/principal.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { findCompetence, findCompetenceHolder, type CompetenceHolder } from './competence-queries.ts';
import type { CompetenceBody, CompetenceResponse } from './competence-schema.ts';

const recordKind = 'staff-competence';

async function refuse(request: FastifyRequest, rule: string, message: string, detail: Record<string, unknown> = {}): Promise<never> {
  await audit(request, { action: 'staff-admin', outcome: 'refused', recordKind, detail: { rule, method: request.method, route: request.routeOptions.url ?? request.url, ...detail } });
  throw new HomewardError('forbidden', message);
}

/** Seeing a team's competences: its clinical staff (an assistant practitioner checks before delegating). */
export async function authoriseCompetenceRead(request: FastifyRequest, holder: CompetenceHolder | null): Promise<Principal> {
  const principal = requirePrincipal(request);
  if (!isClinicalRole(principal.role) || !principal.teamId) await refuse(request, 'role-not-clinical', 'Only clinical staff of a team can see its staff competences');
  if (holder && holder.teamId !== principal.teamId) await refuse(request, 'other-team', 'You can see the competences of staff in your own team only', { staffId: holder.id });
  return principal;
}

/** Recording or withdrawing: a registered therapist or clinical lead of the holder's team. */
export async function authoriseCompetenceWrite(request: FastifyRequest, holder: CompetenceHolder | null): Promise<Principal> {
  const principal = requirePrincipal(request);
  if (!mayRecordCompetences(principal.role)) {
    await refuse(
      request,
      'role-does-not-record-competences',
      'Only a registered therapist or clinical lead can record or withdraw a competence, because they assess it. Ask a registered therapist in your team',
      holder ? { staffId: holder.id } : {},
    );
  }
  if (holder && holder.teamId !== principal.teamId) await refuse(request, 'other-team', 'You can record competences only for staff in your own team', { staffId: holder.id });
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

export type RecordCompetenceOptions = { holder: CompetenceHolder; input: CompetenceBody };

export async function recordCompetence(request: FastifyRequest, trx: Kysely<Database>, o: RecordCompetenceOptions): Promise<CompetenceResponse> {
  const principal = requirePrincipal(request);
  const now = request.server.config.now();
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
  await audit(request, { action: 'staff-admin', outcome: 'allowed', recordKind, recordId: id, detail: { change: 'recorded', staffId: o.holder.id, competence: o.input.competence, assessedOn: o.input.assessedOn } }, trx);
  return (await findCompetence(trx, id))!;
}

export type WithdrawCompetenceOptions = { competence: CompetenceResponse; reason: string; expectedVersion: number };

export async function withdrawCompetence(request: FastifyRequest, trx: Kysely<Database>, o: WithdrawCompetenceOptions): Promise<CompetenceResponse> {
  const principal = requirePrincipal(request);
  const reason = o.reason.trim();
  if (!reason) throw validationFailed([{ path: 'reason', message: 'Enter why the competence is withdrawn' }]);
  if (!o.competence.current) throw new HomewardError('version_conflict', 'This competence has already been withdrawn', { current: o.competence });
  const now = request.server.config.now();
  const updated = await trx
    .updateTable('staff_competences')
    .set((eb) => ({ withdrawn_at: now, withdrawn_by: principal.staffId, withdrawn_reason: reason, version: eb('version', '+', 1) }))
    .where('id', '=', o.competence.id)
    .where('version', '=', o.expectedVersion)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw versionConflict(await findCompetence(trx, o.competence.id));
  await audit(request, { action: 'staff-admin', outcome: 'allowed', recordKind, recordId: o.competence.id, detail: { change: 'withdrawn', staffId: o.competence.staff.id, competence: o.competence.competence, reason } }, trx);
  return (await findCompetence(trx, o.competence.id))!;
}
