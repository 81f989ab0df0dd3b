// The JSON shapes of staff competences: delegated activities, and since issue 16 every role's (hoisting),
// with the evidence a sign-off rests on and when it expires.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { optionalText, text } from '../platform/text-schemas.ts';

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const competenceBody = z.strictObject({
  id: z.uuid('The competence id must be a UUID').optional(),
  competence: z.string('Choose the competence').trim().min(1, 'Choose the competence'),
  assessedOn: z.iso.date('Enter the date they were assessed as competent, as yyyy-mm-dd'),
  note: optionalText(2000).optional().transform((v) => v ?? null),
  evidence: optionalText(4000).optional().transform((v) => v ?? null),
  /** The last day it counts; it must be signed off again after. Omitted or null: it does not expire. */
  expiresOn: z.iso.date('Enter the date the competence expires, as yyyy-mm-dd').nullable().optional().transform((v) => v ?? null),
});
export type CompetenceBody = z.infer<typeof competenceBody>;

export const competenceWithdrawalBody = z.strictObject({
  reason: text(2000).min(1, 'Enter why the competence is withdrawn'),
  version,
});
export type CompetenceWithdrawalBody = z.infer<typeof competenceWithdrawalBody>;

export const competenceResponse = z.object({
  id: z.string(),
  version: z.number(),
  staff: staffRef,
  competence: z.string(),
  competenceLabel: z.string(),
  assessedOn: z.string(),
  note: z.string().nullable(),
  /** What the sign-off rests on (observed practice, a course, a workbook). */
  evidence: z.string().nullable(),
  /** The last day it counts ('YYYY-MM-DD'), or null: it does not expire. */
  expiresOn: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: staffRef,
  /** Not withdrawn. It counts only while current and on or before expiresOn. */
  current: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: staffRef.nullable(),
  withdrawnReason: z.string().nullable(),
});
export type CompetenceResponse = z.infer<typeof competenceResponse>;
