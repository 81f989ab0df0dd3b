// A course of the mandatory training matrix: its code (as ESR names it), its name, how often it must be
// renewed, and the roles that must hold it. Kept by the team's clinical lead or service manager.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { homewardRoles, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import type { TeamManager } from './training-access.ts';

export type TrainingCourseInput = { code: string; name: string; renewalMonths: number | null; roles: readonly HomewardRole[] };

export function trainingCourseProblems(i: TrainingCourseInput): FieldError[] {
  const problems: FieldError[] = [];
  if (i.code.trim() === '') problems.push({ path: 'code', message: 'Enter the course code, as ESR names it' });
  else if (i.code.length > 60 || i.code.includes('|')) problems.push({ path: 'code', message: 'The course code must be 60 characters or fewer, without a |' });
  if (i.name.trim() === '') problems.push({ path: 'name', message: 'Enter the course name' });
  else if (i.name.length > 200) problems.push({ path: 'name', message: 'The course name must be 200 characters or fewer' });
  if (i.renewalMonths !== null && (!Number.isInteger(i.renewalMonths) || i.renewalMonths < 1 || i.renewalMonths > 120)) problems.push({ path: 'renewalMonths', message: 'Renewal must be a whole number of months from 1 to 120, or none for a course done once' });
  if (i.roles.some((r) => !homewardRoles.includes(r))) problems.push({ path: 'roles', message: 'Choose roles from the list' });
  return problems;
}

export type AddTrainingCourseOptions = TrainingCourseInput & { manager: TeamManager; id?: string };

export async function addTrainingCourse(trx: Kysely<Database>, o: AddTrainingCourseOptions): Promise<{ id: string }> {
  const problems = trainingCourseProblems(o);
  if (problems.length) throw validationFailed(problems);
  const { actor } = o.manager;
  const id = o.id ?? uuidv7();
  const by = actor.staff.staffId;
  const inserted = await trx.insertInto('training_courses').values({
    id, code: o.code.trim(), name: o.name.trim(), renewal_months: o.renewalMonths, created_at: actor.now, created_by: by, updated_at: actor.now, updated_by: by,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', `A course with the code ${o.code.trim()} (or this id) already exists`, { fields: [{ path: 'code', message: `A course with the code ${o.code.trim()} already exists` }] });
  const roles = [...new Set(o.roles)];
  if (roles.length) await trx.insertInto('training_requirements').values(roles.map((r) => ({ homeward_role: r, course_id: id, created_at: actor.now, created_by: by }))).execute();
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'training-course', recordId: id, detail: { code: o.code.trim(), renewalMonths: o.renewalMonths, roles } });
  return { id };
}
