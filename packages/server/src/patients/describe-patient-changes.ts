// What changed between two versions of a patient's details, in words a clinician reads at a glance.
import {
  communicationNeedLabels,
  formatDisplayDate,
  formatNhsNumber,
  formatUkPhone,
  riskFlagLabels,
  sexLabels,
  type CommunicationNeeds,
  type PatientContact,
  type RiskFlagKind,
  type Sex,
} from '@homeward/clinical';
import { stableStringify } from '../platform/stable-json.ts';
import type { PatientResponse } from './patient-schema.ts';

const fieldLabels: Record<string, string> = {
  nhsNumber: 'NHS number',
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  town: 'Town or city',
  postcode: 'Postcode',
  latitude: 'Latitude',
  longitude: 'Longitude',
  phone: 'Phone',
  gpPracticeCode: 'GP practice code',
  gpPracticeName: 'GP practice',
  contacts: 'Next of kin and carers',
  communicationNeeds: 'Communication needs',
  livesAlone: 'Lives alone',
  keySafe: 'Key safe',
  accessNotes: 'Access notes',
  riskFlags: 'Risk flags',
  riskNotes: 'Risk notes',
};

const none = '(none)';

export function formatPatientField(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return none;
  switch (field) {
    case 'nhsNumber':
      return formatNhsNumber(String(value));
    case 'dateOfBirth':
      return formatDisplayDate(String(value));
    case 'sex':
      return sexLabels[value as Sex] ?? String(value);
    case 'phone':
      return formatUkPhone(String(value));
    case 'livesAlone':
    case 'keySafe':
      return value ? 'Yes' : 'No';
    case 'riskFlags': {
      const flags = value as RiskFlagKind[];
      return flags.length ? flags.map((f) => riskFlagLabels[f] ?? f).join(', ') : none;
    }
    case 'communicationNeeds': {
      const c = value as CommunicationNeeds;
      const needs = c.needs.map((n) => (n === 'interpreter' && c.interpreterLanguage ? `${communicationNeedLabels[n]} (${c.interpreterLanguage})` : communicationNeedLabels[n] ?? n));
      const text = needs.length ? needs.join(', ') : none;
      return c.notes ? `${text}. ${c.notes}` : text;
    }
    case 'contacts': {
      const contacts = value as PatientContact[];
      if (!contacts.length) return none;
      return contacts
        .map((c) => {
          const roles = [c.isNextOfKin ? 'next of kin' : '', c.isCarer ? 'carer' : ''].filter(Boolean).join(', ');
          return `${c.name} (${c.relationship}${roles ? `; ${roles}` : ''})${c.phone ? ` ${formatUkPhone(c.phone)}` : ''}`;
        })
        .join('; ');
    }
    default:
      return String(value);
  }
}

export function describePatientChanges(before: PatientResponse | null, after: PatientResponse): Array<{ field: string; before: string; after: string }> {
  if (!before) return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(fieldLabels)
    .filter((k) => stableStringify(b[k]) !== stableStringify(a[k]))
    .map((k) => ({ field: fieldLabels[k]!, before: formatPatientField(k, b[k]), after: formatPatientField(k, a[k]) }));
}
