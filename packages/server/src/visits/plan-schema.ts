// The plan's JSON for the API (and the OpenAPI document): VisitDayPlan, the stored plan, jobs.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Give a time as HH:MM, for example 09:30');
export const planDate = z.iso.date('Give the date as yyyy-mm-dd');

const plannedVisit = z.object({
  visitId: z.string(), arrival: z.string(), start: z.string(), end: z.string(), travelMinutes: z.number(), distanceKm: z.number(), lateMinutes: z.number(), withStaffId: z.string().nullable(),
});
const staffRoute = z.object({
  staffId: z.string(), leave: z.string(), return: z.string(), stops: z.array(plannedVisit), breaks: z.array(z.object({ start: z.string(), end: z.string() })), travelMinutes: z.number(), distanceKm: z.number(),
});
export const visitDayPlanResponse = z.object({
  teamId: z.string(),
  date: z.string(),
  madeAt: z.string(),
  jobId: z.string().nullable(),
  routes: z.array(staffRoute),
  unplanned: z.array(z.object({ visitId: z.string(), reason: z.enum(['no-one-qualified', 'no-time', 'window-outside-shifts', 'no-location', 'no-one-working', 'other']), detail: z.string() })),
  totals: z.object({
    travelMinutes: z.number(), distanceKm: z.number(), visitsPlanned: z.number(), visitsUnplanned: z.number(), visitsPerPerson: z.number(), continuityPercent: z.number().nullable(), inWindowPercent: z.number().nullable(),
  }),
  objective: z.number().nullable(),
  travel: z.object({ model: z.enum(['road', 'osrm']), note: z.string().nullable() }).optional(),
});

export const planVisitResponse = z.object({ visitId: z.string(), patientId: z.string(), episodeId: z.string(), patientName: z.string(), purpose: z.string(), durationMinutes: z.number(), window: z.object({ start: z.string(), end: z.string() }).nullable(), pinnedStaffId: z.string().nullable(), pinnedStart: z.string().nullable() });

export const storedPlanResponse = z.object({
  id: z.string().nullable(),
  date: z.string(),
  version: z.number().nullable(),
  draft: visitDayPlanResponse.nullable(),
  published: visitDayPlanResponse.nullable(),
  publishedAt: z.string().nullable(),
  staff: z.array(z.object({ staffId: z.string(), name: z.string(), working: z.boolean(), shift: z.object({ start: z.string(), end: z.string() }).nullable() })),
  visits: z.array(planVisitResponse),
  changedVisitsSincePublished: z.number(),
});

export const planChangeResponse = z.object({ staffId: z.string(), visitId: z.string(), kind: z.enum(['added', 'removed', 'time-changed']), before: z.string().nullable(), after: z.string().nullable() });

export const jobResponse = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  dates: z.array(z.string()),
  mode: z.enum(['plan', 'replan']),
  attempts: z.number(),
  progress: z.unknown(),
  result: z.unknown(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const startPlanningBody = z.object({
  date: planDate,
  /** 1 for a day, 7 for the week from `date`. */
  days: z.number().int().min(1, 'Plan at least one day').max(7, 'Plan at most a week at a time').default(1),
  /** The version of the day's plan you were looking at (null: none yet), for a single day. */
  version: version.nullable().optional(),
});

export const replanBody = z.object({
  date: planDate,
  from: clock,
  /** Off sick (or otherwise gone) from `from`; leave out for an urgent visit alone. */
  offStaffId: z.uuid().nullable().optional(),
  version,
});

export const adjustmentBody = z.object({
  version,
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('move'), visitId: z.uuid(), toStaffId: z.uuid(), beforeVisitId: z.uuid().nullable().optional() }),
    z.object({ kind: z.literal('swap'), visitId: z.uuid(), otherVisitId: z.uuid() }),
    z.object({ kind: z.literal('pin'), visitId: z.uuid(), staffId: z.uuid().nullable(), start: clock.nullable() }),
  ]),
});

export const publishBody = z.object({ version });
