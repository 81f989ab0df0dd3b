// Recalls: which patients have model X (batch Y), and the action list worked to the end (issue 15 #6).
// JSON under /api/equipment/recalls (in the OpenAPI document) and the pages under /equipment/recalls;
// both parse with Zod, authorise (recall-access.ts, and the patient's write grant for an action) and
// hand over to the domain functions.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { authoriseLoanWrite } from './loan-access.ts';
import { loadLoanEpisode } from './loan-routes.ts';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { version } from '../platform/number-schemas.ts';
import { errorResponse } from '../platform/openapi.ts';
import { raiseRecall } from './raise-recall.ts';
import { authoriseRaiseRecall, authoriseRecallSearch } from './recall-access.ts';
import { recallActionStatuses } from './recall-action-steps.ts';
import { recallPages } from './recall-pages.ts';
import { findRecallAction, listRecalls } from './recall-queries.ts';
import { actionJson, recallActionResponse, recallDetailResponse, recallJson, recallResponse, recallSearchResponse, searchJson } from './recall-schema.ts';
import { readRecallDetail, searchRecall } from './recall-search.ts';
import { workRecallAction } from './work-recall-action.ts';

const tags = ['equipment'];
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const text = (max: number, what: string) => z.string({ error: `${what} must be text` }).max(max, `${what} must be ${max} characters or fewer`);

export async function recallRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/equipment/recall-search', {
    schema: {
      tags,
      summary: 'Which patients have this model (and batch) in their home, across the whole service',
      description: 'Patients the clinician may see are listed with their contact details (each audited as read); the others are counted by team, never named. Support workers and students are refused.',
      querystring: z.object({ catalogueItemId: z.uuid('catalogueItemId must be the catalogue item’s id'), batch: text(100, 'batch').optional() }),
      response: { 200: recallSearchResponse, ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseRecallSearch(app.db, { actor: actorOf(request) });
    return searchJson(await searchRecall(app.db, { access, catalogueItemId: request.query.catalogueItemId, batch: request.query.batch ?? null }));
  });

  typed.get('/api/equipment/recalls', {
    schema: { tags, summary: 'Recalls, open first, with how far each has been worked', response: { 200: z.object({ recalls: z.array(recallResponse) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    await authoriseRecallSearch(app.db, { actor: actorOf(request) });
    return { recalls: (await listRecalls(app.db)).map(recallJson) };
  });

  typed.post('/api/equipment/recalls', {
    schema: {
      tags,
      summary: 'Raise a recall of a model (and, where given, one batch): an action for every loan of it in a patient’s home',
      description: 'Clinical leads and service managers. A second open recall of the same model and batch is a 409. The id may be minted by the client (UUIDv7); Idempotency-Key makes a retry write once.',
      headers: writeHeaders,
      body: z.object({ id: z.uuid().optional(), catalogueItemId: z.uuid('catalogueItemId must be the catalogue item’s id'), batch: text(100, 'batch').nullable().optional(), reference: text(200, 'reference').optional(), reason: text(2000, 'reason') }).strict(),
      response: { 201: recallResponse, ...errorResponse(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseRaiseRecall(app.db, { actor: actorOf(request) });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({
      status: 201,
      body: recallJson(await raiseRecall(trx, { access, recall: { ...(b.id ? { id: b.id } : {}), catalogueItemId: b.catalogueItemId, batch: b.batch ?? null, reference: b.reference ?? '', reason: b.reason } })),
    }));
  });

  typed.get('/api/equipment/recalls/:recallId', {
    schema: {
      tags,
      summary: 'A recall and its action list',
      description: 'Actions of patients the clinician may see come with the patient’s contact details (each audited as read); the rest are counted by team.',
      params: z.object({ recallId: z.uuid('recallId must be a UUID') }),
      response: { 200: recallDetailResponse, ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseRecallSearch(app.db, { actor: actorOf(request) });
    const d = await readRecallDetail(app.db, access, request.params.recallId);
    return { recall: recallJson(d.recall), actions: d.shown.map(actionJson), contactOnly: d.contactOnly, withheld: d.withheld, withheldByTeam: d.withheldByTeam };
  });

  typed.post('/api/equipment/recall-actions/:actionId', {
    schema: {
      tags,
      summary: 'Record a step on a recall action: contacted, inspected, collected, or closed with the outcome',
      description: 'By someone who may write the patient’s record. Only forward; closed needs the outcome. Send the version you read: a stale one is a 409 with the action as it is. The last action closed closes the recall.',
      params: z.object({ actionId: z.uuid('actionId must be a UUID') }),
      headers: writeHeaders,
      body: z.object({ version, status: z.enum(recallActionStatuses, { error: `status must be one of ${recallActionStatuses.join(', ')}` }), outcome: text(2000, 'outcome').nullable().optional() }).strict(),
      response: { 200: recallActionResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await authoriseRecallSearch(app.db, { actor });
    const action = await findRecallAction(app.db, request.params.actionId);
    if (!action) throw notFound('Recall action');
    // The action's loan's episode decides (another team's episode needs break-glass), as for the loan itself.
    const { grant } = await authoriseLoanWrite(app.db, { actor, episode: await loadLoanEpisode(request, action.loanId), change: 'recall' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const done = await workRecallAction(trx, { grant, actionId: action.id, version: b.version, status: b.status, outcome: b.outcome ?? null });
      const patient = await trx.selectFrom('patients').select(['id', 'given_name', 'family_name', 'nhs_number', 'phone', 'address_line1', 'address_line2', 'town', 'postcode']).where('id', '=', done.patientId).executeTakeFirstOrThrow();
      return { status: 200, body: actionJson({ ...done, patient: { id: patient.id, name: `${patient.given_name} ${patient.family_name}`, nhsNumber: patient.nhs_number, phone: patient.phone, address: [patient.address_line1, patient.address_line2, patient.town, patient.postcode].filter(Boolean).join(', ') } }) };
    });
  });

  await recallPages(app);
}
