// The domain rules for a patient's details, shared by the JSON API and the pages. Returns the
// normalised details (NHS number without spaces, postcode in capitals) or every problem found.
import {
  clinicalDateProblem,
  gpPracticeProblems,
  communicationNeedKinds,
  riskFlagKinds,
  nhsNumberError,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUkPhone,
  phoneError,
  postcodeError,
} from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import type { PatientDetailsInput } from './patient-schema.ts';

/** The date of birth is judged against `now` on the UK calendar: not in the future, not more than 130 years ago. */
export function checkPatientDetails(
  details: PatientDetailsInput,
  now: Date,
): { ok: true; details: PatientDetailsInput } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const nhs = nhsNumberError(details.nhsNumber);
  if (nhs) fields.push({ path: 'nhsNumber', message: nhs });

  const born = isRealIsoDate(details.dateOfBirth) ? clinicalDateProblem('date-of-birth', details.dateOfBirth, { now }) : null;
  if (!isRealIsoDate(details.dateOfBirth)) fields.push({ path: 'dateOfBirth', message: 'Date of birth must be a real date' });
  else if (born) fields.push({ path: 'dateOfBirth', message: born });

  const postcode = postcodeError(details.postcode);
  if (postcode) fields.push({ path: 'postcode', message: postcode });

  if (details.phone) {
    const phone = phoneError(details.phone, 'Phone number');
    if (phone) fields.push({ path: 'phone', message: phone });
  }
  details.contacts.forEach((contact, i) => {
    if (contact.phone) {
      const problem = phoneError(contact.phone, 'Phone number');
      if (problem) fields.push({ path: `contacts.${i}.phone`, message: problem });
    }
  });
  if (details.communicationNeeds.needs.includes('interpreter') && !details.communicationNeeds.interpreterLanguage) {
    fields.push({ path: 'communicationNeeds.interpreterLanguage', message: 'Enter the language the interpreter is needed for' });
  }
  fields.push(...gpPracticeProblems({ code: details.gpPracticeCode, name: details.gpPracticeName }));
  if ((details.latitude === null) !== (details.longitude === null)) {
    fields.push({ path: 'latitude', message: 'Give both latitude and longitude, or neither' });
  }
  if (fields.length) return { ok: false, fields };

  return {
    ok: true,
    details: {
      ...details,
      nhsNumber: normaliseNhsNumber(details.nhsNumber),
      postcode: normalisePostcode(details.postcode) ?? details.postcode,
      phone: details.phone ? (normaliseUkPhone(details.phone) ?? details.phone) : null,
      contacts: details.contacts.map((c) => ({ ...c, phone: c.phone ? (normaliseUkPhone(c.phone) ?? c.phone) : null })),
      // Lists are kept in the standard's order, so the same choices always compare equal.
      communicationNeeds: { ...details.communicationNeeds, needs: communicationNeedKinds.filter((k) => details.communicationNeeds.needs.includes(k)) },
      riskFlags: riskFlagKinds.filter((k) => details.riskFlags.includes(k)),
    },
  };
}

function isRealIsoDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
