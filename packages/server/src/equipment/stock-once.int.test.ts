// A stock move is written once. The version is always sent (an item not yet counted at a store is
// version 1 at nought), so the same "received +10" sent twice is 10, not 20: the second finds the count
// moved on (409). Idempotency-Key answers a retry as the first; the page's form is once-only by its formId.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedCatalogueItem, seedStore } from '../../test/seed-equipment-loans.ts';

describe('stock moves once only', () => {
  let t: TestApp;
  let assistant: TestClient;
  let bathBoard: string;
  afterAll(async () => t?.close());
  const level = async (storeId: string) => (await t.db.selectFrom('equipment_stock_levels').select(['quantity', 'version']).where('store_id', '=', storeId).where('catalogue_item_id', '=', bathBoard).executeTakeFirst()) ?? null;

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    bathBoard = await seedCatalogueItem(t, { code: 'BATH-BB', name: 'Bath board', stockKind: 'stock', category: 'bathing' });
  });

  it('refuses a move without the version, naming it, and changes nothing', async () => {
    const store = await seedStore(t, 'West base');
    const res = await assistant.post(`/api/equipment/stores/${store}/stock-moves`, { catalogueItemId: bathBoard, reason: 'received', change: 10 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.version');
    expect(await level(store)).toBeNull();
  });

  it('writes the same first stock sent twice once: the second is a 409 with the count', async () => {
    const store = await seedStore(t, 'South base');
    const body = { catalogueItemId: bathBoard, reason: 'received', change: 10, version: 1 };
    expect((await assistant.post(`/api/equipment/stores/${store}/stock-moves`, body)).statusCode).toBe(200);
    const again = await assistant.post(`/api/equipment/stores/${store}/stock-moves`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.current).toMatchObject({ quantity: 10, version: 2 });
    expect(await level(store)).toEqual({ quantity: 10, version: 2 });
    // A retry with the same Idempotency-Key is answered as the first was.
    const keyed = { catalogueItemId: bathBoard, reason: 'received', change: 5, version: 2 };
    const first = await assistant.post(`/api/equipment/stores/${store}/stock-moves`, keyed, { 'idempotency-key': 'stock-south-5' });
    const retry = await assistant.post(`/api/equipment/stores/${store}/stock-moves`, keyed, { 'idempotency-key': 'stock-south-5' });
    expect([first.statusCode, retry.statusCode]).toEqual([200, 200]);
    expect(retry.json()).toEqual(first.json());
    expect(await level(store)).toEqual({ quantity: 15, version: 3 });
  });

  it('writes the stock form sent twice once, by its form id', async () => {
    const store = await seedStore(t, 'Central base');
    const page = await assistant.get(`/equipment/stores/${store}`);
    const formId = /name="formId" value="([^"]+)"/.exec(page.body)?.[1];
    expect(formId).toBeTruthy();
    const form = { formId: formId!, catalogueItemId: bathBoard, reason: 'received', change: '10', note: '' };
    expect((await assistant.form(`/equipment/stores/${store}/stock`, form)).statusCode).toBe(303);
    expect((await assistant.form(`/equipment/stores/${store}/stock`, form)).statusCode).toBe(303);
    expect(await level(store)).toEqual({ quantity: 10, version: 2 });
  });
});
