// The words for a loan's end at discharge and after, as the clinicians say them.
import type { EquipmentLoanStatus } from '../db/schema.ts';

export const dischargeDecisions = ['stays-with-patient', 'collect', 'transferred'] as const;
export type DischargeDecision = (typeof dischargeDecisions)[number];

export const dischargeDecisionLabels: Record<DischargeDecision, string> = {
  'stays-with-patient': 'Stays with the patient',
  collect: 'To collect',
  transferred: 'Transferred to social care',
};

export const collectionOutcomes = ['returned', 'missing', 'written-off'] as const;
export type CollectionOutcome = (typeof collectionOutcomes)[number];

export const collectionOutcomeLabels: Record<CollectionOutcome, string> = {
  returned: 'Returned to store',
  missing: 'Missing (could not be found)',
  'written-off': 'Written off',
};

// One set of words for a loan's status, the loans part's (loan-schema.ts).
export { loanStatusLabels } from './loan-schema.ts';

/** A decision at discharge sets the loan's status to this. */
export const statusOfDecision: Record<DischargeDecision, EquipmentLoanStatus> = { 'stays-with-patient': 'stays-with-patient', collect: 'to-collect', transferred: 'transferred' };
