// Who may look for the patients who have a recalled model, and who may raise a recall. The search runs
// across the whole service (a safety alert does not stop at a team's edge), so it is for the clinicians
// who see their whole team's patients; what each of them sees of a patient found is decided per patient
// (recall-search.ts). Raising a recall starts work on every loan of the model, so it is the leads' and
// managers' call. Every refusal is audited.
import type { Kysely } from 'kysely';
import { hasTeamWideAccess, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

export const recallRecordKind = 'equipment-recall';
export const recallActionRecordKind = 'equipment-recall-action';
export const recallSearchRecordKind = 'equipment-recall-search';

const raisers: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];

/** Whether this role may raise a recall (pages offer the button by this rule). */
export function mayRaiseRecall(role: HomewardRole): boolean {
  return raisers.includes(role);
}

/** Whether this role may search for and see recalls. */
export function maySeeRecalls(role: HomewardRole): boolean {
  return hasTeamWideAccess(role);
}

export type RecallAccess = { actor: Actor; mayRaise: boolean };

async function refuse(db: Kysely<Database>, actor: Actor, rule: string, message: string, action: 'read' | 'write'): Promise<never> {
  await auditAs(actor, db, { action, outcome: 'refused', recordKind: recallRecordKind, detail: { rule, route: actor.origin.via } });
  throw new HomewardError('forbidden', message);
}

export async function authoriseRecallSearch(db: Kysely<Database>, o: { actor: Actor }): Promise<RecallAccess> {
  await requireClinicalActor(db, o.actor);
  const role = o.actor.staff.role;
  if (!maySeeRecalls(role)) return refuse(db, o.actor, 'sees-own-work-only', 'Support workers and students cannot search the service for equipment recalls: ask an assistant practitioner, therapist or the clinical lead', 'read');
  return { actor: o.actor, mayRaise: mayRaiseRecall(role) };
}

export async function authoriseRaiseRecall(db: Kysely<Database>, o: { actor: Actor }): Promise<RecallAccess> {
  const access = await authoriseRecallSearch(db, o);
  if (!access.mayRaise) return refuse(db, o.actor, 'role-may-not-raise-recall', 'Only a clinical lead or service manager can raise an equipment recall', 'write');
  return access;
}
