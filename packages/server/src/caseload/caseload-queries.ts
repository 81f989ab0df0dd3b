// The caseload, the team's caseload, the waiting list and each clinician's capacity. Every query starts
// from an open-episode partial index (episodes_clinician_open_idx or episodes_team_open_idx: the
// predicate status <> 'discharged' is written out so the planner can use them) and joins patients and
// staff by primary key only, so the cost follows the caseload, never the size of the patient index.
import type { Kysely } from 'kysely';
import {
  addCalendarDays,
  clockState,
  compareForCaseload,
  d2aPathwayOf,
  daysBetween,
  defaultReviewDueWindowDays,
  describeClock,
  listAssessmentPrompts,
  priorityScore,
  ukDateOf,
  type AssessmentPrompt,
  type Priority,
  type ReviewState,
  type RiskFlagKind,
  type Service,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { worksOn } from '../access/public.ts';
import { loadOf, reviewStateOn, travelOfEpisode, weightOfEpisode } from './episode-weighting.ts';
import type { StaffForAllocation } from './episode-queries.ts';
import type { CapacityResponse, CaseloadRow } from './episode-schema.ts';

export type CaseloadScope =
  | { kind: 'clinician'; staffId: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'waiting-list'; teamId: string }
  /** A support worker's or student's own list: the team's open episodes they work on (the same facts as their relationship). */
  | { kind: 'works-on'; staffId: string; teamId: string };

export type CaseloadFilter = {
  services?: readonly Service[];
  priority?: Priority;
  breached?: boolean;
  unallocated?: boolean;
  /** Only episodes whose next review is due within the review window, or overdue. */
  reviewsDue?: boolean;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const dateOnly = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export async function listCaseload(db: Kysely<Database>, scope: CaseloadScope, filter: CaseloadFilter, now: Date): Promise<CaseloadRow[]> {
  let query = db
    .selectFrom('episodes')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .innerJoin('teams', 'teams.id', 'episodes.team_id')
    .leftJoin('staff', 'staff.id', 'episodes.allocated_to')
    .select([
      'episodes.id',
      'episodes.version',
      'episodes.service',
      'episodes.priority',
      'episodes.complexity',
      'episodes.status',
      'episodes.hold_reason',
      'episodes.response_due_at',
      'episodes.first_contact_at',
      'episodes.last_contact_at',
      'episodes.next_contact_at',
      'episodes.review_due_on',
      'episodes.visits_per_week',
      'episodes.travel_minutes',
      'episodes.allocated_to',
      'patients.id as patient_id',
      'patients.nhs_number',
      'patients.given_name',
      'patients.family_name',
      'patients.risk_flags',
      'patients.lives_alone',
      'patients.latitude',
      'patients.longitude',
      'teams.base_latitude',
      'teams.base_longitude',
      'staff.given_name as holder_given_name',
      'staff.family_name as holder_family_name',
    ])
    .where('episodes.status', '<>', 'discharged');
  if (scope.kind === 'clinician') query = query.where('episodes.allocated_to', '=', scope.staffId);
  else if (scope.kind === 'works-on') {
    query = query.where('episodes.team_id', '=', scope.teamId).where(worksOn(scope.staffId));
  } else query = query.where('episodes.team_id', '=', scope.teamId);
  if (scope.kind === 'waiting-list' || filter.unallocated) query = query.where('episodes.allocated_to', 'is', null);
  if (filter.services) query = filter.services.length ? query.where('episodes.service', 'in', filter.services) : query.where((eb) => eb.val(false));
  if (filter.priority) query = query.where('episodes.priority', '=', filter.priority);
  if (filter.breached) query = query.where('episodes.first_contact_at', 'is', null).where('episodes.response_due_at', '<', now);
  if (filter.reviewsDue) query = query.where('episodes.review_due_on', '<=', addCalendarDays(ukDateOf(now), defaultReviewDueWindowDays));
  const rows = await query.orderBy('episodes.response_due_at').orderBy('episodes.id').execute();

  const today = ukDateOf(now);
  const result = rows.map((r): CaseloadRow => {
    const riskFlags = (r.risk_flags as RiskFlagKind[]) ?? [];
    const clock = clockState({ dueAt: new Date(r.response_due_at), firstContactAt: r.first_contact_at ? new Date(r.first_contact_at) : null, now });
    const reviewDueOn = dateOnly(r.review_due_on);
    const travel = travelOfEpisode({ base: { latitude: r.base_latitude, longitude: r.base_longitude }, home: r, fixedMinutes: r.travel_minutes });
    const score = priorityScore({
      priority: r.priority as Priority,
      clock,
      riskFlagCount: riskFlags.length,
      livesAlone: r.lives_alone,
      daysSinceLastContact: r.last_contact_at ? daysBetween(new Date(r.last_contact_at), now) : null,
      review: reviewStateOn(reviewDueOn, today),
      onHold: r.status === 'on-hold',
    });
    return {
      episodeId: r.id,
      version: r.version,
      patient: { id: r.patient_id, nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name, riskFlags },
      service: r.service,
      pathway: d2aPathwayOf(r.service as Service),
      priority: r.priority,
      complexity: r.complexity,
      status: r.status,
      holdReason: r.hold_reason,
      responseDueAt: iso(r.response_due_at)!,
      clock: { ...clock, text: describeClock(clock) },
      allocatedTo: r.allocated_to ? { id: r.allocated_to, name: `${r.holder_given_name} ${r.holder_family_name}` } : null,
      lastContactAt: iso(r.last_contact_at),
      nextContactAt: iso(r.next_contact_at),
      reviewDueOn,
      weight: weightOfEpisode({ complexity: r.complexity, visitsPerWeek: Number(r.visits_per_week), travel, riskFlagCount: riskFlags.length }),
      travel,
      score: score.score,
      reasons: score.reasons,
    };
  });
  // The waiting list is in clock order (the query's order); caseloads by the priority score, then the clock.
  if (scope.kind !== 'waiting-list') {
    result.sort(
      (a, b) =>
        compareForCaseload({ score: a.score, dueAt: new Date(a.responseDueAt) }, { score: b.score, dueAt: new Date(b.responseDueAt) }) ||
        a.episodeId.localeCompare(b.episodeId),
    );
  }
  return result;
}

/** Each clinician's open episodes and their total weight against contracted hours, from the team's open episodes. */
export async function listTeamCapacity(db: Kysely<Database>, teamId: string, clinicians: readonly StaffForAllocation[]): Promise<CapacityResponse[]> {
  const rows = await db
    .selectFrom('episodes')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .innerJoin('teams', 'teams.id', 'episodes.team_id')
    .select([
      'episodes.allocated_to',
      'episodes.complexity',
      'episodes.visits_per_week',
      'episodes.travel_minutes',
      'patients.risk_flags',
      'patients.latitude',
      'patients.longitude',
      'teams.base_latitude',
      'teams.base_longitude',
    ])
    .where('episodes.team_id', '=', teamId)
    .where('episodes.status', '<>', 'discharged')
    .where('episodes.allocated_to', 'is not', null)
    .execute();
  const weights = new Map<string, number[]>();
  for (const r of rows) {
    const list = weights.get(r.allocated_to!) ?? [];
    const travel = travelOfEpisode({ base: { latitude: r.base_latitude, longitude: r.base_longitude }, home: r, fixedMinutes: r.travel_minutes });
    list.push(weightOfEpisode({ complexity: r.complexity, visitsPerWeek: Number(r.visits_per_week), travel, riskFlagCount: ((r.risk_flags as RiskFlagKind[]) ?? []).length }));
    weights.set(r.allocated_to!, list);
  }
  return clinicians.map((c) => {
    const list = weights.get(c.id) ?? [];
    const load = loadOf(list, c.contractedHours);
    return {
      staffId: c.id,
      name: c.name,
      role: c.role,
      profession: c.profession,
      contractedHours: c.contractedHours,
      episodes: list.length,
      totalWeight: load.total,
      capacity: load.capacity,
      percent: load.percent,
      status: load.status,
    };
  });
}

export type CaseloadDue = { reviewState: ReviewState; assessmentsDue: AssessmentPrompt[] };

/**
 * Reviews and assessments due for a page of caseload rows, in one grouped query over those episodes
 * (by primary key, then assessments_episode_idx and episode_reviews_episode_idx): each episode's dates,
 * the last date of each instrument at each time point, and the last review's date and decision.
 */
export async function listCaseloadDue(db: Kysely<Database>, rows: readonly CaseloadRow[], now: Date): Promise<Map<string, CaseloadDue>> {
  const due = new Map<string, CaseloadDue>();
  if (rows.length === 0) return due;
  const facts = await db
    .selectFrom('episodes')
    .leftJoin('assessments', 'assessments.episode_id', 'episodes.id')
    .select((eb) => [
      'episodes.id',
      'episodes.first_contact_at',
      'episodes.planned_end_on',
      'assessments.instrument_id',
      'assessments.time_point',
      eb.fn.max('assessments.administered_at').as('last_at'),
      eb
        .selectFrom('episode_reviews')
        .select('episode_reviews.decision')
        .whereRef('episode_reviews.episode_id', '=', 'episodes.id')
        .orderBy('episode_reviews.held_on', 'desc')
        .orderBy('episode_reviews.recorded_at', 'desc')
        .limit(1)
        .as('last_decision'),
      eb.selectFrom('episode_reviews').select((r) => r.fn.max('episode_reviews.held_on').as('held_on')).whereRef('episode_reviews.episode_id', '=', 'episodes.id').as('last_review_on'),
    ])
    .where('episodes.id', 'in', rows.map((r) => r.episodeId))
    .groupBy(['episodes.id', 'episodes.first_contact_at', 'episodes.planned_end_on', 'assessments.instrument_id', 'assessments.time_point'])
    .execute();
  const byEpisode = new Map<string, (typeof facts)[number][]>();
  for (const f of facts) byEpisode.set(f.id, [...(byEpisode.get(f.id) ?? []), f]);
  const today = ukDateOf(now);
  for (const r of rows) {
    const list = byEpisode.get(r.episodeId) ?? [];
    const first = list[0];
    const assessmentsDue = listAssessmentPrompts({
      episode: {
        service: r.service,
        status: r.status,
        startOn: first?.first_contact_at ? ukDateOf(new Date(first.first_contact_at)) : null,
        plannedEndOn: dateOnly(first?.planned_end_on ?? null),
        reviewDueOn: r.reviewDueOn,
        dischargedOn: null,
        lastReviewOn: dateOnly(first?.last_review_on ?? null),
      },
      assessments: list.filter((f) => f.instrument_id !== null && f.last_at !== null).map((f) => ({ instrumentId: f.instrument_id!, timePoint: f.time_point!, on: ukDateOf(new Date(f.last_at!)) })),
      today,
      dischargePlanned: first?.last_decision === 'discharge',
    });
    due.set(r.episodeId, { reviewState: reviewStateOn(r.reviewDueOn, today), assessmentsDue });
  }
  return due;
}
