// Referrals' public face (ARCHITECTURE.md, "The public face of a context"): what another context (the
// demo seeder, which takes and triages the demo's referrals through the rules) may use.
export { authoriseReferralDecision } from './authorise-referral-decision.ts';
export { referralRuleProblems, type ReferralDetails } from './check-referral-details.ts';
export { authoriseReferralIntake, makeReferral } from './make-referral.ts';
export { triageDetailsSchema, type ReferralResponse } from './referral-schema.ts';
export { checkRejection, rejectReferral } from './reject-referral.ts';
export { triageReferral } from './triage-referral.ts';
