// Reads of courses, the matrix per role, completions and each person's standing. The standing itself is
// trainingStandingOf in packages/clinical: these only gather its facts.
import type { Kysely } from 'kysely';
import { trainingStandingOf, type HomewardRole, type TrainingStanding } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

export type TrainingCourse = { id: string; version: number; code: string; name: string; renewalMonths: number | null; active: boolean; roles: HomewardRole[] };

export async function listTrainingCourses(db: Kysely<Database>, o: { activeOnly?: boolean } = {}): Promise<TrainingCourse[]> {
  let q = db.selectFrom('training_courses').select(['id', 'version', 'code', 'name', 'renewal_months', 'active']).orderBy('name');
  if (o.activeOnly) q = q.where('active', '=', true);
  const [courses, requirements] = await Promise.all([q.execute(), db.selectFrom('training_requirements').select(['course_id', 'homeward_role']).orderBy('homeward_role').execute()]);
  return courses.map((c) => ({
    id: c.id, version: c.version, code: c.code, name: c.name, renewalMonths: c.renewal_months, active: c.active,
    roles: requirements.filter((r) => r.course_id === c.id).map((r) => r.homeward_role as HomewardRole),
  }));
}

export async function findTrainingCourse(db: Kysely<Database>, id: string): Promise<TrainingCourse | null> {
  return (await listTrainingCourses(db)).find((c) => c.id === id) ?? null;
}

export type TrainingCompletion = { id: string; courseId: string; completedOn: string; expiresOn: string | null; source: 'esr-import' | 'recorded'; importId: string | null };

/** Every completion of these people, newest first. */
export async function listCompletions(db: Kysely<Database>, staffIds: readonly string[]): Promise<Array<TrainingCompletion & { staffId: string }>> {
  if (staffIds.length === 0) return [];
  const rows = await db.selectFrom('training_completions').select(['id', 'staff_id', 'course_id', 'completed_on', 'expires_on', 'source', 'import_id'])
    .where('staff_id', 'in', staffIds).orderBy('completed_on', 'desc').execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id, courseId: r.course_id, completedOn: r.completed_on, expiresOn: r.expires_on, source: r.source, importId: r.import_id }));
}

export type RequiredCourseStanding = TrainingStanding & { courseId: string; courseName: string; courseCode: string; renewalMonths: number | null; latestCompletedOn: string | null };
export type PersonTraining = { staffId: string; name: string; role: HomewardRole; courses: RequiredCourseStanding[] };

/** Each person's standing on every active course their role requires, from their latest completion. */
export function standingsOf(o: { people: readonly { id: string; name: string; role: HomewardRole }[]; courses: readonly TrainingCourse[]; completions: readonly (TrainingCompletion & { staffId: string })[]; today: string }): PersonTraining[] {
  const latest = new Map<string, string>();
  for (const c of o.completions) {
    const key = `${c.staffId} ${c.courseId}`;
    const seen = latest.get(key);
    if (seen === undefined || c.completedOn > seen) latest.set(key, c.completedOn);
  }
  return o.people.map((p) => ({
    staffId: p.id, name: p.name, role: p.role,
    courses: o.courses.filter((c) => c.active && c.roles.includes(p.role)).map((c) => {
      const latestCompletedOn = latest.get(`${p.id} ${c.id}`) ?? null;
      return { courseId: c.id, courseName: c.name, courseCode: c.code, renewalMonths: c.renewalMonths, latestCompletedOn, ...trainingStandingOf({ latestCompletedOn, renewalMonths: c.renewalMonths, today: o.today }) };
    }),
  }));
}

export type TeamPerson = { id: string; name: string; email: string; role: HomewardRole };

/** The active people of a team, by name. */
export async function listTeamPeople(db: Kysely<Database>, teamId: string): Promise<TeamPerson[]> {
  const rows = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'email', 'homeward_role'])
    .where('team_id', '=', teamId).where('active', '=', true).orderBy('family_name').orderBy('given_name').execute();
  return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, email: r.email, role: r.homeward_role as HomewardRole }));
}

/** The team's standing, person by person and course by course. */
export async function readTeamTraining(db: Kysely<Database>, o: { teamId: string; today: string }): Promise<PersonTraining[]> {
  const people = await listTeamPeople(db, o.teamId);
  const [courses, completions] = await Promise.all([listTrainingCourses(db, { activeOnly: true }), listCompletions(db, people.map((p) => p.id))]);
  return standingsOf({ people, courses, completions, today: o.today }).filter((p) => p.courses.length > 0);
}

/** One person's standing and every completion they have. */
export async function readPersonTraining(db: Kysely<Database>, o: { person: { id: string; name: string; role: HomewardRole }; today: string }): Promise<{ standing: PersonTraining; completions: Array<TrainingCompletion & { courseName: string }> }> {
  const [courses, completions] = await Promise.all([listTrainingCourses(db), listCompletions(db, [o.person.id])]);
  const [standing] = standingsOf({ people: [o.person], courses, completions, today: o.today });
  const names = new Map(courses.map((c) => [c.id, c.name]));
  return { standing: standing!, completions: completions.map((c) => ({ ...c, courseName: names.get(c.courseId) ?? '' })) };
}
