// The UK Core identifiers, systems and profiles Homeward's resources use (UK Core STU3, R4), in one
// place so the modules and the README say the same. https://simplifier.net/hl7fhirukcorer4
export const ukCoreProfile = {
  patient: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient',
  practitioner: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner',
  practitionerRole: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole',
  organization: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization',
  serviceRequest: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest',
  encounter: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter',
  observation: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation',
} as const;

export const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';
export const odsOrganizationSystem = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const nhsNumberVerificationExtension = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
export const nhsNumberVerificationSystem = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';
/** Homeward's own identifiers (staff ids, team ids, referral ids): a system under Homeward's namespace. */
export const homewardIdSystem = (kind: string) => `https://homeward.nhs.example/Id/${kind}`;

/**
 * The NHS number's verification status. Homeward checks the check digit (modulus 11) but does not yet
 * trace against PDS, so every number it holds is "02 Number present but not traced"; a PDS trace would
 * record '01' per patient and this becomes a column.
 */
export function nhsNumberIdentifier(nhsNumber: string): Record<string, unknown> {
  return {
    extension: [{
      url: nhsNumberVerificationExtension,
      valueCodeableConcept: { coding: [{ system: nhsNumberVerificationSystem, code: '02', display: 'Number present but not traced' }] },
    }],
    system: nhsNumberSystem,
    value: nhsNumber,
  };
}
