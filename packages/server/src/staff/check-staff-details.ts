// The rules that join a staff account's fields together. Pure, so the form and the API share them.
import { isClinicalRole, professionLabels } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import { passwordError } from './password.ts';
import type { StaffDetailsInput } from './staff-schema.ts';

// HCPC prefixes: occupational therapists OT, physiotherapists PH.
const hcpcPrefix = { OT: 'OT', PT: 'PH' } as const;

export function checkStaffDetails(details: StaffDetailsInput): FieldError[] {
  const fields: FieldError[] = [];
  const { profession, registrationNumber } = details;
  if (profession === 'OT' || profession === 'PT') {
    const prefix = hcpcPrefix[profession];
    const aWho = `${profession === 'OT' ? 'an' : 'a'} ${professionLabels[profession].toLowerCase()}`;
    if (!registrationNumber) {
      fields.push({ path: 'registrationNumber', message: `Enter the HCPC registration number, like ${prefix}12345` });
    } else if (!/^[A-Z]{2}\d{1,10}$/.test(registrationNumber)) {
      fields.push({ path: 'registrationNumber', message: `Registration number must be 2 letters and then numbers, like ${prefix}12345` });
    } else if (!registrationNumber.startsWith(prefix)) {
      fields.push({ path: 'registrationNumber', message: `An HCPC registration number for ${aWho} starts with ${prefix}, like ${prefix}12345` });
    }
  } else if (registrationNumber) {
    fields.push({ path: 'registrationNumber', message: 'Only occupational therapists and physiotherapists have a registration number here. Select the profession, or remove the number' });
  }
  if (details.homewardRole === 'registered-therapist' && profession === 'none') {
    fields.push({ path: 'profession', message: 'A registered therapist must be an occupational therapist or physiotherapist' });
  }
  if (details.homewardRole === 'student' && profession !== 'none') {
    // The profession field is HCPC registration, which a student gains only on qualifying.
    fields.push({ path: 'profession', message: 'A student on placement is not yet registered with the HCPC. Select Not registered' });
  }
  if (isClinicalRole(details.homewardRole) && !details.teamId) {
    fields.push({ path: 'teamId', message: 'Select the team this person works in. Everyone who sees patients belongs to a team' });
  }
  return fields;
}

export function checkNewPassword(password: string): FieldError[] {
  const problem = passwordError(password);
  return problem ? [{ path: 'password', message: problem }] : [];
}
