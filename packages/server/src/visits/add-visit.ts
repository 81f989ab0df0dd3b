// The lead adds a visit to an episode of the team: its needs (recorded, or triage's defaults) say who
// must come; the lead says the day, what it is for, how long, the window and any pin. Checked again
// inside the write, audited as a write about the patient.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { ukDateOf, type VisitPurpose } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditWrite } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import { checkVisit } from './check-visit.ts';
import { visitRecordKind } from './visit-access.ts';
import { findVisitNeeds } from './visit-needs-queries.ts';
import { findTeamVisit, refuseTakenVisitId, type TeamVisit, visitIdTaken } from './visit-queries.ts';

export type NewVisit = {
  /** A client may mint the id (UUIDv7). */
  id?: string;
  date: string;
  purpose: VisitPurpose;
  durationMinutes: number | null;
  window: { start: string; end: string } | null;
  pinnedStaffId: string | null;
  pinnedStart: string | null;
};

export type AddVisitOptions = { access: EpisodeAccess<'write'>; visit: NewVisit };

export async function addVisit(trx: Kysely<Database>, o: AddVisitOptions): Promise<TeamVisit> {
  const episode = o.access.episode;
  const actor = o.access.grant.actor;
  const needs = (await findVisitNeeds(trx, episode.id))!;
  const v = o.visit;
  const durationMinutes = v.durationMinutes ?? needs.durationMinutes;
  await checkVisit(trx, { actor, teamId: episode.teamId, episodeStatus: episode.status, details: { date: v.date, durationMinutes, window: v.window, pinnedStart: v.pinnedStart }, pinnedStaffId: v.pinnedStaffId, purpose: v.purpose });
  const id = v.id ?? uuidv7();
  if (v.id) await refuseTakenVisitId(trx, id);
  await trx
    .insertInto('visits')
    .values({
      id,
      team_id: episode.teamId,
      episode_id: episode.id,
      patient_id: episode.patientId,
      on_date: v.date,
      purpose: v.purpose,
      duration_minutes: durationMinutes,
      place: needs.place,
      window_start: v.window?.start ?? null,
      window_end: v.window?.end ?? null,
      staff_needed: needs.staffNeeded,
      staff_needed_reason: needs.staffNeeded === 2 ? needs.staffNeededReason : null,
      registered_required: needs.registeredRequired || episode.complexity === 'complex',
      skills: JSON.stringify(needs.skills),
      preferred_staff_id: needs.preferredStaffId,
      // A first contact added by hand keeps its response clock as its deadline.
      due_by: v.purpose === 'first-contact' && episode.firstContactAt === null ? ukDateOf(new Date(episode.responseDueAt)) : v.purpose === 'review' ? episode.reviewDueOn : null,
      priority: v.purpose === 'first-contact' ? 3 : v.purpose === 'review' ? 2 : episode.priority === 'P1' ? 2 : 1,
      origin: 'added',
      pinned_staff_id: v.pinnedStaffId,
      pinned_start: v.pinnedStart,
      outcome_reason: null,
      rebooked_from: null,
      contact_note_id: null,
      started_at: null,
      finished_at: null,
      created_at: actor.now,
      created_by: actor.staff.staffId,
      updated_at: actor.now,
      updated_by: actor.staff.staffId,
    })
    .execute()
    .catch(visitIdTaken);
  await auditWrite(o.access.grant, trx, { recordKind: visitRecordKind, recordId: id, detail: { change: 'added', episodeId: episode.id, date: v.date, purpose: v.purpose } });
  return (await findTeamVisit(trx, id))!;
}
