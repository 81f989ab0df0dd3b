// Another team's loan is theirs. A team-B therapist who also knows the patient (team B has its own
// episode) is refused team A's loan directly, and so must be refused writing it through a collection or
// a recall action, and must not see it through the recall search or a recall's action list: there they
// get the patient's contact details and which team has the item, nothing of the loan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('another team’s equipment loan', () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => clients.get(who.id) ?? (clients.set(who.id, await t.signIn(who)), clients.get(who.id)!);
  let hoist: string;
  let loanId: string;
  let version: number;

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await as(t.service.a['registered-therapist']);
    hoist = await seedCatalogueItem(t, { code: 'HOIST-OT', name: 'Mobile hoist', make: 'Arjo', model: 'Maxi Move', loler: true });
    const store = await seedStore(t);
    const a = await seedPatientWithEpisode(t, therapist, { givenName: 'Betty', familyName: 'Bloor' });
    // Team B knows Betty too: its own episode.
    await seedEpisode(t, { patientId: a.patientId, service: 'd2a-pathway-1', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
    ({ loanId } = await seedLoan(t, { ...a, catalogueItemId: hoist, storeId: store, serial: 'OT-001', batch: 'B7' }));
    await t.db.updateTable('equipment_loans').set({ status: 'to-collect', discharge_decision: 'collect', version: 2 }).where('id', '=', loanId).execute();
    version = 2;
  });
  afterAll(async () => t?.close());

  it('refuses team B a collection of team A’s loan, on the API and the page, and a student of team A by role', async () => {
    const theirs = await as(t.service.otherTeamTherapist);
    expect((await theirs.get(`/api/equipment-loans/${loanId}`)).statusCode).toBe(403);
    const api = await theirs.post(`/api/equipment-loans/${loanId}/collection`, { version, outcome: 'missing', note: 'Not in the house' });
    expect(api.statusCode, api.body).toBe(403);
    const page = await theirs.form(`/equipment/collections/${loanId}`, { version: String(version), outcome: 'missing', note: 'Not in the house' });
    expect(page.statusCode).toBe(403);
    const student = await as(t.service.a.student);
    expect((await student.post(`/api/equipment-loans/${loanId}/collection`, { version, outcome: 'missing', note: 'Not in the house' })).statusCode).toBe(403);
    expect((await t.db.selectFrom('equipment_loans').select('status').where('id', '=', loanId).executeTakeFirstOrThrow()).status).toBe('to-collect');
  });

  it('shows team B only the contact details and the team in the recall search and the recall, and refuses them the action', async () => {
    const theirs = await as(t.service.otherTeamTherapist);
    const search = (await theirs.get(`/api/equipment/recall-search?catalogueItemId=${hoist}`)).json();
    expect(search.shown).toEqual([]);
    expect(search.contactOnly).toEqual([{ patient: expect.objectContaining({ name: 'Betty Bloor' }), teamName: 'North Staffs Therapies' }]);
    expect(JSON.stringify(search)).not.toContain('OT-001');
    expect(JSON.stringify(search)).not.toContain(loanId);
    const page = await theirs.get(`/equipment/recalls?catalogueItemId=${hoist}`);
    expect(page.body).toContain('on loan with North Staffs Therapies');
    expect(page.body).not.toContain('OT-001');
    // Team A still sees its own loan in full.
    const ours = (await (await as(t.service.a['assistant-practitioner'])).get(`/api/equipment/recall-search?catalogueItemId=${hoist}`)).json();
    expect(ours.shown.map((m: { serialNumber: string }) => m.serialNumber)).toEqual(['OT-001']);

    const lead = await as(t.service.a['clinical-lead']);
    const recall = (await lead.post('/api/equipment/recalls', { catalogueItemId: hoist, reason: 'Spreader bar weld' })).json();
    const detail = (await theirs.get(`/api/equipment/recalls/${recall.id}`)).json();
    expect(detail.actions).toEqual([]);
    expect(detail.contactOnly).toEqual([{ patient: expect.objectContaining({ name: 'Betty Bloor' }), teamName: 'North Staffs Therapies' }]);
    const action = await t.db.selectFrom('equipment_recall_actions').select(['id', 'version']).where('recall_id', '=', recall.id).executeTakeFirstOrThrow();
    expect((await theirs.post(`/api/equipment/recall-actions/${action.id}`, { version: action.version, status: 'contacted' })).statusCode).toBe(403);
    expect((await theirs.form(`/equipment/recalls/${recall.id}/actions/${action.id}`, { version: String(action.version), status: 'contacted' })).statusCode).toBe(403);
    expect((await t.db.selectFrom('equipment_recall_actions').select('status').where('id', '=', action.id).executeTakeFirstOrThrow()).status).toBe('to-contact');
  });
});
