// A PDC started by the manager who holds it (the clinical lead or service manager of the person's team):
// when it was held, when it is next reviewed, and a summary. Objectives and the plan are added as items.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { mayHoldPdc, pdcDatesProblem, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { findStaffMember } from './training-access.ts';

export type StartPdcOptions = { actor: Actor; id?: string; staffId: string; heldOn: string; nextReviewOn: string; summary: string };

/** Whether the actor may start a PDC for this person, and why not. */
export async function pdcHolderProblem(db: Kysely<Database>, o: { actor: Actor; staffId: string }): Promise<string | null> {
  const a = o.actor.staff;
  if (!mayHoldPdc(a.role) || a.teamId === null) return 'Only the team’s clinical lead or service manager can hold a PDC';
  const person = await findStaffMember(db, o.staffId);
  if (!person) throw notFound('Member of staff');
  if (person.id === a.staffId) return 'A PDC is held with your own manager, not by yourself';
  if (person.teamId !== a.teamId || !person.active) return `${person.name} is not an active member of your team`;
  return null;
}

export async function startPdc(trx: Kysely<Database>, o: StartPdcOptions): Promise<{ id: string }> {
  const problem = await pdcHolderProblem(trx, o);
  if (problem) throw new HomewardError('forbidden', problem);
  const dates = pdcDatesProblem({ heldOn: o.heldOn, nextReviewOn: o.nextReviewOn, today: ukDateOf(o.actor.now) });
  if (dates) throw validationFailed([dates]);
  if (o.summary.length > 4000) throw validationFailed([{ path: 'summary', message: 'The summary must be 4,000 characters or fewer' }]);
  const id = o.id ?? uuidv7();
  const by = o.actor.staff.staffId;
  const inserted = await trx.insertInto('pdc_records').values({
    id, staff_id: o.staffId, manager_id: by, held_on: o.heldOn, next_review_on: o.nextReviewOn, summary: o.summary.trim(), created_at: o.actor.now, created_by: by, updated_at: o.actor.now, updated_by: by,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'A PDC with this id already exists');
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'pdc', recordId: id, detail: { staffId: o.staffId, step: 'started' } });
  return { id };
}
