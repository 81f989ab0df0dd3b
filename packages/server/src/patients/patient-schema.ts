// The patient record as the JSON API accepts and returns it. Structure is checked here (types,
// lengths, no unknown fields); the domain rules (NHS number check digit, real postcode, birth in the
// past) are checked by check-patient-details.ts so the pages and the API give the same messages.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { communicationNeedKinds, isOdsPracticeCode, normaliseOdsPracticeCode, odsPracticeCodeMessage, riskFlagKinds, sexes } from '@homeward/clinical';
import { optionalText, text } from '../platform/text-schemas.ts';


export const patientContactSchema = z.strictObject({
  name: text(200).min(1, 'Enter the name'),
  relationship: text(100).min(1, 'Enter the relationship'),
  phone: optionalText(30),
  isNextOfKin: z.boolean(),
  isCarer: z.boolean(),
});

export const patientDetailsSchema = z.strictObject({
  nhsNumber: z.string().max(20, 'NHS number must be 10 digits'),
  givenName: text(100).min(1, 'Enter the given name'),
  familyName: text(100).min(1, 'Enter the family name'),
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date of birth must be a date in the form yyyy-mm-dd'),
  sex: z.enum(sexes),
  genderIdentity: optionalText(100),
  addressLine1: text(200).min(1, 'Enter the first line of the address'),
  addressLine2: optionalText(200),
  town: text(100).min(1, 'Enter the town or city'),
  postcode: z.string().max(10, 'Enter a real postcode, like ST4 6QG'),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  phone: optionalText(30),
  // The ODS code, typed as it comes (lower case, a space): stored upper case without spaces.
  gpPracticeCode: z
    .string()
    .max(20, odsPracticeCodeMessage)
    .nullable()
    .transform((v) => (v ? normaliseOdsPracticeCode(v) || null : null))
    .refine((v) => v === null || isOdsPracticeCode(v), odsPracticeCodeMessage),
  gpPracticeName: optionalText(200),
  contacts: z.array(patientContactSchema).max(10, 'Record at most 10 contacts'),
  communicationNeeds: z.strictObject({
    needs: z.array(z.enum(communicationNeedKinds)).max(communicationNeedKinds.length),
    interpreterLanguage: optionalText(100),
    notes: optionalText(1000),
  }),
  livesAlone: z.boolean(),
  keySafe: z.boolean(),
  accessNotes: optionalText(2000),
  riskFlags: z.array(z.enum(riskFlagKinds)).max(riskFlagKinds.length),
  riskNotes: optionalText(2000),
});

export type PatientDetailsInput = z.output<typeof patientDetailsSchema>;

export const createPatientBody = patientDetailsSchema.extend({
  // A client (an offline tablet, say) may mint the id itself, so a retry can never make two patients.
  id: z.uuid({ version: 'v7', message: 'id must be a UUIDv7' }).optional(),
});

export const updatePatientBody = patientDetailsSchema.extend({
  version,
});

// What the API returns: the same fields, without the input clean-ups (responses are encoded, not parsed).
const patientDetailsOutput = z.object({
  nhsNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(sexes),
  genderIdentity: z.string().nullable(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  town: z.string(),
  postcode: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string().nullable(),
  gpPracticeCode: z.string().nullable(),
  gpPracticeName: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), relationship: z.string(), phone: z.string().nullable(), isNextOfKin: z.boolean(), isCarer: z.boolean() })),
  communicationNeeds: z.object({ needs: z.array(z.enum(communicationNeedKinds)), interpreterLanguage: z.string().nullable(), notes: z.string().nullable() }),
  livesAlone: z.boolean(),
  keySafe: z.boolean(),
  accessNotes: z.string().nullable(),
  riskFlags: z.array(z.enum(riskFlagKinds)),
  riskNotes: z.string().nullable(),
});

export const patientResponse = patientDetailsOutput.extend({
  id: z.string(),
  version: z.number(),
  registeredTeamId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type PatientResponse = z.infer<typeof patientResponse>;

export const findOnlyResult = z.object({
  id: z.string(),
  access: z.literal('find-only'),
  nhsNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  postcodeDistrict: z.string().nullable(),
  /** Why the search found this patient, in words (outside a relationship, no more than the result shows). */
  matchedBecause: z.array(z.string()),
});

export const fullResult = findOnlyResult.extend({
  access: z.literal('full'),
  addressLine1: z.string(),
  town: z.string(),
  postcode: z.string(),
  riskFlags: z.array(z.enum(riskFlagKinds)),
});

export const searchQuery = z.strictObject({
  nhsNumber: z.string().max(20).optional(),
  /** Part of a name: the start of the family name, a given name, or both; accents and hyphens ignored. */
  name: z.string().trim().max(200).optional(),
  yearOfBirth: z.coerce.number().int('Year of birth must be a year, like 1941').min(1850, 'Year of birth must be a year, like 1941').max(2200, 'Year of birth must be a year, like 1941').optional(),
  postcode: z.string().trim().max(10, 'Enter a postcode, like ST6 3HR, or its first half, like ST6').optional(),
  familyName: z.string().trim().max(100).optional(),
  givenName: z.string().trim().max(100).optional(),
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date of birth must be a date in the form yyyy-mm-dd').optional(),
});
