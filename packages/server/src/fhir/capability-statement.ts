// The CapabilityStatement (GET /metadata) is built from the registry, so it can never claim a type,
// an interaction or a search parameter the routes do not serve, nor leave one out.
import type { FhirResource, FhirResourceModule } from './fhir-resource-module.ts';

/** When this statement last changed in substance: the day the FHIR API was first published. */
const publishedOn = '2026-12-05';

export function capabilityStatement(modules: readonly FhirResourceModule[], o: { baseUrl: string; supportsTransaction: boolean }): FhirResource {
  return {
    resourceType: 'CapabilityStatement',
    id: 'homeward',
    url: `${o.baseUrl}/metadata`,
    name: 'HomewardCapabilityStatement',
    title: 'Homeward FHIR R4 API',
    status: 'active',
    experimental: false,
    date: publishedOn,
    publisher: 'Homeward',
    description: 'Read and search over the same access rules and audit as the Homeward pages; referrals in as ServiceRequest.',
    kind: 'instance',
    software: { name: 'Homeward' },
    implementation: { description: 'Homeward community rehabilitation', url: o.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Every read is audited against the patient, as the pages are. Patient data is released only through a legitimate relationship or break-glass.',
        security: {
          cors: false,
          description: 'A Homeward session (cookie hw_session; writes send its CSRF token as X-CSRF-Token). SMART Backend Services bearer tokens for system clients are planned and refused for now.',
        },
        resource: modules.map((m) => ({
          type: m.type,
          ...(m.profile ? { supportedProfile: [m.profile] } : {}),
          interaction: [
            { code: 'read' },
            { code: 'search-type' },
            ...(m.create ? [{ code: 'create' }] : []),
          ],
          ...(m.searchParams.length > 0 ? { searchParam: m.searchParams.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })) } : {}),
          ...(m.type === 'Patient' ? { operation: [{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' }] } : {}),
        })),
        ...(o.supportsTransaction ? { interaction: [{ code: 'transaction', documentation: 'A referral in: one ServiceRequest with its Patient' }] } : {}),
      },
    ],
  };
}
