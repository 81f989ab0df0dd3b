// Recording that a visit did not happen: no access (the patient was not in) or cancelled, with the
// reason, on the visit (version-checked, and only while it is still to be done), and the rebooking the
// clinician confirmed: a new visit for the same episode with origin 'rebooked' and rebooked_from set,
// for the team's planning to place. One transaction, audited through the episode's write grant.
import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { auditWrite, requireGrant, requireWriteGrant } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import type { Database, VisitsTable } from '../db/schema.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { checkVisitOutcome, outcomeLabels, outcomeReasonText, type VisitOutcomeInput } from './record-visit-outcome-rules.ts';
import type { VisitForOutcome } from './run-sheet-queries.ts';
import { refuseTakenVisitId, visitIdTaken } from './visit-queries.ts';
import { ukDateOf } from '@homeward/clinical';
import type { VisitCalledOffPort } from './visit-ports.ts';

export type VisitResponse = {
  id: string;
  version: number;
  episodeId: string;
  patientId: string;
  date: string;
  purpose: string;
  place: string;
  status: string;
  origin: string;
  outcomeReason: string | null;
  rebookedFrom: string | null;
  contactNoteId: string | null;
};

const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export function toVisitResponse(r: Selectable<VisitsTable>): VisitResponse {
  return {
    id: r.id,
    version: r.version,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    date: dateOnly(r.on_date),
    purpose: r.purpose,
    place: r.place,
    status: r.status,
    origin: r.origin,
    outcomeReason: r.outcome_reason,
    rebookedFrom: r.rebooked_from,
    contactNoteId: r.contact_note_id,
  };
}

export async function readVisitResponse(db: Kysely<Database>, id: string): Promise<VisitResponse | null> {
  const row = await db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toVisitResponse(row) : null;
}

export type RecordVisitOutcomeOptions = {
  /** The episode's write grant (caseload's authoriseEpisodeWrite), for the visit's episode. */
  access: EpisodeAccess<'write'>;
  visit: VisitForOutcome;
  /** The visit's version the clinician saw. */
  version: number;
  input: VisitOutcomeInput;
  /** The rebooked visit's id (a client may mint it). */
  rebookingId?: string;
  /** Whoever follows a visit called off (lone working's expected session), told in this transaction. */
  visitCalledOff?: VisitCalledOffPort | null;
};

export type VisitOutcomeResult = { visit: VisitResponse; rebooking: VisitResponse | null };

export async function recordVisitOutcome(trx: Kysely<Database>, o: RecordVisitOutcomeOptions): Promise<VisitOutcomeResult> {
  const grant = requireWriteGrant(requireGrant(o.access.grant, o.visit.patientId));
  if (o.visit.episodeId !== o.access.episode.id) throw new Error('The grant is for another episode than the visit’s');
  const actor = grant.actor;
  const fields = checkVisitOutcome(o.input, { today: ukDateOf(actor.now), unavailableWeekdays: o.visit.unavailableWeekdays });
  // The outcome itself may be recorded whatever the episode's state; a rebooking is a new visit, refused
  // as booking one is (visit-checks.ts) when the episode is discharged or on hold.
  const status = o.access.episode.status;
  if (o.input.rebookOn !== null && (status === 'discharged' || status === 'on-hold')) {
    fields.push({ path: 'rebookOn', message: status === 'discharged' ? 'The episode has been discharged, so no visit can be rebooked: record the outcome without a rebooking' : 'The episode is on hold: record the outcome without a rebooking, and book visits when it resumes' });
  }
  if (fields.length) throw validationFailed(fields);
  const reasonText = outcomeReasonText(o.input);
  const updated = await updateVersioned(trx, {
    actor,
    table: 'visits',
    id: o.visit.id,
    version: o.version,
    set: { status: o.input.outcome, outcome_reason: reasonText, finished_at: actor.now },
    only: { status: 'to-plan' },
    current: () => readVisitResponse(trx, o.visit.id),
    conflict: (current) =>
      current.status !== 'to-plan'
        ? new HomewardError('version_conflict', `This visit already has its outcome (${current.status === 'done' ? 'done' : (outcomeLabels[current.status as keyof typeof outcomeLabels] ?? current.status).toLowerCase()}). Nothing was changed.`, { current, currentPatientId: current.patientId })
        : new HomewardError('version_conflict', 'Someone else changed this visit after you opened it. Nothing was saved; check the visit and try again.', { current, currentPatientId: current.patientId }),
    what: 'Visit',
    patientId: o.visit.patientId,
  });
  await o.visitCalledOff?.(trx, { actor, visitId: o.visit.id, reason: `${o.input.outcome === 'no-access' ? 'No access' : 'The visit was cancelled'}: ${reasonText}` });
  let rebooking: VisitResponse | null = null;
  if (o.input.rebookOn !== null) {
    const id = o.rebookingId ?? uuidv7();
    if (o.rebookingId) await refuseTakenVisitId(trx, id);
    const staffId = actor.staff.staffId;
    const row = await trx
      .insertInto('visits')
      .values({
        id,
        team_id: updated.team_id,
        episode_id: updated.episode_id,
        patient_id: updated.patient_id,
        on_date: o.input.rebookOn,
        purpose: updated.purpose,
        duration_minutes: updated.duration_minutes,
        place: updated.place,
        window_start: updated.window_start,
        window_end: updated.window_end,
        staff_needed: updated.staff_needed,
        staff_needed_reason: updated.staff_needed_reason,
        priority: updated.priority,
        registered_required: updated.registered_required,
        skills: JSON.stringify(updated.skills ?? []),
        preferred_staff_id: updated.preferred_staff_id,
        due_by: updated.due_by === null ? null : dateOnly(updated.due_by),
        status: 'to-plan',
        origin: 'rebooked',
        rebooked_from: updated.id,
        created_at: actor.now,
        created_by: staffId,
        updated_at: actor.now,
        updated_by: staffId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(visitIdTaken);
    rebooking = toVisitResponse(row);
  }
  await auditWrite(grant, trx, { recordKind: 'visit', recordId: updated.id, detail: { episodeId: updated.episode_id, outcome: o.input.outcome, reason: o.input.reason, rebookingId: rebooking?.id ?? null } });
  if (rebooking) await auditWrite(grant, trx, { recordKind: 'visit', recordId: rebooking.id, detail: { episodeId: rebooking.episodeId, rebookedFrom: updated.id, date: rebooking.date } });
  return { visit: toVisitResponse(updated), rebooking };
}
