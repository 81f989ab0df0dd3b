// Practitioner (UK Core Practitioner): a member of staff, with their HCPC registration where they hold one.
import { professionLabels, type Profession } from '@homeward/clinical';
import type { StaffAccount } from '../../staff/public.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { stringParam, tokenParam } from '../fhir-search.ts';
import { staffIdSystem } from '../homeward-systems.ts';
import { resourceNotFound } from '../operation-outcome.ts';
import { ukCoreProfile } from '../uk-core.ts';
import { allStaff, nameMatches, staffMember } from './staff-directory.ts';

/** HCPC registration numbers, as UK Core's Practitioner identifier slice names them. */
export const hcpcSystem = 'https://fhir.hl7.org.uk/Id/hcpc-number';

export function toFhirPractitioner(s: StaffAccount): FhirResource {
  return {
    resourceType: 'Practitioner',
    id: s.id,
    meta: { versionId: String(s.version), lastUpdated: s.updatedAt, profile: [ukCoreProfile.practitioner] },
    identifier: [{ system: staffIdSystem, value: s.id }, ...(s.registrationNumber ? [{ system: hcpcSystem, value: s.registrationNumber }] : [])],
    active: s.active,
    name: [{ use: 'official', family: s.familyName, given: [s.givenName] }],
    ...(s.profession !== 'none' && s.registrationNumber
      ? { qualification: [{ identifier: [{ system: hcpcSystem, value: s.registrationNumber }], code: { text: professionLabels[s.profession as Profession] } }] }
      : {}),
  };
}

export const practitionerModule: FhirResourceModule = {
  type: 'Practitioner',
  profile: ukCoreProfile.practitioner,
  searchParams: [
    { name: 'name', type: 'string', documentation: 'The start of a given or family name' },
    { name: 'identifier', type: 'token', documentation: `The HCPC registration number (${hcpcSystem}|OT12345) or the Homeward staff id` },
  ],
  async read(db, { id }) {
    const s = await staffMember(db, id);
    if (!s) throw resourceNotFound('Practitioner', id);
    return toFhirPractitioner(s);
  },
  async search(db, { params }) {
    const name = stringParam(params, 'name');
    const identifier = tokenParam(params, 'identifier');
    return (await allStaff(db))
      .filter((s) => !name || nameMatches(`${s.givenName} ${s.familyName}`, name))
      .filter((s) => {
        if (!identifier) return true;
        const ids = [{ system: staffIdSystem, value: s.id }, ...(s.registrationNumber ? [{ system: hcpcSystem, value: s.registrationNumber }] : [])];
        return ids.some((i) => i.value === identifier.code && (identifier.system === undefined || identifier.system === i.system));
      })
      .map(toFhirPractitioner);
  },
};
