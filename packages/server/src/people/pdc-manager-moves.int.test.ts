// The manager on a PDC (review of issue 16): a manager's rights last only while they are the lead or
// service manager of the person's team. One who moves team, or out of the lead role, neither reads nor
// changes the PDC any more (unless another basis, such as supervising the person, lets them read it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('a PDC manager who moves on', () => {
  let t: TestApp;
  let lead: TestClient;
  let pdcId: string;
  const leadId = () => t.service.a['clinical-lead'].id;
  const item = { kind: 'objective', text: 'Run the falls group', measure: '', reviewOn: '2027-02-20' };
  const items = () => t.db.selectFrom('pdc_items').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    const started = await lead.post('/api/pdc', { staffId: t.service.a['registered-therapist'].id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' });
    expect(started.statusCode, started.body).toBe(201);
    pdcId = started.json().pdc?.id ?? started.json().id;
  });
  afterAll(() => t.close());

  it('reads and changes it while the lead of the team', async () => {
    expect((await lead.get(`/api/pdc/${pdcId}`)).statusCode).toBe(200);
    // 'Changes': the same item the later tests are refused is accepted from the lead, so their 403s are
    // about the move, not a body the route would refuse anyway.
    const added = await lead.post(`/api/pdc/${pdcId}/items`, item);
    expect(added.statusCode, added.body).toBe(201);
    expect(await items()).toHaveLength(1);
  });

  it('loses it on moving to another team', async () => {
    await t.db.updateTable('staff').set({ team_id: t.service.teamB }).where('id', '=', leadId()).execute();
    try {
      const moved = await t.signIn(t.service.a['clinical-lead']);
      const before = await items();
      expect((await moved.get(`/api/pdc/${pdcId}`)).statusCode).toBe(403);
      expect((await moved.post(`/api/pdc/${pdcId}/items`, item)).statusCode).toBe(403);
      expect(await items()).toEqual(before);
    } finally {
      await t.db.updateTable('staff').set({ team_id: t.service.teamA }).where('id', '=', leadId()).execute();
    }
  });

  it('loses it on leaving the lead role', async () => {
    await t.db.updateTable('staff').set({ homeward_role: 'registered-therapist' }).where('id', '=', leadId()).execute();
    try {
      const therapistNow = await t.signIn(t.service.a['clinical-lead']);
      const before = await items();
      expect((await therapistNow.get(`/api/pdc/${pdcId}`)).statusCode).toBe(403);
      expect((await therapistNow.post(`/api/pdc/${pdcId}/items`, item)).statusCode).toBe(403);
      expect(await items()).toEqual(before);
    } finally {
      await t.db.updateTable('staff').set({ homeward_role: 'clinical-lead' }).where('id', '=', leadId()).execute();
    }
  });
});
