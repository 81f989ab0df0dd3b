// Referrals' public face (ARCHITECTURE.md, "The public face of a context"): what another context (the
// demo seeder, which takes and triages the demo's referrals through the rules) may use.
export { authoriseReferralDecision } from './authorise-referral-decision.ts';
export { referralRuleProblems, type ReferralDetails } from './check-referral-details.ts';
export { authoriseReferralIntake, makeReferral } from './make-referral.ts';
export { triageDetailsSchema, type ReferralResponse } from './referral-schema.ts';
export { checkRejection, rejectReferral } from './reject-referral.ts';
export { triageReferral } from './triage-referral.ts';
// For the FHIR API (fhir/resources/service-request.ts): a referral by id to authorise (the loader), read
// through a grant, a patient's referrals through a grant, and the details' rules for referrals sent in.
export { findReferral, listPatientReferrals } from './referral-queries.ts';
export { readReferral } from './read-referral.ts';
export { checkReferralDetails } from './check-referral-details.ts';
export type { ReferralDetailsInput } from './referral-schema.ts';
