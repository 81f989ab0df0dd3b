// Referrals, triage and rejection as the JSON API accepts and returns them. Structure is checked here;
// the rules that need the clock or several fields (received not in the future, a note when there is
// no consent) are in check-referral-details.ts so pages and API give the same messages.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import {
  complexities,
  episodeStatuses,
  priorities,
  referralSources,
  rejectionReasons,
  services,
  settings,
  skills,
  urgencies,
} from '@homeward/clinical';

const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .nullable()
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));

export const referralDetailsSchema = z.strictObject({
  source: z.enum(referralSources, { error: 'Select where the referral came from' }),
  sourceDetail: optionalText(200),
  /** When the team received it; the response clock starts here. Defaults to now. */
  receivedAt: z.iso.datetime({ offset: true, error: 'Received date and time must be a date-time like 2026-11-24T09:30:00Z' }).optional(),
  service: z.enum(services, { error: 'Select the service the patient is referred to' }),
  setting: z.enum(settings, { error: 'Select where the patient will be seen' }),
  reason: text(2000).min(1, 'Enter the reason for the referral'),
  presentingNeeds: optionalText(4000),
  urgencyRequested: z.enum(urgencies, { error: 'Select how soon the referrer asks for the patient to be seen' }),
  referrerName: text(200).min(1, 'Enter the name of the referrer'),
  referrerContact: text(300).min(1, 'Enter how to reach the referrer, like a phone number or secure email address'),
  consentToReferral: z.boolean({ error: 'Select whether the patient consented to the referral' }),
  consentNote: optionalText(2000),
});
export type ReferralDetailsInput = z.output<typeof referralDetailsSchema>;

export const createReferralBody = referralDetailsSchema.extend({
  // A client may mint the id itself, so a retry can never make two referrals.
  id: z.uuid({ version: 'v7', message: 'id must be a UUIDv7' }).optional(),
  patientId: z.uuid('patientId must be a UUID'),
  /** Save even though the patient already has an open referral to this service with the team. */
  confirmDuplicate: z.boolean().optional(),
  /**
   * The patient's GP practice (ODS code and name), when the patient has none recorded: saved to their
   * details with the referral, as the referral form does.
   */
  gpPractice: z.strictObject({ code: z.string().max(20), name: z.string().trim().max(200) }).optional(),
});

export const triageDetailsSchema = z.strictObject({
  complexity: z.enum(complexities, { error: 'Select whether the patient’s needs are complex or non-complex' }),
  complexityReason: text(2000).min(1, 'Enter why the needs are complex or non-complex'),
  priority: z.enum(priorities, { error: 'Select a priority: P1, P2 or P3' }),
  skillsNeeded: z
    .array(z.enum(skills, { error: 'Select skills from the list' }))
    .max(skills.length)
    .refine((list) => list.includes('OT') || list.includes('PT'), 'Select occupational therapy, physiotherapy or both'),
  notes: optionalText(4000),
  visitsPerWeek: z
    .number({ error: 'Visits per week must be a number, like 2' })
    .min(0.5, 'Visits per week must be at least 0.5')
    .max(21, 'Visits per week must be 21 or fewer')
    .multipleOf(0.5, 'Visits per week must be a whole or half number, like 2 or 2.5')
    .default(2),
});
export type TriageDetailsInput = z.output<typeof triageDetailsSchema>;

export const triageBody = triageDetailsSchema.extend({ version });

export const rejectDetailsSchema = z.strictObject({
  reason: z.enum(rejectionReasons, { error: 'Select why the referral is not accepted' }),
  detail: optionalText(2000),
});
export type RejectDetailsInput = z.output<typeof rejectDetailsSchema>;

export const rejectBody = rejectDetailsSchema.extend({ version });

export const referralResponse = z.object({
  id: z.string(),
  version: z.number(),
  patientId: z.string(),
  teamId: z.string(),
  source: z.enum(referralSources),
  sourceDetail: z.string().nullable(),
  receivedAt: z.string(),
  service: z.enum(services),
  setting: z.enum(settings),
  reason: z.string(),
  presentingNeeds: z.string().nullable(),
  urgencyRequested: z.enum(urgencies),
  referrerName: z.string(),
  referrerContact: z.string(),
  consentToReferral: z.boolean(),
  consentNote: z.string().nullable(),
  status: z.enum(['incoming', 'accepted', 'rejected']),
  rejectionReason: z.enum(rejectionReasons).nullable(),
  rejectionDetail: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ReferralResponse = z.infer<typeof referralResponse>;

export const referralListItem = referralResponse.extend({
  patient: z.object({ id: z.string(), nhsNumber: z.string(), givenName: z.string(), familyName: z.string(), dateOfBirth: z.string() }),
  /** Minutes since the referral was received. */
  waitingMinutes: z.number(),
});
export type ReferralListItem = z.infer<typeof referralListItem>;

export const triagedEpisodeResponse = z.object({
  id: z.string(),
  version: z.number(),
  patientId: z.string(),
  referralId: z.string(),
  teamId: z.string(),
  service: z.enum(services),
  setting: z.enum(settings),
  status: z.enum(episodeStatuses),
  complexity: z.enum(complexities),
  complexityReason: z.string(),
  priority: z.enum(priorities),
  skillsNeeded: z.array(z.enum(skills)),
  triageNotes: z.string().nullable(),
  triagedBy: z.string(),
  triagedAt: z.string(),
  clockStartsAt: z.string(),
  responseDueAt: z.string(),
  /** The standard the due time comes from, in words: "2 days", "2 hours, counting 08:00 to 20:00". */
  responseStandard: z.string(),
  visitsPerWeek: z.number(),
  allocatedTo: z.string().nullable(),
});
export type TriagedEpisodeResponse = z.infer<typeof triagedEpisodeResponse>;
