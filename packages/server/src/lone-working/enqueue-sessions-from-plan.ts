// The port app.ts gives the visits context (its planPublished option): a publication of the plan
// enqueues, in the publication's own transaction, the job that makes the day's sessions. So a plan
// is never published without its sessions following, and visits knows nothing of lone working, its
// job kinds or their payloads (visits comes before lone-working in the dependency order).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { timerAttempts } from './timer-attempts.ts';
import type { PlanPublishedPayload } from './session-job-handlers.ts';

export type PlanPublishedEvent = { teamId: string; date: string; publicationId: string; now: Date; publishedBy: string };

export async function enqueueSessionsFromPlan(trx: Kysely<Database>, e: PlanPublishedEvent): Promise<void> {
  // Keyed by the publication, not the day: a re-publication while the last one's job is running gets
  // its own job (the day's key would hand back the running one, which may have read the older plan).
  await enqueueJob<PlanPublishedPayload>(trx, {
    kind: loneWorkingJobKinds.planPublished,
    key: e.publicationId,
    payload: { teamId: e.teamId, date: e.date, publicationId: e.publicationId },
    now: e.now,
    // As many tries as the timers: a database blip after publishing must not lose the day's sessions
    // (and with them every timer of the day) for good.
    maxAttempts: timerAttempts,
    createdBy: e.publishedBy,
  });
}
