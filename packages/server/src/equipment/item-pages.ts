// Tracked items' pages: the list (by model, store or status), adding one by its serial number, the
// item with its examinations, its printable label with a barcode, the look-up a scanner types into,
// the due list of examinations and services, and recording one (issue 15 #2, #5, #8). Not patient data:
// an item on loan says so, never to whom.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { formatDisplayDate, inspectionKindLabels, inspectionResultLabels, inspectionState, inspectionStateLabels, ukDateOf } from '@homeward/clinical';
import { actorOf, type Actor } from '../platform/actor.ts';
import { formBody, formField, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { addEquipmentItem } from './add-equipment-item.ts';
import { mayKeepStore, requireEquipmentViewer, requireStoreKeeper } from './catalogue-access.ts';
import { parseInspectionForm, parseItemChangeForm, parseItemForm } from './catalogue-forms.ts';
import { itemChangeStatuses } from './catalogue-schemas.ts';
import { changeEquipmentItem } from './change-equipment-item.ts';
import { listCatalogue } from './catalogue-queries.ts';
import { listInspectionsDue } from './inspection-queries.ts';
import { findItem, findItemByNumber, listInspectionsOfItem, listItems, type ItemLine } from './item-queries.ts';
import { itemConditionLabels, itemStatusLabels } from './item-view.ts';
import { labelBarcodeSvg, labelNumber } from './label-barcode.ts';
import { recordInspection } from './record-inspection.ts';
import { listStores } from './store-queries.ts';

const hidden = { hide: true };
const section = 'equipment';
const itemParams = z.object({ itemId: z.uuid() });
const statuses = ['in-store', 'on-loan', 'in-repair', 'withdrawn', 'missing', 'written-off'] as const;
const dateText = (d: string | null) => (d ? formatDisplayDate(d) : 'Not recorded');

function describeItem(i: ItemLine, today: string) {
  const state = inspectionState({ nextDue: i.nextInspectionDue, today });
  return {
    ...i,
    statusText: itemStatusLabels[i.status],
    conditionText: itemConditionLabels[i.condition],
    lastText: dateText(i.lastInspectedOn),
    nextText: i.nextInspectionDue ? formatDisplayDate(i.nextInspectionDue) : 'None due',
    state,
    stateText: state ? inspectionStateLabels[state] : null,
    makeModel: [i.make, i.model].filter(Boolean).join(' '),
  };
}

export async function itemPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // -- The list.
  typed.get('/equipment/items', {
    schema: { ...hidden, querystring: z.object({ catalogueItemId: z.uuid().optional().or(z.literal('')), storeId: z.uuid().optional().or(z.literal('')), status: z.enum(statuses).optional().or(z.literal('')) }) },
  }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    const q = request.query;
    const today = ukDateOf(actor.now);
    const [items, tracked, stores] = [await listItems(app.db, { catalogueItemId: q.catalogueItemId || null, storeId: q.storeId || null, status: q.status || null }), (await listCatalogue(app.db, { includeWithdrawn: true })).filter((c) => c.stockKind === 'tracked'), await listStores(app.db)];
    return reply.page('equipment/pages/item-list.njk', {
      title: 'Tracked items', section, backHref: '/equipment', backText: 'Equipment', keepsStore: mayKeepStore(actor.staff.role),
      items: items.map((i) => describeItem(i, today)),
      modelItems: [{ value: '', text: 'Any item' }, ...tracked.map((c) => ({ value: c.id, text: c.name, selected: c.id === q.catalogueItemId }))],
      storeItems: [{ value: '', text: 'Any store' }, ...stores.map((s) => ({ value: s.id, text: s.name, selected: s.id === q.storeId }))],
      statusItems: [{ value: '', text: 'Any' }, ...statuses.map((s) => ({ value: s, text: itemStatusLabels[s], selected: s === q.status }))],
      addHref: q.catalogueItemId ? `/equipment/items/new?catalogueItemId=${q.catalogueItemId}` : '/equipment/items/new',
    });
  });

  // -- Adding one.
  async function renderItemForm(reply: FastifyReply, o: { values: FormBody; fields?: FieldError[]; status?: number }) {
    const fields = o.fields ?? [];
    const tracked = (await listCatalogue(app.db)).filter((c) => c.stockKind === 'tracked');
    const stores = await listStores(app.db);
    const v = o.values;
    return reply.code(o.status ?? 200).page('equipment/pages/item-form.njk', {
      title: 'Add a tracked item', section, backHref: '/equipment/items', backText: 'Tracked items', values: v,
      modelItems: [{ value: '', text: 'Select the item' }, ...tracked.map((c) => ({ value: c.id, text: `${c.name}${c.make || c.model ? ` (${[c.make, c.model].filter(Boolean).join(' ')})` : ''}`, selected: c.id === formField(v.catalogueItemId) }))],
      storeItems: [{ value: '', text: 'Select the store' }, ...stores.map((s) => ({ value: s.id, text: s.name, selected: s.id === formField(v.storeId) }))],
      conditionItems: (['new', 'good', 'fair', 'poor'] as const).map((c) => ({ value: c, text: itemConditionLabels[c], checked: c === (formField(v.condition) || 'good') })),
      errors: errorList(fields, { lastInspectedOn: 'lastInspectedOn-day', condition: 'condition', form: 'serialNumber' }), fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/equipment/items/new', { schema: { ...hidden, querystring: z.object({ catalogueItemId: z.uuid().optional() }) } }, async (request, reply) => {
    await requireStoreKeeper(app.db, actorOf(request));
    return renderItemForm(reply, { values: { formId: uuidv7(), catalogueItemId: request.query.catalogueItemId ?? '' } });
  });

  typed.post('/equipment/items/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    const body = request.body;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => parseItemForm(body, actor.now),
      write: async (trx, input) => `/equipment/items/${(await addEquipmentItem(trx, { actor, input })).id}?done=added`,
      render: (fields, status) => renderItemForm(reply, { values: body, fields, status }),
    });
  });

  // -- One item.
  typed.get('/equipment/items/:itemId', { schema: { ...hidden, params: itemParams, querystring: z.object({ done: z.string().max(40).optional() }) } }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    const inspections = await listInspectionsOfItem(app.db, item.id);
    const d = request.query.done;
    return reply.page('equipment/pages/item.njk', {
      title: `${item.name} ${item.serialNumber}`, section, backHref: '/equipment/items', backText: 'Tracked items', keepsStore: mayKeepStore(actor.staff.role),
      item: describeItem(item, ukDateOf(actor.now)),
      examined: item.nextInspectionDue !== null || inspections.length > 0 || item.loler,
      inspections: inspections.map((i) => ({ ...i, kindText: inspectionKindLabels[i.kind], resultText: i.result === 'pass' ? 'Pass' : i.result === 'fail' ? 'Fail' : 'Withdrawn', onText: formatDisplayDate(i.inspectedOn), nextText: dateText(i.nextDue) })),
      flash: d === 'added' ? `${item.name} ${item.serialNumber} is added. Print its label and put it on the item.` : d === 'inspected' ? 'The examination is recorded.' : d === 'changed' ? 'The item is changed.' : null,
    });
  });

  // -- The store's changes to it (not while it is on loan).
  async function renderItemChange(reply: FastifyReply, item: ItemLine, o: { values?: FormBody; fields?: FieldError[]; status?: number } = {}) {
    const fields = o.fields ?? [];
    const v = o.values ?? { assetNumber: item.assetNumber ?? '', batch: item.batch ?? '', storeId: item.storeId, condition: item.condition, status: item.status, version: String(item.version) };
    const stores = await listStores(app.db);
    return reply.code(o.status ?? 200).page('equipment/pages/item-change.njk', {
      title: `Change ${item.name} ${item.serialNumber}`, section, backHref: `/equipment/items/${item.id}`, backText: `${item.name} ${item.serialNumber}`, item, values: v,
      storeItems: stores.map((s) => ({ value: s.id, text: s.name, selected: s.id === formField(v.storeId) })),
      conditionItems: (['new', 'good', 'fair', 'poor', 'condemned'] as const).map((c) => ({ value: c, text: itemConditionLabels[c], checked: c === formField(v.condition) })),
      statusItems: itemChangeStatuses.map((s) => ({ value: s, text: itemStatusLabels[s], checked: s === formField(v.status) })),
      errors: errorList(fields, { condition: 'condition', status: 'status', version: 'status', form: 'status' }), fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/equipment/items/:itemId/change', { schema: { ...hidden, params: itemParams } }, async (request, reply) => {
    await requireStoreKeeper(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    return renderItemChange(reply, item);
  });

  typed.post('/equipment/items/:itemId/change', { schema: { ...hidden, params: itemParams, body: formBody } }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    const body = request.body;
    return pageWrite(request, reply, {
      check: () => parseItemChangeForm(body),
      write: async (trx, input) => {
        await changeEquipmentItem(trx, { actor, itemId: item.id, input });
        return `/equipment/items/${item.id}?done=changed`;
      },
      render: async (fields, status, error) => {
        const now = error.code === 'version_conflict' ? await findItem(app.db, item.id) : null;
        return renderItemChange(reply, now ?? item, { values: now ? { ...body, version: String(now.version) } : body, fields, status });
      },
    });
  });

  // -- Its label.
  typed.get('/equipment/items/:itemId/label', { schema: { ...hidden, params: itemParams } }, async (request, reply) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    const number = labelNumber(item);
    return reply.page('equipment/pages/label-item.njk', {
      title: `Label for ${item.name} ${item.serialNumber}`, section, backHref: `/equipment/items/${item.id}`, backText: `${item.name} ${item.serialNumber}`,
      item: { ...item, nextText: item.nextInspectionDue ? formatDisplayDate(item.nextInspectionDue) : null }, number, barcode: labelBarcodeSvg(number),
    });
  });

  // -- Looking one up by its number: a scanner types it and Enter.
  typed.get('/equipment/look-up', { schema: { ...hidden, querystring: z.object({ number: z.string().max(200).optional() }) } }, async (request, reply) => {
    await requireEquipmentViewer(app.db, actorOf(request));
    const typedNumber = (request.query.number ?? '').trim();
    let fields: FieldError[] = [];
    if (request.query.number !== undefined) {
      if (typedNumber === '') fields = [{ path: 'number', message: 'Scan the label, or type the serial or asset number' }];
      else if (typedNumber.length > 60) fields = [{ path: 'number', message: 'A serial or asset number is 60 characters or fewer' }];
      else {
        const found = await findItemByNumber(app.db, typedNumber);
        if (found) return reply.code(303).header('location', `/equipment/items/${found.id}`).send();
        fields = [{ path: 'number', message: `No item has the serial or asset number ${typedNumber}. Check it and try again, or scan the label` }];
      }
    }
    return reply.code(fields.length ? 400 : 200).page('equipment/pages/look-up.njk', {
      title: 'Look up an item', section, backHref: '/equipment', backText: 'Equipment', number: typedNumber, errors: errorList(fields), fieldErrors: errorsByField(fields),
    });
  });

  // -- The due list.
  typed.get('/equipment/inspections', { schema: { ...hidden, querystring: z.object({ storeId: z.uuid().optional().or(z.literal('')), within: z.enum(['28', '90', '365']).optional() }) } }, async (request, reply) => {
    const actor = await requireEquipmentViewer(app.db, actorOf(request));
    const today = ukDateOf(actor.now);
    const within = Number(request.query.within ?? '90');
    const items = await listInspectionsDue(app.db, { today, withinDays: within, storeId: request.query.storeId || null });
    const stores = await listStores(app.db);
    return reply.page('equipment/pages/inspection-due.njk', {
      title: 'Inspections due', section, backHref: '/equipment', backText: 'Equipment', keepsStore: mayKeepStore(actor.staff.role),
      items: items.map((i) => ({ ...describeItem(i, today), kindText: inspectionKindLabels[i.kind] })),
      overdueCount: items.filter((i) => i.state === 'overdue').length,
      storeItems: [{ value: '', text: 'Every store' }, ...stores.map((s) => ({ value: s.id, text: s.name, selected: s.id === request.query.storeId }))],
      withinItems: [['28', 'The next 4 weeks'], ['90', 'The next 3 months'], ['365', 'The next year']].map(([value, text]) => ({ value, text, selected: Number(value) === within })),
    });
  });

  // -- Recording an examination or service.
  async function renderInspectionForm(reply: FastifyReply, actor: Actor, item: ItemLine, o: { values?: FormBody; fields?: FieldError[]; status?: number } = {}) {
    const fields = o.fields ?? [];
    const v = o.values ?? { formId: uuidv7(), kind: item.loler ? 'loler' : 'service', version: String(item.version) };
    return reply.code(o.status ?? 200).page('equipment/pages/inspection-form.njk', {
      title: `Record an examination of ${item.name} ${item.serialNumber}`, section, backHref: `/equipment/items/${item.id}`, backText: `${item.name} ${item.serialNumber}`,
      item: describeItem(item, ukDateOf(actor.now)), values: v,
      kindItems: (item.loler ? (['loler', 'service'] as const) : (['service'] as const)).map((k) => ({ value: k, text: inspectionKindLabels[k], checked: formField(v.kind) === k })),
      resultItems: (['pass', 'fail', 'withdrawn'] as const).map((r) => ({ value: r, text: inspectionResultLabels[r], checked: formField(v.result) === r })),
      errors: errorList(fields, { inspectedOn: 'inspectedOn-day', kind: 'kind', result: 'result', version: 'inspectedOn-day', form: 'inspectedOn-day' }), fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/equipment/items/:itemId/inspections/new', { schema: { ...hidden, params: itemParams } }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    return renderInspectionForm(reply, actor, item);
  });

  typed.post('/equipment/items/:itemId/inspections/new', { schema: { ...hidden, params: itemParams, body: formBody } }, async (request, reply) => {
    const actor = await requireStoreKeeper(app.db, actorOf(request));
    const item = await findItem(app.db, request.params.itemId);
    if (!item) throw notFound('Equipment item');
    const body = request.body;
    // Once only: a double click, or Save again on the form that came back, records one examination.
    // The form id claims the write and is the examination's own id.
    const formId = formField(body.formId);
    return pageWrite(request, reply, {
      formId,
      check: () => parseInspectionForm(body, actor.now),
      write: async (trx, input) => {
        await recordInspection(trx, { actor, id: z.uuid().safeParse(formId).success ? formId : uuidv7(), itemId: item.id, input });
        return `/equipment/items/${item.id}?done=inspected`;
      },
      render: async (fields, status, error) => {
        // Someone recorded one first: the form comes back with the item as it is now.
        const now = error.code === 'version_conflict' ? await findItem(app.db, item.id) : null;
        return renderInspectionForm(reply, actor, now ?? item, { values: now ? { ...body, version: String(now.version) } : body, fields, status });
      },
    });
  });
}
