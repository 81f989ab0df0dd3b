// Homeward's own code systems and extensions for referrals (the words of referral-vocabulary.ts), so a
// sending system can say which service, setting and source it means, and whether the patient consented.
// Their codes are the stored values; the README lists them for senders.
const base = 'https://homeward.nhs.example';
export const serviceSystem = `${base}/CodeSystem/service`;
export const settingSystem = `${base}/CodeSystem/setting`;
export const referralSourceExtension = `${base}/StructureDefinition/referral-source`;
export const referralSourceDetailExtension = `${base}/StructureDefinition/referral-source-detail`;
export const consentToReferralExtension = `${base}/StructureDefinition/consent-to-referral`;
export const consentNoteExtension = `${base}/StructureDefinition/consent-to-referral-note`;
/** The referral's own id in Homeward, as an identifier (the resource id is the same). */
export const referralIdSystem = `${base}/Id/referral`;
export const staffIdSystem = `${base}/Id/staff`;
export const teamIdSystem = `${base}/Id/team`;
/** SNOMED CT 3457005 |Patient referral (procedure)|: the category of every ServiceRequest Homeward serves. */
export const patientReferralCategory = { system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' };
/** An identifier system of Homeward's own, by kind ('equipment-serial-number', 'equipment-asset-number'). */
export const homewardIdSystem = (kind: string) => `${base}/Id/${kind}`;
