import type { FastifyInstance } from 'fastify';
import { fhirRoutes } from './fhir-routes.ts';

/**
 * FHIR R4 at /fhir/R4 (issue 18 #2-#4): read and search over the same access rules and audit as the
 * pages, referrals in as ServiceRequest, a CapabilityStatement. Encapsulated (not fastify-plugin) so its
 * error handler answers with an OperationOutcome and its content type is application/fhir+json.
 */
export async function fhirContext(app: FastifyInstance): Promise<void> {
  await fhirRoutes(app);
}
