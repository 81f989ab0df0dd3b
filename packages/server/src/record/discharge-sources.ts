// The facts a discharge summary is drafted from, read straight from the record: the referral, the
// finalised contact notes, goals and their ratings, assessments, the programme of care and its
// completion log, onward referrals and the episode's discharge. Reads only; the caller audits.
import type { Kysely } from 'kysely';
import { findInstrument, isStrokeService, ukDateOf, type DischargeFacts, type DischargeGoalFact, type DischargeMeasureFact, type GasLevelKey, type TherapyMinutes } from '@homeward/clinical';
import type { EpisodeResponse } from '../caseload/public.ts';
import { toOnwardReferral } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { assessmentsOfEpisode, summariseAssessments } from './assessments.ts';
import { contactNotesWhere } from './record-queries.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';

async function onwardReferralsOfEpisode(db: Kysely<Database>, episodeId: string) {
  const rows = await db.selectFrom('onward_referrals').selectAll().where('episode_id', '=', episodeId).orderBy('sent_at').orderBy('id').execute();
  return rows.map(toOnwardReferral);
}

/** Contacts in which the patient was not seen, or not seen by us, are not counted as contacts. */
const notContacts = new Set(['did-not-attend', 'no-access', 'mdt-discussion']);
const day = (value: Date | string) => ukDateOf(value instanceof Date ? value : new Date(value));

async function contactFacts(db: Kysely<Database>, episode: EpisodeResponse): Promise<Pick<DischargeFacts, 'contacts' | 'therapyMinutes'>> {
  const notes = (await contactNotesWhere(db, { episodeId: episode.id })).filter((n) => n.status === 'final' && !notContacts.has(n.current.kind));
  const days = notes.map((n) => day(n.current.occurredAt)).sort();
  let therapyMinutes: TherapyMinutes | null = null;
  if (isStrokeService(episode.service)) {
    const sum: Record<string, number> = {};
    for (const n of notes) for (const [type, m] of Object.entries(n.current.therapyMinutes)) sum[type] = (sum[type] ?? 0) + m;
    therapyMinutes = sum as TherapyMinutes;
  }
  return { contacts: { count: notes.length, firstOn: days[0] ?? null, lastOn: days.at(-1) ?? null }, therapyMinutes };
}

async function goalFacts(db: Kysely<Database>, episodeId: string): Promise<DischargeGoalFact[]> {
  const goals = await db.selectFrom('goals').selectAll().where('episode_id', '=', episodeId).orderBy('created_at').orderBy('id').execute();
  if (goals.length === 0) return [];
  const ratings = await db.selectFrom('goal_attainments').selectAll().where('episode_id', '=', episodeId).orderBy('rated_at').orderBy('recorded_at').execute();
  return goals.map((g) => {
    const latest = ratings.filter((r) => r.goal_id === g.id).at(-1);
    return {
      statement: g.statement,
      levels: (g.levels ?? {}) as Partial<Record<GasLevelKey, string>>,
      baselineLevel: g.baseline_level,
      importance: g.importance,
      difficulty: g.difficulty,
      status: g.status,
      statusReason: g.status_reason,
      latest: latest ? { level: latest.level, timePoint: latest.time_point, ratedOn: day(latest.rated_at) } : null,
    };
  });
}

async function measureFacts(db: Kysely<Database>, episodeId: string): Promise<DischargeMeasureFact[]> {
  const assessments = await assessmentsOfEpisode(db, episodeId);
  const out: DischargeMeasureFact[] = [];
  for (const s of summariseAssessments(assessments)) {
    const scored = assessments.filter((a) => a.instrumentId === s.instrumentId && a.total !== null);
    // First is the baseline when there is one (the change is measured from it), else the first scored.
    const first = (s.baseline && s.baseline.total !== null ? s.baseline : scored[0]) ?? null;
    const last = scored.at(-1) ?? null;
    if (!first || !last) continue;
    const direction = findInstrument(s.instrumentId)?.direction ?? null;
    const point = (a: typeof first) => ({ total: a.total!, on: day(a.administeredAt), band: a.band?.label ?? null });
    out.push({
      instrumentId: s.instrumentId,
      instrumentName: s.instrumentName,
      unit: s.unit,
      direction,
      first: point(first),
      last: last.id === first.id ? null : point(last),
      change: last.id !== first.id && last.changeFromBaseline?.baselineId === first.id ? last.changeFromBaseline : null,
    });
  }
  return out;
}

async function programmeFacts(db: Kysely<Database>, episodeId: string): Promise<DischargeFacts['programme']> {
  const activities = await db.selectFrom('programme_activities').selectAll().where('episode_id', '=', episodeId).orderBy('created_at').orderBy('id').execute();
  if (activities.length === 0) return [];
  const counts = await db
    .selectFrom('programme_completions')
    .select(['activity_id', 'outcome', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('episode_id', '=', episodeId)
    .groupBy(['activity_id', 'outcome'])
    .execute();
  const count = (activityId: string, outcome: string) => Number(counts.find((c) => c.activity_id === activityId && c.outcome === outcome)?.n ?? 0);
  return activities.map((a) => ({
    title: a.title,
    kind: a.kind,
    instructions: a.instructions,
    timesPerPeriod: a.times_per_period,
    period: a.period,
    delivererKind: a.deliverer_kind,
    status: a.status,
    handedOverTo: a.handed_over_to_kind ? { kind: a.handed_over_to_kind, name: a.handed_over_to_name } : null,
    done: count(a.id, 'done'),
    partlyDone: count(a.id, 'partly-done'),
    notDone: count(a.id, 'not-done'),
  }));
}

export type ReadDischargeFactsOptions = { access: RecordAccess; now: Date };

/** The facts the episode's discharge summary is drafted from, read through the grant (the caller audits the draft it makes). */
export async function readDischargeFacts(db: Kysely<Database>, o: ReadDischargeFactsOptions): Promise<DischargeFacts> {
  episodeIdOf(o.access);
  return dischargeFactsOfEpisode(db, { episode: o.access.episode, now: o.now });
}

/** The same facts without a grant: for the demo seeder only, which drafts summaries as the app would. Never for a route. */
async function dischargeFactsOfEpisode(db: Kysely<Database>, o: { episode: EpisodeResponse; now: Date }): Promise<DischargeFacts> {
  const e = o.episode;
  const referral = await db.selectFrom('referrals').select(['received_at', 'reason', 'presenting_needs', 'referrer_name']).where('id', '=', e.referralId).executeTakeFirst();
  const team = await db.selectFrom('teams').select(['name', 'base_location']).where('id', '=', e.teamId).executeTakeFirst();
  if (!referral || !team) throw notFound('Referral');
  const onward = await onwardReferralsOfEpisode(db, e.id);
  return {
    service: e.service,
    teamName: team.name,
    teamBase: team.base_location,
    referral: { receivedOn: day(referral.received_at), reason: referral.reason, presentingNeeds: referral.presenting_needs, referrerName: referral.referrer_name },
    episode: {
      status: e.status,
      firstContactOn: e.firstContactAt ? day(e.firstContactAt) : null,
      plannedEndOn: e.plannedEndOn,
      dischargedOn: e.dischargedOn,
      outcome: e.dischargeOutcome,
      destination: e.dischargeDestination,
      note: e.dischargeNote,
    },
    ...(await contactFacts(db, e)),
    goals: await goalFacts(db, e.id),
    measures: await measureFacts(db, e.id),
    programme: await programmeFacts(db, e.id),
    onwardReferrals: onward.map((r) => ({ toService: r.toService, note: r.note, sentOn: day(r.sentAt), acknowledged: r.acknowledgedAt !== null })),
    now: o.now.toISOString(),
  };
}
