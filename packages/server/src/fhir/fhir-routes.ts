// The FHIR R4 routes (issue 18 #2, #3): metadata, read, search, Patient/$everything, ServiceRequest in.
// Owned by the FHIR framework part; stub until it lands.
import type { FastifyInstance } from 'fastify';

export async function fhirRoutes(_app: FastifyInstance): Promise<void> {}
