// /api/safety/risks...: the risk register as JSON, with the pages' rules (risk-access.ts): every clinical
// role reads and adds; the owner, a clinical lead of the risk's team or the service manager changes,
// reviews, adds actions and closes. Changes send the version read (409 with the current risk when stale);
// creations are once-only with an Idempotency-Key; ids may be minted by the client (UUIDv7).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { riskHeatMap, riskRatings } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { addRisk } from './add-risk.ts';
import { addRiskAction } from './add-risk-action.ts';
import { changeRisk } from './change-risk.ts';
import { riskTextLimits } from './check-risk.ts';
import { closeRisk } from './close-risk.ts';
import { completeRiskAction } from './complete-risk-action.ts';
import { reviewRisk } from './review-risk.ts';
import { authoriseRiskActionDone, authoriseRiskChange, authoriseRiskRegister } from './risk-access.ts';
import { registerFilter, registerQuery } from './risk-pages.ts';
import { findRisk, listRiskActions, listRiskReviews, listRisks, type Risk, type RiskAction, type RiskReview } from './risk-queries.ts';

const tags = ['safety'];
const riskParams = z.object({ riskId: z.uuid('riskId must be a UUID') });
const actionParams = z.object({ actionId: z.uuid('actionId must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const version = z.int({ error: 'version must be the number you read' }).min(1).max(2_147_483_647);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD');
const scale = (what: string) => z.int({ error: `${what} must be a whole number from 1 to 5` }).min(1, `${what} must be from 1 to 5`).max(5, `${what} must be from 1 to 5`);
const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const rating = z.enum(riskRatings);

const riskResponse = z.object({
  id: z.string(), reference: z.string(), version: z.number(), title: z.string(), description: z.string(), cause: z.string(), effect: z.string(),
  teamId: z.string().nullable().describe('Null: the whole service'), teamName: z.string().nullable(), ownerId: z.string(), ownerName: z.string(),
  controls: z.string(), gapsInControls: z.string().nullable(),
  likelihood: z.number(), consequence: z.number(), score: z.number(), rating,
  targetLikelihood: z.number(), targetConsequence: z.number(), targetScore: z.number(), targetRating: rating,
  openedOn: z.string(), reviewOn: z.string(), status: z.enum(['open', 'closed']), closedOn: z.string().nullable(), closedReason: z.string().nullable(),
});
const reviewResponse = z.object({ id: z.string(), riskId: z.string(), reviewedOn: z.string(), likelihood: z.number(), consequence: z.number(), score: z.number(), rating, note: z.string(), nextReviewOn: z.string(), byName: z.string() });
const actionResponse = z.object({ id: z.string(), version: z.number(), riskId: z.string(), riskReference: z.string(), riskTitle: z.string(), action: z.string(), ownerId: z.string(), ownerName: z.string(), dueOn: z.string(), status: z.enum(['open', 'done']), doneAt: z.string().nullable() });
const heatMapResponse = z.array(z.object({ likelihood: z.number(), label: z.string(), cells: z.array(z.object({ likelihood: z.number(), consequence: z.number(), score: z.number(), rating, colour: z.string(), count: z.number() })) }));

const riskJson = (r: Risk) => r;
const reviewJson = (v: RiskReview) => v;
const actionJson = (a: RiskAction) => ({ ...a, doneAt: a.doneAt ? a.doneAt.toISOString() : null });

const detailsBody = {
  title: text(riskTextLimits.title), description: text(riskTextLimits.description), cause: text(riskTextLimits.cause), effect: text(riskTextLimits.effect),
  teamId: z.uuid('teamId must be a UUID').nullable().describe('Null: the whole service'), ownerId: z.uuid('ownerId must be a UUID'),
  controls: text(riskTextLimits.controls), gapsInControls: text(riskTextLimits.gapsInControls).default(''),
  targetLikelihood: scale('targetLikelihood'), targetConsequence: scale('targetConsequence'), reviewOn: day,
};

export async function riskApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  async function loadRisk(riskId: string): Promise<Risk> {
    const risk = await findRisk(db, riskId);
    if (!risk) throw notFound('Risk');
    return risk;
  }

  typed.get('/api/safety/risks', {
    schema: {
      tags, summary: 'The risk register (open risks unless status says otherwise), highest score first, with the 5x5 heat map of the same team and status',
      description: 'For every clinical role. Risks name no patients.',
      querystring: registerQuery.omit({ done: true }),
      response: { 200: z.object({ risks: z.array(riskResponse), heatMap: heatMapResponse }), ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    await authoriseRiskRegister(db, { actor: actorOf(request) });
    const filter = registerFilter(request.query);
    const { rating: _r, likelihood: _l, consequence: _c, ...mapFilter } = filter;
    return { risks: (await listRisks(db, filter)).map(riskJson), heatMap: riskHeatMap(await listRisks(db, mapFilter)) };
  });

  typed.post('/api/safety/risks', {
    schema: {
      tags, summary: 'Add a risk to the register: cause, effect, owner (a clinical lead or the service manager), controls, the score now and the target (no higher), the review date',
      headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), ...detailsBody, likelihood: scale('likelihood'), consequence: scale('consequence') }),
      response: { 201: riskResponse, ...errorResponse(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseRiskRegister(db, { actor: actorOf(request) });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: riskJson(await addRisk(trx, { access, ...b, id: b.id ?? uuidv7() })) }));
  });

  typed.get('/api/safety/risks/:riskId', {
    schema: { tags, summary: 'One risk with its reviews (newest first) and actions', params: riskParams, response: { 200: z.object({ risk: riskResponse, reviews: z.array(reviewResponse), actions: z.array(actionResponse) }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    await authoriseRiskRegister(db, { actor: actorOf(request) });
    const risk = await loadRisk(request.params.riskId);
    return { risk: riskJson(risk), reviews: (await listRiskReviews(db, risk.id)).map(reviewJson), actions: (await listRiskActions(db, { riskId: risk.id })).map(actionJson) };
  });

  typed.put('/api/safety/risks/:riskId', {
    schema: {
      tags, summary: 'Change a risk’s words, team, owner, controls, target and review date (the score changes only by a review). Send the version you read.',
      params: riskParams, headers: writeHeaders, body: z.strictObject({ version, ...detailsBody }),
      response: { 200: riskResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk: await loadRisk(request.params.riskId) });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: riskJson(await changeRisk(trx, { access, ...request.body })) }));
  });

  typed.post('/api/safety/risks/:riskId/reviews', {
    schema: {
      tags, summary: 'Review a risk: the score now, what was found, the next review date; the risk’s score and review date move with it. Send the version you read.',
      params: riskParams, headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), version, likelihood: scale('likelihood'), consequence: scale('consequence'), note: text(riskTextLimits.note), nextReviewOn: day }),
      response: { 201: riskResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk: await loadRisk(request.params.riskId) });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: riskJson(await reviewRisk(trx, { access, ...b, id: b.id ?? uuidv7() })) }));
  });

  typed.post('/api/safety/risks/:riskId/actions', {
    schema: {
      tags, summary: 'Add an action to bring the risk to its target; on its owner’s home page until done',
      params: riskParams, headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), action: text(riskTextLimits.action), ownerId: z.uuid('ownerId must be a UUID'), dueOn: day }),
      response: { 201: actionResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk: await loadRisk(request.params.riskId) });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: actionJson(await addRiskAction(trx, { access, ...b, id: b.id ?? uuidv7() })) }));
  });

  typed.post('/api/safety/risk-actions/:actionId/done', {
    schema: {
      tags, summary: 'Mark a risk action done (its owner, or whoever may change the risk). Send the version you read.',
      params: actionParams, headers: writeHeaders, body: z.strictObject({ version }),
      response: { 200: actionResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const action = (await listRiskActions(db, { id: request.params.actionId }))[0];
    if (!action) throw notFound('Risk action');
    const access = await authoriseRiskActionDone(db, { actor: actorOf(request), action, risk: await loadRisk(action.riskId) });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: actionJson(await completeRiskAction(trx, { access, version: request.body.version })) }));
  });

  typed.post('/api/safety/risks/:riskId/close', {
    schema: {
      tags, summary: 'Close a risk, with the reason; it is kept, and cannot change again. Send the version you read.',
      params: riskParams, headers: writeHeaders, body: z.strictObject({ version, reason: text(riskTextLimits.reason) }),
      response: { 200: riskResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk: await loadRisk(request.params.riskId) });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: riskJson(await closeRisk(trx, { access, ...request.body })) }));
  });
}
