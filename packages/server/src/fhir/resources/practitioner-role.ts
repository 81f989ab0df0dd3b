// PractitionerRole (UK Core PractitionerRole): a member of staff's role in their team. One per member of
// staff (Homeward gives each one role and one team), so its id is the staff id.
import { homewardRoleLabels, type HomewardRole, type Profession } from '@homeward/clinical';
import type { StaffAccount } from '../../staff/public.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { referenceParam } from '../fhir-search.ts';
import { resourceNotFound } from '../operation-outcome.ts';
import { ukCoreProfile } from '../uk-core.ts';
import { allStaff, staffMember } from './staff-directory.ts';

/** SNOMED CT occupations for the registered professions: 80546007 |Occupational therapist|, 36682004 |Physiotherapist|. */
const professionCodes: Partial<Record<Profession, { code: string; display: string }>> = {
  OT: { code: '80546007', display: 'Occupational therapist' },
  PT: { code: '36682004', display: 'Physiotherapist' },
};

export function toFhirPractitionerRole(s: StaffAccount): FhirResource {
  const occupation = professionCodes[s.profession];
  return {
    resourceType: 'PractitionerRole',
    id: s.id,
    meta: { versionId: String(s.version), lastUpdated: s.updatedAt, profile: [ukCoreProfile.practitionerRole] },
    active: s.active,
    practitioner: { reference: `Practitioner/${s.id}`, display: `${s.givenName} ${s.familyName}` },
    ...(s.teamId ? { organization: { reference: `Organization/${s.teamId}`, ...(s.teamName ? { display: s.teamName } : {}) } } : {}),
    code: [
      { text: homewardRoleLabels[s.homewardRole as HomewardRole] ?? s.homewardRole },
      ...(occupation ? [{ coding: [{ system: 'http://snomed.info/sct', ...occupation }] }] : []),
    ],
    ...(s.baseLocation ? { location: [{ display: s.baseLocation }] } : {}),
  };
}

export const practitionerRoleModule: FhirResourceModule = {
  type: 'PractitionerRole',
  profile: ukCoreProfile.practitionerRole,
  searchParams: [
    { name: 'practitioner', type: 'reference', documentation: 'The member of staff (Practitioner/<id>)' },
    { name: 'organization', type: 'reference', documentation: 'The team (Organization/<id>)' },
  ],
  async read(db, { id }) {
    const s = await staffMember(db, id);
    if (!s) throw resourceNotFound('PractitionerRole', id);
    return toFhirPractitionerRole(s);
  },
  async search(db, { params }) {
    const practitioner = referenceParam(params, 'practitioner', 'Practitioner');
    const organization = referenceParam(params, 'organization', 'Organization');
    return (await allStaff(db))
      .filter((s) => !practitioner || s.id === practitioner.id)
      .filter((s) => !organization || s.teamId === organization.id)
      .map(toFhirPractitionerRole);
  },
};
