// The shapes of a loan and its training on the JSON API (and what the pages show).
import { z } from 'zod';
import { equipmentCategories } from '@homeward/clinical';

export const loanStatuses = ['prescribed', 'delivered', 'to-collect', 'returned', 'missing', 'written-off', 'stays-with-patient', 'transferred', 'cancelled'] as const;
export const trainedPersonKinds = ['patient', 'carer', 'agency-staff', 'own-staff'] as const;
export type TrainedPersonKind = (typeof trainedPersonKinds)[number];
export const understandings = ['yes', 'partly', 'no'] as const;
export type Understanding = (typeof understandings)[number];

/** In the clinicians' words. */
export const loanStatusLabels: Record<(typeof loanStatuses)[number], string> = {
  prescribed: 'Prescribed, not yet delivered',
  delivered: 'On loan',
  'to-collect': 'To collect',
  returned: 'Returned',
  missing: 'Missing',
  'written-off': 'Written off',
  'stays-with-patient': 'Stays with the patient',
  transferred: 'Transferred to social care',
  cancelled: 'Cancelled',
};
export const trainedPersonKindLabels: Record<TrainedPersonKind, string> = {
  patient: 'The patient',
  carer: 'A family member or unpaid carer',
  'agency-staff': 'Care agency staff',
  'own-staff': 'A member of our own staff',
};
export const understandingLabels: Record<Understanding, string> = {
  yes: 'Understood and showed it safely',
  partly: 'Partly understood: needs more teaching',
  no: 'Did not understand: not safe to use yet',
};

export const trainingResponse = z.object({
  id: z.string(),
  loanId: z.string(),
  personKind: z.enum(trainedPersonKinds),
  personName: z.string(),
  whatTaught: z.string(),
  understood: z.enum(understandings),
  understandingNote: z.string().nullable(),
  taughtAt: z.string(),
  taughtBy: z.string(),
  taughtByName: z.string(),
});
export type TrainingResponse = z.infer<typeof trainingResponse>;

export const loanResponse = z.object({
  id: z.string(),
  version: z.number(),
  patientId: z.string(),
  episodeId: z.string(),
  teamId: z.string(),
  catalogueItemId: z.string(),
  itemName: z.string(),
  category: z.enum(equipmentCategories),
  make: z.string(),
  model: z.string(),
  stockKind: z.enum(['stock', 'tracked']),
  instructions: z.string(),
  itemId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  storeId: z.string().nullable(),
  quantity: z.number(),
  reason: z.string(),
  assessmentId: z.string().nullable(),
  assessmentNote: z.string().nullable(),
  riskAssessment: z.string().nullable(),
  riskAssessedAt: z.string().nullable(),
  status: z.enum(loanStatuses),
  prescribedAt: z.string(),
  prescribedBy: z.string(),
  prescribedByName: z.string(),
  deliveredAt: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  deliveredByName: z.string().nullable(),
  deliveredWhere: z.string().nullable(),
  fitted: z.boolean().nullable(),
  endNote: z.string().nullable(),
  training: z.array(trainingResponse),
});
export type LoanResponse = z.infer<typeof loanResponse>;
