// Consent and capacity (Mental Capacity Act 2005): what was agreed, how, by whom, and, when capacity
// was in doubt, the two-stage test. Capacity is presumed; the outcome is derived from the answers,
// never typed, so "lacks capacity" always rests on an impairment and at least one functional inability.
import type { HomewardRole } from '../staff-roles.ts';

export type RecordFieldError = { path: string; message: string };

export const consentScopes = ['episode', 'intervention'] as const;
export type ConsentScope = (typeof consentScopes)[number];
export const consentScopeLabels: Record<ConsentScope, string> = {
  episode: 'The episode of care (assessment and treatment)',
  intervention: 'A specific intervention',
};

export const consentMethods = ['verbal', 'written', 'implied'] as const;
export type ConsentMethod = (typeof consentMethods)[number];
export const consentMethodLabels: Record<ConsentMethod, string> = {
  verbal: 'Verbal',
  written: 'Written',
  implied: 'Implied (for example, holding out an arm)',
};

export const consentGivers = ['patient', 'best-interests'] as const;
export type ConsentGiver = (typeof consentGivers)[number];
export const consentGiverLabels: Record<ConsentGiver, string> = {
  patient: 'The patient',
  'best-interests': 'A best-interests decision (the patient lacks capacity for this decision)',
};

/** Stage 2 of the test: as a result of the impairment, is the person unable to ... */
export const capacityFunctions = ['understand', 'retain', 'useOrWeigh', 'communicate'] as const;
export type CapacityFunction = (typeof capacityFunctions)[number];
export const capacityFunctionLabels: Record<CapacityFunction, string> = {
  understand: 'Unable to understand the information relevant to the decision',
  retain: 'Unable to retain that information',
  useOrWeigh: 'Unable to use or weigh that information',
  communicate: 'Unable to communicate the decision (by any means)',
};

export type CapacityAssessment = {
  /** Stage 1: an impairment of, or disturbance in the functioning of, the mind or brain. */
  impairment: boolean;
  impairmentDescription: string | null;
  /** Stage 2: each true when the person is unable to do it; notes give the evidence. */
  unable: Record<CapacityFunction, boolean>;
  notes: Partial<Record<CapacityFunction, string | null>>;
};

export const capacityOutcomes = ['has-capacity', 'lacks-capacity'] as const;
export type CapacityOutcome = (typeof capacityOutcomes)[number];
export const capacityOutcomeLabels: Record<CapacityOutcome, string> = {
  'has-capacity': 'Has capacity for this decision',
  'lacks-capacity': 'Lacks capacity for this decision',
};

/** Both stages must be met to conclude that a person lacks capacity; otherwise capacity is presumed. */
export function capacityOutcomeOf(a: CapacityAssessment): CapacityOutcome {
  return a.impairment && capacityFunctions.some((f) => a.unable[f]) ? 'lacks-capacity' : 'has-capacity';
}

export type ConsentInput = {
  scope: ConsentScope;
  intervention: string | null;
  agreedTo: string;
  method: ConsentMethod;
  givenBy: ConsentGiver;
  bestInterestsDecisionBy: string | null;
  bestInterestsConsulted: string | null;
  capacityInDoubt: boolean;
  assessment: CapacityAssessment | null;
  communicationSupport: string | null;
};

export type ConsentCheck = { ok: true; outcome: CapacityOutcome | null } | { ok: false; fields: RecordFieldError[] };

export function checkConsent(input: ConsentInput): ConsentCheck {
  const fields: RecordFieldError[] = [];
  if (input.scope === 'intervention' && !input.intervention) fields.push({ path: 'intervention', message: 'Enter the intervention the consent is for' });
  if (!input.agreedTo) fields.push({ path: 'agreedTo', message: 'Enter what was agreed' });
  let outcome: CapacityOutcome | null = null;
  if (input.capacityInDoubt) {
    const a = input.assessment;
    if (!a) {
      fields.push({ path: 'assessment', message: 'Capacity was in doubt: record the two-stage capacity assessment' });
    } else {
      if (a.impairment && !a.impairmentDescription) fields.push({ path: 'assessment.impairmentDescription', message: 'Describe the impairment of the mind or brain' });
      for (const f of capacityFunctions) {
        if (a.unable[f] && !a.notes[f]) fields.push({ path: `assessment.notes.${f}`, message: `Say why: ${capacityFunctionLabels[f].toLowerCase()}` });
      }
      outcome = capacityOutcomeOf(a);
    }
  } else if (input.assessment) {
    fields.push({ path: 'assessment', message: 'Capacity is presumed: record an assessment only when capacity is in doubt' });
  }
  if (input.givenBy === 'patient' && outcome === 'lacks-capacity') {
    fields.push({ path: 'givenBy', message: 'The assessment found the patient lacks capacity for this decision: record a best-interests decision, not the patient’s consent' });
  }
  if (input.givenBy === 'best-interests') {
    if (outcome !== 'lacks-capacity') {
      fields.push({ path: 'givenBy', message: 'A best-interests decision needs a capacity assessment showing the patient lacks capacity for this decision' });
    }
    if (!input.bestInterestsDecisionBy) fields.push({ path: 'bestInterestsDecisionBy', message: 'Enter who made the best-interests decision' });
  }
  return fields.length ? { ok: false, fields } : { ok: true, outcome };
}

/**
 * Anyone who writes notes may record a patient's own consent, or its withdrawal: a support worker
 * seeks consent before every delegated task, and a withdrawal must never wait for someone senior.
 * Assessing capacity and recording a best-interests decision need the clinician who holds the
 * decision: assistant practitioners, registered therapists and clinical leads, not support workers.
 */
export function mayAssessCapacity(role: HomewardRole): boolean {
  return role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}
