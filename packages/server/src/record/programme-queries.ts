// Reading programmes of care: each activity with who delivers it, the last 7 days against what is
// expected, and every completion log. listProgramme is what the discharge summary and timeline read too.
import type { Kysely } from 'kysely';
import {
  competenceLabel,
  describeFrequency,
  programmeActivityKindLabels,
  homewardRoleLabels,
  summariseCompletions,
  ukDateOf,
  type HomewardRole,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ActivityResponse, CompletionResponse } from './programme-schema.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
// date columns arrive as yyyy-mm-dd strings from both engines (database.ts); a Date is read defensively.
const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export type ListProgrammeOptions = {
  /** Today on the UK calendar (yyyy-mm-dd), for the last-7-days counts; pass the app clock's. */
  today?: string;
  /** Only this activity. */
  activityId?: string;
};

/** The episode's programme of care, in the order the activities were set, each with its completion logs. */
export async function listProgramme(db: Kysely<Database>, access: RecordAccess, o: ListProgrammeOptions = {}): Promise<ActivityResponse[]> {
  return programmeOfEpisode(db, episodeIdOf(access), o);
}

/** The same without a grant: for a write that holds its grant already (ending an activity). Never for a route. */
export async function programmeOfEpisode(db: Kysely<Database>, episodeId: string, o: ListProgrammeOptions = {}): Promise<ActivityResponse[]> {
  let query = db
    .selectFrom('programme_activities as a')
    .innerJoin('staff as creator', 'creator.id', 'a.created_by')
    .leftJoin('staff as deliverer', 'deliverer.id', 'a.deliverer_staff_id')
    .leftJoin('goals', 'goals.id', 'a.goal_id')
    .selectAll('a')
    .select([
      'creator.given_name as creator_given',
      'creator.family_name as creator_family',
      'deliverer.given_name as deliverer_given',
      'deliverer.family_name as deliverer_family',
      'deliverer.homeward_role as deliverer_role',
      'goals.statement as goal_statement',
    ])
    .where('a.episode_id', '=', episodeId);
  if (o.activityId) query = query.where('a.id', '=', o.activityId);
  const rows = await query.orderBy('a.created_at').orderBy('a.id').execute();
  if (rows.length === 0) return [];
  const logs = await db
    .selectFrom('programme_completions as c')
    .innerJoin('staff', 'staff.id', 'c.recorded_by')
    .selectAll('c')
    .select(['staff.given_name', 'staff.family_name'])
    .where('c.activity_id', 'in', rows.map((r) => r.id))
    .orderBy('c.done_on', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .execute();
  const byActivity = new Map<string, CompletionResponse[]>();
  for (const c of logs) {
    const entry: CompletionResponse = {
      id: c.id,
      activityId: c.activity_id,
      episodeId: c.episode_id,
      patientId: c.patient_id,
      doneOn: dateOnly(c.done_on),
      outcome: c.outcome,
      reportedBy: c.reported_by,
      note: c.note,
      recordedAt: iso(c.recorded_at),
      recordedBy: { id: c.recorded_by, name: `${c.given_name} ${c.family_name}`, role: c.recorded_by_role },
    };
    byActivity.set(c.activity_id, [...(byActivity.get(c.activity_id) ?? []), entry]);
  }
  const today = o.today ?? ukDateOf(new Date());
  return rows.map((r) => {
    const completions = byActivity.get(r.id) ?? [];
    const startsOn = dateOnly(r.starts_on);
    const endsOn = r.ends_on === null ? null : dateOnly(r.ends_on);
    const summary = summariseCompletions({ timesPerPeriod: r.times_per_period, period: r.period, startsOn, endsOn, status: r.status, completions, today });
    const staffName = r.deliverer_given ? `${r.deliverer_given} ${r.deliverer_family}` : null;
    const name = r.deliverer_kind === 'staff' ? staffName : r.deliverer_name;
    const description =
      r.deliverer_kind === 'staff'
        ? `${staffName} (${homewardRoleLabels[r.deliverer_role as HomewardRole] ?? r.deliverer_role})`
        : r.deliverer_kind === 'carer'
          ? `${r.deliverer_name}, carer`
          : r.deliverer_kind === 'agency'
            ? `${r.deliverer_name}, care agency`
            : 'The patient, on their own';
    return {
      id: r.id,
      version: r.version,
      episodeId: r.episode_id,
      patientId: r.patient_id,
      goal: r.goal_id && r.goal_statement ? { id: r.goal_id, statement: r.goal_statement } : null,
      kind: r.kind,
      kindLabel: programmeActivityKindLabels[r.kind],
      competence: r.competence,
      competenceLabel: r.competence ? competenceLabel(r.competence) : null,
      title: r.title,
      instructions: r.instructions,
      timesPerPeriod: r.times_per_period,
      period: r.period,
      frequency: describeFrequency({ timesPerPeriod: r.times_per_period, period: r.period }),
      deliverer: { kind: r.deliverer_kind, staffId: r.deliverer_staff_id, staffRole: r.deliverer_role, name, description },
      startsOn,
      endsOn,
      status: r.status,
      statusReason: r.status_reason,
      handedOverTo: r.handed_over_to_kind ? { kind: r.handed_over_to_kind, name: r.handed_over_to_name } : null,
      createdAt: iso(r.created_at),
      createdBy: { id: r.created_by, name: `${r.creator_given} ${r.creator_family}`, role: r.created_by_role },
      updatedAt: iso(r.updated_at),
      lastSevenDays: { windowStartsOn: summary.windowStartsOn, done: summary.done, partlyDone: summary.partlyDone, notDone: summary.notDone, expected: summary.expected },
      lastDoneOn: summary.lastDoneOn,
      completions,
    };
  });
}

/** Which episode an activity belongs to, so the caller can authorise before reading the rest. */
export async function findActivityEpisodeId(db: Kysely<Database>, activityId: string): Promise<string | null> {
  const row = await db.selectFrom('programme_activities').select('episode_id').where('id', '=', activityId).executeTakeFirst();
  return row?.episode_id ?? null;
}

export type DeliveringStaff = { id: string; name: string; givenName: string; role: HomewardRole; teamId: string | null; active: boolean };

/** The episode team's staff who can deliver activities, for the "who delivers it" list. */
export async function listTeamDeliverers(db: Kysely<Database>, teamId: string): Promise<DeliveringStaff[]> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active'])
    .where('team_id', '=', teamId)
    .where('active', '=', true)
    .where('homeward_role', 'in', ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'])
    .orderBy('family_name')
    .orderBy('given_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, givenName: r.given_name, role: r.homeward_role as HomewardRole, teamId: r.team_id, active: r.active }));
}

export async function findDeliveringStaff(db: Kysely<Database>, staffId: string): Promise<DeliveringStaff | null> {
  const r = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active']).where('id', '=', staffId).executeTakeFirst();
  return r ? { id: r.id, name: `${r.given_name} ${r.family_name}`, givenName: r.given_name, role: r.homeward_role as HomewardRole, teamId: r.team_id, active: r.active } : null;
}

export type EpisodeGoal = { id: string; statement: string; status: string };

/** The episode's goals, for linking an activity to one. */
export async function listEpisodeGoals(db: Kysely<Database>, access: RecordAccess): Promise<EpisodeGoal[]> {
  return db.selectFrom('goals').select(['id', 'statement', 'status']).where('episode_id', '=', episodeIdOf(access)).orderBy('created_at').execute();
}
