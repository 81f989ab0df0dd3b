// /api/safeguarding-concerns and /api/safety/designations: safeguarding as JSON, with the pages' rules
// (safeguarding-access.ts): raised through the raiser's write grant on the episode, seen only by the
// leads, the raiser and the people named (anyone else: 404, audited), the lead's steps version-checked,
// and every create once-only with an Idempotency-Key and an id the client may mint (UUIDv7).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { consentToShareValues, safeguardingDecisions, safeguardingKinds, ukDateOf } from '@homeward/clinical';
import { actorOf, requireClinicalActor } from '../platform/actor.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { loadEpisode } from '../caseload/public.ts';
import { addSafeguardingNote } from './add-safeguarding-note.ts';
import { closeSafeguardingConcern } from './close-safeguarding-concern.ts';
import { decideSafeguardingConcern } from './decide-safeguarding-concern.ts';
import { designateSafeguardingLead, endSafeguardingDesignation } from './designate-safeguarding-lead.ts';
import { nameSafeguardingPerson, removeSafeguardingPerson } from './name-safeguarding-person.ts';
import { raiseSafeguardingConcern } from './raise-safeguarding-concern.ts';
import { actorIsSafeguardingLead, auditConcernRead, auditConcernsListed, authoriseConcern, authoriseConcernLead, authoriseDesignations, authoriseRaiseConcern } from './safeguarding-access.ts';
import { listConcernNotes, listConcernsFor, listDesignations, listNamedPeople, type Designation, type SafeguardingConcern } from './safeguarding-queries.ts';

const tags = ['safeguarding'];
const concernParams = z.object({ concernId: z.uuid('concernId must be a UUID') });
const namedParams = z.object({ concernId: z.uuid('concernId must be a UUID'), namedId: z.uuid('namedId must be a UUID') });
const designationParams = z.object({ designationId: z.uuid('designationId must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const version = z.int({ error: 'version must be the number you read' }).min(1).max(2_147_483_647);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Enter a real date');
const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const person = z.object({ id: z.string(), name: z.string() });

const concernResponse = z.object({
  id: z.string(), version: z.number(), reference: z.string(),
  patient: z.object({ id: z.string(), nhsNumber: z.string(), givenName: z.string(), familyName: z.string() }),
  episodeId: z.string().nullable(), teamId: z.string().nullable(), kind: z.enum(safeguardingKinds), categories: z.array(z.string()),
  personAtRisk: z.enum(['patient', 'other']), otherPerson: z.string().nullable(), concern: z.string(), immediateDanger: z.boolean(), immediateActions: z.string(),
  consentToShare: z.enum(consentToShareValues), shareWithoutConsentReason: z.string().nullable(),
  raisedAt: z.string(), raisedBy: person, decisionDueAt: z.string(),
  decision: z.enum(safeguardingDecisions).nullable(), decisionReason: z.string().nullable(), decidedAt: z.string().nullable(), decidedBy: person.nullable(),
  localAuthorityReference: z.string().nullable(), localAuthorityReferredOn: z.string().nullable(), status: z.enum(['open', 'decided', 'closed']), closedAt: z.string().nullable(),
});
const noteResponse = z.object({ id: z.string(), note: z.string(), createdAt: z.string(), createdBy: person });
const namedResponse = z.object({ id: z.string(), version: z.number(), staffId: z.string(), name: z.string(), role: z.string(), namedAt: z.string() });
const designationResponse = z.object({ id: z.string(), version: z.number(), staffId: z.string(), name: z.string(), role: z.string(), startsOn: z.string(), endsOn: z.string().nullable() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const concernJson = (c: SafeguardingConcern) => ({
  ...c, raisedAt: c.raisedAt.toISOString(), decisionDueAt: c.decisionDueAt.toISOString(), decidedAt: iso(c.decidedAt), closedAt: iso(c.closedAt),
});
const designationJson = (d: Designation) => d;

export async function safeguardingApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  typed.post('/api/safeguarding-concerns', {
    schema: {
      tags, summary: 'Raise a safeguarding concern from a patient’s episode (needs your write grant on it); the decision is due 24 hours later', headers: writeHeaders,
      description: 'Seen only by the safeguarding leads, you and the people a lead names. The patient’s banner shows that a concern is open to everyone who may see the record.',
      body: z.strictObject({
        id: z.uuid().optional(), episodeId: z.uuid('episodeId must be a UUID'), kind: text(10), categories: z.array(text(60)).max(20), personAtRisk: text(10), otherPerson: text(300).default(''),
        concern: text(10_000), immediateDanger: z.boolean().nullable(), immediateActions: text(5_000), consentToShare: text(20), shareWithoutConsentReason: text(5_000).default(''),
      }),
      response: { 201: concernResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const b = request.body;
    const episode = await loadEpisode(request, b.episodeId);
    const grant = await authoriseRaiseConcern(db, { actor: actorOf(request), episode });
    const input = { kind: b.kind, categories: b.categories, personAtRisk: b.personAtRisk, otherPerson: b.otherPerson, concern: b.concern, immediateDanger: b.immediateDanger, immediateActions: b.immediateActions, consentToShare: b.consentToShare, shareWithoutConsentReason: b.shareWithoutConsentReason };
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: concernJson(await raiseSafeguardingConcern(trx, { grant, episode, id: b.id ?? uuidv7(), input })) }));
  });

  typed.get('/api/safeguarding-concerns', {
    schema: {
      tags, summary: 'The safeguarding concerns you may see: every one for a safeguarding lead, else those you raised or were named on; open ones by their decision clock',
      querystring: z.object({ show: z.enum(['open', 'all']).default('open') }),
      response: { 200: z.object({ concerns: z.array(concernResponse) }), ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const isLead = await actorIsSafeguardingLead(db, actor);
    const concerns = await listConcernsFor(db, { staffId: actor.staff.staffId, isLead, include: request.query.show });
    await auditConcernsListed(db, actor, concerns, { isLead, detail: { list: 'safeguarding-concerns', via: 'api' } });
    return { concerns: concerns.map(concernJson) };
  });

  typed.get('/api/safeguarding-concerns/:concernId', {
    schema: {
      tags, summary: 'One safeguarding concern with its notes and the people named (404 unless you are a safeguarding lead, raised it or were named on it; the attempt is audited)',
      params: concernParams,
      response: { 200: z.object({ concern: concernResponse, notes: z.array(noteResponse), named: z.array(namedResponse) }), ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseConcern(db, { actor: actorOf(request), concernId: request.params.concernId });
    const [notes, named] = await Promise.all([listConcernNotes(db, access.concern.id), listNamedPeople(db, access.concern.id)]);
    await auditConcernRead(db, access, { via: 'api' });
    return {
      concern: concernJson(access.concern),
      notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
      named: named.map((n) => ({ ...n, namedAt: n.namedAt.toISOString() })),
    };
  });

  typed.put('/api/safeguarding-concerns/:concernId/decision', {
    schema: {
      tags, summary: 'The safeguarding lead’s decision: refer to the local authority (date and reference), no further action, monitor or advice given (with the reason). Send the version you read.',
      params: concernParams, headers: writeHeaders,
      body: z.strictObject({ version, decision: text(40), reason: text(5_000).default(''), localAuthorityReference: text(100).default(''), localAuthorityReferredOn: day.nullable().default(null) }),
      response: { 200: concernResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'decision' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: concernJson(await decideSafeguardingConcern(trx, { access, version: b.version, decision: b.decision, reason: b.reason, localAuthorityReference: b.localAuthorityReference, localAuthorityReferredOn: b.localAuthorityReferredOn })) }));
  });

  typed.post('/api/safeguarding-concerns/:concernId/notes', {
    schema: {
      tags, summary: 'Add a note to a concern (append-only): by anyone who may see it', params: concernParams, headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), note: text(10_000) }),
      response: { 201: noteResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseConcern(db, { actor: actorOf(request), concernId: request.params.concernId, action: 'write' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const n = await addSafeguardingNote(trx, { access, id: b.id ?? uuidv7(), note: b.note });
      return { status: 201, body: { ...n, createdAt: n.createdAt.toISOString() } };
    });
  });

  typed.post('/api/safeguarding-concerns/:concernId/people', {
    schema: {
      tags, summary: 'Name a clinician to see this concern (safeguarding leads only)', params: concernParams, headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), staffId: z.uuid('staffId must be a UUID') }),
      response: { 201: namedResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'name-person' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const n = await nameSafeguardingPerson(trx, { access, id: b.id ?? uuidv7(), staffId: b.staffId });
      return { status: 201, body: { ...n, namedAt: n.namedAt.toISOString() } };
    });
  });

  typed.post('/api/safeguarding-concerns/:concernId/people/:namedId/remove', {
    schema: {
      tags, summary: 'Take a name off a concern: they no longer see it (safeguarding leads only). Send the version you read.', params: namedParams, headers: writeHeaders,
      body: z.strictObject({ version }),
      response: { 204: z.null(), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'remove-person' });
    return idempotentWrite(request, reply, async (trx) => {
      await removeSafeguardingPerson(trx, { access, namedId: request.params.namedId, version: request.body.version });
      return { status: 204, body: null };
    });
  });

  typed.post('/api/safeguarding-concerns/:concernId/close', {
    schema: {
      tags, summary: 'Close a concern: refused until the decision is recorded (safeguarding leads only). Send the version you read.', params: concernParams, headers: writeHeaders,
      body: z.strictObject({ version }),
      response: { 200: concernResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'close' });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: concernJson(await closeSafeguardingConcern(trx, { access, version: request.body.version })) }));
  });

  typed.get('/api/safety/designations', {
    schema: { tags, summary: 'The safeguarding leads (the service manager and administrators)', response: { 200: z.object({ designations: z.array(designationResponse) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    const actor = await authoriseDesignations(db, { actor: actorOf(request), write: false });
    return { designations: (await listDesignations(db, { today: ukDateOf(actor.now) })).map(designationJson) };
  });

  typed.post('/api/safety/designations', {
    schema: {
      tags, summary: 'Name a safeguarding lead from a day (the service manager and administrators)', headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), staffId: z.uuid('staffId must be a UUID'), startsOn: day }),
      response: { 201: designationResponse, ...errorResponse(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = await authoriseDesignations(db, { actor: actorOf(request), write: true });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await designateSafeguardingLead(trx, { actor, id: b.id ?? uuidv7(), staffId: b.staffId, startsOn: b.startsOn }) }));
  });

  typed.post('/api/safety/designations/:designationId/end', {
    schema: {
      tags, summary: 'End a safeguarding lead’s designation today. Send the version you read.', params: designationParams, headers: writeHeaders,
      body: z.strictObject({ version }),
      response: { 200: designationResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = await authoriseDesignations(db, { actor: actorOf(request), write: true });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await endSafeguardingDesignation(trx, { actor, id: request.params.designationId, version: request.body.version }) }));
  });
}
