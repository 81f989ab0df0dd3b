// The clinical domain: pure rules shared by the server and any other client.
export * from './staff-roles.ts';
export * from './patient.ts';
export * from './nhs-number.ts';
export * from './postcode.ts';
export * from './date-parts.ts';
export * from './patient-access.ts';
export * from './break-glass.ts';
export * from './phone.ts';
export * from './referral-vocabulary.ts';
export * from './response-clock.ts';
export * from './allocation-competence.ts';
export * from './priority-score.ts';
export * from './caseload-weight.ts';
export * from './episode-dates.ts';
export * from './uk-wall-clock.ts';
