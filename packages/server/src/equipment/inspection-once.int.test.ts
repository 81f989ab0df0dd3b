// An examination recorded on the page is written once. The form carries a form id minted when it was
// shown (claimed with the write, and the examination's own id), so a double click, or Save again on
// the form that came back, records one examination, not a second row in the append-only history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedCatalogueItem, seedStore } from '../../test/seed-equipment-loans.ts';

describe('recording an examination once only', () => {
  let t: TestApp;
  let assistant: TestClient;
  let itemId: string;
  afterAll(async () => t?.close());
  const formIdOf = (html: string) => /name="formId" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const inspections = () => t.db.selectFrom('equipment_inspections').select(['id', 'result', 'note']).where('item_id', '=', itemId).orderBy('id').execute();

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    const hoist = await seedCatalogueItem(t, { code: 'HOIST-X1', name: 'Mobile hoist', loler: true });
    const store = await seedStore(t, 'North base');
    itemId = uuidv7();
    const by = t.service.a['clinical-lead'].id;
    const at = t.clock.now();
    await t.db.insertInto('equipment_items').values({ id: itemId, catalogue_item_id: hoist, serial_number: 'MX-7001', store_id: store, status: 'in-store', created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
  });

  it('records the form sent twice once, by its form id, which is the examination’s id', async () => {
    const url = `/equipment/items/${itemId}/inspections/new`;
    const shown = await assistant.get(url);
    expect(shown.statusCode).toBe(200);
    const formId = formIdOf(shown.body);
    expect(formId).toMatch(/^[0-9a-f-]{36}$/);
    const version = /name="version" value="([^"]+)"/.exec(shown.body)?.[1];
    const { day, month, year } = { day: String(t.clock.now().getUTCDate()), month: String(t.clock.now().getUTCMonth() + 1), year: String(t.clock.now().getUTCFullYear()) };
    const form = { formId, version: version!, kind: 'loler', result: 'pass', note: 'Certificate LOLER-2231', 'inspectedOn-day': day, 'inspectedOn-month': month, 'inspectedOn-year': year };
    const first = await assistant.form(url, form);
    expect(first.statusCode, first.body).toBe(303);
    // The double click: the same form again goes where the first went, and records nothing more.
    const second = await assistant.form(url, form);
    expect(second.statusCode, second.body).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await inspections()).toEqual([{ id: formId, result: 'pass', note: 'Certificate LOLER-2231' }]);
    expect((await t.db.selectFrom('equipment_items').select('version').where('id', '=', itemId).executeTakeFirstOrThrow()).version).toBe(Number(version) + 1);

    // A new form (a new form id) records the next examination.
    const next = await assistant.get(url);
    const nextFormId = formIdOf(next.body);
    expect(nextFormId).not.toBe(formId);
    const nextVersion = /name="version" value="([^"]+)"/.exec(next.body)?.[1];
    const another = await assistant.form(url, { ...form, formId: nextFormId, version: nextVersion!, result: 'fail', note: 'Boom cracked' });
    expect(another.statusCode, another.body).toBe(303);
    expect((await inspections()).map((i) => i.id).sort()).toEqual([formId, nextFormId].sort());
  });
});
