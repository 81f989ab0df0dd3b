// The equipment pages that are not about any patient: the landing page (/equipment), the catalogue
// (list, add, change or withdraw), and the stores with their stock counts (add a store; receive,
// adjust or write off stock). Thin: parse, decide by role, delegate (issue 15 #1, #2).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { equipmentCategories, equipmentCategoryLabels, equipmentPrescriberLabels, hasTeamWideAccess } from '@homeward/clinical';
import { actorOf, type Actor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, type FieldError, type HomewardError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { addCatalogueItem } from './add-catalogue-item.ts';
import { addStore } from './add-store.ts';
import { mayKeepCatalogue, mayKeepStore, requireCatalogueKeeper, requireEquipmentViewer, requireStoreKeeper } from './catalogue-access.ts';
import { catalogueFormValues, parseCatalogueForm, parseStockMoveForm, parseStoreForm } from './catalogue-forms.ts';
import { findCatalogueItem, listCatalogue } from './catalogue-queries.ts';
import { maySeeRecalls } from './recall-access.ts';
import { maySeeEquipmentReports } from './report-routes.ts';
import { poundsOf, type CatalogueItem } from './catalogue-view.ts';
import { changeCatalogueItem } from './change-catalogue-item.ts';
import { recordStockMove } from './record-stock-move.ts';
import { findStore, listStockOfStore, listStores } from './store-queries.ts';

const hidden = { hide: true };
const section = 'equipment';
const catalogueParams = z.object({ catalogueItemId: z.uuid() });
const storeParams = z.object({ storeId: z.uuid() });
const done = z.object({ done: z.string().max(40).optional() });

export const categoryItems = (selected: string) => [{ value: '', text: 'Select a category' }, ...equipmentCategories.map((c) => ({ value: c, text: equipmentCategoryLabels[c], selected: c === selected }))];
const describe = (c: CatalogueItem) => ({
  ...c,
  categoryText: equipmentCategoryLabels[c.category],
  prescriberText: equipmentPrescriberLabels[c.prescriber],
  cost: poundsOf(c.unitCostPence),
  makeModel: [c.make, c.model].filter(Boolean).join(' '),
  kindText: c.stockKind === 'stock' ? 'Counted as stock' : 'Tracked one by one',
  examinedText: c.loler ? `LOLER thorough examination every ${c.inspectionIntervalMonths} months` : c.inspectionIntervalMonths ? `Serviced every ${c.inspectionIntervalMonths} months` : 'No examination or service',
});

export async function cataloguePages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // -- The landing page: every equipment page from one place.
  typed.get('/equipment', { schema: hidden }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    // Offered by the rules their routes apply, so nobody is shown a link to a refusal.
    const role = actor.staff.role;
    const inTeam = actor.staff.teamId !== null;
    return reply.page('equipment/pages/equipment-home.njk', {
      title: 'Equipment', section, keepsCatalogue: mayKeepCatalogue(role), keepsStore: mayKeepStore(role),
      seesRecalls: maySeeRecalls(role), seesCollections: inTeam && hasTeamWideAccess(role), seesReports: inTeam && maySeeEquipmentReports(role),
    });
  });

  // -- The catalogue.
  typed.get('/equipment/catalogue', { schema: { ...hidden, querystring: z.object({ category: z.enum(equipmentCategories).optional(), withdrawn: z.enum(['show']).optional(), done: z.string().max(40).optional() }) } }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    const q = request.query;
    const items = await listCatalogue(app.db, { includeWithdrawn: q.withdrawn === 'show', category: q.category ?? null });
    return reply.page('equipment/pages/catalogue-list.njk', {
      title: 'Equipment catalogue', section, backHref: '/equipment', backText: 'Equipment',
      items: items.map(describe), categoryItems: categoryItems(q.category ?? ''), category: q.category ?? '', showWithdrawn: q.withdrawn === 'show',
      keepsCatalogue: mayKeepCatalogue(actor.staff.role),
      flash: q.done === 'added' ? 'The item is added to the catalogue.' : null,
    });
  });

  async function renderCatalogueForm(reply: FastifyReply, o: { item: CatalogueItem | null; values: FormBody; fields?: FieldError[]; status?: number; error?: HomewardError }) {
    const fields = o.fields ?? [];
    const v = o.values;
    return reply.code(o.status ?? 200).page('equipment/pages/catalogue-form.njk', {
      title: o.item ? `Change ${o.item.name}` : 'Add an item to the catalogue', section,
      backHref: o.item ? `/equipment/catalogue/${o.item.id}` : '/equipment/catalogue', backText: o.item ? o.item.name : 'Equipment catalogue',
      action: o.item ? `/equipment/catalogue/${o.item.id}/change` : '/equipment/catalogue/new', item: o.item, values: v,
      categoryItems: categoryItems(formField(v.category)),
      errors: errorList(fields, { stockKind: 'stockKind', prescriber: 'prescriber', active: 'active', version: 'code', form: 'code' }), fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/equipment/catalogue/new', { schema: hidden }, async (request, reply) => {
    await requireCatalogueKeeper(app.db, actorOf(request));
    return renderCatalogueForm(reply, { item: null, values: { formId: uuidv7(), stockKind: 'stock', prescriber: 'assistant' } });
  });

  typed.post('/equipment/catalogue/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    const body = request.body;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => parseCatalogueForm(body),
      write: async (trx, input) => `/equipment/catalogue/${(await addCatalogueItem(trx, { actor, input })).id}?done=added`,
      render: (fields, status) => renderCatalogueForm(reply, { item: null, values: body, fields, status }),
    });
  });

  typed.get('/equipment/catalogue/:catalogueItemId', { schema: { ...hidden, params: catalogueParams, querystring: done } }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    const item = await findCatalogueItem(app.db, request.params.catalogueItemId);
    if (!item) throw notFound('Catalogue item');
    const d = request.query.done;
    return reply.page('equipment/pages/catalogue-item.njk', {
      title: item.name, section, backHref: '/equipment/catalogue', backText: 'Equipment catalogue', item: describe(item), keepsCatalogue: mayKeepCatalogue(actor.staff.role), keepsStore: mayKeepStore(actor.staff.role),
      flash: d === 'added' ? `${item.name} is added to the catalogue.` : d === 'changed' ? `${item.name} is changed.` : null,
    });
  });

  typed.get('/equipment/catalogue/:catalogueItemId/change', { schema: { ...hidden, params: catalogueParams } }, async (request, reply) => {
    await requireCatalogueKeeper(app.db, actorOf(request));
    const item = await findCatalogueItem(app.db, request.params.catalogueItemId);
    if (!item) throw notFound('Catalogue item');
    return renderCatalogueForm(reply, { item, values: catalogueFormValues(item) });
  });

  typed.post('/equipment/catalogue/:catalogueItemId/change', { schema: { ...hidden, params: catalogueParams, body: formBody } }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    const item = await findCatalogueItem(app.db, request.params.catalogueItemId);
    if (!item) throw notFound('Catalogue item');
    const body = request.body;
    return pageWrite(request, reply, {
      check: () => ({ version: formVersion(body.version), input: parseCatalogueForm(body) }),
      write: async (trx, c) => `/equipment/catalogue/${(await changeCatalogueItem(trx, { actor, id: item.id, version: c.version, input: c.input })).id}?done=changed`,
      render: async (fields, status, error) => {
        // Someone else changed it first: show theirs, with the version to save over it.
        const current = error.code === 'version_conflict' ? await findCatalogueItem(app.db, item.id) : null;
        return renderCatalogueForm(reply, { item, values: current ? { ...body, version: String(current.version) } : body, fields, status });
      },
    });
  });

  // -- Stores and stock.
  typed.get('/equipment/stores', { schema: { ...hidden, querystring: done } }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    return reply.page('equipment/pages/store-list.njk', {
      title: 'Equipment stores', section, backHref: '/equipment', backText: 'Equipment', stores: await listStores(app.db), keepsCatalogue: mayKeepCatalogue(actor.staff.role),
    });
  });

  async function renderStoreForm(reply: FastifyReply, actor: Actor, o: { values: FormBody; fields?: FieldError[]; status?: number }) {
    const fields = o.fields ?? [];
    const teams = await app.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
    return reply.code(o.status ?? 200).page('equipment/pages/store-form.njk', {
      title: 'Add a store', section, backHref: '/equipment/stores', backText: 'Equipment stores', values: o.values,
      teamItems: [{ value: '', text: 'No one team (the service’s depot)' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === (formField(o.values.teamId) || (o.values.formId && !o.values.name ? actor.staff.teamId : '')) }))],
      errors: errorList(fields, { form: 'name' }), fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/equipment/stores/new', { schema: hidden }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    return renderStoreForm(reply, actor, { values: { formId: uuidv7() } });
  });

  typed.post('/equipment/stores/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const actor = await requireCatalogueKeeper(app.db, actorOf(request));
    const body = request.body;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => parseStoreForm(body),
      write: async (trx, input) => `/equipment/stores/${(await addStore(trx, { actor, input })).id}?done=added`,
      render: (fields, status) => renderStoreForm(reply, actor, { values: body, fields, status }),
    });
  });

  async function renderStore(reply: FastifyReply, actor: Actor, storeId: string, o: { values?: FormBody; fields?: FieldError[]; status?: number; done?: string | undefined } = {}) {
    const store = await findStore(app.db, storeId);
    if (!store) throw notFound('Store');
    const stock = await listStockOfStore(app.db, store.id);
    const stockItems = (await listCatalogue(app.db)).filter((c) => c.stockKind === 'stock');
    const values = o.values ?? { reason: 'received', formId: uuidv7() };
    const selectedId = formField(values.catalogueItemId);
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('equipment/pages/store.njk', {
      title: store.name, section, backHref: '/equipment/stores', backText: 'Equipment stores', store, stock, keepsStore: mayKeepStore(actor.staff.role), values,
      itemOptions: [{ value: '', text: 'Select an item' }, ...stockItems.map((c) => ({ value: c.id, text: `${c.name} (${c.code})`, selected: c.id === selectedId }))],
      errors: errorList(fields, { reason: 'reason', form: 'catalogueItemId', version: 'catalogueItemId' }), fieldErrors: errorsByField(fields),
      flash: o.done === 'added' ? 'The store is added.' : o.done === 'moved' ? 'The count is changed.' : null,
    });
  }

  typed.get('/equipment/stores/:storeId', { schema: { ...hidden, params: storeParams, querystring: done } }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    return renderStore(reply, actor, request.params.storeId, { done: request.query.done });
  });

  typed.post('/equipment/stores/:storeId/stock', { schema: { ...hidden, params: storeParams, body: formBody } }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    const store = await findStore(app.db, request.params.storeId);
    if (!store) throw notFound('Store');
    const body = request.body;
    // The count's version: the one shown with the form for this item (a count made since is a conflict);
    // an item with no count on the form had none, which is version 1 at nought.
    const withVersion = { ...body, version: formField(body[`version-${formField(body.catalogueItemId)}`]) || '1' };
    return pageWrite(request, reply, {
      // Once only: a double click or a resent form changes the count once.
      formId: formField(body.formId),
      check: () => parseStockMoveForm(withVersion),
      write: async (trx, input) => {
        await recordStockMove(trx, { actor, storeId: store.id, input });
        return `/equipment/stores/${store.id}?done=moved`;
      },
      render: (fields, status) => renderStore(reply, actor, store.id, { values: body, fields, status }),
    });
  });
}
