// /api/equipment/...: the catalogue, stores and their stock, tracked items, examinations and the due
// list, for a store's own systems or a scanner's client. None of it is patient data (an item on loan
// says "on loan", never to whom), so each route is decided by role (catalogue-access.ts). Writes take an
// Idempotency-Key; changes carry the version read (stale: 409 with the record as it is).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { equipmentCategories, ukDateOf } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { addCatalogueItem } from './add-catalogue-item.ts';
import { addEquipmentItem } from './add-equipment-item.ts';
import { addStore } from './add-store.ts';
import { requireCatalogueKeeper, requireEquipmentViewer, requireStoreKeeper } from './catalogue-access.ts';
import { findCatalogueItem, listCatalogue } from './catalogue-queries.ts';
import { catalogueItemChange, catalogueItemInput, inspectionInput, itemChange, itemInput, stockMoveInput, storeInput } from './catalogue-schemas.ts';
import { changeEquipmentItem } from './change-equipment-item.ts';
import { changeCatalogueItem } from './change-catalogue-item.ts';
import { listInspectionsDue } from './inspection-queries.ts';
import { findItem, findItemByNumber, listInspectionsOfItem, listItems } from './item-queries.ts';
import { recordInspection } from './record-inspection.ts';
import { recordStockMove } from './record-stock-move.ts';
import { findStore, listStockOfStore, listStores } from './store-queries.ts';

const tags = ['equipment'];
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const itemStatuses = ['in-store', 'on-loan', 'in-repair', 'withdrawn', 'missing', 'written-off'] as const;

const catalogueItemResponse = z.object({
  id: z.string(), code: z.string(), name: z.string(), category: z.enum(equipmentCategories), make: z.string(), model: z.string(),
  stockKind: z.enum(['stock', 'tracked']), loler: z.boolean(), inspectionIntervalMonths: z.number().nullable(), needsRiskAssessment: z.boolean(),
  prescriber: z.enum(['assistant', 'registered']), unitCostPence: z.number(), instructions: z.string(), active: z.boolean(), version: z.number(),
});
const storeResponse = z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable(), address: z.string(), active: z.boolean(), version: z.number() });
const stockLevelResponse = z.object({ storeId: z.string(), catalogueItemId: z.string(), quantity: z.number(), reorderLevel: z.number(), version: z.number() });
const itemFields = {
  id: z.string(), catalogueItemId: z.string(), serialNumber: z.string(), assetNumber: z.string().nullable(), batch: z.string().nullable(), storeId: z.string(),
  condition: z.enum(['new', 'good', 'fair', 'poor', 'condemned']), status: z.enum(itemStatuses), lastInspectedOn: z.string().nullable(), nextInspectionDue: z.string().nullable(), version: z.number(),
};
const itemResponse = z.object(itemFields);
const itemLineResponse = z.object({ ...itemFields, name: z.string(), code: z.string(), make: z.string(), model: z.string(), storeName: z.string(), loler: z.boolean() });
const inspectionResponse = z.object({ id: z.string(), itemId: z.string(), kind: z.enum(['loler', 'service']), inspectedOn: z.string(), result: z.enum(['pass', 'fail', 'withdrawn']), note: z.string().nullable(), nextDue: z.string().nullable(), createdAt: z.string(), createdBy: z.string() });
const inspectionJson = (i: Awaited<ReturnType<typeof listInspectionsOfItem>>[number]) => ({ ...i, createdAt: i.createdAt.toISOString() });

const catalogueParams = z.object({ catalogueItemId: z.uuid('catalogueItemId must be a UUID') });
const storeParams = z.object({ storeId: z.uuid('storeId must be a UUID') });
const itemParams = z.object({ itemId: z.uuid('itemId must be a UUID') });

/** The domain functions name a field as the form does ("code"); the API names it in the body it came in ("body.code"). */
async function inBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof HomewardError) || error.fields.length === 0) throw error;
    throw new HomewardError(error.code, error.message, { fields: error.fields.map((f) => ({ ...f, path: f.path.startsWith('body.') ? f.path : `body.${f.path}` })), current: error.current });
  }
}

export async function catalogueApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // -- The catalogue.
  typed.get('/api/equipment/catalogue', {
    schema: { tags, summary: 'What the service lends, by category and name (withdrawn items only when asked)', querystring: z.object({ includeWithdrawn: z.enum(['true', 'false']).optional(), category: z.enum(equipmentCategories).optional() }), response: { 200: z.object({ items: z.array(catalogueItemResponse) }), ...errorResponse(400, 401, 403) } },
  }, async (request) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    return { items: await listCatalogue(app.db, { includeWithdrawn: request.query.includeWithdrawn === 'true', category: request.query.category ?? null }) };
  });

  typed.post('/api/equipment/catalogue', {
    schema: { tags, summary: 'Add an item to the catalogue (clinical leads and service managers)', headers: writeHeaders, body: catalogueItemInput, response: { 201: catalogueItemResponse, ...errorResponse(400, 401, 403, 409, 422) } },
  }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await inBody(addCatalogueItem(trx, { actor, input: request.body })) }));
  });

  typed.get('/api/equipment/catalogue/:catalogueItemId', {
    schema: { tags, summary: 'One catalogue item', params: catalogueParams, response: { 200: catalogueItemResponse, ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    const item = await findCatalogueItem(app.db, request.params.catalogueItemId);
    if (!item) throw notFound('Catalogue item');
    return item;
  });

  typed.patch('/api/equipment/catalogue/:catalogueItemId', {
    schema: { tags, summary: 'Change a catalogue item, or withdraw it (active: false); send every field and the version you read', params: catalogueParams, headers: writeHeaders, body: catalogueItemChange, response: { 200: catalogueItemResponse, ...errorResponse(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    const { version, ...input } = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await inBody(changeCatalogueItem(trx, { actor, id: request.params.catalogueItemId, version, input })) }));
  });

  // -- Stores and their stock.
  typed.get('/api/equipment/stores', {
    schema: { tags, summary: 'The stores equipment is kept at', response: { 200: z.object({ stores: z.array(storeResponse) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    return { stores: await listStores(app.db) };
  });

  typed.post('/api/equipment/stores', {
    schema: { tags, summary: 'Add a store (clinical leads and service managers)', headers: writeHeaders, body: storeInput, response: { 201: storeResponse, ...errorResponse(400, 401, 403, 409, 422) } },
  }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await inBody(addStore(trx, { actor, input: request.body })) }));
  });

  typed.get('/api/equipment/stores/:storeId', {
    schema: { tags, summary: 'A store and its stock counts', params: storeParams, response: { 200: z.object({ store: storeResponse, stock: z.array(stockLevelResponse.extend({ name: z.string(), code: z.string(), low: z.boolean() })) }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    const store = await findStore(app.db, request.params.storeId);
    if (!store) throw notFound('Store');
    return { store, stock: await listStockOfStore(app.db, store.id) };
  });

  typed.post('/api/equipment/stores/:storeId/stock-moves', {
    schema: {
      tags,
      summary: 'Stock received, a count put right, or stock written off',
      description: 'Send the version of the stock level you read, always; an item not yet counted at the store is at version 1 with nought, so its first stock sends version 1. A stale version is a 409 with the level as it is, so the same move sent twice is written once; Idempotency-Key makes a retry answer as the first did. A count that would go below nought is refused on `change`.',
      params: storeParams, headers: writeHeaders, body: stockMoveInput,
      response: { 200: z.object({ stockLevel: stockLevelResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    if (!(await findStore(app.db, request.params.storeId))) throw notFound('Store');
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: { stockLevel: await inBody(recordStockMove(trx, { actor, storeId: request.params.storeId, input: request.body })) } }));
  });

  // -- Tracked items.
  typed.get('/api/equipment/items', {
    schema: {
      tags, summary: 'Tracked items, by model, store or status; or the one a scanned or typed serial or asset number names (number)',
      querystring: z.object({ catalogueItemId: z.uuid().optional(), storeId: z.uuid().optional(), status: z.enum(itemStatuses).optional(), number: z.string().max(60).optional() }),
      response: { 200: z.object({ items: z.array(itemLineResponse) }), ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    const q = request.query;
    if (q.number !== undefined) {
      const found = await findItemByNumber(app.db, q.number);
      return { items: found ? [found] : [] };
    }
    return { items: await listItems(app.db, { catalogueItemId: q.catalogueItemId ?? null, storeId: q.storeId ?? null, status: q.status ?? null }) };
  });

  typed.post('/api/equipment/items', {
    schema: { tags, summary: 'Add a tracked item with its serial number (typed once: the same serial or asset number again is refused)', headers: writeHeaders, body: itemInput, response: { 201: itemResponse, ...errorResponse(400, 401, 403, 409, 422) } },
  }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await inBody(addEquipmentItem(trx, { actor, input: request.body })) }));
  });

  typed.get('/api/equipment/items/:itemId', {
    schema: { tags, summary: 'A tracked item and its examinations and services, newest first', params: itemParams, response: { 200: z.object({ item: itemLineResponse, inspections: z.array(inspectionResponse) }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    return { item, inspections: (await listInspectionsOfItem(app.db, item.id)).map(inspectionJson) };
  });

  typed.patch('/api/equipment/items/:itemId', {
    schema: {
      tags, summary: 'Change a tracked item not out on loan: its store, asset number, batch, condition, or where it is (in store, in repair, withdrawn, missing, written off)',
      description: 'Send the version you read: a stale one is a 409 with the item as it is. An item on loan changes only through its loan.',
      params: itemParams, headers: writeHeaders, body: itemChange, response: { 200: itemResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await inBody(changeEquipmentItem(trx, { actor, itemId: request.params.itemId, input: request.body })) }));
  });

  typed.post('/api/equipment/items/:itemId/inspections', {
    schema: {
      tags, summary: 'Record a LOLER thorough examination or a service: a pass sets the next due date; a fail or a withdrawal takes the item out of use',
      description: 'Send the item’s version you read: a stale one is a 409 with the item as it is. The date is never in the future.',
      params: itemParams, headers: writeHeaders, body: inspectionInput,
      response: { 201: z.object({ inspection: inspectionResponse, item: itemResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    return idempotentWrite(request, reply, async (trx) => {
      const done = await inBody(recordInspection(trx, { actor, itemId: request.params.itemId, input: request.body }));
      return { status: 201, body: { inspection: inspectionJson(done.inspection), item: done.item } };
    });
  });

  typed.get('/api/equipment/inspections/due', {
    schema: {
      tags, summary: 'LOLER examinations and services by date: overdue, due soon, and the rest within the days asked (default 90)',
      querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(730).optional(), storeId: z.uuid().optional() }),
      response: { 200: z.object({ today: z.string(), items: z.array(itemLineResponse.extend({ state: z.enum(['overdue', 'due-soon', 'fine']), kind: z.enum(['loler', 'service']) })) }), ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    const today = ukDateOf(actor.now);
    return { today, items: await listInspectionsDue(app.db, { today, withinDays: request.query.withinDays ?? 90, storeId: request.query.storeId ?? null }) };
  });
}
