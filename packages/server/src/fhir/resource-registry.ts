// Every FHIR resource type Homeward serves, one line each (fhir-resource-module.ts).
import type { FhirResourceModule } from './fhir-resource-module.ts';
import { patientModule } from './resources/patient.ts';
import { serviceRequestModule } from './resources/service-request.ts';
import { practitionerModule } from './resources/practitioner.ts';
import { practitionerRoleModule } from './resources/practitioner-role.ts';
import { organizationModule } from './resources/organization.ts';

// framework part: Patient, Practitioner, PractitionerRole, Organization, ServiceRequest
const frameworkTypes: FhirResourceModule[] = [patientModule, practitionerModule, practitionerRoleModule, organizationModule, serviceRequestModule];
// record part: EpisodeOfCare, Encounter, Observation, QuestionnaireResponse, Goal, CarePlan, Consent, DocumentReference, Device, DeviceRequest
const recordTypes: FhirResourceModule[] = [];

export const fhirResourceModules: readonly FhirResourceModule[] = [...frameworkTypes, ...recordTypes];
