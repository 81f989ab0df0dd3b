// The lead's change to the draft (move, swap, pin), version-checked on the plan. A pin is also kept
// on the visit itself, so re-optimising and re-planning hold it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { adjustPlan, type PlanAdjustment } from './plan-adjust.ts';
import { readStaffDaysForPlan, readTeamBase, readVisitsForPlan } from './plan-sources.ts';
import { readVisitPlan, type StoredVisitPlan } from './read-visit-plan.ts';
import { saveVisitPlanDraft } from './save-visit-plan-draft.ts';

export type AdjustVisitPlanOptions = { actor: Actor; teamId: string; date: string; version: number; change: PlanAdjustment };

export async function adjustVisitPlan(trx: Kysely<Database>, o: AdjustVisitPlanOptions): Promise<StoredVisitPlan> {
  const plan = await readVisitPlan(trx, { teamId: o.teamId, date: o.date });
  if (!plan) throw new HomewardError('not_found', `There is no plan for ${o.date} yet: plan the day first`);
  if (plan.version !== o.version) throw versionConflict(plan);
  if (!plan.draft) throw new HomewardError('validation_failed', 'There is no draft to change: plan the day first', { fields: [{ path: 'version', message: 'Plan the day first' }] });
  const [staffDays, visits, teamBase] = [await readStaffDaysForPlan(trx, { teamId: o.teamId, dates: [o.date] }), await readVisitsForPlan(trx, { teamId: o.teamId, date: o.date }), await readTeamBase(trx, o.teamId)];
  if (o.change.kind === 'pin') {
    const change = o.change;
    const visit = visits.find((v) => v.id === change.visitId);
    if (!visit) throw new HomewardError('validation_failed', 'That visit is not one of this day’s visits', { fields: [{ path: 'visitId', message: 'Choose a visit on this day' }] });
    if (change.staffId && !staffDays.some((d) => d.staffId === change.staffId && d.shift)) {
      throw new HomewardError('validation_failed', 'That person is not working that day', { fields: [{ path: 'staffId', message: 'Choose someone working that day' }] });
    }
    await updateVersioned(trx, {
      actor: o.actor,
      table: 'visits',
      id: visit.id,
      version: visit.version,
      set: { pinned_staff_id: change.staffId, pinned_start: change.start },
      current: () => readVisitPlan(trx, { teamId: o.teamId, date: o.date }),
      what: 'The visit',
    });
    visit.pinnedStaffId = change.staffId;
    visit.pinnedStart = change.start;
  }
  const draft = adjustPlan(plan.draft, o.change, { staffDays, visits, teamBase, now: o.actor.now });
  return saveVisitPlanDraft(trx, { actor: o.actor, teamId: o.teamId, date: o.date, version: o.version, draft, change: o.change.kind });
}
