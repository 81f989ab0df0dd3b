// Every FHIR resource type Homeward serves, one line each (fhir-resource-module.ts).
import type { FhirResourceModule } from './fhir-resource-module.ts';
import { patientModule } from './resources/patient.ts';
import { serviceRequestModule } from './resources/service-request.ts';
import { practitionerModule } from './resources/practitioner.ts';
import { practitionerRoleModule } from './resources/practitioner-role.ts';
import { organizationModule } from './resources/organization.ts';
// record part
import { carePlanModule } from './resources/care-plan.ts';
import { codeSystemModule } from './resources/code-system.ts';
import { consentModule } from './resources/consent.ts';
import { deviceModule } from './resources/device.ts';
import { deviceRequestModule } from './resources/device-request.ts';
import { documentReferenceModule } from './resources/document-reference.ts';
import { encounterModule } from './resources/encounter.ts';
import { episodeOfCareModule } from './resources/episode-of-care.ts';
import { goalModule } from './resources/goal.ts';
import { observationModule } from './resources/observation.ts';
import { questionnaireResponseModule } from './resources/questionnaire-response.ts';

// framework part: Patient, Practitioner, PractitionerRole, Organization, ServiceRequest
const frameworkTypes: FhirResourceModule[] = [patientModule, practitionerModule, practitionerRoleModule, organizationModule, serviceRequestModule];
// record part: EpisodeOfCare, Encounter, Observation, QuestionnaireResponse, Goal, CarePlan, Consent, DocumentReference, Device, DeviceRequest, and the CodeSystems they use
const recordTypes: FhirResourceModule[] = [
  episodeOfCareModule,
  encounterModule,
  observationModule,
  questionnaireResponseModule,
  goalModule,
  carePlanModule,
  consentModule,
  documentReferenceModule,
  deviceModule,
  deviceRequestModule,
  codeSystemModule,
];

export const fhirResourceModules: readonly FhirResourceModule[] = [...frameworkTypes, ...recordTypes];
