// The JSON shapes of a programme of care: activities set, their status changed, and completions logged.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { completionOutcomes, completionReporters, handOverReceivers, programmeActivityKinds, programmeDelivererKinds, programmePeriods, programmeStatuses } from '@homeward/clinical';
import { optionalText, text } from '../platform/text-schemas.ts';

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });
const isoDate = (message: string) => z.iso.date(message);

// How often and the dates are judged by the clinical rules (checkProgrammeActivity), so each has its own message.
export const activityBody = z.strictObject({
  id: z.uuid('The activity id must be a UUID').optional(),
  goalId: z.uuid('The goal id must be a UUID').nullable().optional().transform((v) => v ?? null),
  kind: z.enum(programmeActivityKinds, 'Choose the kind of activity: exercise, functional practice, equipment use, carer training, or advice and signposting'),
  competence: optionalText(100).optional().transform((v) => v ?? null),
  title: text(200),
  instructions: text(4000),
  timesPerPeriod: z.number('How often must be a number of times'),
  period: z.enum(programmePeriods, 'Choose whether the number of times is a day or a week'),
  delivererKind: z.enum(programmeDelivererKinds, 'Choose who does or helps with the activity: the patient, staff, a carer or an agency'),
  delivererStaffId: z.uuid('The member of staff must be chosen from the list').nullable().optional().transform((v) => v ?? null),
  delivererName: optionalText(200).optional().transform((v) => v ?? null),
  startsOn: isoDate('Enter the date the activity starts, as yyyy-mm-dd'),
  endsOn: isoDate('The end date must be a date, as yyyy-mm-dd').nullable().optional().transform((v) => v ?? null),
});
export type ActivityBody = z.infer<typeof activityBody>;

export const activityStatusBody = z.strictObject({
  status: z.enum(['stopped', 'completed'], 'Choose whether the activity is stopped or completed'),
  reason: text(2000).min(1, 'Enter why the activity is stopped or completed'),
  version,
});
export type ActivityStatusBody = z.infer<typeof activityStatusBody>;

export const completionBody = z.strictObject({
  id: z.uuid('The completion id must be a UUID').optional(),
  doneOn: isoDate('Enter the day the activity was done, as yyyy-mm-dd'),
  outcome: z.enum(completionOutcomes, 'Choose whether the activity was done, partly done or not done'),
  reportedBy: z.enum(completionReporters, 'Choose who says it was done: you (staff), the patient, a carer or the agency'),
  note: optionalText(2000).optional().transform((v) => v ?? null),
});
export type CompletionBody = z.infer<typeof completionBody>;

export const completionResponse = z.object({
  id: z.string(),
  activityId: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  doneOn: z.string(),
  outcome: z.enum(completionOutcomes),
  reportedBy: z.enum(completionReporters),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: staffRef,
});
export type CompletionResponse = z.infer<typeof completionResponse>;

export const activityResponse = z.object({
  id: z.string(),
  version: z.number(),
  episodeId: z.string(),
  patientId: z.string(),
  goal: z.object({ id: z.string(), statement: z.string() }).nullable(),
  kind: z.enum(programmeActivityKinds),
  kindLabel: z.string(),
  competence: z.string().nullable(),
  competenceLabel: z.string().nullable(),
  title: z.string(),
  instructions: z.string(),
  timesPerPeriod: z.number(),
  period: z.enum(programmePeriods),
  /** In plain English: "twice a week", "every day". */
  frequency: z.string(),
  deliverer: z.object({
    kind: z.enum(programmeDelivererKinds),
    staffId: z.string().nullable(),
    staffRole: z.string().nullable(),
    /** The staff member's full name, or the carer's or agency's name; null for the patient alone. */
    name: z.string().nullable(),
    /** Who delivers it, for the team: "Jo Smith (Therapy support worker)", "Sarah (daughter), carer". */
    description: z.string(),
  }),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(programmeStatuses),
  statusReason: z.string().nullable(),
  /** Who carries the activity on, when it was handed over at discharge. */
  handedOverTo: z.object({ kind: z.enum(handOverReceivers), name: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  createdBy: staffRef,
  updatedAt: z.string(),
  /** The last 7 days (today and the 6 before) against what the programme expects. */
  lastSevenDays: z.object({ windowStartsOn: z.string(), done: z.number(), partlyDone: z.number(), notDone: z.number(), expected: z.number().nullable() }),
  lastDoneOn: z.string().nullable(),
  /** Every completion log, most recent day first. */
  completions: z.array(completionResponse),
});
export type ActivityResponse = z.infer<typeof activityResponse>;
