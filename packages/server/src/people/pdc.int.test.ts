// The annual PDC on a real database (issue 16 #4): the clinical lead starts it with a therapist, both add
// objectives and the development plan with review dates, both see it and confirm it (agreed once both
// have; any change asks both again); the supervisor sees it (audited); a colleague and another team's
// therapist do not; the review shows on the home page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('the PDC (appraisal)', () => {
  let t: TestApp;
  let lead: TestClient;
  let therapist: TestClient;
  let pdcId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
  });
  afterAll(() => t.close());

  it('is started by the lead on a page, with the dates checked', async () => {
    const staffId = t.service.a['registered-therapist'].id;
    const bad = await lead.form('/pdc/new', { formId: '0193a0c0-0000-7000-8000-0000000000a1', staffId, 'heldOn-day': '20', 'heldOn-month': '11', 'heldOn-year': '2026', 'nextReviewOn-day': '20', 'nextReviewOn-month': '12', 'nextReviewOn-year': '2027', summary: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The next review must be within 12 months of the conversation');
    const ok = await lead.form('/pdc/new', { formId: '0193a0c0-0000-7000-8000-0000000000a2', staffId, 'heldOn-day': '20', 'heldOn-month': '11', 'heldOn-year': '2026', 'nextReviewOn-day': '20', 'nextReviewOn-month': '5', 'nextReviewOn-year': '2027', summary: 'A good year; wants to lead falls work' });
    expect(ok.statusCode, ok.body.slice(0, 400)).toBe(303);
    pdcId = (ok.headers.location as string).split('/')[2]!.split('?')[0]!;
    expect((await lead.get(ok.headers.location as string)).body).toContain('The PDC is started');

    expect((await therapist.post('/api/pdc', { staffId: t.service.a['support-worker'].id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' })).statusCode).toBe(403);
    const self = await lead.post('/api/pdc', { staffId: t.service.a['clinical-lead'].id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' });
    expect(self.statusCode).toBe(403);
    const otherTeam = await lead.post('/api/pdc', { staffId: t.service.otherTeamTherapist.id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' });
    expect(otherTeam.statusCode).toBe(403);
  });

  it('takes objectives from both, and is agreed once both confirm what they saw', async () => {
    const byLead = await lead.post(`/api/pdc/${pdcId}/items`, { kind: 'objective', text: 'Run the falls group fortnightly', measure: '10 sessions by May', reviewOn: '2027-02-20' }, { 'idempotency-key': 'pdc-item-1' });
    expect(byLead.statusCode, byLead.body).toBe(201);
    const form = await therapist.form(`/pdc/${pdcId}/items`, { formId: '0193a0c0-0000-7000-8000-0000000000a3', kind: 'development', text: 'Vestibular rehabilitation course', measure: '', 'reviewOn-day': '1', 'reviewOn-month': '1', 'reviewOn-year': '2025' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('The review date must be on or after the date of the conversation');
    const saved = await therapist.form(`/pdc/${pdcId}/items`, { formId: '0193a0c0-0000-7000-8000-0000000000a4', kind: 'development', text: 'Vestibular rehabilitation course', measure: '', 'reviewOn-day': '', 'reviewOn-month': '', 'reviewOn-year': '' });
    expect(saved.statusCode).toBe(303);

    let pdc = (await therapist.get(`/api/pdc/${pdcId}`)).json().pdc;
    expect(pdc.items.map((i: { kind: string }) => i.kind)).toEqual(['objective', 'development']);
    const mine = await therapist.post(`/api/pdc/${pdcId}/confirm`, { version: pdc.version });
    expect(mine.json().pdc).toMatchObject({ status: 'draft', staffConfirmedAt: expect.any(String), managerConfirmedAt: null });
    const stale = await lead.post(`/api/pdc/${pdcId}/confirm`, { version: pdc.version });
    expect(stale.statusCode).toBe(409);
    pdc = mine.json().pdc;
    const theirs = await lead.post(`/api/pdc/${pdcId}/confirm`, { version: pdc.version });
    expect(theirs.json().pdc.status).toBe('agreed');

    // A review changes the plan: both confirm again.
    const item = theirs.json().pdc.items[0];
    const reviewed = await lead.put(`/api/pdc/${pdcId}/items/${item.id}`, { version: item.version, text: item.text, measure: item.measure, reviewOn: item.reviewOn, status: 'partly-met', progress: '6 sessions so far' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().pdc).toMatchObject({ status: 'draft', staffConfirmedAt: null, managerConfirmedAt: null });
    expect((await therapist.get(`/pdc/${pdcId}`)).body).toContain('Confirm the PDC as it stands');
  });

  it('a stale review of an item keeps what was typed, against the item’s version now, and the next Save works', async () => {
    const item = (await lead.get(`/api/pdc/${pdcId}`)).json().pdc.items[0];
    const url = `/pdc/${pdcId}/items/${item.id}`;
    const shown = await lead.get(url);
    const version = /name="version" value="(\d+)"/.exec(shown.body)![1]!;
    // Reviewed in another tab meanwhile.
    const elsewhere = await therapist.put(`/api/pdc/${pdcId}/items/${item.id}`, { version: Number(version), text: item.text, measure: item.measure, reviewOn: item.reviewOn, status: 'partly-met', progress: '7 sessions so far' });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    const typed = { text: item.text, measure: item.measure, status: 'partly-met', progress: 'Eight sessions, typed in a stale tab', 'reviewOn-day': '20', 'reviewOn-month': '2', 'reviewOn-year': '2027' };
    const stale = await lead.form(url, { ...typed, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/Someone (else )?changed this/);
    expect(stale.body).toContain('Eight sessions, typed in a stale tab');
    const now = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
    expect(now).toBe(String(Number(version) + 1));
    const again = await lead.form(url, { ...typed, version: now });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(303);
    expect((await lead.get(`/api/pdc/${pdcId}`)).json().pdc.items[0]).toMatchObject({ progress: 'Eight sessions, typed in a stale tab' });
  });

  it('is seen by the two, the supervisor (audited), and nobody else', async () => {
    const supervisor = t.service.a['service-manager'];
    const now = t.clock.now();
    await t.db.insertInto('supervision_arrangements').values({ id: '0193a0c0-0000-7000-8000-0000000000b1', supervisee_id: t.service.a['registered-therapist'].id, supervisor_id: supervisor.id, starts_on: '2026-01-01', created_at: now, created_by: supervisor.id, updated_at: now, updated_by: supervisor.id }).execute();
    const sm = await t.signIn(supervisor);
    expect((await sm.get(`/pdc/${pdcId}`)).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_events').select('outcome').where('staff_id', '=', supervisor.id).where('record_kind', '=', 'pdc').where('record_id', '=', pdcId).execute();
    expect(audit.map((a) => a.outcome)).toContain('allowed');
    // Seeing is not changing: only the two write.
    expect((await sm.post(`/api/pdc/${pdcId}/confirm`, { version: 1 })).statusCode).toBe(403);
    const colleague = await t.signIn(t.service.a['assistant-practitioner']);
    expect((await colleague.get(`/pdc/${pdcId}`)).statusCode).toBe(403);
    const other = await t.signIn(t.service.otherTeamTherapist);
    expect((await other.get(`/api/pdc/${pdcId}`)).statusCode).toBe(403);
  });

  it('puts the confirmation and the review on the home page, and lists the team for the lead', async () => {
    expect((await therapist.get('/')).body).toContain('Confirm your PDC');
    const colleague = await t.signIn(t.service.a['assistant-practitioner']);
    expect((await colleague.get('/')).body).toContain('No PDC (appraisal) recorded for you yet');
    // Five months on (signed in afresh: the earlier session has long gone idle), the review is near.
    t.clock.set(new Date('2027-05-01T09:00:00Z'));
    const later = await t.signIn(t.service.a['registered-therapist']);
    expect((await later.get('/')).body).toContain('Your PDC review');
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const list = await (await t.signIn(t.service.a['clinical-lead'])).get('/pdc');
    expect(list.body).toContain('Start a PDC');
    expect(list.body).toContain('Held 20 November 2026');
  });
});
