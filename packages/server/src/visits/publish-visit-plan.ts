// Publishes the lead's draft: it becomes what the run sheets show, and the publication is kept with
// what it changed for each member of staff (the run sheet says what changed since the one before).
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import { fromUkWallClock } from '@homeward/clinical';
import { recordPlannedContacts } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { changedVisitCount, planChanges } from './plan-changes.ts';
import { readVisitPlan, type StoredVisitPlan } from './read-visit-plan.ts';
import type { PlanChange, VisitDayPlan } from './visit-day-types.ts';
import type { PlanPublishedPort } from './visit-ports.ts';

export type PublishVisitPlanOptions = {
  actor: Actor;
  teamId: string;
  date: string;
  version: number;
  /** Whoever follows a publication (lone working's sessions), told in this transaction. */
  planPublished?: PlanPublishedPort | null;
};

export type PublishedVisitPlan = { plan: StoredVisitPlan; changes: PlanChange[]; changedVisits: number; publicationId: string };

export async function publishVisitPlan(trx: Kysely<Database>, o: PublishVisitPlanOptions): Promise<PublishedVisitPlan> {
  const current = () => readVisitPlan(trx, { teamId: o.teamId, date: o.date });
  const plan = await current();
  if (!plan) throw new HomewardError('not_found', `There is no plan for ${o.date} to publish`);
  if (plan.version !== o.version) throw versionConflict(plan);
  if (!plan.draft) throw new HomewardError('validation_failed', 'There is no draft to publish: plan the day first', { fields: [{ path: 'version', message: 'Plan the day first' }] });
  const changes = planChanges(plan.published, plan.draft);
  const updated = await updateVersioned(trx, {
    actor: o.actor,
    table: 'visit_plans',
    id: plan.id,
    version: o.version,
    set: { published: JSON.stringify(plan.draft), published_at: o.actor.now, published_by: o.actor.staff.staffId },
    current,
    what: 'The visit plan',
  });
  const publicationId = uuidv7();
  await trx.insertInto('visit_plan_publications').values({
    id: publicationId,
    plan_id: plan.id,
    team_id: o.teamId,
    on_date: o.date,
    plan_version: updated.version,
    plan: JSON.stringify(plan.draft),
    changes: JSON.stringify(changes),
    published_at: o.actor.now,
    published_by: o.actor.staff.staffId,
  }).execute();
  // The caseload's "Next:" for each episode on the plan: its visit's start this day; and what the
  // publication before said, so only a next contact the plan itself set is ever taken away.
  const startsOf = async (p: VisitDayPlan | null) => {
    const visitIds = p?.routes.flatMap((r) => r.stops.map((s) => s.visitId)) ?? [];
    const episodes = visitIds.length === 0 ? [] : await trx.selectFrom('visits').select(['id', 'episode_id']).where('id', 'in', visitIds).where('team_id', '=', o.teamId).execute();
    const episodeOf = new Map(episodes.map((v) => [v.id, v.episode_id]));
    return (p?.routes ?? []).flatMap((r) => r.stops.flatMap((s) => {
      const episodeId = episodeOf.get(s.visitId);
      const at = fromUkWallClock(o.date, s.start);
      return episodeId && at ? [{ episodeId, at }] : [];
    }));
  };
  const planned = await startsOf(plan.draft);
  const previouslyPlanned = await startsOf(plan.published);
  await recordPlannedContacts(trx, { teamId: o.teamId, date: o.date, planned, previouslyPlanned, now: o.actor.now });
  await o.planPublished?.(trx, { teamId: o.teamId, date: o.date, publicationId, now: o.actor.now, publishedBy: o.actor.staff.staffId });
  await auditAs(o.actor, trx, {
    action: 'write',
    outcome: 'allowed',
    recordKind: 'visit-plan',
    recordId: plan.id,
    detail: { date: o.date, change: 'publish', publicationId, changedVisits: changedVisitCount(changes) },
  });
  return { plan: (await current())!, changes, changedVisits: changedVisitCount(changes), publicationId };
}
