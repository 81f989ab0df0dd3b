// Every FHIR resource type Homeward serves, one line each (fhir-resource-module.ts).
import type { FhirResourceModule } from './fhir-resource-module.ts';
import { patientModule } from './resources/patient.ts';

// framework part: Patient, Practitioner, PractitionerRole, Organization, ServiceRequest
const frameworkTypes: FhirResourceModule[] = [patientModule];
// record part: EpisodeOfCare, Encounter, Observation, QuestionnaireResponse, Goal, CarePlan, Consent, DocumentReference, Device, DeviceRequest
const recordTypes: FhirResourceModule[] = [];

export const fhirResourceModules: readonly FhirResourceModule[] = [...frameworkTypes, ...recordTypes];
