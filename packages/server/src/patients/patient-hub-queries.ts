// What the patient page gathers so it can be the hub of a patient's care: every episode of care
// (open and closed, any team's, with its status), referrals still waiting for triage, and the latest
// letters sent. Headers only: what another team's episode may show through a relationship. Each asks
// for the patient's grant (loadPatientHub's), which the page's read audits.
import type { Kysely } from 'kysely';
import { requireGrant, type ReadGrant } from '../access/public.ts';
import type { Database } from '../db/schema.ts';

export type PatientEpisodeRow = {
  id: string;
  teamId: string;
  teamName: string;
  service: string;
  setting: string;
  status: 'waiting' | 'active' | 'on-hold' | 'discharged';
  triagedAt: string;
  firstContactAt: string | null;
  dischargedOn: string | null;
  dischargeOutcome: string | null;
  allocatedToName: string | null;
  /** Whether a final discharge summary exists (the summary another team may read). */
  hasFinalSummary: boolean;
};

export type PatientLetterRow = { id: string; episodeId: string; teamId: string; kind: 'discharge-patient' | 'discharge-gp' | 'carer-programme'; recipient: string; producedAt: string };

export type PatientReferralRow = { id: string; teamId: string; teamName: string; service: string; receivedAt: string };

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/** Open episodes first (newest triage first), then closed ones, most recently discharged first. */
export async function listPatientEpisodes(db: Kysely<Database>, grant: ReadGrant): Promise<PatientEpisodeRow[]> {
  const patientId = requireGrant(grant).patientId;
  const rows = await db
    .selectFrom('episodes')
    .innerJoin('teams', 'teams.id', 'episodes.team_id')
    .leftJoin('staff', 'staff.id', 'episodes.allocated_to')
    .select((eb) => [
      'episodes.id',
      'episodes.team_id',
      'teams.name as team_name',
      'episodes.service',
      'episodes.setting',
      'episodes.status',
      'episodes.triaged_at',
      'episodes.first_contact_at',
      'episodes.discharged_on',
      'episodes.discharge_outcome',
      'staff.given_name',
      'staff.family_name',
      eb
        .exists(eb.selectFrom('discharge_summaries').select('discharge_summaries.id').whereRef('discharge_summaries.episode_id', '=', 'episodes.id').where('discharge_summaries.status', '=', 'final'))
        .as('has_final_summary'),
    ])
    .where('episodes.patient_id', '=', patientId)
    .orderBy((eb) => eb.case().when('episodes.status', '=', 'discharged').then(1).else(0).end())
    .orderBy('episodes.discharged_on', 'desc')
    .orderBy('episodes.triaged_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    service: r.service,
    setting: r.setting,
    status: r.status,
    triagedAt: iso(r.triaged_at),
    firstContactAt: r.first_contact_at ? iso(r.first_contact_at) : null,
    dischargedOn: r.discharged_on,
    dischargeOutcome: r.discharge_outcome,
    allocatedToName: r.given_name ? `${r.given_name} ${r.family_name}` : null,
    hasFinalSummary: Boolean(r.has_final_summary),
  }));
}

/** The newest letters first, `limit` of them. */
export async function listPatientLetters(db: Kysely<Database>, grant: ReadGrant, limit = 5): Promise<PatientLetterRow[]> {
  const patientId = requireGrant(grant).patientId;
  const rows = await db
    .selectFrom('letters')
    .innerJoin('episodes', 'episodes.id', 'letters.episode_id')
    .select(['letters.id', 'letters.episode_id', 'episodes.team_id', 'letters.kind', 'letters.recipient', 'letters.produced_at'])
    .where('letters.patient_id', '=', patientId)
    .orderBy('letters.produced_at', 'desc')
    .orderBy('letters.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, episodeId: r.episode_id, teamId: r.team_id, kind: r.kind, recipient: r.recipient, producedAt: iso(r.produced_at) }));
}

export async function listPatientIncomingReferrals(db: Kysely<Database>, grant: ReadGrant): Promise<PatientReferralRow[]> {
  const patientId = requireGrant(grant).patientId;
  const rows = await db
    .selectFrom('referrals')
    .innerJoin('teams', 'teams.id', 'referrals.team_id')
    .select(['referrals.id', 'referrals.team_id', 'teams.name as team_name', 'referrals.service', 'referrals.received_at'])
    .where('referrals.patient_id', '=', patientId)
    .where('referrals.status', '=', 'incoming')
    .orderBy('referrals.received_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, teamId: r.team_id, teamName: r.team_name, service: r.service, receivedAt: iso(r.received_at) }));
}
