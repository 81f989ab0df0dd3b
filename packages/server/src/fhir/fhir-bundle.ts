// Bundles as the API answers with them: a searchset (search and Patient/$everything) and a
// transaction-response (referrals in).
import type { FhirResource } from './fhir-resource-module.ts';

export function fullUrlOf(baseUrl: string, resource: FhirResource): string {
  return `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`;
}

export function searchsetBundle(o: { baseUrl: string; selfUrl: string; resources: FhirResource[]; total: number }): FhirResource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: o.total,
    link: [{ relation: 'self', url: o.selfUrl }],
    entry: o.resources.map((resource) => ({ fullUrl: fullUrlOf(o.baseUrl, resource), resource, search: { mode: 'match' } })),
  };
}

export type EntryResponse = { status: string; location?: string };

export function transactionResponseBundle(responses: EntryResponse[]): FhirResource {
  return { resourceType: 'Bundle', type: 'transaction-response', entry: responses.map((response) => ({ response })) };
}
