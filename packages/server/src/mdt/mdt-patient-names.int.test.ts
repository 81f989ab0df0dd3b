// Who an MDT page names (review of issue 16): an agenda item or action about a patient names them only
// to a reader the access seam gives that patient (each audited with the patient); otherwise the row is
// there, unnamed. A patient discharged long ago is refused to the lead on the episode and so is not
// named on the old meeting's pages either; an action's owner who moves team sees that team's action
// without the patient and no longer has it to close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('MDT pages name only the patients the reader may see', () => {
  let t: TestApp;
  let lead: TestClient;
  let patientId: string;
  let episodeId: string;
  let meetingId: string;
  let itemId: string;
  let actionId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919', familyName: 'Zebedee' }))).json().id as string;
    episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    await t.db.updateTable('episodes').set({ mdt_flagged_at: new Date(), mdt_flag_reason: 'Falls at home' }).where('id', '=', episodeId).execute();
    meetingId = (await lead.post('/api/mdt/meetings', { on: '2026-12-20', at: '13:00' })).json().id as string;
    expect((await lead.post(`/api/mdt/meetings/${meetingId}/agenda`, {})).statusCode).toBe(200);
    itemId = (await lead.get(`/api/mdt/meetings/${meetingId}`)).json().agenda[0].id as string;
    const act = await lead.post(`/api/mdt/meetings/${meetingId}/actions`, { agendaItemId: itemId, action: 'Ring Mrs Zebedee’s daughter', ownerId: t.service.a['assistant-practitioner'].id, dueOn: '2026-12-10' });
    expect(act.statusCode).toBe(201);
    actionId = act.json().id as string;
  });
  afterAll(() => t.close());

  it('names the patient, audited with the patient, while the lead may see them', async () => {
    const page = await lead.get(`/mdt/meetings/${meetingId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Zebedee');
    const audited = await t.db.selectFrom('audit_events').select(['record_kind', 'outcome']).where('patient_id', '=', patientId).where('record_kind', 'in', ['mdt-agenda-item', 'mdt-action']).where('action', '=', 'read').execute();
    expect(audited.some((a) => a.record_kind === 'mdt-agenda-item' && a.outcome === 'allowed')).toBe(true);
    expect(audited.some((a) => a.record_kind === 'mdt-action' && a.outcome === 'allowed')).toBe(true);
  });

  it('an owner moved to another team sees the action without the patient, and it is not theirs to close there', async () => {
    const owner = t.service.a['assistant-practitioner'];
    await t.db.updateTable('staff').set({ team_id: t.service.teamB }).where('id', '=', owner.id).execute();
    try {
      const ap = await t.signIn(owner);
      const home = await ap.get('/');
      expect(home.statusCode).toBe(200);
      expect(home.body).not.toContain('Zebedee');
      expect(home.body).toContain('An MDT action about a patient');
      const mine = await ap.get('/mdt/actions');
      expect(mine.statusCode).toBe(200);
      expect(mine.body).not.toContain('Zebedee');
      expect(mine.body).not.toContain(`/mdt/actions/${actionId}/close`);
      expect(mine.body).toContain('From another team’s meeting');
      const api = await ap.get('/api/mdt/actions');
      expect(api.statusCode).toBe(200);
      expect(api.body).not.toContain('Zebedee');
      expect(api.json().actions).toEqual([expect.objectContaining({ id: actionId, patient: null, hidden: true, episodeId: null })]);
    } finally {
      await t.db.updateTable('staff').set({ team_id: t.service.teamA }).where('id', '=', owner.id).execute();
    }
  });

  it('a patient discharged long ago, refused to the lead, is on the old meeting unnamed', async () => {
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2025-01-01' }).where('id', '=', episodeId).execute();
    expect((await lead.get(`/api/episodes/${episodeId}`)).statusCode).toBe(403);
    const before = Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('patient_id', '=', patientId).where('outcome', '=', 'allowed').executeTakeFirstOrThrow()).n);
    for (const path of [`/mdt/meetings/${meetingId}`, '/mdt']) {
      const page = await lead.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Zebedee');
      expect(page.body).not.toContain('Ring Mrs');
    }
    expect((await lead.get(`/mdt/meetings/${meetingId}`)).body).toContain('A patient you cannot see');
    const api = await lead.get(`/api/mdt/meetings/${meetingId}`);
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toContain('Zebedee');
    expect(api.json().agenda[0]).toMatchObject({ id: itemId, patient: null, hidden: true, decision: null });
    expect(api.json().actions[0]).toMatchObject({ id: actionId, patient: null, hidden: true });
    const after = Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('patient_id', '=', patientId).where('outcome', '=', 'allowed').executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });
});
