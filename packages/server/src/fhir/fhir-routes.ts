// The FHIR R4 routes (issue 18 #2, #3): metadata, read, search, Patient/$everything, create and a
// transaction Bundle (referrals in). Every route is driven by the registry (resource-registry.ts), so a
// type is served the moment its module is listed there. Registered inside the encapsulated fhir plugin
// (index.ts): the error and not-found handlers below answer with an OperationOutcome, and every
// response is application/fhir+json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HomewardError } from '../platform/homeward-error.ts';
import { toHomewardError } from '../platform/error-handler.ts';
import { capabilityStatement } from './capability-statement.ts';
import { actorOf, withHeldReadAudit } from '../platform/actor.ts';
import { fhirCaller } from './fhir-client.ts';
import { fullUrlOf, searchsetBundle, transactionResponseBundle } from './fhir-bundle.ts';
import type { FhirResource, FhirResourceModule } from './fhir-resource-module.ts';
import { invalidResource, outcomeOfError, resourceNotFound } from './operation-outcome.ts';
import { fhirResourceModules } from './resource-registry.ts';

export const fhirContentType = 'application/fhir+json; charset=utf-8';

/** FHIR's id syntax (R4 "id" datatype): anything else cannot name a resource. */
const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;
/** Parameters every search accepts besides the type's own. */
const commonSearchParams = new Set(['_count', '_format']);
const maxCount = 1000;

export function moduleOf(modules: readonly FhirResourceModule[], type: string): FhirResourceModule {
  const found = modules.find((m) => m.type === type);
  if (!found) throw resourceNotFound(type);
  return found;
}

/** The base of every fullUrl and Location: this server's /fhir/R4 as the caller reached it. */
export function fhirBaseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/fhir/R4`;
}

function checkId(type: string, id: string): void {
  if (!idPattern.test(id)) throw invalidResource([{ path: `${type}.id`, message: 'A FHIR id is 1 to 64 letters, digits, "-" or "."' }], 'The id is not a FHIR id');
}

/** Who is calling: the session's member of staff, or a refusal (fhir-client.ts is where bearer tokens will come in). */
function fhirActorOf(request: FastifyRequest) {
  const authorization = request.headers.authorization;
  return fhirCaller({ authorization: typeof authorization === 'string' ? authorization : undefined, sessionActor: request.principal ? actorOf(request) : null });
}

function queryOf(request: FastifyRequest): URLSearchParams {
  const raw = request.raw.url ?? '';
  const q = raw.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
}

/** Only parameters the type declares (and _count): a typo must not silently widen a search to everything. */
function checkSearchParams(module: FhirResourceModule, params: URLSearchParams): number | null {
  const known = new Set(module.searchParams.map((p) => p.name));
  for (const name of new Set(params.keys())) {
    const base = name.split(':')[0]!;
    if (!known.has(base) && !commonSearchParams.has(base)) {
      throw new HomewardError('validation_failed', `${module.type} cannot be searched by ${name}`, { fields: [{ path: name, message: `${module.type} cannot be searched by ${name}. It can be searched by: ${[...known].join(', ') || 'nothing'}` }] });
    }
  }
  const format = params.get('_format');
  if (format !== null && !['json', 'application/fhir+json', 'application/json'].includes(format)) {
    throw new HomewardError('validation_failed', 'Homeward answers in JSON only', { fields: [{ path: '_format', message: 'Homeward answers in JSON only (_format=json)' }] });
  }
  const count = params.get('_count');
  if (count === null) return null;
  if (!/^\d{1,4}$/.test(count) || Number(count) > maxCount) {
    throw new HomewardError('validation_failed', `_count must be a whole number from 0 to ${maxCount}`, { fields: [{ path: '_count', message: `_count must be a whole number from 0 to ${maxCount}` }] });
  }
  return Number(count);
}

function isResource(body: unknown): body is FhirResource {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { resourceType?: unknown }).resourceType === 'string';
}

function sendResource(reply: FastifyReply, status: number, resource: FhirResource): FastifyReply {
  return reply.code(status).type(fhirContentType).send(resource);
}

export async function fhirRoutes(app: FastifyInstance, modules: readonly FhirResourceModule[] = fhirResourceModules): Promise<void> {
  // FHIR's own media type, parsed as JSON (application/json is parsed already by Fastify).
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler(async (error, request, reply) => {
    const known = toHomewardError(error) ?? new HomewardError('internal_error', 'Sorry, something went wrong. Nothing was saved.');
    if (known.statusCode >= 500) request.log.error({ err: error }, known.message);
    // Same words as the app's handler; a conflict's current state is not sent over FHIR, so nothing unaudited leaves.
    if (known.code === 'unauthenticated') reply.header('www-authenticate', 'Bearer realm="homeward"');
    return sendResource(reply, known.statusCode, outcomeOfError(known));
  });
  app.setNotFoundHandler((request, reply) => sendResource(reply, 404, outcomeOfError(new HomewardError('not_found', `Nothing is served at ${request.method} ${request.url.split('?')[0]}`))));

  const hidden = { schema: { hide: true } };

  app.get('/metadata', hidden, async (request, reply) =>
    sendResource(reply, 200, capabilityStatement(modules, { baseUrl: fhirBaseUrl(request), supportsTransaction: modules.some((m) => m.create) })));

  app.get<{ Params: { id: string } }>('/Patient/:id/$everything', hidden, async (request, reply) => {
    const actor = fhirActorOf(request);
    const { id } = request.params;
    checkId('Patient', id);
    const patientModule = moduleOf(modules, 'Patient');
    // Reading the Patient is the access decision (refused and audited there); the rest follows its grant.
    const patient = await patientModule.read(app.db, { actor, id });
    const patientId = patient.id ?? id;
    const resources: FhirResource[] = [patient];
    // A dozen kinds are read: their audit events are written together, before the bundle is sent.
    await withHeldReadAudit(actor, app.db, async () => {
      for (const m of modules) {
        if (m.everything) resources.push(...(await m.everything(app.db, { actor, patientId })));
      }
    });
    const base = fhirBaseUrl(request);
    return sendResource(reply, 200, searchsetBundle({ baseUrl: base, selfUrl: `${base}/Patient/${patientId}/$everything`, resources, total: resources.length }));
  });

  app.get<{ Params: { type: string; id: string } }>('/:type/:id', hidden, async (request, reply) => {
    const actor = fhirActorOf(request);
    const { type, id } = request.params;
    const m = moduleOf(modules, type);
    checkId(type, id);
    return sendResource(reply, 200, await m.read(app.db, { actor, id }));
  });

  app.get<{ Params: { type: string } }>('/:type', hidden, async (request, reply) => {
    const actor = fhirActorOf(request);
    const m = moduleOf(modules, request.params.type);
    const params = queryOf(request);
    const count = checkSearchParams(m, params);
    const found = await m.search(app.db, { actor, params });
    const base = fhirBaseUrl(request);
    const self = `${base}/${m.type}${params.size > 0 ? `?${params.toString()}` : ''}`;
    return sendResource(reply, 200, searchsetBundle({ baseUrl: base, selfUrl: self, resources: count === null ? found : found.slice(0, count), total: found.length }));
  });

  app.post<{ Params: { type: string } }>('/:type', hidden, async (request, reply) => {
    const actor = fhirActorOf(request);
    const m = moduleOf(modules, request.params.type);
    if (!m.create) throw new HomewardError('validation_failed', `Homeward does not accept ${m.type} resources`, { fields: [{ path: m.type, message: `Homeward does not accept ${m.type} resources` }] });
    const body = request.body;
    if (!isResource(body)) throw invalidResource([{ path: 'resourceType', message: `Send a ${m.type} resource as JSON` }]);
    if (body.resourceType !== m.type) throw invalidResource([{ path: 'resourceType', message: `This address takes a ${m.type}, not a ${body.resourceType}` }]);
    const result = await m.create(app.db, { actor, resource: body });
    reply.header('location', `${fullUrlOf(fhirBaseUrl(request), result.resource)}/_history/${result.resource.meta?.versionId ?? '1'}`);
    return sendResource(reply, result.created ? 201 : 200, result.resource);
  });

  // A transaction Bundle (R4 "transaction"): today one ServiceRequest and what it refers to (its Patient),
  // handed whole to the type that accepts it, which does it in one database transaction.
  app.post('/', hidden, async (request, reply) => {
    const actor = fhirActorOf(request);
    const body = request.body;
    if (!isResource(body) || body.resourceType !== 'Bundle') throw invalidResource([{ path: 'resourceType', message: 'Send a Bundle of type transaction' }]);
    if (body.type !== 'transaction') throw invalidResource([{ path: 'Bundle.type', message: 'Homeward accepts Bundles of type transaction only' }]);
    const entries = Array.isArray(body.entry) ? (body.entry as unknown[]) : [];
    const accepting = entries.flatMap((entry, entryIndex) => {
      const resource = (entry as { resource?: unknown } | null)?.resource;
      if (!isResource(resource)) return [];
      const m = modules.find((x) => x.type === resource.resourceType && x.create);
      return m ? [{ m, resource, entryIndex }] : [];
    });
    const only = accepting[0];
    if (accepting.length !== 1 || !only) {
      throw invalidResource([{ path: 'Bundle.entry', message: `A transaction carries exactly one resource Homeward accepts (${modules.filter((m) => m.create).map((m) => m.type).join(', ')}) with what it refers to` }]);
    }
    const result = await only.m.create!(app.db, { actor, resource: only.resource, bundle: { resource: body, entryIndex: only.entryIndex } });
    const base = fhirBaseUrl(request);
    const responses = result.entryResponses ?? entries.map((_, i) => (i === only.entryIndex ? { status: result.created ? '201 Created' : '200 OK', location: fullUrlOf(base, result.resource) } : { status: '200 OK' }));
    return sendResource(reply, 200, transactionResponseBundle(responses.map((r) => ({ ...r, ...(r.location && !r.location.startsWith('http') ? { location: `${base}/${r.location}` } : {}) }))));
  });
}
