// The clinician's side's durable job: the day's sessions made from a publication of the plan. main.ts
// gives it to the lone-working runner (short lease, its own runner: a planner run never delays it).
import type { Kysely } from 'kysely';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor } from '../platform/actor.ts';
import { PermanentJobError, type Job, type JobHandler } from '../platform/jobs.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { syncSessionsFromPlan } from './sync-sessions-from-plan.ts';

export type PlanPublishedPayload = { teamId: string; date: string; publicationId: string };

/** now: the timers' clock (the database's in production, as the other lone-working timers); default config.now. */
export function loneWorkingSessionJobHandlers(o: { db: Kysely<Database>; config: HomewardConfig; now?: () => Date }): Record<string, JobHandler> {
  return {
    [loneWorkingJobKinds.planPublished]: async (job) => {
      const p = (job as Job<PlanPublishedPayload>).payload;
      // The sessions are made on behalf of the lead who published: their publication is what sent each person.
      const by = await o.db
        .selectFrom('visit_plan_publications as pub')
        .innerJoin('staff as s', 's.id', 'pub.published_by')
        .select(['s.id', 's.given_name', 's.family_name', 's.homeward_role', 's.team_id'])
        .where('pub.id', '=', p.publicationId)
        .executeTakeFirst();
      if (!by) throw new PermanentJobError(`No publication ${p.publicationId}`);
      const actor = staffActor({
        staff: { staffId: by.id, name: `${by.given_name} ${by.family_name}`, role: by.homeward_role as never, teamId: by.team_id },
        config: o.config,
        via: `job:${loneWorkingJobKinds.planPublished}`,
        now: (o.now ?? o.config.now)(),
      });
      const result = await o.db.transaction().execute((trx) => syncSessionsFromPlan(trx, { actor, teamId: p.teamId, date: p.date }));
      return { created: result.created.length, moved: result.moved.length, cancelled: result.cancelled.length };
    },
  };
}
