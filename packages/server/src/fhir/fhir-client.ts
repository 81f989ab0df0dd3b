// Who is calling the FHIR API, as an Actor: the seam where SMART-style system clients will come in.
//
// Today every FHIR request is a member of staff signed in (the hw_session cookie, with its CSRF token on
// writes, exactly as the JSON API): the actor is `actorOf(request)` and every access decision and audit
// event is theirs. A bearer token is refused with a 401 OperationOutcome saying so, never ignored.
//
// Later (SMART Backend Services, the NHS's client-credentials flow): a system client (a GP system, an
// acute trust's EPR) is registered with its public key (JWKS), the scopes it may hold
// (`system/ServiceRequest.c`, `system/Patient.r`) and the member of staff or team it acts for. It signs a
// JWT assertion, Homeward's token endpoint answers with a short-lived access token, and this function
// will: verify the token, look up the client, check the route's scope, and return an Actor whose
// `staff` is the client's named service account (a role and a team, so the same `authorisePatientAccess`
// rules apply and the audit names the client in `origin.via`, e.g. `fhir-client:<client id>`). Nothing
// in the resource modules changes: they take an Actor and never see how it was proved.
import type { FastifyRequest } from 'fastify';
import { actorOf, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

export function fhirActorOf(request: FastifyRequest): Actor {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s/i.test(authorization) && !request.principal) {
    throw new HomewardError('unauthenticated', 'Bearer tokens for system clients are not accepted yet. Sign in to Homeward and call the API with its session.');
  }
  return actorOf(request);
}
