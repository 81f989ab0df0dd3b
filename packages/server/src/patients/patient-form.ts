// The register/edit patient form: form fields in, PatientDetailsInput (or field errors) out.
// Field ids are the error-summary anchors, so each message takes the user to the field at fault.
import { clinicalDateProblem, gpPracticeProblems, nhsNumberError, postcodeError, parseDateParts, isoDateToParts, ukDateOf, type CommunicationNeedKind, type RiskFlagKind } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import { fieldsFromZodIssues } from '../platform/validation.ts';
import { checkPatientDetails } from './check-patient-details.ts';
import { patientDetailsSchema, type PatientDetailsInput, type PatientResponse } from './patient-schema.ts';

export type PatientFormValues = Record<string, string | string[] | undefined>;

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

// Schema paths to the id of the input that shows them.
const anchors: Record<string, string> = {
  dateOfBirth: 'dateOfBirth-day',
  'contacts.0.name': 'nokName',
  'contacts.0.relationship': 'nokRelationship',
  'contacts.0.phone': 'nokPhone',
  'contacts.1.name': 'carerName',
  'contacts.1.relationship': 'carerRelationship',
  'contacts.1.phone': 'carerPhone',
  'communicationNeeds.interpreterLanguage': 'interpreterLanguage',
  'communicationNeeds.needs': 'communicationNeeds',
  sex: 'sex',
  livesAlone: 'livesAlone',
  keySafe: 'keySafe',
};

export function fieldAnchor(path: string): string {
  return anchors[path] ?? path.replaceAll('.', '-');
}

export type ParsedPatientForm = { ok: true; details: PatientDetailsInput } | { ok: false; fields: FieldError[] };

export function parsePatientForm(body: PatientFormValues, now: Date): ParsedPatientForm {
  const fields: FieldError[] = [];
  const dob = parseDateParts(
    { day: str(body['dateOfBirth-day']), month: str(body['dateOfBirth-month']), year: str(body['dateOfBirth-year']) },
    { label: 'Date of birth', today: ukDateOf(now) },
  );
  // When a birth may fall is the API's rule too (clinicalDateProblem), reported with every other problem.
  const born = dob.ok ? clinicalDateProblem('date-of-birth', dob.value, { now }) : dob.message;
  if (born) fields.push({ path: 'dateOfBirth', message: born });

  const contacts = [];
  const nok = { name: str(body.nokName).trim(), relationship: str(body.nokRelationship).trim(), phone: orNull(str(body.nokPhone)) };
  if (nok.name || nok.relationship || nok.phone) contacts.push({ ...nok, isNextOfKin: true, isCarer: str(body.nokIsCarer) === 'yes' });
  const carer = { name: str(body.carerName).trim(), relationship: str(body.carerRelationship).trim(), phone: orNull(str(body.carerPhone)) };
  const carerIndex = contacts.length;
  if (carer.name || carer.relationship || carer.phone) contacts.push({ ...carer, isNextOfKin: false, isCarer: true });

  const yesNo = (name: string, message: string) => {
    const v = str(body[name]);
    if (v !== 'yes' && v !== 'no') fields.push({ path: name, message });
    return v === 'yes';
  };
  const livesAlone = yesNo('livesAlone', 'Select whether the patient lives alone');
  const keySafe = yesNo('keySafe', 'Select whether there is a key safe');

  const candidate = {
    nhsNumber: str(body.nhsNumber),
    givenName: str(body.givenName),
    familyName: str(body.familyName),
    dateOfBirth: dob.ok ? dob.value : '1900-01-01',
    sex: str(body.sex),
    genderIdentity: orNull(str(body.genderIdentity)),
    addressLine1: str(body.addressLine1),
    addressLine2: orNull(str(body.addressLine2)),
    town: str(body.town),
    postcode: str(body.postcode),
    latitude: null as number | null,
    longitude: null as number | null,
    phone: orNull(str(body.phone)),
    gpPracticeCode: orNull(str(body.gpPracticeCode)),
    gpPracticeName: orNull(str(body.gpPracticeName)),
    contacts,
    communicationNeeds: {
      needs: list(body.communicationNeeds) as CommunicationNeedKind[],
      interpreterLanguage: orNull(str(body.interpreterLanguage)),
      notes: orNull(str(body.communicationNotes)),
    },
    livesAlone,
    keySafe,
    accessNotes: orNull(str(body.accessNotes)),
    riskFlags: list(body.riskFlags) as RiskFlagKind[],
    riskNotes: orNull(str(body.riskNotes)),
  };
  // Coordinates are kept from the stored record on edit (they come from address lookup, not typing).
  const lat = Number(str(body.latitude));
  const lon = Number(str(body.longitude));
  if (str(body.latitude) !== '' && str(body.longitude) !== '' && Number.isFinite(lat) && Number.isFinite(lon)) {
    candidate.latitude = lat;
    candidate.longitude = lon;
  }

  const parsed = patientDetailsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const f of fieldsFromZodIssues(parsed.error.issues)) {
      // The carer is the second contact only when there is a next of kin; keep anchors right.
      const path = carerIndex === 0 ? f.path.replace(/^contacts\.0\./, 'contacts.1.') : f.path;
      fields.push({ path, message: sharpen(path, f.message) });
    }
    // Report the domain rules too, so one submit shows every problem, not the structural ones first.
    const nhs = nhsNumberError(candidate.nhsNumber);
    if (nhs) fields.push({ path: 'nhsNumber', message: nhs });
    const postcode = postcodeError(candidate.postcode);
    if (postcode) fields.push({ path: 'postcode', message: postcode });
    fields.push(...gpPracticeProblems({ code: candidate.gpPracticeCode, name: candidate.gpPracticeName }));
    return { ok: false, fields: dedupe(fields) };
  }
  const checked = checkPatientDetails(parsed.data, now);
  if (!checked.ok) {
    for (const f of checked.fields) {
      if (f.path === 'dateOfBirth' && born) continue;
      const path = carerIndex === 0 ? f.path.replace(/^contacts\.0\./, 'contacts.1.') : f.path;
      fields.push({ ...f, path });
    }
  }
  if (fields.length) return { ok: false, fields: dedupe(fields) };
  return { ok: true, details: checked.ok ? checked.details : parsed.data };
}

// Zod's generic messages ("Invalid option") become what the NHS.UK patterns ask for.
function sharpen(path: string, message: string): string {
  if (path === 'sex') return 'Select the patient’s sex';
  if (path.startsWith('riskFlags')) return 'Select risk flags from the list';
  if (path.startsWith('communicationNeeds.needs')) return 'Select communication needs from the list';
  return message;
}

function dedupe(fields: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return fields.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

/** The form's values for an existing record (edit) or for what was typed (re-display after errors). */
export function formValuesFromPatient(p: PatientResponse | PatientDetailsInput): PatientFormValues {
  const dob = isoDateToParts(p.dateOfBirth);
  const nok = p.contacts.find((c) => c.isNextOfKin);
  const carer = p.contacts.find((c) => c.isCarer && !c.isNextOfKin);
  return {
    nhsNumber: p.nhsNumber,
    givenName: p.givenName,
    familyName: p.familyName,
    'dateOfBirth-day': dob.day,
    'dateOfBirth-month': dob.month,
    'dateOfBirth-year': dob.year,
    sex: p.sex,
    genderIdentity: p.genderIdentity ?? '',
    addressLine1: p.addressLine1,
    addressLine2: p.addressLine2 ?? '',
    town: p.town,
    postcode: p.postcode,
    latitude: p.latitude === null ? '' : String(p.latitude),
    longitude: p.longitude === null ? '' : String(p.longitude),
    phone: p.phone ?? '',
    gpPracticeCode: p.gpPracticeCode ?? '',
    gpPracticeName: p.gpPracticeName ?? '',
    nokName: nok?.name ?? '',
    nokRelationship: nok?.relationship ?? '',
    nokPhone: nok?.phone ?? '',
    nokIsCarer: nok?.isCarer ? 'yes' : '',
    carerName: carer?.name ?? '',
    carerRelationship: carer?.relationship ?? '',
    carerPhone: carer?.phone ?? '',
    communicationNeeds: p.communicationNeeds.needs,
    interpreterLanguage: p.communicationNeeds.interpreterLanguage ?? '',
    communicationNotes: p.communicationNeeds.notes ?? '',
    livesAlone: p.livesAlone ? 'yes' : 'no',
    keySafe: p.keySafe ? 'yes' : 'no',
    accessNotes: p.accessNotes ?? '',
    riskFlags: p.riskFlags,
    riskNotes: p.riskNotes ?? '',
  };
}
