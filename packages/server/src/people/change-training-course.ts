// A course's name, renewal period, whether it is still required, and the roles that must hold it
// (version-checked). Past completions keep the expiry they were given when recorded; the standing shown
// is worked out afresh from the course's current renewal period.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { trainingCourseProblems, type TrainingCourseInput } from './add-training-course.ts';
import type { TeamManager } from './training-access.ts';
import { findTrainingCourse } from './training-queries.ts';

export type ChangeTrainingCourseOptions = Omit<TrainingCourseInput, 'code'> & { manager: TeamManager; id: string; version: number; active: boolean };

export async function changeTrainingCourse(trx: Kysely<Database>, o: ChangeTrainingCourseOptions): Promise<void> {
  const problems = trainingCourseProblems({ ...o, code: 'unchanged' });
  if (problems.length) throw validationFailed(problems);
  const { actor } = o.manager;
  await updateVersioned(trx, {
    actor, table: 'training_courses', id: o.id, version: o.version, what: 'Course',
    set: { name: o.name.trim(), renewal_months: o.renewalMonths, active: o.active },
    current: () => findTrainingCourse(trx, o.id),
  });
  // The matrix has no history of its own: the audit keeps each change.
  const roles = [...new Set(o.roles)];
  await trx.deleteFrom('training_requirements').where('course_id', '=', o.id).execute();
  if (roles.length) await trx.insertInto('training_requirements').values(roles.map((r) => ({ homeward_role: r, course_id: o.id, created_at: actor.now, created_by: actor.staff.staffId }))).execute();
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'training-course', recordId: o.id, detail: { renewalMonths: o.renewalMonths, active: o.active, roles } });
}
