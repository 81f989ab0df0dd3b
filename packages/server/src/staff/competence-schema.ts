// The JSON shapes of staff competences for delegated activities.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { optionalText, text } from '../platform/text-schemas.ts';

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const competenceBody = z.strictObject({
  id: z.uuid('The competence id must be a UUID').optional(),
  competence: z.string('Choose the competence').trim().min(1, 'Choose the competence'),
  assessedOn: z.iso.date('Enter the date they were assessed as competent, as yyyy-mm-dd'),
  note: optionalText(2000).optional().transform((v) => v ?? null),
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
  recordedAt: z.string(),
  recordedBy: staffRef,
  /** Current until withdrawn: only a current competence allows delegation. */
  current: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: staffRef.nullable(),
  withdrawnReason: z.string().nullable(),
});
export type CompetenceResponse = z.infer<typeof competenceResponse>;
