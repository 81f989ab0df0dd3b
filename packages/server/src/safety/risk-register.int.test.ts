// The risk register from start to finish (issue 17 #3): a support worker adds a risk (bad input and a
// target above the score refused, nothing written); it is on the register with its band and on the heat
// map, whose count opens the filtered list; the owner is told on her home page; she reviews it (rescored,
// the review kept, the risk's score and date moved; a stale version is a 409), adds an action that lands
// on its owner's home page and is marked done; a review date passed turns red; closing needs a reason.
// Who may not: the administrator sees no register, a colleague who neither owns nor leads cannot change
// it; each refusal audited. The API mirrors it once-only; the CSV export is audited and formula-safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('the risk register: a risk added, scored, on the heat map, reviewed, actioned and closed', () => {
  let t: TestApp;
  let support: TestClient;
  let lead: TestClient;
  let ap: TestClient;
  let otherTeam: TestClient;
  let admin: TestClient;
  let riskId: string;
  let reference: string;

  const count = async (table: 'risks' | 'risk_reviews' | 'risk_actions') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location);
  const refusals = (staffId: string) => t.db.selectFrom('audit_events').select(['record_kind', 'record_id']).where('staff_id', '=', staffId).where('outcome', '=', 'refused').execute();
  const newRiskFields = (formId: string) => ({
    formId, title: 'Lone visits where there is no phone signal', description: 'Staff visit alone in the Moorlands villages, where phones often have no signal.',
    cause: 'No mobile coverage in parts of the Moorlands', effect: 'A missed check-in cannot be followed up quickly; a clinician in trouble cannot call for help',
    teamId: t.service.teamA, ownerId: t.service.a['clinical-lead'].id, controls: 'Lone-working check-ins; visits planned in daylight', gapsInControls: '',
    likelihood: '3', consequence: '4', targetLikelihood: '2', targetConsequence: '3', 'reviewOn-day': '1', 'reviewOn-month': '12', 'reviewOn-year': '2026',
  });

  beforeAll(async () => {
    t = await bootTestApp();
    support = await t.signIn(t.service.a['support-worker']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    ap = await t.signIn(t.service.a['assistant-practitioner']);
    otherTeam = await t.signIn(t.service.otherTeamTherapist);
    admin = await t.signIn(t.service.a.administrator);
  });
  afterAll(() => t.close());

  it('a support worker adds a risk from the page; missing answers and a target above the score are refused with nothing written', async () => {
    const form = await support.get('/safety/risks/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Will undoubtedly happen or recur, possibly frequently');
    const formId = /name="formId" value="([^"]+)"/.exec(form.body)![1]!;

    const empty = await support.form('/safety/risks/new', { formId, title: ' ', description: '', cause: '', effect: '', teamId: 'service', ownerId: '', controls: '', 'reviewOn-day': '', 'reviewOn-month': '', 'reviewOn-year': '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('nhsuk-error-summary');
    for (const message of ['Enter a short title for the risk', 'Enter the cause: what could make it happen', 'Choose an owner: a clinical lead or the service manager', 'Choose the likelihood', 'Choose the target consequence', 'Enter the review date']) expect(empty.body).toContain(message);

    const tooHigh = await support.form('/safety/risks/new', { ...newRiskFields(formId), targetLikelihood: '4', targetConsequence: '4' });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.body).toContain('The target score (16) must not be higher than the current score (12)');
    // A support worker is no owner.
    const badOwner = await support.form('/safety/risks/new', { ...newRiskFields(formId), ownerId: t.service.a['support-worker'].id });
    expect(badOwner.body).toContain('Choose an owner: a clinical lead or the service manager');
    // Nor is another team's clinical lead, for this team's risk (she may own a service-wide one); the form names each lead's team.
    const created = await admin.post('/api/staff', { givenName: 'Bea', familyName: 'Lead', email: 'bea.lead@test.example', profession: 'PT', registrationNumber: 'PH123456', band: '7', homewardRole: 'clinical-lead', teamId: t.service.teamB, baseLocation: null, contractedHours: 37.5, active: true, password: 'correct-horse-battery-staple' });
    expect(created.statusCode, created.body).toBe(201);
    const otherLead = created.json().id as string;
    const teamBName = (await t.db.selectFrom('teams').select('name').where('id', '=', t.service.teamB).executeTakeFirstOrThrow()).name;
    expect((await support.get('/safety/risks/new')).body).toContain(`Bea Lead (${'Clinical lead'}, ${teamBName})`);
    const wrongTeam = await support.form('/safety/risks/new', { ...newRiskFields(formId), ownerId: otherLead });
    expect(wrongTeam.statusCode).toBe(400);
    expect(wrongTeam.body).toContain('Choose an owner: a clinical lead of the risk’s team, or the service manager');
    expect(await count('risks')).toBe(0);

    const res = await support.form('/safety/risks/new', newRiskFields(formId));
    expect(res.statusCode).toBe(303);
    riskId = /\/safety\/risks\/([0-9a-f-]{36})\?done=added/.exec(location(res))![1]!;
    expect(riskId).toBe(formId);
    // Sent twice: one risk.
    const again = await support.form('/safety/risks/new', newRiskFields(formId));
    expect(location(again)).toBe(location(res));
    expect(await count('risks')).toBe(1);
    const page = await support.get(location(res));
    expect(page.body).toContain('Risk added to the register');
    reference = /RSK-\d{6}/.exec(page.body)![0];
    expect(page.body).toContain('High 12');
    // The support worker neither owns nor leads: no forms to change it.
    expect(page.body).not.toContain(`/safety/risks/${riskId}/review`);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'outcome']).where('record_kind', '=', 'risk').where('record_id', '=', riskId).where('staff_id', '=', t.service.a['support-worker'].id).execute();
    expect(audit).toEqual([{ action: 'write', outcome: 'allowed' }]);
  });

  it('is on the register with its band in words and on the heat map, whose count opens the filtered list', async () => {
    const register = await otherTeam.get('/safety/risks');
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain(reference);
    expect(register.body).toMatch(/nhsuk-tag--orange">High 12</);
    expect(register.body).toMatch(/nhsuk-tag--yellow">Moderate 6</);
    // The cell Possible (3) x Major (4) holds it; its link names the cell for a screen reader.
    const cell = /href="(\/safety\/risks\?[^"]*likelihood=3&amp;consequence=4[^"]*)"[^>]*>1 risk<span class="nhsuk-u-visually-hidden">, likelihood Possible, consequence Major/.exec(register.body);
    expect(cell).not.toBeNull();
    const filtered = await otherTeam.get(cell![1]!.replace(/&amp;/g, '&'));
    expect(filtered.body).toContain(reference);
    const otherCell = await otherTeam.get('/safety/risks?likelihood=5&consequence=5');
    expect(otherCell.body).not.toContain(reference);
    expect(otherCell.body).toContain('No risks match.');
    const byBand = await otherTeam.get('/safety/risks?band=extreme');
    expect(byBand.body).not.toContain(reference);
    expect((await otherTeam.get('/safety/risks?band=high')).body).toContain(reference);
    expect((await otherTeam.get(`/safety/risks?team=${t.service.teamB}`)).body).not.toContain(reference);
    const api = (await otherTeam.get('/api/safety/risks')).json();
    expect(api.risks.map((r: { reference: string; score: number; rating: string }) => [r.reference, r.score, r.rating])).toEqual([[reference, 12, 'high']]);
    expect(api.heatMap.find((r: { likelihood: number }) => r.likelihood === 3).cells[3]).toMatchObject({ consequence: 4, count: 1, rating: 'high' });
    // Bad filters are a 400, never a 500.
    expect((await otherTeam.get('/safety/risks?likelihood=9')).statusCode).toBe(400);
  });

  it('the owner is told on her home page that the review is due soon', async () => {
    const home = await lead.get('/');
    expect(home.body).toContain(`Review ${reference}: Lone visits where there is no phone signal`);
    expect((await support.get('/')).body).not.toContain(`Review ${reference}`);
  });

  it('nobody but the owner, a lead of its team or the service manager changes it; the administrator has no register; each refusal audited', async () => {
    const version = '1';
    const review = { version, likelihood: '3', consequence: '3', note: 'Checked', 'nextReviewOn-day': '1', 'nextReviewOn-month': '2', 'nextReviewOn-year': '2027', reviewFormId: uuidv7() };
    expect((await otherTeam.form(`/safety/risks/${riskId}/review`, review)).statusCode).toBe(403);
    expect((await support.post(`/api/safety/risks/${riskId}/close`, { version: 1, reason: 'Gone' })).statusCode).toBe(403);
    expect((await otherTeam.get(`/safety/risks/${riskId}/change`)).statusCode).toBe(403);
    expect(await refusals(t.service.otherTeamTherapist.id)).toEqual([{ record_kind: 'risk', record_id: riskId }, { record_kind: 'risk', record_id: riskId }]);
    expect(await refusals(t.service.a['support-worker'].id)).toEqual([{ record_kind: 'risk', record_id: riskId }]);
    expect((await admin.get('/safety/risks')).statusCode).toBe(403);
    expect((await admin.get('/api/safety/risks')).statusCode).toBe(403);
    expect((await refusals(t.service.a.administrator.id)).length).toBe(2);
    expect(await count('risk_reviews')).toBe(0);
    expect((await t.db.selectFrom('risks').select('status').where('id', '=', riskId).executeTakeFirstOrThrow()).status).toBe('open');
  });

  it('the owner reviews it: rescored, the review kept, the score and date moved; below the target and a stale version are refused', async () => {
    const page = await lead.get(`/safety/risks/${riskId}`);
    expect(page.body).toContain(`/safety/risks/${riskId}/review`);
    const reviewFormId = /name="reviewFormId" value="([^"]+)"/.exec(page.body)![1]!;
    const fields = { version: '1', reviewFormId, likelihood: '2', consequence: '4', note: 'A satellite phone is now in the pool car', 'nextReviewOn-day': '1', 'nextReviewOn-month': '2', 'nextReviewOn-year': '2027' };
    const below = await lead.form(`/safety/risks/${riskId}/review`, { ...fields, likelihood: '1', consequence: '4' });
    expect(below.statusCode).toBe(400);
    expect(below.body).toContain('The new score (4) is below the target score (6)');
    const pastDate = await lead.form(`/safety/risks/${riskId}/review`, { ...fields, 'nextReviewOn-day': '24', 'nextReviewOn-month': '11', 'nextReviewOn-year': '2026' });
    expect(pastDate.body).toContain('The next review date must be after today');
    expect(await count('risk_reviews')).toBe(0);

    const res = await lead.form(`/safety/risks/${riskId}/review`, fields);
    expect(res.statusCode).toBe(303);
    const risk = await t.db.selectFrom('risks').select(['likelihood', 'consequence', 'review_on', 'version']).where('id', '=', riskId).executeTakeFirstOrThrow();
    expect(risk).toEqual({ likelihood: 2, consequence: 4, review_on: '2027-02-01', version: 2 });
    const reviews = await t.db.selectFrom('risk_reviews').select(['id', 'likelihood', 'consequence', 'note', 'reviewed_on', 'next_review_on']).where('risk_id', '=', riskId).execute();
    expect(reviews).toEqual([{ id: reviewFormId, likelihood: 2, consequence: 4, note: 'A satellite phone is now in the pool car', reviewed_on: '2026-11-24', next_review_on: '2027-02-01' }]);
    const stale = await lead.form(`/safety/risks/${riskId}/review`, { ...fields, reviewFormId: uuidv7() });
    expect(stale.statusCode).toBe(409);
    expect(await count('risk_reviews')).toBe(1);
    const shown = await lead.get(`/safety/risks/${riskId}`);
    expect(shown.body).toContain('High 8');
    expect(shown.body).toContain('A satellite phone is now in the pool car');
    // The review is done and the next is months away: no longer on her home page.
    expect((await lead.get('/')).body).not.toContain(`Review ${reference}`);
  });

  it('an action lands on its owner’s home page until she marks it done', async () => {
    const page = await lead.get(`/safety/risks/${riskId}`);
    const actionFormId = /name="actionFormId" value="([^"]+)"/.exec(page.body)![1]!;
    const fields = { actionFormId, action: 'Test the satellite phone at each base', ownerId: t.service.a['assistant-practitioner'].id, 'dueOn-day': '10', 'dueOn-month': '12', 'dueOn-year': '2026' };
    const noOwner = await lead.form(`/safety/risks/${riskId}/actions`, { ...fields, ownerId: '' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('Choose who owns the action');
    expect(await count('risk_actions')).toBe(0);
    expect((await lead.form(`/safety/risks/${riskId}/actions`, fields)).statusCode).toBe(303);
    expect((await lead.form(`/safety/risks/${riskId}/actions`, fields)).statusCode).toBe(303);
    expect(await count('risk_actions')).toBe(1);
    const home = await ap.get('/');
    expect(home.body).toContain(`Test the satellite phone at each base (${reference})`);
    const mine = await ap.get(`/safety/risks/${riskId}`);
    expect(mine.body).toContain(`/safety/risks/${riskId}/actions/${actionFormId}/done`);
    expect((await ap.form(`/safety/risks/${riskId}/actions/${actionFormId}/done`, { version: '1' })).statusCode).toBe(303);
    expect((await ap.form(`/safety/risks/${riskId}/actions/${actionFormId}/done`, { version: '1' })).statusCode).toBe(409);
    expect((await ap.get('/')).body).not.toContain('Test the satellite phone at each base');
  });

  it('a review date passed shows red with the word', async () => {
    t.clock.set(new Date('2027-02-03T09:00:00Z'));
    try {
      // Months on, the session has ended: she signs in again.
      const later = await t.signIn(t.service.a['clinical-lead']);
      const register = await later.get('/safety/risks');
      expect(register.body).toMatch(/1 February 2027 <strong class="nhsuk-tag nhsuk-tag--red">Overdue<\/strong>/);
      expect((await later.get('/')).body).toContain(`Review ${reference}`);
    } finally {
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
    }
  });

  it('closing needs a reason; a closed risk leaves the open register and cannot change', async () => {
    const noReason = await lead.form(`/safety/risks/${riskId}/close`, { version: '2', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the risk is being closed');
    const res = await lead.form(`/safety/risks/${riskId}/close`, { version: '2', reason: 'Satellite phones issued to every lone worker' });
    expect(res.statusCode).toBe(303);
    expect((await lead.get('/safety/risks')).body).not.toContain(reference);
    expect((await lead.get('/safety/risks?status=closed')).body).toContain(reference);
    const change = await lead.put(`/api/safety/risks/${riskId}`, {
      version: 3, title: 'Changed', description: 'd', cause: 'c', effect: 'e', teamId: null, ownerId: t.service.a['clinical-lead'].id, controls: 'x', targetLikelihood: 1, targetConsequence: 1, reviewOn: '2027-01-01',
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.current).toMatchObject({ status: 'closed', title: 'Lone visits where there is no phone signal' });
  });

  it('the API adds a risk once per Idempotency-Key, refuses bad input by field with nothing written, and reads it back', async () => {
    const before = await count('risks');
    const bad = await ap.post('/api/safety/risks', { title: '', description: 'd', cause: 'c', effect: 'e', teamId: null, ownerId: t.service.a['service-manager'].id, controls: 'x', likelihood: 7, consequence: 2, targetLikelihood: 1, targetConsequence: 1, reviewOn: '2026-12-20' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.likelihood');
    const target = await ap.post('/api/safety/risks', { title: 'Hoist slings past their date', description: 'd', cause: 'c', effect: 'e', teamId: null, ownerId: t.service.a['service-manager'].id, controls: 'x', likelihood: 2, consequence: 2, targetLikelihood: 3, targetConsequence: 2, reviewOn: '2026-12-20' });
    expect(target.statusCode).toBe(400);
    expect(target.json().error.fields).toEqual([{ path: 'targetLikelihood', message: 'The target score (6) must not be higher than the current score (4)' }]);
    expect(await count('risks')).toBe(before);
    const body = { title: '=HYPERLINK("http://x")', description: 'Slings in the store past their date', cause: 'No date check at issue', effect: 'A sling fails in a transfer', teamId: null, ownerId: t.service.a['service-manager'].id, controls: 'LOLER inspections', likelihood: 2, consequence: 5, targetLikelihood: 1, targetConsequence: 5, reviewOn: '2026-12-20' };
    const key = { 'idempotency-key': uuidv7() };
    const first = await ap.post('/api/safety/risks', body, key);
    expect(first.statusCode).toBe(201);
    const again = await ap.post('/api/safety/risks', body, key);
    expect(again.json()).toEqual(first.json());
    expect(await count('risks')).toBe(before + 1);
    const read = (await ap.get(`/api/safety/risks/${first.json().id}`)).json();
    expect(read.risk).toMatchObject({ teamId: null, score: 10, rating: 'high', targetScore: 5, status: 'open' });
  });

  it('the CSV export is audited with its filters, and a cell a spreadsheet would run is text', async () => {
    const csv = await lead.get('/safety/risks.csv?status=all');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('Reference,Title,Team,Owner,Status');
    expect(csv.body).toContain(reference);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    const exported = await t.db.selectFrom('audit_events').select(['detail']).where('record_kind', '=', 'risk-register-export').where('staff_id', '=', t.service.a['clinical-lead'].id).execute();
    expect(exported).toHaveLength(1);
    expect(exported[0]!.detail).toMatchObject({ rows: 2 });
  });
});
