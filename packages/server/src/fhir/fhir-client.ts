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
import type { Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

/**
 * The actor of a FHIR call: the signed-in member of staff (the route passes `actorOf(request)` when a
 * session came with it), or a refusal. Kept free of the HTTP request so the token check, when it comes,
 * is a pure function of what was presented, tested without Fastify.
 */
export function fhirCaller(o: { authorization: string | undefined; sessionActor: Actor | null }): Actor {
  if (o.sessionActor) return o.sessionActor;
  if (o.authorization !== undefined && /^bearer\s/i.test(o.authorization)) {
    throw new HomewardError('unauthenticated', 'Bearer tokens for system clients are not accepted yet. Sign in to Homeward and call the API with its session.');
  }
  throw new HomewardError('unauthenticated', 'Sign in to continue');
}
