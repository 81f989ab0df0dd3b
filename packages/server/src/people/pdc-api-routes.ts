// /api/pdc/...: the annual Performance Development Conversation. Started by the manager; objectives
// and the development plan added and reviewed by either; confirmed by both. Writes take an
// Idempotency-Key; changes are version-checked.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { pdcItemKinds, pdcItemStatuses } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { version } from '../platform/number-schemas.ts';
import { errorResponse } from '../platform/openapi.ts';
import { addPdcItem } from './add-pdc-item.ts';
import { changePdcItem } from './change-pdc-item.ts';
import { confirmPdc } from './confirm-pdc.ts';
import { auditPdcRead, authorisePdc, authorisePdcHolder } from './pdc-access.ts';
import { findPdc, type Pdc } from './pdc-queries.ts';
import { startPdc } from './start-pdc.ts';

const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const pdcParams = z.object({ pdcId: z.uuid('pdcId must be a UUID') });
const itemParams = pdcParams.extend({ itemId: z.uuid('itemId must be a UUID') });
const day = (name: string) => z.iso.date({ error: `${name} must be a date like 2026-12-05` });
const itemResponse = z.object({ id: z.string(), version: z.number(), kind: z.enum(pdcItemKinds), text: z.string(), measure: z.string(), reviewOn: z.string().nullable(), status: z.enum(pdcItemStatuses), progress: z.string() });
const pdcResponse = z.object({
  id: z.string(), version: z.number(), staffId: z.string(), staffName: z.string(), managerId: z.string(), managerName: z.string(), heldOn: z.string(), nextReviewOn: z.string(), summary: z.string(),
  status: z.enum(['draft', 'agreed']), staffConfirmedAt: z.string().nullable(), managerConfirmedAt: z.string().nullable(), items: z.array(itemResponse),
});
const pdcJson = (p: Pdc) => ({
  id: p.id, version: p.version, staffId: p.staffId, staffName: p.staffName, managerId: p.managerId, managerName: p.managerName, heldOn: p.heldOn, nextReviewOn: p.nextReviewOn, summary: p.summary,
  status: p.status, staffConfirmedAt: p.staffConfirmedAt, managerConfirmedAt: p.managerConfirmedAt,
  items: p.items.map((i) => ({ id: i.id, version: i.version, kind: i.kind, text: i.text, measure: i.measure, reviewOn: i.reviewOn, status: i.status, progress: i.progress })),
});
const itemBody = { text: z.string().max(2000, 'text must be 2,000 characters or fewer'), measure: z.string().max(2000, 'measure must be 2,000 characters or fewer').optional(), reviewOn: day('reviewOn').nullable().optional() };

export async function pdcApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post('/api/pdc', {
    schema: {
      tags: ['pdc'], summary: 'Start a PDC with a member of your team (clinical lead or service manager): when it was held and when it is next reviewed', headers: writeHeaders,
      body: z.object({ id: z.uuid('id must be a UUID').optional(), staffId: z.uuid('staffId must be a UUID'), heldOn: day('heldOn'), nextReviewOn: day('nextReviewOn'), summary: z.string().max(4000, 'summary must be 4,000 characters or fewer').optional() }).strict(),
      response: { 201: z.object({ pdc: pdcResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const b = request.body;
    const actor = await authorisePdcHolder(app.db, { actor: actorOf(request), staffId: b.staffId });
    return idempotentWrite(request, reply, async (trx) => {
      const { id } = await startPdc(trx, { actor, ...(b.id ? { id: b.id } : {}), staffId: b.staffId, heldOn: b.heldOn, nextReviewOn: b.nextReviewOn, summary: b.summary ?? '' });
      return { status: 201, body: { pdc: pdcJson((await findPdc(trx, id))!) } };
    });
  });

  typed.get('/api/pdc/:pdcId', {
    schema: { tags: ['pdc'], summary: 'A PDC with its objectives and development plan (the member of staff, their manager and supervisor, the team’s lead)', params: pdcParams, response: { 200: z.object({ pdc: pdcResponse }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: false });
    await auditPdcRead(app.db, { access, via: 'api' });
    return { pdc: pdcJson(access.pdc) };
  });

  typed.post('/api/pdc/:pdcId/items', {
    schema: {
      tags: ['pdc'], summary: 'Add an objective or development item (clears both confirmations)', params: pdcParams, headers: writeHeaders,
      body: z.object({ id: z.uuid('id must be a UUID').optional(), kind: z.enum(pdcItemKinds, { error: 'kind must be objective or development' }), ...itemBody }).strict(),
      response: { 201: z.object({ pdc: pdcResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      await addPdcItem(trx, { access, ...(b.id ? { id: b.id } : {}), kind: b.kind, text: b.text, measure: b.measure ?? '', reviewOn: b.reviewOn ?? null });
      return { status: 201, body: { pdc: pdcJson((await findPdc(trx, access.pdc.id))!) } };
    });
  });

  typed.put('/api/pdc/:pdcId/items/:itemId', {
    schema: {
      tags: ['pdc'], summary: 'Change or review an item: wording, measure, review date, status and progress (version-checked; clears both confirmations)', params: itemParams, headers: writeHeaders,
      body: z.object({ version, ...itemBody, status: z.enum(pdcItemStatuses, { error: 'status must be open, met, partly-met, not-met or dropped' }), progress: z.string().max(4000, 'progress must be 4,000 characters or fewer').optional() }).strict(),
      response: { 200: z.object({ pdc: pdcResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      await changePdcItem(trx, { access, itemId: request.params.itemId, version: b.version, text: b.text, measure: b.measure ?? '', reviewOn: b.reviewOn ?? null, status: b.status, progress: b.progress ?? '' });
      return { status: 200, body: { pdc: pdcJson((await findPdc(trx, access.pdc.id))!) } };
    });
  });

  typed.post('/api/pdc/:pdcId/confirm', {
    schema: {
      tags: ['pdc'], summary: 'Confirm the PDC as it stands (the member of staff or the manager); agreed once both have', params: pdcParams, headers: writeHeaders,
      body: z.object({ version }).strict(),
      response: { 200: z.object({ pdc: pdcResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    return idempotentWrite(request, reply, async (trx) => {
      await confirmPdc(trx, { access, version: request.body.version });
      return { status: 200, body: { pdc: pdcJson((await findPdc(trx, access.pdc.id))!) } };
    });
  });
}
