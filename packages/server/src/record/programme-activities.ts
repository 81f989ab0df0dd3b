// Setting a programme of care's activities and stopping or completing them. Only the clinicians who
// assess and hold caseloads set a programme (support workers deliver it). Delegation to a support
// worker is judged inside the write's transaction against their current recorded competences, which
// are share-locked there, so a competence withdrawn at the same moment cannot slip through. Writes and
// their audit share the transaction; a refusal writes nothing.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkDelegation, checkProgrammeActivity, maySetProgramme, ukDateOf, type ProgrammeActivityInput } from '@homeward/clinical';
import { episodeDateFacts } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { currentCompetenceIds } from '../staff/public.ts';
import { auditRecordWrite, authoriseRecordWrite, writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
import { endProgrammeActivity } from './end-programme-activity.ts';
import { findDeliveringStaff, listProgramme } from './programme-queries.ts';
import type { ActivityBody, ActivityResponse } from './programme-schema.ts';

export const programmeKind = 'programme-of-care' as const;

/** Setting or changing the programme: record write access, and a role that plans care. Refusals are audited. */
export async function authoriseProgrammeChange(db: Kysely<Database>, o: { actor: Actor; episode: RecordAccess['episode'] }): Promise<RecordWriteAccess> {
  const { episode } = o;
  const access = await authoriseRecordWrite(db, { actor: o.actor, episode, kind: programmeKind });
  if (!maySetProgramme(access.grant.staff.role)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: programmeKind, recordId: episode.id, detail: { rule: 'role-does-not-set-programmes' } });
    throw new HomewardError('forbidden', 'Only an assistant practitioner, registered therapist or clinical lead can set or change a programme of care. Support workers deliver the activities delegated to them and log them.');
  }
  return access;
}

/** The body as the clinical rules see it: a deliverer's fields that do not apply are dropped. */
export function activityInputOf(body: ActivityBody): ProgrammeActivityInput {
  return {
    goalId: body.goalId,
    kind: body.kind,
    competence: body.competence,
    title: body.title.trim(),
    instructions: body.instructions.trim(),
    timesPerPeriod: body.timesPerPeriod,
    period: body.period,
    delivererKind: body.delivererKind,
    delivererStaffId: body.delivererKind === 'staff' ? body.delivererStaffId : null,
    delivererName: body.delivererKind === 'carer' || body.delivererKind === 'agency' ? body.delivererName : null,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
  };
}

/** The checks that need no database, run before any transaction opens. */
export function checkActivityInput(now: Date, access: RecordAccess, input: ProgrammeActivityInput): void {
  const fields = checkProgrammeActivity({ input, dates: episodeDateFacts(access.episode, now) });
  if (access.episode.status === 'discharged') fields.unshift({ path: 'episode', message: 'This episode is discharged: a programme of care cannot be added to it' });
  if (fields.length) throw validationFailed(fields);
}

export type SetProgrammeActivityOptions = { access: RecordWriteAccess; input: ProgrammeActivityInput; id?: string };

export async function setProgrammeActivity(trx: Kysely<Database>, o: SetProgrammeActivityOptions): Promise<ActivityResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const now = actor.now;
  const episode = o.access.episode;
  const input = o.input;
  checkActivityInput(actor.now, o.access, input);
  if (input.goalId) {
    const goal = await trx.selectFrom('goals').select('id').where('id', '=', input.goalId).where('episode_id', '=', episode.id).executeTakeFirst();
    if (!goal) throw validationFailed([{ path: 'goalId', message: 'That goal is not one of this episode’s goals. Choose one from the list, or none' }]);
  }
  const staff = input.delivererStaffId ? await findDeliveringStaff(trx, input.delivererStaffId) : null;
  const held = staff ? await currentCompetenceIds(trx, staff.id, { onDay: ukDateOf(now), lock: true }) : [];
  const decision = checkDelegation({
    delivererKind: input.delivererKind,
    staff: staff ? { name: staff.name, role: staff.role, active: staff.active, inEpisodeTeam: staff.teamId === episode.teamId } : null,
    delivererName: input.delivererName,
    competence: input.competence,
    competencesHeld: held,
  });
  if (!decision.allowed) throw new HomewardError('validation_failed', decision.message, { fields: [{ path: decision.path, message: decision.message }] });

  const id = o.id ?? uuidv7();
  try {
    await trx
      .insertInto('programme_activities')
      .values({
        id,
        episode_id: episode.id,
        patient_id: episode.patientId,
        goal_id: input.goalId,
        kind: input.kind,
        competence: input.competence,
        title: input.title,
        instructions: input.instructions,
        times_per_period: input.timesPerPeriod,
        period: input.period,
        deliverer_kind: input.delivererKind,
        deliverer_staff_id: input.delivererStaffId,
        deliverer_name: input.delivererName,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_at: now,
        created_by: principal.staffId,
        created_by_role: principal.role,
        updated_at: now,
        updated_by: principal.staffId,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HomewardError('duplicate', 'An activity with this id already exists');
    throw error;
  }
  await auditRecordWrite(trx, o.access, programmeKind, id, { change: 'activity-set', kind: input.kind, delivererKind: input.delivererKind, delivererStaffId: input.delivererStaffId, competence: input.competence });
  return (await listProgramme(trx, o.access, { activityId: id, today: ukDateOf(now) }))[0]!;
}

export type ChangeActivityStatusOptions = { access: RecordWriteAccess; activity: ActivityResponse; status: 'stopped' | 'completed'; reason: string; version: number };

/** Stops or completes an active activity, with the reason; the activity and its logs stay in the record. */
export async function changeActivityStatus(trx: Kysely<Database>, o: ChangeActivityStatusOptions): Promise<ActivityResponse> {
  const actor = writerOf(o.access);
  const now = actor.now;
  const today = ukDateOf(now);
  const reason = o.reason.trim();
  if (!reason) throw validationFailed([{ path: 'reason', message: `Enter why the activity is ${o.status}` }]);
  if (o.activity.status !== 'active') throw new HomewardError('version_conflict', `This activity is already ${o.activity.status}`, { current: o.activity });
  await endProgrammeActivity(trx, {
    grant: o.access.grant,
    activityId: o.activity.id,
    episodeId: o.access.episode.id,
    status: o.status,
    reason,
    handedOverTo: null,
    atDischarge: false,
    version: o.version,
  });
  return (await listProgramme(trx, o.access, { activityId: o.activity.id, today }))[0]!;
}
