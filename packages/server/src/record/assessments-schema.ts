// The JSON shapes of standardised assessments: item responses in, computed scores out.
import { z } from 'zod';

export const timePoints = ['baseline', 'review', 'discharge', 'other'] as const;
export type TimePoint = (typeof timePoints)[number];
export const timePointLabels: Record<TimePoint, string> = { baseline: 'Baseline (start of the episode)', review: 'Review', discharge: 'Discharge', other: 'Other' };

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });

// Responses are judged item by item by scoreInstrument, so each gets its own message (out of range, not an option).
export const assessmentBody = z.strictObject({
  instrumentId: z.string('Choose an assessment').min(1, 'Choose an assessment'),
  timePoint: z.enum(timePoints, 'Choose when in the episode this assessment was done: baseline, review, discharge or other'),
  method: z.string('Choose how the assessment was done').min(1, 'Choose how the assessment was done'),
  administeredAt: z.iso.datetime({ offset: true, message: 'Enter the date and time of the assessment' }),
  responses: z.record(z.string(), z.unknown(), 'Responses must be an object of item id to value'),
});
export type AssessmentBody = z.infer<typeof assessmentBody>;

export const changeResponse = z.object({
  change: z.number(),
  direction: z.enum(['improved', 'worse', 'no change']),
  passesMinimalChange: z.boolean(),
  threshold: z.number().nullable(),
  thresholdKind: z.enum(['MCID', 'MDC']).nullable(),
  summary: z.string(),
  baselineId: z.string(),
  baselineTotal: z.number(),
});
export type ChangeResponse = z.infer<typeof changeResponse>;

export const assessmentResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.number(),
  instrumentName: z.string(),
  timePoint: z.enum(timePoints),
  method: z.string(),
  administeredAt: z.string(),
  responses: z.record(z.string(), z.number().nullable()),
  total: z.number().nullable(),
  subscales: z.record(z.string(), z.number()),
  band: z.object({ id: z.string(), label: z.string() }).nullable(),
  unit: z.string(),
  recordedAt: z.string(),
  recordedBy: staffRef,
  /** From this episode's baseline for the instrument to this entry; null for the baseline itself, or with no baseline or no total. */
  changeFromBaseline: changeResponse.nullable(),
});
export type AssessmentResponse = z.infer<typeof assessmentResponse>;

/** Per instrument: its baseline, its latest entry and the change between them. */
export const instrumentSummary = z.object({
  instrumentId: z.string(),
  instrumentName: z.string(),
  unit: z.string(),
  baseline: assessmentResponse.nullable(),
  latest: assessmentResponse,
  count: z.number(),
});
export type InstrumentSummary = z.infer<typeof instrumentSummary>;
