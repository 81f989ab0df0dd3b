// The FHIR context's public face (ARCHITECTURE.md, "The public face of a context"): the demo seeder sends
// a GP's referral in through the same function the API uses.
export { receiveFhirReferral, type ReceiveFhirReferralOptions } from './receive-referral.ts';
