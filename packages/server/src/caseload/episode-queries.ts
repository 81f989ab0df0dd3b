// Reading episodes of care, their history and onward referrals. Rows are snake_case; everything leaving
// this file is camelCase (episode-schema.ts).
import { sql, type Kysely, type SqlBool } from 'kysely';
import { accessFactsOf, accessFactsQuery, requireGrant, type AccessFacts, type AccessFactsRow, type AccessGrant, type FactsFor } from '../access/public.ts';
import type { Database } from '../db/schema.ts';
import { clockState, d2aPathwayOf, describeClock, type RecordedCompetence, type Service } from '@homeward/clinical';
import { recordedCompetencesOf } from '../staff/public.ts';
import type { EpisodeEventResponse, EpisodeResponse, OnwardReferralResponse } from './episode-schema.ts';

const iso = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString());
const dateOnly = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

function selectEpisode(db: Kysely<Database>) {
  return db
    .selectFrom('episodes')
    .innerJoin('referrals', 'referrals.id', 'episodes.referral_id')
    // The patient's date of birth comes with the episode: every clinical date in it is checked against it.
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .leftJoin('staff as holder', 'holder.id', 'episodes.allocated_to')
    .selectAll('episodes')
    .select(['referrals.received_at as referral_received_at', 'patients.date_of_birth as patient_date_of_birth', 'holder.given_name as holder_given_name', 'holder.family_name as holder_family_name']);
}

type EpisodeRow = Awaited<ReturnType<ReturnType<typeof selectEpisode>['executeTakeFirstOrThrow']>>;

export function toEpisode(r: EpisodeRow, now: Date): EpisodeResponse {
  const clock = clockState({ dueAt: new Date(r.response_due_at), firstContactAt: r.first_contact_at ? new Date(r.first_contact_at) : null, now });
  return {
    id: r.id,
    version: r.version,
    patientId: r.patient_id,
    referralId: r.referral_id,
    teamId: r.team_id,
    service: r.service,
    pathway: d2aPathwayOf(r.service as Service),
    setting: r.setting,
    status: r.status,
    holdReason: r.hold_reason,
    complexity: r.complexity,
    complexityReason: r.complexity_reason,
    priority: r.priority,
    skillsNeeded: (r.skills_needed as string[]) ?? [],
    triageNotes: r.triage_notes,
    triagedBy: r.triaged_by,
    triagedAt: iso(r.triaged_at)!,
    referralReceivedAt: iso(r.referral_received_at)!,
    patientDateOfBirth: dateOnly(r.patient_date_of_birth)!,
    clockStartsAt: iso(r.clock_starts_at)!,
    responseDueAt: iso(r.response_due_at)!,
    clock: { ...clock, text: describeClock(clock) },
    allocatedTo: r.allocated_to,
    allocatedToName: r.holder_given_name ? `${r.holder_given_name} ${r.holder_family_name}` : null,
    allocatedAt: iso(r.allocated_at),
    firstContactAt: iso(r.first_contact_at),
    firstAssessmentAt: iso(r.first_assessment_at),
    lastContactAt: iso(r.last_contact_at),
    nextContactAt: iso(r.next_contact_at),
    plannedEndOn: dateOnly(r.planned_end_on),
    reviewDueOn: dateOnly(r.review_due_on),
    visitsPerWeek: Number(r.visits_per_week),
    travelMinutes: r.travel_minutes,
    dischargedOn: dateOnly(r.discharged_on),
    dischargeOutcome: r.discharge_outcome,
    dischargeDestination: r.discharge_destination,
    dischargeNote: r.discharge_note,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export async function findEpisode(db: Kysely<Database>, id: string, now: Date): Promise<EpisodeResponse | null> {
  const row = await selectEpisode(db).where('episodes.id', '=', id).executeTakeFirst();
  return row ? toEpisode(row, now) : null;
}

/**
 * Every episode of one patient, oldest referral first, without a grant: for the FHIR resources (issue
 * 18 #2), which then authorise each episode's record as the pages do before showing anything of it.
 */
export async function listPatientEpisodes(db: Kysely<Database>, patientId: string, now: Date): Promise<EpisodeResponse[]> {
  const rows = await selectEpisode(db).where('episodes.patient_id', '=', patientId).orderBy('episodes.created_at').orderBy('episodes.id').execute();
  return rows.map((r) => toEpisode(r, now));
}

/**
 * The episode and its patient's access facts for this member of staff, in one query (issue 12: the
 * access facts folded into the query), so the route's access decision (authorisePatientAccess) need
 * not ask the database again. accessFactsQuery is joined laterally, as the patient search does; its
 * two columns an episode also has (who registered the patient, and when) come back renamed.
 */
export async function findEpisodeWithAccessFacts(db: Kysely<Database>, id: string, o: { staff: FactsFor; now: Date }): Promise<{ episode: EpisodeResponse; facts: AccessFacts } | null> {
  const episode = selectEpisode(db).where('episodes.id', '=', id);
  const facts = accessFactsQuery(db, o.staff, o.now).where(sql<SqlBool>`patients.id = e.patient_id`);
  const { rows } = await sql<EpisodeRow & Omit<AccessFactsRow, 'patient_id' | 'created_by' | 'created_at'> & { patient_created_by: string | null; patient_created_at: Date }>`
    select e.*, f.registered_team_id, f.created_by as patient_created_by, f.created_at as patient_created_at, f.glass_id, f.reason, f.detail, f.expires_at,
      f.team_incoming_referral, f.team_ever_referred, f.team_open_episode, f.team_last_discharged_on, f.own_open_episode, f.own_last_discharged_on, f.other_team_episodes
    from (${episode}) as e left join lateral (${facts}) as f on true
  `.execute(db);
  const row = rows[0];
  if (!row) return null;
  const factsRow = { ...row, patient_id: row.patient_id, created_by: row.patient_created_by, created_at: row.patient_created_at } as unknown as AccessFactsRow;
  return { episode: toEpisode(row, o.now), facts: accessFactsOf([factsRow], o.staff, [row.patient_id], o.now).get(row.patient_id)! };
}

/** An episode and the grant to read its patient's record (caseload's EpisodeAccess, record's RecordAccess). */
export type GrantedEpisode = { episode: Pick<EpisodeResponse, 'id' | 'patientId'>; grant: AccessGrant };

/** The episode a read is of, once its grant is checked to be real and for that episode's patient. */
function grantedEpisodeId(access: GrantedEpisode): string {
  requireGrant(access.grant, access.episode.patientId);
  return access.episode.id;
}

/** The episode's history, oldest first: its own team's detail, which the caller leaves out for a summary. */
export async function listEpisodeEvents(db: Kysely<Database>, access: GrantedEpisode): Promise<EpisodeEventResponse[]> {
  const episodeId = grantedEpisodeId(access);
  const rows = await db
    .selectFrom('episode_events')
    .innerJoin('staff', 'staff.id', 'episode_events.staff_id')
    .select(['episode_events.id', 'episode_events.occurred_at', 'episode_events.staff_id', 'episode_events.kind', 'episode_events.reason', 'episode_events.detail', 'staff.given_name', 'staff.family_name'])
    .where('episode_events.episode_id', '=', episodeId)
    .orderBy('episode_events.occurred_at')
    .orderBy('episode_events.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: iso(r.occurred_at)!,
    staffId: r.staff_id,
    staffName: `${r.given_name} ${r.family_name}`,
    kind: r.kind,
    reason: r.reason,
    detail: r.detail ?? {},
  }));
}

/** The episode's onward referrals, oldest first. */
export async function listOnwardReferrals(db: Kysely<Database>, access: GrantedEpisode): Promise<OnwardReferralResponse[]> {
  const episodeId = grantedEpisodeId(access);
  const rows = await db.selectFrom('onward_referrals').selectAll().where('episode_id', '=', episodeId).orderBy('sent_at').orderBy('id').execute();
  return rows.map(toOnwardReferral);
}

export function toOnwardReferral(r: { id: string; episode_id: string; to_service: string; note: string | null; sent_at: Date | string; acknowledged_at: Date | null; version: number }): OnwardReferralResponse {
  return {
    id: r.id,
    episodeId: r.episode_id,
    toService: r.to_service,
    note: r.note,
    sentAt: iso(r.sent_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    version: r.version,
  };
}

export type StaffForAllocation = {
  id: string;
  name: string;
  role: string;
  profession: string;
  band: string;
  teamId: string | null;
  active: boolean;
  /** The staff record's older list of skills; what counts on a day is competenceFor's (heldSkills). */
  listedSkills: string[];
  /** Every competence recorded for them (issue 16 #2), current or not. */
  competences: RecordedCompetence[];
  contractedHours: number;
};

type StaffRow = { id: string; given_name: string; family_name: string; homeward_role: string; profession: string; band: string; team_id: string | null; active: boolean; skills: unknown; contracted_hours: string };

function toStaffForAllocation(r: StaffRow, competences: Map<string, RecordedCompetence[]>): StaffForAllocation {
  return {
    id: r.id,
    name: `${r.given_name} ${r.family_name}`,
    role: r.homeward_role,
    profession: r.profession,
    band: r.band,
    teamId: r.team_id,
    active: r.active,
    listedSkills: Array.isArray(r.skills) ? (r.skills as string[]) : [],
    competences: competences.get(r.id) ?? [],
    contractedHours: Number(r.contracted_hours),
  };
}

const staffColumns = ['id', 'given_name', 'family_name', 'homeward_role', 'profession', 'band', 'team_id', 'active', 'skills', 'contracted_hours'] as const;

export async function findStaffForAllocation(db: Kysely<Database>, id: string): Promise<StaffForAllocation | null> {
  const row = await db.selectFrom('staff').select(staffColumns).where('id', '=', id).executeTakeFirst();
  return row ? toStaffForAllocation(row, await recordedCompetencesOf(db, [row.id])) : null;
}

/**
 * The team's active clinical staff. For allocation, support workers and students on placement are listed
 * too (with the rule that says why they cannot hold an episode); for capacity, only those who hold caseloads.
 */
export async function listTeamClinicians(db: Kysely<Database>, teamId: string, o: { includeSupportWorkers: boolean }): Promise<StaffForAllocation[]> {
  const roles = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', ...(o.includeSupportWorkers ? ['support-worker', 'student'] : [])];
  const rows = await db
    .selectFrom('staff')
    .select(staffColumns)
    .where('team_id', '=', teamId)
    .where('active', '=', true)
    .where('homeward_role', 'in', roles)
    .orderBy('family_name')
    .orderBy('given_name')
    .execute();
  const competences = await recordedCompetencesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toStaffForAllocation(r, competences));
}
