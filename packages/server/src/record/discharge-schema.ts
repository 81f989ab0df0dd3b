// The JSON shapes of discharge summaries and the letters produced from them.
import { z } from 'zod';
import { recordVersion } from '../platform/number-schemas.ts';
import { dischargeSectionMaxLength, dischargeSummarySectionIds } from '@homeward/clinical';

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });
const version = recordVersion('Send the version you edited');
const sectionText = z.string().max(dischargeSectionMaxLength, `Must be ${dischargeSectionMaxLength} characters or fewer`);

export const dischargeSectionResponse = z.object({
  id: z.enum(dischargeSummarySectionIds),
  heading: z.string(),
  patientHeading: z.string(),
  text: z.string(),
  patientText: z.string(),
  source: z.string(),
});

export const dischargeSummaryResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  status: z.enum(['draft', 'final']),
  version: z.number(),
  sections: z.array(dischargeSectionResponse),
  goalAttainment: z.object({ goals: z.number(), baselineTScore: z.number().nullable(), dischargeTScore: z.number().nullable(), weighted: z.boolean() }),
  draftedAt: z.string(),
  createdAt: z.string(),
  createdBy: staffRef,
  updatedAt: z.string(),
  updatedBy: staffRef,
  finalisedAt: z.string().nullable(),
  finalisedBy: staffRef.nullable(),
});
export type DischargeSummaryResponse = z.infer<typeof dischargeSummaryResponse>;

export const letterKinds = ['discharge-patient', 'discharge-gp', 'carer-programme'] as const;
export const alternativeFormatNeeded = z.object({ need: z.string(), message: z.string() });

export const letterResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  kind: z.enum(letterKinds),
  recipient: z.string(),
  printSize: z.enum(['standard', 'large']),
  summaryId: z.string().nullable(),
  summaryVersion: z.number().nullable(),
  sha256: z.string(),
  bytes: z.number(),
  producedAt: z.string(),
  producedBy: staffRef,
  /** The stored PDF, exactly as it was produced. */
  pdfHref: z.string(),
  textContent: z.string(),
  /** Needs a printed English letter does not meet on its own (interpreter, braille, BSL...), kept with the letter. */
  alternativeFormatsNeeded: z.array(alternativeFormatNeeded),
});
export type LetterResponse = z.infer<typeof letterResponse>;

/** A letter's produced response is the stored letter itself. */
export const letterProducedResponse = letterResponse;
export type LetterProducedResponse = z.infer<typeof letterProducedResponse>;

export const dischargeSummaryWithLetters = dischargeSummaryResponse.extend({ letters: z.array(letterResponse) });

export const changeDischargeSummaryBody = z.strictObject({
  version,
  sections: z
    .array(z.strictObject({ id: z.enum(dischargeSummarySectionIds, 'Not a section of the discharge summary'), text: sectionText.optional(), patientText: sectionText.optional() }))
    .min(1, 'Send at least one section to change')
    .max(dischargeSummarySectionIds.length),
});
export type ChangeDischargeSummaryBody = z.infer<typeof changeDischargeSummaryBody>;

export const versionBody = z.strictObject({ version });

export const letterBody = z.strictObject({
  recipient: z.enum(['patient', 'gp'], 'Choose who the letter is for: the patient or the GP'),
  printSize: z.enum(['standard', 'large'], 'Choose standard or large print').optional(),
});
export type LetterBody = z.infer<typeof letterBody>;
