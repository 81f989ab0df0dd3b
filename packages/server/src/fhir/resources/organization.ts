// Organization (UK Core Organization): Homeward's teams. A team has no ODS code of its own in Homeward,
// so it is identified by its Homeward id; the trust above it is for a later step (its ODS code as
// configuration) and is not invented here.
import type { Team } from '../../staff/public.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { isUuid, stringParam } from '../fhir-search.ts';
import { teamIdSystem } from '../homeward-systems.ts';
import { resourceNotFound } from '../operation-outcome.ts';
import { ukCoreProfile } from '../uk-core.ts';
import { allTeams, nameMatches } from './staff-directory.ts';

export function toFhirOrganization(team: Team): FhirResource {
  return {
    resourceType: 'Organization',
    id: team.id,
    meta: { profile: [ukCoreProfile.organization] },
    identifier: [{ system: teamIdSystem, value: team.id }],
    active: true,
    type: [{ text: 'Community rehabilitation team' }],
    name: team.name,
    address: [{ use: 'work', text: team.baseLocation }],
  };
}

export const organizationModule: FhirResourceModule = {
  type: 'Organization',
  profile: ukCoreProfile.organization,
  searchParams: [{ name: 'name', type: 'string', documentation: 'The start of a word of the team’s name' }],
  async read(db, { id }) {
    const team = isUuid(id) ? (await allTeams(db)).find((t) => t.id === id.toLowerCase()) : undefined;
    if (!team) throw resourceNotFound('Organization', id);
    return toFhirOrganization(team);
  },
  async search(db, { params }) {
    const name = stringParam(params, 'name');
    return (await allTeams(db)).filter((t) => !name || nameMatches(t.name, name)).map(toFhirOrganization);
  },
};
