// The JSON shapes of the clinical record's first slice: consent and capacity, and contact notes.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { capacityFunctions, consentGivers, consentMethods, consentScopes, contactNoteKinds } from '@homeward/clinical';
import { optionalText, text } from '../platform/text-schemas.ts';

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });

const capacityAssessment = z.strictObject({
  impairment: z.boolean(),
  impairmentDescription: optionalText(2000).optional().transform((v) => v ?? null),
  unable: z.strictObject(Object.fromEntries(capacityFunctions.map((f) => [f, z.boolean()])) as Record<(typeof capacityFunctions)[number], z.ZodBoolean>),
  notes: z.strictObject(Object.fromEntries(capacityFunctions.map((f) => [f, optionalText(2000).optional()])) as Record<(typeof capacityFunctions)[number], z.ZodOptional<ReturnType<typeof optionalText>>>).optional().default({}),
});

export const consentBody = z.strictObject({
  scope: z.enum(consentScopes, 'Choose whether consent is for the episode or a specific intervention').default('episode'),
  intervention: optionalText(500).optional().transform((v) => v ?? null),
  agreedTo: text(2000),
  method: z.enum(consentMethods, 'Choose how consent was given: verbal, written or implied'),
  givenBy: z.enum(consentGivers, 'Choose who gave consent: the patient, or a best-interests decision'),
  bestInterestsDecisionBy: optionalText(500).optional().transform((v) => v ?? null),
  bestInterestsConsulted: optionalText(2000).optional().transform((v) => v ?? null),
  capacityInDoubt: z.boolean().default(false),
  assessment: capacityAssessment.nullable().optional().transform((v) => v ?? null),
  communicationSupport: optionalText(1000).optional().transform((v) => v ?? null),
  note: optionalText(2000).optional().transform((v) => v ?? null),
});
export type ConsentBody = z.infer<typeof consentBody>;

export const withdrawalBody = z.strictObject({ note: text(2000) });

export const consentResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  kind: z.enum(['consent', 'withdrawal']),
  withdrawsId: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  scope: z.string(),
  intervention: z.string().nullable(),
  agreedTo: z.string(),
  method: z.string().nullable(),
  givenBy: z.string().nullable(),
  bestInterestsDecisionBy: z.string().nullable(),
  bestInterestsConsulted: z.string().nullable(),
  capacityInDoubt: z.boolean(),
  assessment: z.unknown().nullable(),
  capacityOutcome: z.string().nullable(),
  communicationSupport: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: staffRef,
});
export type ConsentResponse = z.infer<typeof consentResponse>;

// Numbers are judged by the clinical rules so that each gets its own message (duration out of range, too many minutes).
const noteContent = {
  kind: z.enum(contactNoteKinds, 'Choose the kind of contact'),
  occurredAt: z.iso.datetime({ offset: true, message: 'Enter the date and time of the contact' }),
  durationMinutes: z.number('Duration must be a number of minutes').nullable().optional().transform((v) => v ?? null),
  place: optionalText(200).optional().transform((v) => v ?? null),
  staffPresent: optionalText(500).optional().transform((v) => v ?? null),
  body: text(20000),
  therapyMinutes: z.record(z.string(), z.number('Minutes must be a number')).optional().default({}),
  firstHolisticAssessment: z.boolean().optional().default(false),
};
export const newNoteBody = z.strictObject({ ...noteContent, finalise: z.boolean().optional().default(false), consentMissingReason: optionalText(2000).optional().transform((v) => v ?? null) });
export const changeNoteBody = z.strictObject({ ...noteContent, version });
export const finaliseBody = z.strictObject({ version, consentMissingReason: optionalText(2000).optional().transform((v) => v ?? null) });
export const amendmentBody = z.strictObject({ ...noteContent, version, reason: z.string().trim().max(2000, 'Must be 2000 characters or fewer').optional().default('') });
export const reviewBody = z.strictObject({ version });

export const noteVersionResponse = z.object({
  number: z.number(),
  kind: z.string(),
  occurredAt: z.string(),
  durationMinutes: z.number().nullable(),
  place: z.string().nullable(),
  staffPresent: z.string().nullable(),
  body: z.string(),
  therapyMinutes: z.record(z.string(), z.number()),
  firstHolisticAssessment: z.boolean(),
  writtenAt: z.string(),
  writtenBy: staffRef,
  /** The writer's role when they wrote this version: it decides whether it needs review, and by whom. */
  writtenByRole: z.string(),
  /** Why it was amended; null for the original entry. */
  reason: z.string().nullable(),
  /** Written by a support worker or a student, so a supervisor reviews this version. */
  needsReview: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewedBy: staffRef.nullable(),
});
export type NoteVersionResponse = z.infer<typeof noteVersionResponse>;

export const contactNoteResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  status: z.enum(['draft', 'final']),
  version: z.number(),
  lateEntry: z.boolean(),
  consentMissingReason: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  finalisedBy: staffRef.nullable(),
  /** The author's role when the note was written: it decides whether the note needs review, and by whom. */
  writtenByRole: z.string(),
  needsReview: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewedBy: staffRef.nullable(),
  /** Versions of this final note that wait for a supervisor's review: the original (1) and amendments. */
  versionsAwaitingReview: z.array(z.number()),
  /** The note as it reads now: the latest version. */
  current: noteVersionResponse,
  /** Every version, the original first; amendments never replace it. */
  versions: z.array(noteVersionResponse),
});
export type ContactNoteResponse = z.infer<typeof contactNoteResponse>;
