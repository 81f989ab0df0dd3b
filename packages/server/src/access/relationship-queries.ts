// The facts access decisions rest on, read in one round trip for any number of patients: what the
// clinician's team does for each patient, what the clinician does themselves on the team's episodes,
// whether other teams have episodes (shown to a relationship only in summary), and the clinician's own
// live break-glass. Whether those facts make a relationship is packages/clinical's rule
// (care-relationship.ts): registered staff through the team, support workers and students through
// their own work, and for 90 days after a discharge.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { decideCareRelationship, type CareFacts, type CareRelationship } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../platform/principal.ts';

/** Who the facts are for: the member of staff's id and team. */
export type FactsFor = Pick<Principal, 'staffId' | 'teamId' | 'role'>;

export type AccessFacts = {
  /** Whether the patient exists at all (a decision about no one is a 404, not a refusal). */
  found: boolean;
  hasRelationship: boolean;
  relationship: CareRelationship;
  /** Episodes of care with other teams, which a relationship shows only in summary. */
  hasOtherTeamEpisodes: boolean;
  /** The clinician's own live break-glass: never anyone else's. */
  breakGlass: { id: string; reason: string; detail: string | null; expiresAt: Date } | null;
};

const noTeam = '00000000-0000-0000-0000-000000000000';

/**
 * Facts this file read, with whom, which patient and which moment they were read for: another query
 * may carry them (the episode a route loads), and the access decision takes them instead of asking the
 * database again only when they are these, for the same person, patient and moment. A fact made by
 * hand is not among them.
 */
const factsRead = new WeakMap<AccessFacts, { staffId: string; patientId: string; at: number }>();

/** Whether these facts were read here for this member of staff, patient and moment. */
export function factsReadFor(facts: AccessFacts, o: { staffId: string; patientId: string; now: Date }): boolean {
  const read = factsRead.get(facts);
  return read !== undefined && read.staffId === o.staffId && read.patientId === o.patientId && read.at === o.now.getTime();
}
const noCare: CareFacts = { openCare: false, lastDischargedOn: null, registeredAt: null };

/**
 * The clinician works on the episode in scope (the query's "episodes" row): allocated it, an active
 * delegated programme activity on it, supervised on it, or wrote a note on it. Raw SQL so any query
 * over episodes can use it: the relationship query and the support worker's own caseload.
 */
export function worksOn(staffId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(episodes.allocated_to = ${staffId}
    or exists (select 1 from programme_activities pa where pa.episode_id = episodes.id and pa.deliverer_staff_id = ${staffId} and pa.status = 'active')
    or exists (select 1 from episode_supervisions es where es.episode_id = episodes.id and es.staff_id = ${staffId} and es.ended_at is null)
    or exists (select 1 from contact_notes cn where cn.episode_id = episodes.id and cn.written_by = ${staffId}))`;
}

export async function loadAccessFacts(
  db: Kysely<Database>,
  principal: FactsFor,
  patientIds: readonly string[],
  now: Date,
): Promise<Map<string, AccessFacts>> {
  if (patientIds.length === 0) return new Map();
  // One round trip: every fact for every patient asked about.
  const rows = await accessFactsQuery(db, principal, now).where('patients.id', 'in', patientIds).execute();
  return accessFactsOf(rows, principal, patientIds, now);
}

/**
 * Every access fact of each patient row it is narrowed to (by the caller's where), as one SELECT, so
 * that another query can carry it along (the patient search joins it to each result, one round trip).
 */
export function accessFactsQuery(db: Kysely<Database>, principal: FactsFor, now: Date) {
  const team = principal.teamId ?? noTeam;
  const me = principal.staffId;
  return db
    .selectFrom('patients')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('break_glass')
          .select(['break_glass.id', 'break_glass.reason', 'break_glass.detail', 'break_glass.expires_at'])
          .whereRef('break_glass.patient_id', '=', 'patients.id')
          // The clinician's own break-glass only: someone else's reason never opens a record for them.
          .where('break_glass.staff_id', '=', me)
          .where('break_glass.expires_at', '>', now)
          .orderBy('break_glass.expires_at', 'desc')
          .limit(1)
          .as('glass'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'patients.id as patient_id',
      'patients.registered_team_id',
      'patients.created_by',
      'patients.created_at',
      'glass.id as glass_id',
      'glass.reason',
      'glass.detail',
      'glass.expires_at',
      eb
        .exists(
          eb.selectFrom('referrals').select('referrals.id').whereRef('referrals.patient_id', '=', 'patients.id').where('referrals.team_id', '=', team).where('referrals.status', '=', 'incoming'),
        )
        .as('team_incoming_referral'),
      eb.exists(eb.selectFrom('referrals').select('referrals.id').whereRef('referrals.patient_id', '=', 'patients.id').where('referrals.team_id', '=', team)).as('team_ever_referred'),
      eb
        .exists(
          eb.selectFrom('episodes').select('episodes.id').whereRef('episodes.patient_id', '=', 'patients.id').where('episodes.team_id', '=', team).where('episodes.status', '<>', 'discharged'),
        )
        .as('team_open_episode'),
      eb
        .selectFrom('episodes')
        .select((e) => e.fn.max('episodes.discharged_on').as('d'))
        .whereRef('episodes.patient_id', '=', 'patients.id')
        .where('episodes.team_id', '=', team)
        .where('episodes.status', '=', 'discharged')
        .as('team_last_discharged_on'),
      eb
        .exists(
          eb
            .selectFrom('episodes')
            .select('episodes.id')
            .whereRef('episodes.patient_id', '=', 'patients.id')
            .where('episodes.team_id', '=', team)
            .where('episodes.status', '<>', 'discharged')
            .where(worksOn(me)),
        )
        .as('own_open_episode'),
      eb
        .selectFrom('episodes')
        .select((e) => e.fn.max('episodes.discharged_on').as('d'))
        .whereRef('episodes.patient_id', '=', 'patients.id')
        .where('episodes.team_id', '=', team)
        .where('episodes.status', '=', 'discharged')
        .where(worksOn(me))
        .as('own_last_discharged_on'),
      eb.exists(eb.selectFrom('episodes').select('episodes.id').whereRef('episodes.patient_id', '=', 'patients.id').where('episodes.team_id', '<>', team)).as('other_team_episodes'),
    ]);
}

export type AccessFactsRow = Awaited<ReturnType<ReturnType<typeof accessFactsQuery>['execute']>>[number];

/** The facts of each patient asked about, from accessFactsQuery's rows (no row: no facts at all). */
export function accessFactsOf(rows: readonly AccessFactsRow[], principal: FactsFor, patientIds: readonly string[], now: Date): Map<string, AccessFacts> {
  const facts = new Map<string, AccessFacts>();
  const none = (): AccessFacts => ({ found: false, hasRelationship: false, relationship: { hasRelationship: false }, hasOtherTeamEpisodes: false, breakGlass: null });
  for (const id of patientIds) facts.set(id, none());
  const me = principal.staffId;
  for (const r of rows) {
    const inTeam = principal.teamId !== null;
    // Registration counts only until the team has referred the patient: from then on the referral decides.
    const registeredByTeam = inTeam && r.registered_team_id === principal.teamId && !r.team_ever_referred;
    const teamCare: CareFacts = inTeam
      ? {
          openCare: Boolean(r.team_incoming_referral) || Boolean(r.team_open_episode),
          lastDischargedOn: r.team_last_discharged_on ?? null,
          registeredAt: registeredByTeam ? new Date(r.created_at) : null,
        }
      : noCare;
    const ownCare: CareFacts = inTeam
      ? {
          openCare: Boolean(r.own_open_episode),
          lastDischargedOn: r.own_last_discharged_on ?? null,
          registeredAt: registeredByTeam && r.created_by === me ? new Date(r.created_at) : null,
        }
      : noCare;
    const relationship = decideCareRelationship({ role: principal.role, team: teamCare, own: ownCare, now });
    facts.set(r.patient_id, {
      found: true,
      hasRelationship: relationship.hasRelationship,
      relationship,
      hasOtherTeamEpisodes: Boolean(r.other_team_episodes),
      breakGlass: r.glass_id && r.reason && r.expires_at ? { id: r.glass_id, reason: r.reason, detail: r.detail, expiresAt: r.expires_at } : null,
    });
  }
  for (const [patientId, f] of facts) factsRead.set(f, { staffId: me, patientId, at: now.getTime() });
  return facts;
}
