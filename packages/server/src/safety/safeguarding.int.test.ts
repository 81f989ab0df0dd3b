// A safeguarding concern from a home visit to the lead's decision (issue 17 #2): the service manager
// names a safeguarding lead (from another team: the lead sees the whole service); the patient's
// therapist raises a concern from the episode (bad input: the error summary, nothing written; sent twice,
// one concern); the banner says a concern is open to everyone with a relationship, but the team's
// clinical lead and assistant practitioner are refused the concern itself (404, audited) and never see it
// in the patient search, the timeline, the caseload, the home page or the concerns list; the lead sees
// it on her home page and list by its 24-hour clock (overdue in red with the word), cannot close it
// before deciding (nor can the database), decides (a referral needs its date and reference), names the
// clinical lead, who may then read it and add a note but not close it; a stale decision is a 409;
// closed, the banner flag goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('a safeguarding concern, from the episode to the lead’s decision', () => {
  let t: TestApp;
  let manager: TestClient;
  let therapist: TestClient;
  let clinicalLead: TestClient;
  let ap: TestClient;
  let sgLead: TestClient;
  let patientId: string;
  let episodeId: string;
  let concernId: string;
  let reference: string;

  const concernText = 'Her son takes her pension card and she has no food in the house';
  const concerns = async () => t.db.selectFrom('safeguarding_concerns').selectAll().execute();
  const audits = (where: { staffId: string; outcome: 'allowed' | 'refused' }) =>
    t.db.selectFrom('audit_events').select(['action', 'outcome', 'patient_id', 'record_kind', 'record_id', 'detail']).where('staff_id', '=', where.staffId).where('outcome', '=', where.outcome).where('record_kind', '=', 'safeguarding-concern').orderBy('seq').execute();
  const good = {
    kind: 'adult', adultCategories: ['financial-or-material', 'neglect-and-acts-of-omission'], personAtRisk: 'patient', concern: concernText,
    immediateDanger: 'no', immediateActions: 'Spoke to her alone; food bank voucher given', consentToShare: 'given',
  };

  beforeAll(async () => {
    t = await bootTestApp();
    manager = await t.signIn(t.service.a['service-manager']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    clinicalLead = await t.signIn(t.service.a['clinical-lead']);
    ap = await t.signIn(t.service.a['assistant-practitioner']);
    sgLead = await t.signIn(t.service.otherTeamTherapist);
    patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919', familyName: 'Bloor' }))).json().id;
    episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
  });
  afterAll(() => t.close());

  /** Moves the clock on; sessions idle out after 30 minutes, so everyone signs in again. */
  async function later(minutes: number) {
    t.clock.advanceMinutes(minutes);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    clinicalLead = await t.signIn(t.service.a['clinical-lead']);
    sgLead = await t.signIn(t.service.otherTeamTherapist);
  }

  it('the service manager names a safeguarding lead; a clinical lead may not', async () => {
    const page = await manager.get('/safety/designations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No safeguarding lead is named');
    const formId = /name="formId" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await manager.form('/safety/designations', { formId, staffId: t.service.otherTeamTherapist.id, 'startsOn-day': '24', 'startsOn-month': '11', 'startsOn-year': '2026' });
    expect(res.statusCode).toBe(303);
    expect((await manager.get('/safety/designations')).body).toContain('Bea registered therapist');
    expect((await clinicalLead.get('/safety/designations')).statusCode).toBe(403);
    expect((await clinicalLead.post('/api/safety/designations', { staffId: t.service.a['clinical-lead'].id, startsOn: '2026-11-24' })).statusCode).toBe(403);
    const refused = await t.db.selectFrom('audit_events').select('detail').where('staff_id', '=', t.service.a['clinical-lead'].id).where('record_kind', '=', 'safety-designation').where('outcome', '=', 'refused').execute();
    expect(refused).toHaveLength(2);
  });

  it('the address typed without an episode says how to raise a concern, not what an episodeId is; a mangled one is a 400', async () => {
    const start = await therapist.get('/safety/safeguarding/new');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Call 999 first.');
    expect(start.body).toContain('Open their episode and choose <strong>Raise a safeguarding concern</strong>');
    expect(start.body).toContain('<a href="/caseload">your caseload</a>');
    expect(start.body).toContain('<a href="/patients/search">patient search</a>');
    expect(start.body).not.toContain('episodeId must be a UUID');
    expect((await therapist.get('/safety/safeguarding/new?episodeId=')).statusCode).toBe(200);
    const mangled = await therapist.get('/safety/safeguarding/new?episodeId=not-an-id');
    expect(mangled.statusCode).toBe(400);
    expect(mangled.body).toContain('episodeId must be a UUID');
  });

  it('the therapist raises a concern from the episode: missing answers get the error summary and write nothing; sent twice, one concern', async () => {
    const episode = await therapist.get(`/episodes/${episodeId}`);
    expect(episode.body).toContain(`/safety/safeguarding/new?episodeId=${episodeId}`);
    const form = await therapist.get(`/safety/safeguarding/new?episodeId=${episodeId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('hw-patient-banner');
    expect(form.body).toContain('943 476 5919');
    const formId = /name="formId" value="([^"]+)"/.exec(form.body)![1]!;
    const url = `/safety/safeguarding/new?episodeId=${episodeId}`;
    const empty = await therapist.form(url, { formId });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('nhsuk-error-summary');
    for (const message of ['Select whether the concern is about an adult or a child', 'Select at least one category of abuse or neglect', 'Select who is at risk', 'Enter what you saw or were told', 'Select whether anyone is in immediate danger', 'Select whether the person agreed to the concern being shared']) expect(empty.body).toContain(message);
    // A child's category on an adult concern, and no reason to share without consent.
    const wrong = await therapist.form(url, { ...good, formId, adultCategories: [], childCategories: ['emotional'], consentToShare: 'refused' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Select at least one category of abuse or neglect');
    expect(wrong.body).toContain('Enter why the concern is shared without their consent');
    expect(wrong.body).toContain(concernText);
    expect(await concerns()).toHaveLength(0);
    const res = await therapist.form(url, { ...good, formId });
    expect(res.statusCode).toBe(303);
    concernId = /\/safety\/safeguarding\/([0-9a-f-]{36})\/raised/.exec(String(res.headers.location))![1]!;
    expect(concernId).toBe(formId);
    const again = await therapist.form(url, { ...good, formId });
    expect(again.headers.location).toBe(res.headers.location);
    const rows = await concerns();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ patient_id: patientId, episode_id: episodeId, team_id: t.service.teamA, raised_by: t.service.a['registered-therapist'].id, status: 'open' });
    expect(new Date(rows[0]!.decision_due_at).getTime() - new Date(rows[0]!.raised_at).getTime()).toBe(24 * 3_600_000);
    reference = rows[0]!.reference;
    expect(reference).toMatch(/^SG-\d{6}$/);
    const confirmation = await therapist.get(String(res.headers.location));
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain(reference);
    expect(confirmation.body).toContain('What happens next');
    expect(confirmation.body).toContain('hw-patient-banner');
    const [raised] = await t.db.selectFrom('audit_events').select(['patient_id', 'record_id', 'detail']).where('record_kind', '=', 'safeguarding-concern').where('action', '=', 'write').execute();
    expect(raised).toMatchObject({ patient_id: patientId, record_id: concernId });
    // The concern's words are in the concern only, never in the audit.
    expect(JSON.stringify(raised!.detail)).not.toContain('pension');
  });

  it('colleagues with a relationship see the banner flag only: the concern is a 404, audited, and in none of their lists', async () => {
    for (const colleague of [clinicalLead, ap]) {
      const hub = await colleague.get(`/patients/${patientId}`);
      expect(hub.statusCode).toBe(200);
      expect(hub.body).toContain('Safeguarding concern open');
      expect(hub.body).not.toContain(reference);
      const page = await colleague.get(`/safety/safeguarding/${concernId}`);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain(concernText);
      expect((await colleague.get(`/api/safeguarding-concerns/${concernId}`)).statusCode).toBe(404);
      expect((await colleague.post(`/api/safeguarding-concerns/${concernId}/notes`, { note: 'Let me in' })).statusCode).toBe(404);
      expect((await colleague.form(`/safety/safeguarding/${concernId}/close`, { version: '1' })).statusCode).toBe(404);
      const refused = await audits({ staffId: colleague.staff.id, outcome: 'refused' });
      expect(refused).toHaveLength(4);
      expect(refused.every((r) => r.patient_id === patientId && r.record_id === concernId)).toBe(true);
      expect(await audits({ staffId: colleague.staff.id, outcome: 'allowed' })).toEqual([]);
      const places = [
        '/safety/safeguarding', '/safety/safeguarding?show=all', '/api/safeguarding-concerns?show=all', '/safety', '/',
        '/patients/search?by=nhs&nhsNumber=9434765919', `/episodes/${episodeId}`, `/episodes/${episodeId}/timeline`, `/episodes/${episodeId}/record`, '/caseload', '/caseload/team',
      ];
      for (const url of places) {
        const res = await colleague.get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain(reference);
        expect(res.body, url).not.toContain(concernText);
        expect(res.body, url).not.toContain(`/safety/safeguarding/${concernId}`);
      }
    }
    expect((await clinicalLead.get('/api/safeguarding-concerns')).json().concerns).toEqual([]);
  });

  it('the safeguarding lead sees it on her home page and list by its clock, overdue in red with the word', async () => {
    await later(60);
    const home = await sgLead.get('/');
    expect(home.body).toContain(`${reference}: decision due in 23 hours`);
    const list = await sgLead.get('/safety/safeguarding');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(reference);
    expect(list.body).toContain('Decision due in 23 hours');
    expect(list.body).toContain('BLOOR, Betty');
    await later(25 * 60);
    const late = await sgLead.get('/safety/safeguarding');
    expect(late.body).toContain('Decision overdue by 2 hours');
    expect(late.body).toMatch(/nhsuk-tag--red">Overdue/);
    expect((await sgLead.get('/')).body).toContain(`${reference}: decision overdue by 2 hours`);
    const listed = await audits({ staffId: t.service.otherTeamTherapist.id, outcome: 'allowed' });
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.every((r) => r.patient_id === patientId && (r.detail as { basis?: string }).basis === 'safeguarding-lead')).toBe(true);
    // The raiser sees her own concern, not as a lead.
    const mine = await therapist.get('/safety/safeguarding');
    expect(mine.body).toContain(reference);
    expect((await therapist.get(`/safety/safeguarding/${concernId}`)).statusCode).toBe(200);
  });

  it('a concern cannot be closed without a decision: a clear message, and the database refuses it too', async () => {
    const page = await sgLead.get(`/safety/safeguarding/${concernId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(concernText);
    expect(page.body).toContain('hw-patient-banner');
    const closing = await sgLead.form(`/safety/safeguarding/${concernId}/close`, { version: '1' });
    expect(closing.statusCode).toBe(400);
    expect(closing.body).toContain('Record the decision before closing the concern');
    expect((await concerns())[0]!.status).toBe('open');
    await expect(t.db.updateTable('safeguarding_concerns').set({ status: 'closed', closed_at: new Date(), closed_by: t.service.otherTeamTherapist.id }).where('id', '=', concernId).execute()).rejects.toThrow();
    expect((await sgLead.post(`/api/safeguarding-concerns/${concernId}/close`, { version: 1 })).statusCode).toBe(400);
  });

  it('the lead decides: a referral needs its date and the local authority’s reference; a stale decision is a 409', async () => {
    const bad = await sgLead.form(`/safety/safeguarding/${concernId}/decision`, { version: '1', decision: 'refer-to-local-authority' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the date the referral was made to the local authority');
    expect(bad.body).toContain('Enter the local authority’s reference for the referral');
    expect((await concerns())[0]!.decision).toBeNull();
    const res = await sgLead.form(`/safety/safeguarding/${concernId}/decision`, {
      version: '1', decision: 'refer-to-local-authority', 'localAuthorityReferredOn-day': '25', 'localAuthorityReferredOn-month': '11', 'localAuthorityReferredOn-year': '2026', localAuthorityReference: 'SCC-ASC-88231',
    });
    expect(res.statusCode).toBe(303);
    expect((await concerns())[0]).toMatchObject({ status: 'decided', decision: 'refer-to-local-authority', local_authority_reference: 'SCC-ASC-88231', decided_by: t.service.otherTeamTherapist.id, version: 2 });
    const stale = await sgLead.put(`/api/safeguarding-concerns/${concernId}/decision`, { version: 1, decision: 'monitor', reason: 'x' });
    expect(stale.statusCode).toBe(409);
    expect((await concerns())[0]!.decision).toBe('refer-to-local-authority');
    // Decided: off the home page's due list.
    expect((await sgLead.get('/')).body).not.toContain(`${reference}: decision`);
  });

  it('the lead names the clinical lead, who may then read it and add a note, but not close it (audited)', async () => {
    const named = await sgLead.post(`/api/safeguarding-concerns/${concernId}/people`, { staffId: t.service.a['clinical-lead'].id });
    expect(named.statusCode).toBe(201);
    expect((await sgLead.post(`/api/safeguarding-concerns/${concernId}/people`, { staffId: t.service.a.administrator.id })).statusCode).toBe(400);
    const page = await clinicalLead.get(`/safety/safeguarding/${concernId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(concernText);
    expect(page.body).not.toContain('Close the concern');
    const list = await clinicalLead.get('/safety/safeguarding');
    expect(list.body).toContain(reference);
    const note = await clinicalLead.post(`/api/safeguarding-concerns/${concernId}/notes`, { note: 'Strategy meeting booked for Friday' });
    expect(note.statusCode).toBe(201);
    const close = await clinicalLead.post(`/api/safeguarding-concerns/${concernId}/close`, { version: 2 });
    expect(close.statusCode).toBe(403);
    const refused = await audits({ staffId: t.service.a['clinical-lead'].id, outcome: 'refused' });
    expect(refused.at(-1)).toMatchObject({ action: 'write', detail: { change: 'close', rule: 'not-safeguarding-lead' } });
    const allowed = await audits({ staffId: t.service.a['clinical-lead'].id, outcome: 'allowed' });
    expect(allowed.map((a) => (a.detail as { basis: string }).basis)).toContain('named');
    // The note is kept as written: the database refuses a change.
    await expect(sql`update safeguarding_concern_notes set note = 'changed'`.execute(t.db)).rejects.toThrow();
  });

  it('the lead closes it: final, and the banner flag goes', async () => {
    const res = await sgLead.form(`/safety/safeguarding/${concernId}/close`, { version: '2' });
    expect(res.statusCode).toBe(303);
    expect((await concerns())[0]).toMatchObject({ status: 'closed', closed_by: t.service.otherTeamTherapist.id });
    expect((await clinicalLead.get(`/patients/${patientId}`)).body).not.toContain('Safeguarding concern open');
    await expect(t.db.updateTable('safeguarding_concerns').set({ decision_reason: 'rewritten' }).where('id', '=', concernId).execute()).rejects.toThrow();
    expect((await sgLead.put(`/api/safeguarding-concerns/${concernId}/decision`, { version: 3, decision: 'monitor', reason: 'x' })).statusCode).toBe(400);
  });
});

describe('raising needs the write grant on the episode', () => {
  let t: TestApp;
  afterAll(() => t?.close());
  it('another team’s therapist is refused, audited, nothing written', async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const outsider = await t.signIn(t.service.otherTeamTherapist);
    const patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919' }))).json().id;
    const episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    const body = { episodeId, kind: 'child', categories: ['neglect'], personAtRisk: 'other', otherPerson: 'Kai, grandson, 6', concern: 'Left alone', immediateDanger: false, immediateActions: 'Told his mother', consentToShare: 'not-asked', shareWithoutConsentReason: 'A child at risk' };
    expect((await outsider.post('/api/safeguarding-concerns', body)).statusCode).toBe(403);
    expect((await outsider.get(`/safety/safeguarding/new?episodeId=${episodeId}`)).statusCode).toBe(403);
    const refused = await t.db.selectFrom('audit_events').select(['patient_id']).where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').where('record_kind', '=', 'safeguarding-concern').execute();
    expect(refused.length).toBe(2);
    expect(await t.db.selectFrom('safeguarding_concerns').selectAll().execute()).toEqual([]);
    const ok = await therapist.post('/api/safeguarding-concerns', body, { 'idempotency-key': 'sg-1' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'child', personAtRisk: 'other', otherPerson: 'Kai, grandson, 6', status: 'open' });
    const replay = await therapist.post('/api/safeguarding-concerns', body, { 'idempotency-key': 'sg-1' });
    expect(replay.json().id).toBe(ok.json().id);
    expect(await t.db.selectFrom('safeguarding_concerns').selectAll().execute()).toHaveLength(1);
    const bad = await therapist.post('/api/safeguarding-concerns', { ...body, categories: ['self-neglect'], consentToShare: 'refused', shareWithoutConsentReason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['categories', 'shareWithoutConsentReason']);
  });
});
