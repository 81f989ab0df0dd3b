// Reading "My delegated work": the active programme activities delegated to one member of staff, on
// open episodes of their team, with the patient, who delegated it, every log and whether the competence
// it was delegated within is still current. Two queries, whatever the number of activities.
import type { Kysely } from 'kysely';
import {
  competenceLabel,
  compareDelegatedWork,
  delegatedWorkDue,
  describeFrequency,
  type CompletionOutcome,
  type DelegatedWorkDue,
  type HomewardRole,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export type DelegatedWorkItem = {
  activityId: string;
  episodeId: string;
  patient: { id: string; givenName: string; familyName: string; nhsNumber: string; dateOfBirth: string; postcode: string };
  title: string;
  instructions: string;
  frequency: string;
  startsOn: string;
  endsOn: string | null;
  competence: string | null;
  competenceLabel: string | null;
  /** False when the support worker's recorded competence for it has since been withdrawn. */
  competenceCurrent: boolean;
  delegatedBy: { name: string; role: string };
  due: DelegatedWorkDue;
};

export type ListDelegatedWorkOptions = { staffId: string; role: HomewardRole; teamId: string; today: string };

export async function listDelegatedWork(db: Kysely<Database>, o: ListDelegatedWorkOptions): Promise<DelegatedWorkItem[]> {
  const rows = await db
    .selectFrom('programme_activities as a')
    .innerJoin('episodes as e', 'e.id', 'a.episode_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('staff as creator', 'creator.id', 'a.created_by')
    .select([
      'a.id',
      'a.episode_id',
      'a.title',
      'a.instructions',
      'a.times_per_period',
      'a.period',
      'a.starts_on',
      'a.ends_on',
      'a.competence',
      'a.created_by_role',
      'p.id as patient_id',
      'p.given_name',
      'p.family_name',
      'p.nhs_number',
      'p.date_of_birth',
      'p.postcode',
      'creator.given_name as creator_given',
      'creator.family_name as creator_family',
    ])
    .where('a.deliverer_staff_id', '=', o.staffId)
    .where('a.status', '=', 'active')
    .where('e.team_id', '=', o.teamId)
    .where('e.status', '!=', 'discharged')
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', o.today)]))
    .orderBy('a.starts_on')
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return [];
  const [logs, held] = await Promise.all([
    db.selectFrom('programme_completions').select(['activity_id', 'done_on', 'outcome']).where('activity_id', 'in', rows.map((r) => r.id)).execute(),
    o.role === 'support-worker' ? db.selectFrom('staff_competences').select('competence').where('staff_id', '=', o.staffId).where('withdrawn_at', 'is', null).execute() : Promise.resolve(null),
  ]);
  const heldIds = held ? new Set(held.map((h) => h.competence)) : null;
  const items = rows.map((r): DelegatedWorkItem => {
    const startsOn = dateOnly(r.starts_on);
    const endsOn = r.ends_on === null ? null : dateOnly(r.ends_on);
    const activityLogs = logs.filter((l) => l.activity_id === r.id).map((l) => ({ doneOn: dateOnly(l.done_on), outcome: l.outcome as CompletionOutcome }));
    return {
      activityId: r.id,
      episodeId: r.episode_id,
      patient: { id: r.patient_id, givenName: r.given_name, familyName: r.family_name, nhsNumber: r.nhs_number, dateOfBirth: dateOnly(r.date_of_birth), postcode: r.postcode },
      title: r.title,
      instructions: r.instructions,
      frequency: describeFrequency({ timesPerPeriod: r.times_per_period, period: r.period }),
      startsOn,
      endsOn,
      competence: r.competence,
      competenceLabel: r.competence ? competenceLabel(r.competence) : null,
      competenceCurrent: !heldIds || !r.competence || heldIds.has(r.competence),
      delegatedBy: { name: `${r.creator_given} ${r.creator_family}`, role: r.created_by_role },
      due: delegatedWorkDue({ timesPerPeriod: r.times_per_period, period: r.period, startsOn, endsOn, logs: activityLogs, today: o.today }),
    };
  });
  return items.sort((a, b) => compareDelegatedWork(a.due, b.due) || a.patient.familyName.localeCompare(b.patient.familyName));
}

/** How many activities the list would show, for the home page's card (no patient is named, so no audit). */
export async function countDelegatedWork(db: Kysely<Database>, o: { staffId: string; teamId: string; today: string }): Promise<number> {
  const row = await db
    .selectFrom('programme_activities as a')
    .innerJoin('episodes as e', 'e.id', 'a.episode_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('a.deliverer_staff_id', '=', o.staffId)
    .where('a.status', '=', 'active')
    .where('e.team_id', '=', o.teamId)
    .where('e.status', '!=', 'discharged')
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', o.today)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
