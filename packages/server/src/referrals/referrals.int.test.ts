// Referral to triage: team A's registered therapist refers Mrs B, a patient another team registered,
// to D2A pathway 1, after opening her record by break-glass (a referral needs its maker to see the
// patient). The referral lands on team A's incoming list; a repeat referral is flagged before it
// is saved; support workers and assistant practitioners may not triage; the registered OT triages it
// (non-complex, P2, needs OT) and an episode of care opens with its response clock. Rejections need a
// reason and a current version; refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

const mrsB = { nhsNumber: '9434765919', givenName: 'Betty', familyName: 'Bloor' };

function referralBody(patientId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId,
    source: 'acute-ward',
    sourceDetail: 'Ward 7, Royal Stoke',
    // The test clock starts at 09:00 on 24 November 2026 (GMT, so UK time is UTC).
    receivedAt: '2026-11-24T08:30:00Z',
    service: 'd2a-pathway-1',
    setting: 'home',
    reason: 'Fall at home, now medically fit for discharge',
    presentingNeeds: 'Mobilising with a frame; needs help with stairs and washing',
    urgencyRequested: 'soon',
    referrerName: 'Priya Shah, ward occupational therapist',
    referrerContact: '01782 715444 bleep 2231',
    consentToReferral: true,
    consentNote: null,
    ...overrides,
  };
}

function referralForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    source: 'gp',
    sourceDetail: 'Burslem Health Centre',
    'receivedAt-day': '23',
    'receivedAt-month': '11',
    'receivedAt-year': '2026',
    receivedTime: '19:30',
    service: 'd2a-pathway-0',
    setting: 'home',
    reason: 'Sudden loss of mobility at home; carer cannot manage',
    presentingNeeds: '',
    urgencyRequested: 'urgent',
    referrerName: 'Dr Okafor, GP',
    referrerContact: '01632 960456',
    consentToReferral: 'yes',
    consentNote: '',
    ...overrides,
  };
}

const triage = { complexity: 'non-complex', complexityReason: 'Single need, stable, daughter visits daily', priority: 'P2', skillsNeeded: ['OT'], notes: 'Check bathing equipment', visitsPerWeek: 2 };

describe('referral to triage', () => {
  let t: TestApp;
  let therapist: TestClient; // team A's registered therapist (an occupational therapist)
  let lead: TestClient;
  let supportWorker: TestClient;
  let assistant: TestClient;
  let admin: TestClient;
  let teamB: TestClient;
  let patientId: string;
  let referralId: string;
  let repeatId: string;

  const count = async (table: 'referrals' | 'episodes' | 'episode_events') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const referralRow = (id: string) => t.db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    admin = await t.signIn(t.service.a.administrator);
    teamB = await t.signIn(t.service.otherTeamTherapist);
    // Mrs B is in the index, registered by team B: team A has no relationship with her yet.
    const created = await teamB.post('/api/patients', patientDetails(mrsB));
    expect(created.statusCode).toBe(201);
    patientId = created.json().id;
  });
  afterAll(() => t.close());

  it('lets team A’s therapist refer Mrs B only once she can see her record (break-glass, with the reason), which gives team A its relationship', async () => {
    expect((await therapist.get(`/api/patients/${patientId}`)).statusCode).toBe(403);
    // A referral opens the record to the whole team, so it needs the record open to its maker first
    // (issue 9 High 1: this was accepted with no relationship and no reason).
    const before = await count('referrals');
    const blind = await therapist.post('/api/referrals', referralBody(patientId));
    expect(blind.statusCode).toBe(403);
    expect(blind.json().error).toMatchObject({ code: 'no_legitimate_relationship' });
    expect(blind.json().error.message).toContain('use emergency access');
    expect(await count('referrals')).toBe(before);
    const refusal = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'detail']).where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'referral').executeTakeFirstOrThrow();
    expect(refusal).toMatchObject({ action: 'write', outcome: 'refused', detail: { rule: 'no-relationship' } });
    const glass = await therapist.post(`/api/patients/${patientId}/break-glass`, { reason: 'A referral for this patient has reached my team', detail: 'Ward 7 phoned' });
    expect(glass.statusCode).toBe(201);

    const res = await therapist.post('/api/referrals', referralBody(patientId));
    expect(res.statusCode).toBe(201);
    const referral = res.json();
    referralId = referral.id;
    expect(referral).toMatchObject({ patientId, teamId: t.service.teamA, status: 'incoming', version: 1, service: 'd2a-pathway-1', receivedAt: '2026-11-24T08:30:00.000Z', consentToReferral: true });
    const row = await referralRow(referralId);
    expect(row.created_by).toBe(therapist.staff.id);
    expect(row.team_id).toBe(t.service.teamA);

    const read = await therapist.get(`/api/patients/${patientId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().familyName).toBe('Bloor');

    const audited = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'record_id', 'reason', 'detail']).where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'referral').where('outcome', '=', 'allowed').execute();
    // The privacy officer sees that the referral was made under break-glass, and why.
    expect(audited).toEqual([
      expect.objectContaining({ action: 'write', record_id: referralId, reason: 'A referral for this patient has reached my team: Ward 7 phoned', detail: expect.objectContaining({ change: 'received', basis: 'break-glass' }) }),
    ]);
  });

  it('puts the referral on team A’s incoming list, with the NHS number, service and waiting time, and audits the list read', async () => {
    const api = await therapist.get('/api/referrals?status=incoming');
    expect(api.statusCode).toBe(200);
    const [first] = api.json().referrals;
    expect(first).toMatchObject({ id: referralId, patient: { id: patientId, nhsNumber: '9434765919', familyName: 'Bloor' }, waitingMinutes: 30 });
    // Team B received nothing.
    expect((await teamB.get('/api/referrals')).json().referrals).toEqual([]);

    const page = await therapist.get('/referrals');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption class="nhsuk-table__caption">1 referral waiting for triage</caption>');
    expect(page.body).toContain('943 476 5919');
    expect(page.body).toContain(`href="/referrals/${referralId}"`);
    expect(page.body).toContain('D2A pathway 1');
    expect(page.body).toContain('30 min');

    const listReads = await t.db.selectFrom('audit_events').select(['detail']).where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'referral-list').execute();
    expect(listReads).toHaveLength(2);
    expect(listReads[1]!.detail).toMatchObject({ status: 'incoming', referralIds: [referralId], patientIds: [patientId] });
  });

  it('flags a second open referral for the same service before saving it, and saves it once confirmed', async () => {
    const before = await count('referrals');
    const flagged = await therapist.post('/api/referrals', referralBody(patientId, { receivedAt: '2026-11-24T08:45:00Z', source: 'gp', sourceDetail: null }));
    expect(flagged.statusCode).toBe(409);
    expect(flagged.json().error.code).toBe('duplicate');
    expect(flagged.json().error.current.id).toBe(referralId);
    expect(flagged.json().error.message).toContain('already has an open referral to D2A pathway 1');
    expect(await count('referrals')).toBe(before);

    const confirmed = await therapist.post('/api/referrals', referralBody(patientId, { receivedAt: '2026-11-24T08:45:00Z', source: 'gp', sourceDetail: null, confirmDuplicate: true }));
    expect(confirmed.statusCode).toBe(201);
    repeatId = confirmed.json().id;
    expect(await count('referrals')).toBe(before + 1);
    const audit = await t.db.selectFrom('audit_events').select('detail').where('record_id', '=', repeatId).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ confirmedDespiteOpenReferral: referralId, basis: 'relationship' });
  });

  it('flags the repeat on the page too, with a link to the open referral and a box to save anyway', async () => {
    const fields = referralForm({ service: 'd2a-pathway-1', urgencyRequested: 'soon' });
    const before = await count('referrals');
    const flagged = await therapist.form(`/patients/${patientId}/referrals/new`, { ...fields, formId: uuidv7() });
    expect(flagged.statusCode).toBe(409);
    expect(flagged.body).toContain('This may be a repeat referral');
    expect(flagged.body).toContain(`href="/referrals/${referralId}"`);
    expect(flagged.body).toContain('href="#confirmDuplicate"');
    expect(flagged.body).toContain('name="confirmDuplicate" type="checkbox" value="yes"');
    expect(await count('referrals')).toBe(before);
  });

  it('refuses triage by the support worker and the assistant practitioner, names the rule, audits it, and changes nothing', async () => {
    for (const client of [supportWorker, assistant]) {
      const res = await client.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 });
      expect(res.statusCode, client.staff.role).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.json().error.message).toContain('Only registered therapists and clinical leads can triage referrals');
      const page = await client.get(`/referrals/${referralId}/triage`);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('Only registered therapists and clinical leads can triage referrals');
      const refusals = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'detail']).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').orderBy('seq').execute();
      expect(refusals.map((r) => `${r.action}:${r.record_kind}:${(r.detail as { rule: string }).rule}`)).toEqual([
        'write:episode:triage-needs-registered-therapist',
        'read:episode:triage-needs-registered-therapist',
      ]);
    }
    const row = await referralRow(referralId);
    expect(row.status).toBe('incoming');
    expect(row.version).toBe(1);
    expect(await count('episodes')).toBe(0);
    // The referral page tells them who can, rather than offering a button that fails.
    const page = await assistant.get(`/referrals/${referralId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/referrals/${referralId}/triage`);
    expect(page.body).toContain('Only registered therapists and clinical leads can triage referrals');
  });

  it('refuses a triage with missing or wrong answers, naming each, and changes nothing', async () => {
    const res = await therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, complexityReason: '', priority: 'P9', skillsNeeded: ['hoist-competent'], version: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path).join(' ');
    expect(paths).toMatch(/complexityReason/);
    expect(paths).toMatch(/priority/);
    expect(paths).toMatch(/skillsNeeded/);

    const form = await therapist.form(`/referrals/${referralId}/triage`, { version: '1', complexity: 'non-complex', complexityReason: '', priority: 'P2', visitsPerWeek: 'lots' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('There is a problem');
    expect(form.body).toContain('href="#complexityReason"');
    expect(form.body).toContain('Enter why the needs are complex or non-complex');
    expect(form.body).toContain('href="#skillsNeeded"');
    expect(form.body).toContain('Select occupational therapy, physiotherapy or both');
    expect(form.body).toContain('href="#visitsPerWeek"');
    expect((await referralRow(referralId)).version).toBe(1);
    expect(await count('episodes')).toBe(0);
  });

  it('lets the registered OT triage: accepts the referral and opens a waiting episode due 2 days after the referral was received', async () => {
    const eventsBefore = await count('episode_events');
    const res = await therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 });
    expect(res.statusCode).toBe(201);
    const { referral, episode } = res.json();
    expect(referral).toMatchObject({ status: 'accepted', version: 2, decidedBy: therapist.staff.id, decidedAt: '2026-11-24T09:00:00.000Z' });
    // D2A pathway 1 at P2 is held to the 2-day reablement standard, from when the referral was received.
    expect(episode).toMatchObject({
      referralId,
      patientId,
      teamId: t.service.teamA,
      status: 'waiting',
      complexity: 'non-complex',
      priority: 'P2',
      skillsNeeded: ['OT'],
      visitsPerWeek: 2,
      clockStartsAt: '2026-11-24T08:30:00.000Z',
      responseDueAt: '2026-11-26T08:30:00.000Z',
      responseStandard: '2 days',
      allocatedTo: null,
    });
    const row = await t.db.selectFrom('episodes').selectAll().where('referral_id', '=', referralId).executeTakeFirstOrThrow();
    expect(row.triaged_by).toBe(therapist.staff.id);
    expect(row.response_due_at.toISOString()).toBe('2026-11-26T08:30:00.000Z');
    expect(row.complexity_reason).toBe(triage.complexityReason);
    expect(row.allocated_to).toBeNull();
    const events = await t.db.selectFrom('episode_events').selectAll().where('episode_id', '=', row.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'triaged', staff_id: therapist.staff.id, reason: triage.complexityReason });
    expect(events[0]!.detail).toMatchObject({ priority: 'P2', responseDueAt: '2026-11-26T08:30:00.000Z' });
    expect(await count('episode_events')).toBe(eventsBefore + 1);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'patient_id', 'detail']).where('record_kind', '=', 'episode').where('record_id', '=', row.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'write', outcome: 'allowed', patient_id: patientId, detail: expect.objectContaining({ referralId, change: 'triaged' }) })]);

    // The referral page shows the triage and the clock.
    const page = await therapist.get(`/referrals/${referralId}?triaged=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('943 476 5919');
    expect(page.body).toContain('First contact is due by 26 Nov 2026, 08:30');
  });

  it('refuses to triage the same referral twice, with or without a fresh version, and writes nothing more', async () => {
    const episodes = await count('episodes');
    const stale = await therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('duplicate');
    expect(stale.json().error.message).toContain('already triaged');
    const fresh = await lead.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 2 });
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().error.current.status).toBe('accepted');
    const reject = await lead.post(`/api/referrals/${referralId}/reject`, { reason: 'not-eligible', detail: null, version: 2 });
    expect(reject.statusCode).toBe(409);
    expect(reject.json().error.message).toContain('cannot be rejected');
    expect(await count('episodes')).toBe(episodes);
    expect((await referralRow(referralId)).version).toBe(2);
  });

  it('counts the accepted referral with its open episode as open: a third referral to the service is still flagged', async () => {
    const res = await therapist.post('/api/referrals', referralBody(patientId, { receivedAt: '2026-11-24T08:50:00Z' }));
    expect(res.statusCode).toBe(409);
    // The oldest open referral is the one pointed at.
    expect(res.json().error.current.id).toBe(referralId);
  });

  it('refuses a rejection without a reason or with a stale version, then rejects with the reason kept for the referrer', async () => {
    const noReason = await therapist.post(`/api/referrals/${repeatId}/reject`, { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({ path: 'body.reason', message: 'Select why the referral is not accepted' });
    const otherWithoutDetail = await therapist.post(`/api/referrals/${repeatId}/reject`, { reason: 'other', detail: '', version: 1 });
    expect(otherWithoutDetail.statusCode).toBe(400);
    expect(otherWithoutDetail.json().error.fields[0].path).toBe('detail');
    const stale = await therapist.post(`/api/referrals/${repeatId}/reject`, { reason: 'duplicate-referral', detail: null, version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.current.version).toBe(1);
    const byAssistant = await assistant.post(`/api/referrals/${repeatId}/reject`, { reason: 'duplicate-referral', detail: null, version: 1 });
    expect(byAssistant.statusCode).toBe(403);
    const page = await therapist.form(`/referrals/${repeatId}/reject`, { version: '1', detail: 'Already referred' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#reason"');
    expect(page.body).toContain('943 476 5919');
    let row = await referralRow(repeatId);
    expect(row).toMatchObject({ status: 'incoming', version: 1, rejection_reason: null });

    const rejected = await therapist.form(`/referrals/${repeatId}/reject`, { version: '1', reason: 'duplicate-referral', detail: 'Already accepted on 24 November; no new referral needed' });
    expect(rejected.statusCode).toBe(303);
    expect(rejected.headers.location).toBe('/referrals?rejected=1');
    row = await referralRow(repeatId);
    expect(row).toMatchObject({ status: 'rejected', version: 2, rejection_reason: 'duplicate-referral', rejection_detail: 'Already accepted on 24 November; no new referral needed', decided_by: therapist.staff.id });
    const list = await therapist.get('/referrals?rejected=1');
    expect(list.body).toContain('Referral rejected. The reason is kept for the referrer.');
    expect(list.body).toContain('There are no referrals waiting for triage.');
    const detail = (await therapist.get(`/api/referrals/${repeatId}`)).json();
    expect(detail).toMatchObject({ status: 'rejected', rejectionReason: 'duplicate-referral' });
  });

  it('refuses a referral for an unknown patient with 404 and writes nothing', async () => {
    const before = await count('referrals');
    const unknown = uuidv7();
    const api = await therapist.post('/api/referrals', referralBody(unknown));
    expect(api.statusCode).toBe(404);
    expect(api.json().error.message).toContain('There is no patient with this id in the index');
    const page = await therapist.get(`/patients/${unknown}/referrals/new`);
    expect(page.statusCode).toBe(404);
    const form = await therapist.form(`/patients/${unknown}/referrals/new`, referralForm());
    expect(form.statusCode).toBe(404);
    expect(await count('referrals')).toBe(before);
  });

  it('refuses bad referral details through the API, naming each field, and writes nothing', async () => {
    const before = await count('referrals');
    const res = await therapist.post(
      '/api/referrals',
      referralBody(patientId, { service: 'stroke-early-supported-discharge', source: 'other-team', sourceDetail: '', consentToReferral: false, consentNote: '', receivedAt: '2026-11-24T12:00:00Z' }),
    );
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries(res.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields.receivedAt).toBe('The time the referral was received cannot be in the future');
    expect(fields.sourceDetail).toBe('Enter which team the referral came from');
    expect(fields.consentNote).toContain('best interests');
    const structural = await therapist.post('/api/referrals', referralBody(patientId, { service: 'physio', urgencyRequested: undefined, referrerName: '' }));
    expect(structural.statusCode).toBe(400);
    expect(structural.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.service', 'body.urgencyRequested', 'body.referrerName']));
    // Without consent but with a best-interests note it is a valid referral.
    const bestInterests = await therapist.post('/api/referrals', referralBody(patientId, { service: 'stroke-early-supported-discharge', consentToReferral: false, consentNote: 'Lacks capacity for this decision; best interests meeting with daughter 23 Nov' }));
    expect(bestInterests.statusCode).toBe(201);
    expect(await count('referrals')).toBe(before + 1);
  });

  it('refuses intake by a role that does not see patients, and audits it', async () => {
    const res = await admin.post('/api/referrals', referralBody(patientId, { service: 'rehabilitation-medicine' }));
    expect(res.statusCode).toBe(403);
    const refused = await t.db.selectFrom('audit_events').select(['outcome']).where('staff_id', '=', admin.staff.id).where('outcome', '=', 'refused').execute();
    expect(refused.length).toBeGreaterThan(0);
  });

  describe('through the pages', () => {
    let otherPatientId: string;

    beforeAll(async () => {
      const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: '4010232137', givenName: 'Arthur', familyName: 'Wedgwood', riskFlags: [] }));
      otherPatientId = res.json().id;
    });

    it('shows the intake form with the patient banner and the received time defaulting to now in UK time', async () => {
      const page = await therapist.get(`/patients/${patientId}/referrals/new`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('943 476 5919');
      expect(page.body).toContain('name="receivedAt-day" type="text" value="24"');
      expect(page.body).toContain('value="09:00"');
      expect(page.body).toContain('<legend');
      const patientPage = await therapist.get(`/patients/${patientId}`);
      expect(patientPage.body).toContain(`href="/patients/${patientId}/referrals/new"`);
    });

    it('refuses the intake form to a clinician whose team has no relationship yet, offering break-glass and showing nothing of the patient', async () => {
      const page = await teamB.get(`/patients/${otherPatientId}/referrals/new`);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain(`href="/patients/${otherPatientId}/break-glass"`);
      expect(page.body).not.toContain('401 023 2137');
      expect(page.body).not.toContain('Waterloo Road');
      const sent = await teamB.form(`/patients/${otherPatientId}/referrals/new`, { ...referralForm(), formId: uuidv7() });
      expect(sent.statusCode).toBe(403);
      expect(await t.db.selectFrom('referrals').select('id').where('patient_id', '=', otherPatientId).execute()).toEqual([]);
    });

    it('shows the NHS.UK error summary for bad intake answers, keeps what was typed, and writes nothing', async () => {
      const before = await count('referrals');
      const res = await therapist.form(`/patients/${otherPatientId}/referrals/new`, referralForm({ source: '', 'receivedAt-day': '31', 'receivedAt-month': '2', receivedTime: '25:00', consentToReferral: 'no', consentNote: '', referrerName: 'Dr Keep This' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain('href="#source"');
      expect(res.body).toContain('href="#receivedAt-day"');
      expect(res.body).toContain('Date the referral was received must be a real date');
      expect(res.body).toContain('href="#receivedTime"');
      expect(res.body).toContain('href="#consentNote"');
      expect(res.body).toContain('value="Dr Keep This"');
      expect(res.body).toContain('401 023 2137');
      const future = await therapist.form(`/patients/${otherPatientId}/referrals/new`, referralForm({ 'receivedAt-day': '24', receivedTime: '09:30' }));
      expect(future.statusCode).toBe(400);
      expect(future.body).toContain('The time the referral was received cannot be in the future');
      expect(await count('referrals')).toBe(before);
    });

    it('takes an urgent home referral received at 19:30 and, triaged P1, holds it to the UCR standard: due 09:30 the next morning', async () => {
      const formId = uuidv7();
      const made = await therapist.form(`/patients/${otherPatientId}/referrals/new`, { ...referralForm(), formId });
      expect(made.statusCode).toBe(303);
      expect(made.headers.location).toBe(`/referrals/${formId}?received=1`);
      // Pressing the button twice makes one referral.
      const again = await therapist.form(`/patients/${otherPatientId}/referrals/new`, { ...referralForm(), formId });
      expect(again.headers.location).toBe(`/referrals/${formId}?received=1`);
      const row = await referralRow(formId);
      expect(row.received_at.toISOString()).toBe('2026-11-23T19:30:00.000Z');

      const referralPage = await lead.get(`/referrals/${formId}?received=1`);
      expect(referralPage.statusCode).toBe(200);
      expect(referralPage.body).toContain('401 023 2137');
      expect(referralPage.body).toContain('Referral received');
      expect(referralPage.body).toContain(`href="/referrals/${formId}/triage"`);
      expect(referralPage.body).toContain(`href="/referrals/${formId}/reject"`);

      const triagePage = await lead.get(`/referrals/${formId}/triage`);
      expect(triagePage.statusCode).toBe(200);
      expect(triagePage.body).toContain('401 023 2137');
      expect(triagePage.body).toContain('First contact due by 24 Nov 2026, 09:30');

      const done = await lead.form(`/referrals/${formId}/triage`, { version: '1', complexity: 'complex', complexityReason: 'Carer breakdown, high falls risk', priority: 'P1', skillsNeeded: ['PT', 'two-person'], visitsPerWeek: '5', notes: '' });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(`/referrals/${formId}?triaged=1`);
      const episode = await t.db.selectFrom('episodes').selectAll().where('referral_id', '=', formId).executeTakeFirstOrThrow();
      expect(episode.response_due_at.toISOString()).toBe('2026-11-24T09:30:00.000Z');
      expect(episode.skills_needed).toEqual(['PT', 'two-person']);
      expect(Number(episode.visits_per_week)).toBe(5);
      const confirmation = await lead.get(done.headers.location as string);
      expect(confirmation.body).toContain('First contact is due by 24 Nov 2026, 09:30');
      expect(confirmation.body).toContain('Urgent community response');
      // A second press of the button lands on the same confirmation, and opens nothing more.
      const twice = await lead.form(`/referrals/${formId}/triage`, { version: '1', complexity: 'complex', complexityReason: 'Carer breakdown, high falls risk', priority: 'P1', skillsNeeded: ['PT'], visitsPerWeek: '5' });
      expect(twice.statusCode).toBe(303);
      expect(await t.db.selectFrom('episodes').select('id').where('referral_id', '=', formId).execute()).toHaveLength(1);
    });

    it('counts two days across the October clock change in UK time', async () => {
      // Received Saturday 24 October 2026 at 14:00 BST; the clocks go back on the Sunday.
      const formId = uuidv7();
      const made = await therapist.form(`/patients/${otherPatientId}/referrals/new`, {
        ...referralForm({ service: 'community-stroke-rehabilitation', 'receivedAt-day': '24', 'receivedAt-month': '10', receivedTime: '14:00', urgencyRequested: 'soon' }),
        formId,
      });
      expect(made.statusCode).toBe(303);
      expect((await referralRow(formId)).received_at.toISOString()).toBe('2026-10-24T13:00:00.000Z');
      const res = await therapist.post(`/api/referrals/${formId}/triage`, { ...triage, version: 1 }, { 'idempotency-key': `triage-${formId}` });
      expect(res.statusCode).toBe(201);
      // Monday 26 October at 14:00 GMT: 49 real hours later.
      expect(res.json().episode.responseDueAt).toBe('2026-10-26T14:00:00.000Z');
      const replay = await therapist.post(`/api/referrals/${formId}/triage`, { ...triage, version: 1 }, { 'idempotency-key': `triage-${formId}` });
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json().episode.id).toBe(res.json().episode.id);
    });

    it('refuses a clinician of another team to triage or reject, even with a relationship to the patient', async () => {
      const formId = uuidv7();
      await therapist.form(`/patients/${otherPatientId}/referrals/new`, { ...referralForm({ service: 'rehabilitation-medicine', urgencyRequested: 'routine' }), formId });
      const refTeamB = await t.signIn(t.service.otherTeamTherapist);
      // Team B refers the same patient to itself (opening the record by break-glass to do so), which gives
      // it a relationship, but team A's referral is still team A's to decide.
      expect((await refTeamB.post(`/api/patients/${otherPatientId}/break-glass`, { reason: 'A referral for this patient has reached my team', detail: '' })).statusCode).toBe(201);
      expect((await refTeamB.post('/api/referrals', referralBody(otherPatientId, { service: 'bed-based-rehabilitation' }))).statusCode).toBe(201);
      const res = await refTeamB.post(`/api/referrals/${formId}/triage`, { ...triage, version: 1 });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('another team');
      expect((await referralRow(formId)).status).toBe('incoming');
    });
  });
});
