// Reading and writing referrals. Rows are snake_case; everything leaving this file is the camelCase
// shape of referral-schema.ts.
import type { Kysely, Selectable } from 'kysely';
import type { Complexity, EpisodeStatus, Priority, ReferralSource, RejectionReason, Service, Setting, Skill, Urgency } from '@homeward/clinical';
import { earliestDischargeInFollowUp, fromUkWallClock } from '@homeward/clinical';
import type { Database, EpisodesTable, ReferralsTable } from '../db/schema.ts';
import type { ReferralDetails } from './check-referral-details.ts';
import type { ReferralListItem, ReferralResponse } from './referral-schema.ts';
import { requireGrant, type ReadGrant } from '../access/public.ts';

type ReferralRow = Selectable<ReferralsTable>;
type EpisodeRow = Selectable<EpisodesTable>;

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

export function toReferral(r: ReferralRow): ReferralResponse {
  return {
    id: r.id,
    version: r.version,
    patientId: r.patient_id,
    teamId: r.team_id,
    source: r.source as ReferralSource,
    sourceDetail: r.source_detail,
    receivedAt: iso(r.received_at),
    service: r.service as Service,
    setting: r.setting as Setting,
    reason: r.reason,
    presentingNeeds: r.presenting_needs,
    urgencyRequested: r.urgency_requested as Urgency,
    referrerName: r.referrer_name,
    referrerContact: r.referrer_contact,
    consentToReferral: r.consent_to_referral,
    consentNote: r.consent_note,
    status: r.status,
    rejectionReason: r.rejection_reason as RejectionReason | null,
    rejectionDetail: r.rejection_detail,
    decidedAt: isoOrNull(r.decided_at),
    decidedBy: r.decided_by,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
  };
}

export async function findReferral(db: Kysely<Database>, id: string): Promise<ReferralResponse | null> {
  const row = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReferral(row) : null;
}

export type OpenReferralQuery = { patientId: string; teamId: string; service: Service };

/**
 * The patient's open referral to this service with this team, if any: one still incoming, or one
 * accepted whose episode of care has not been discharged. The oldest is the one to point people at.
 */
export async function findOpenReferral(db: Kysely<Database>, q: OpenReferralQuery): Promise<ReferralResponse | null> {
  const row = await db
    .selectFrom('referrals')
    .selectAll()
    .where('patient_id', '=', q.patientId)
    .where('team_id', '=', q.teamId)
    .where('service', '=', q.service)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'incoming'),
        eb.and([
          eb('status', '=', 'accepted'),
          eb.exists(
            eb
              .selectFrom('episodes')
              .select('episodes.id')
              .whereRef('episodes.referral_id', '=', 'referrals.id')
              .where('episodes.status', '<>', 'discharged'),
          ),
        ]),
      ]),
    )
    .orderBy('received_at')
    .limit(1)
    .executeTakeFirst();
  return row ? toReferral(row) : null;
}

export type InsertReferralOptions = { id: string; patientId: string; teamId: string; details: ReferralDetails; staffId: string; now: Date };

export async function insertReferral(db: Kysely<Database>, o: InsertReferralOptions): Promise<ReferralResponse> {
  const d = o.details;
  const row = await db
    .insertInto('referrals')
    .values({
      id: o.id,
      patient_id: o.patientId,
      team_id: o.teamId,
      source: d.source,
      source_detail: d.sourceDetail,
      received_at: d.receivedAt,
      service: d.service,
      setting: d.setting,
      reason: d.reason,
      presenting_needs: d.presentingNeeds,
      urgency_requested: d.urgencyRequested,
      referrer_name: d.referrerName,
      referrer_contact: d.referrerContact,
      consent_to_referral: d.consentToReferral,
      consent_note: d.consentNote,
      created_at: o.now,
      created_by: o.staffId,
      updated_at: o.now,
      updated_by: o.staffId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReferral(row);
}

export type ListReferralsOptions = { teamId: string; status: 'incoming' | 'accepted' | 'rejected'; now: Date; limit: number };

/**
 * The team's referrals in one status: incoming oldest first (longest waiting at the top), others newest
 * decision first, decided within the follow-up period (a list names patients, and a rejected referral,
 * or one accepted long ago, leaves the team no relationship with them).
 */
export async function listTeamReferrals(db: Kysely<Database>, o: ListReferralsOptions): Promise<ReferralListItem[]> {
  let query = db
    .selectFrom('referrals')
    .innerJoin('patients', 'patients.id', 'referrals.patient_id')
    .selectAll('referrals')
    .select(['patients.nhs_number', 'patients.given_name', 'patients.family_name', 'patients.date_of_birth'])
    .where('referrals.team_id', '=', o.teamId)
    .where('referrals.status', '=', o.status)
    .limit(o.limit);
  query =
    o.status === 'incoming'
      ? query.orderBy('referrals.received_at', 'asc').orderBy('referrals.id')
      : query
          .where('referrals.decided_at', '>=', fromUkWallClock(earliestDischargeInFollowUp(o.now), '00:00') ?? o.now)
          .orderBy('referrals.decided_at', 'desc')
          .orderBy('referrals.id');
  const rows = await query.execute();
  return rows.map((r) => ({
    ...toReferral(r),
    patient: { id: r.patient_id, nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth },
    waitingMinutes: Math.max(0, Math.floor((o.now.getTime() - new Date(r.received_at).getTime()) / 60_000)),
  }));
}

export type TriagedEpisode = {
  id: string;
  version: number;
  patientId: string;
  referralId: string;
  teamId: string;
  service: Service;
  setting: Setting;
  status: EpisodeStatus;
  complexity: Complexity;
  complexityReason: string;
  priority: Priority;
  skillsNeeded: Skill[];
  triageNotes: string | null;
  triagedBy: string;
  triagedAt: string;
  clockStartsAt: string;
  responseDueAt: string;
  visitsPerWeek: number;
  allocatedTo: string | null;
};

export function toTriagedEpisode(r: EpisodeRow): TriagedEpisode {
  return {
    id: r.id,
    version: r.version,
    patientId: r.patient_id,
    referralId: r.referral_id,
    teamId: r.team_id,
    service: r.service as Service,
    setting: r.setting as Setting,
    status: r.status,
    complexity: r.complexity,
    complexityReason: r.complexity_reason,
    priority: r.priority as Priority,
    skillsNeeded: r.skills_needed as Skill[],
    triageNotes: r.triage_notes,
    triagedBy: r.triaged_by,
    triagedAt: iso(r.triaged_at),
    clockStartsAt: iso(r.clock_starts_at),
    responseDueAt: iso(r.response_due_at),
    visitsPerWeek: Number(r.visits_per_week),
    allocatedTo: r.allocated_to,
  };
}

export async function findEpisodeForReferral(db: Kysely<Database>, referralId: string): Promise<TriagedEpisode | null> {
  const row = await db.selectFrom('episodes').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  return row ? toTriagedEpisode(row) : null;
}

/** "Alex Smith", for saying who decided; null when the person is not found. */
export async function staffName(db: Kysely<Database>, staffId: string | null): Promise<string | null> {
  if (!staffId) return null;
  const row = await db.selectFrom('staff').select(['given_name', 'family_name']).where('id', '=', staffId).executeTakeFirst();
  return row ? `${row.given_name} ${row.family_name}` : null;
}

/** Every referral of the granted patient, oldest first (for the FHIR API's ServiceRequest search; each read is audited by the caller). */
export async function listPatientReferrals(db: Kysely<Database>, grant: ReadGrant): Promise<ReferralResponse[]> {
  const patientId = requireGrant(grant).patientId;
  const rows = await db.selectFrom('referrals').selectAll().where('patient_id', '=', patientId).orderBy('received_at').orderBy('id').execute();
  return rows.map(toReferral);
}
