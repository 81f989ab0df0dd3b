// Stores a new draft of the team's plan for a day, version-checked: the planner's result or the
// lead's change replaces the draft only if nobody changed the plan since the version it started
// from (a day with no plan yet: only if nobody made one meanwhile). Otherwise 409 with the plan as it is.
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { readVisitPlan, type StoredVisitPlan } from './read-visit-plan.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

export type SaveVisitPlanDraftOptions = {
  actor: Actor;
  teamId: string;
  date: string;
  /** The version the change started from; null: the day had no plan. */
  version: number | null;
  draft: VisitDayPlan;
  /** Why, for the audit: 'planner', 'move', 'swap', 'pin'... */
  change: string;
};

export async function saveVisitPlanDraft(trx: Kysely<Database>, o: SaveVisitPlanDraftOptions): Promise<StoredVisitPlan> {
  const current = () => readVisitPlan(trx, { teamId: o.teamId, date: o.date });
  let id: string;
  if (o.version === null) {
    id = uuidv7();
    const inserted = await trx
      .insertInto('visit_plans')
      .values({ id, team_id: o.teamId, on_date: o.date, draft: JSON.stringify(o.draft), created_at: o.actor.now, created_by: o.actor.staff.staffId, updated_at: o.actor.now, updated_by: o.actor.staff.staffId })
      .onConflict((oc) => oc.columns(['team_id', 'on_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw versionConflict(await current());
  } else {
    const row = await readVisitPlan(trx, { teamId: o.teamId, date: o.date });
    if (!row) throw versionConflict(null);
    id = row.id;
    await updateVersioned(trx, { actor: o.actor, table: 'visit_plans', id, version: o.version, set: { draft: JSON.stringify(o.draft) }, current, what: 'The visit plan' });
  }
  await auditAs(o.actor, trx, {
    action: 'write',
    outcome: 'allowed',
    recordKind: 'visit-plan',
    recordId: id,
    detail: { date: o.date, change: o.change, visitsPlanned: o.draft.totals.visitsPlanned, visitsUnplanned: o.draft.totals.visitsUnplanned },
  });
  return (await current())!;
}
