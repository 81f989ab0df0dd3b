// Clinical supervision, told as a story (issue 16 #1): the clinical lead names an assistant
// practitioner's supervisor (a colleague on the same band refused, with the rule); the supervisor writes
// up a session with a case (through the access seam, audited) and actions; the supervisee sees it and
// confirms it with a comment, after which it is final; red, amber and green for the supervisee, the
// supervisor and the lead; the home page lists what is due; and nobody else sees any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('clinical supervision', () => {
  let t: TestApp;
  let ap: TestStaff;
  let therapist: TestStaff;
  let lead: TestStaff;
  let episodeId: string;
  let patientId: string;
  let sessionId: string;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => {
    const existing = clients.get(who.id);
    if (existing) return existing;
    const c = await t.signIn(who);
    clients.set(who.id, c);
    return c;
  };
  const sessionRow = () => t.db.selectFrom('supervision_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await bootTestApp();
    ap = t.service.a['assistant-practitioner'];
    therapist = t.service.a['registered-therapist'];
    lead = t.service.a['clinical-lead'];
    const created = await (await as(therapist)).post('/api/patients', patientDetails());
    expect(created.statusCode, created.body).toBe(201);
    patientId = (created.json() as { id: string }).id;
    episodeId = await seedEpisode(t, { patientId, service: 'community-rehab', allocatedTo: ap.id });
  });
  afterAll(async () => t?.close());

  it('the lead names a registered, senior supervisor; a colleague on the same band is refused with the rule', async () => {
    const leadClient = await as(lead);
    // Another band 6 cannot supervise the band 6 therapist: refused with the rule's own words, nothing written.
    const refused = await leadClient.put(`/api/supervision/people/${therapist.id}/supervisor`, { supervisorId: lead.id, version: null });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { fields: [{ path: 'supervisorId', message: expect.stringContaining('is not senior to') }] } });
    // Someone not registered (the support worker) is refused on the page too, with the rule shown in the error summary.
    const page = await leadClient.get(`/supervision/people/${ap.id}/supervisor`);
    expect(page.statusCode).toBe(200);
    const formId = /name="formId" value="([^"]+)"/.exec(page.body)![1]!;
    const notRegistered = await leadClient.form(`/supervision/people/${ap.id}/supervisor`, { formId, version: '', supervisorId: t.service.a['support-worker'].id, 'startsOn-day': '1', 'startsOn-month': '11', 'startsOn-year': '2026' });
    expect(notRegistered.statusCode).toBe(400);
    expect(notRegistered.body).toContain('There is a problem');
    expect(notRegistered.body).toContain('is not a registered professional');
    expect(await t.db.selectFrom('supervision_arrangements').select('id').execute()).toHaveLength(0);
    // The therapist (registered, band 6) for the assistant practitioner (band 4): named.
    const named = await leadClient.form(`/supervision/people/${ap.id}/supervisor`, { formId, version: '', supervisorId: therapist.id, 'startsOn-day': '1', 'startsOn-month': '11', 'startsOn-year': '2026' });
    expect(named.statusCode, named.body).toBe(303);
    expect(named.headers.location).toBe(`/supervision/people/${ap.id}?done=supervisor`);
    // Only the lead and service manager name supervisors; a therapist may not.
    const notLead = await (await as(therapist)).put(`/api/supervision/people/${ap.id}/supervisor`, { supervisorId: therapist.id, version: 1 });
    expect(notLead.statusCode).toBe(403);
  });

  it('with no session on record the supervisee is red, on their home page and their supervisor’s', async () => {
    const mine = await (await as(ap)).get('/api/supervision/people/' + ap.id);
    expect(mine.json()).toMatchObject({ arrangement: { supervisorId: therapist.id }, lastHeldOn: null, status: 'overdue' });
    const home = await (await as(ap)).get('/');
    expect(home.body).toContain('You have no supervision on record');
    const supervisorHome = await (await as(therapist)).get('/');
    expect(supervisorHome.body).toContain(`Supervision for Alex assistant practitioner`);
    const leadHome = await (await as(lead)).get('/');
    expect(leadHome.body).toMatch(/The team’s supervision: \d+ overdue/);
  });

  it('the supervisor writes up a session: the case through the access seam (audited), actions with owners and due dates', async () => {
    const c = await as(therapist);
    const form = await c.get(`/supervision/people/${ap.id}/sessions/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Betty Bloor');
    const formId = /name="formId" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = {
      formId, 'heldOn-day': '20', 'heldOn-month': '11', 'heldOn-year': '2026', kind: 'clinical', themes: 'Caseload and priorities; a fall at home',
      'case-0-episodeId': episodeId, 'case-0-note': 'Stairs practice: grade the steps',
      'action-0-action': 'Read the falls policy', 'action-0-ownerId': ap.id, 'action-0-dueOn-day': '4', 'action-0-dueOn-month': '12', 'action-0-dueOn-year': '2026',
    };
    // A date still to come and an action due before the session: the error summary, nothing written.
    const bad = await c.form(`/supervision/people/${ap.id}/sessions/new`, { ...fields, 'heldOn-day': '30', 'action-0-dueOn-month': '10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The date of the session must be today or in the past');
    expect(await t.db.selectFrom('supervision_sessions').select('id').execute()).toHaveLength(0);
    const saved = await c.form(`/supervision/people/${ap.id}/sessions/new`, fields);
    expect(saved.statusCode, saved.body).toBe(303);
    sessionId = formId;
    expect(saved.headers.location).toBe(`/supervision/sessions/${sessionId}?done=recorded`);
    // Sent twice (a double press): one session.
    const again = await c.form(`/supervision/people/${ap.id}/sessions/new`, fields);
    expect(again.statusCode).toBe(303);
    expect(await t.db.selectFrom('supervision_sessions').select('id').execute()).toHaveLength(1);
    const cases = await t.db.selectFrom('supervision_cases').selectAll().where('session_id', '=', sessionId).execute();
    expect(cases).toMatchObject([{ episode_id: episodeId, patient_id: patientId }]);
    const audited = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'patient_id']).where('record_kind', '=', 'supervision-case').where('record_id', '=', cases[0]!.id).execute();
    expect(audited).toContainEqual({ action: 'write', outcome: 'allowed', patient_id: patientId });
    expect((await sessionRow()).status).toBe('recorded');
  });

  it('the supervisee sees it, the patient named and audited; someone without a relationship sees the case hidden', async () => {
    const page = await (await as(ap)).get(`/supervision/sessions/${sessionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Betty Bloor');
    expect(page.body).toContain('Stairs practice');
    expect(page.body).toContain('Confirm the session');
    const reads = await t.db.selectFrom('audit_events').select(['patient_id']).where('record_kind', '=', 'supervision-case').where('action', '=', 'read').where('staff_id', '=', ap.id).execute();
    expect(reads).toContainEqual({ patient_id: patientId });
    // The service manager of the team sees the session (staff data) and, in the team's care, the case.
    const manager = await (await as(t.service.a['service-manager'])).get(`/api/supervision/sessions/${sessionId}`);
    expect(manager.statusCode).toBe(200);
    expect(manager.json()).toMatchObject({ cases: [{ patientId }] });
  });

  it('nobody else sees someone’s supervision; each refusal audited', async () => {
    for (const role of ['support-worker', 'student', 'administrator', 'privacy-officer'] as const) {
      const res = await (await as(t.service.a[role])).get(`/supervision/sessions/${sessionId}`);
      expect(res.statusCode, role).toBe(403);
      const api = await (await as(t.service.a[role])).get(`/api/supervision/people/${ap.id}`);
      expect(api.statusCode, role).toBe(403);
    }
    // Another team's therapist: not theirs to know of.
    expect((await (await as(t.service.otherTeamTherapist)).get(`/api/supervision/people/${ap.id}`)).statusCode).toBe(404);
    const refusals = await t.db.selectFrom('audit_events').select('staff_id').where('record_kind', '=', 'supervision').where('outcome', '=', 'refused').execute();
    expect(refusals.map((r) => r.staff_id)).toEqual(expect.arrayContaining([t.service.a['support-worker'].id, t.service.otherTeamTherapist.id]));
    // The lead's read of someone else's supervision is audited; the supervisee's own is not.
    // Counted before and after: earlier tests' reads are already on the log, so 'some' would prove nothing.
    const readsBy = (staffId: string) => t.db.selectFrom('audit_events').select('detail').where('record_kind', '=', 'supervision').where('action', '=', 'read').where('outcome', '=', 'allowed').where('staff_id', '=', staffId).orderBy('seq').execute();
    const leadBefore = await readsBy(lead.id);
    const leadView = await (await as(lead)).get(`/supervision/people/${ap.id}`);
    expect(leadView.statusCode).toBe(200);
    const leadAfter = await readsBy(lead.id);
    expect(leadAfter).toHaveLength(leadBefore.length + 1);
    expect(leadAfter.at(-1)!.detail).toMatchObject({ superviseeId: ap.id, basis: 'manager', via: 'page' });
    const ownBefore = await readsBy(ap.id);
    const ownView = await (await as(ap)).get(`/supervision/people/${ap.id}`);
    expect(ownView.statusCode).toBe(200);
    expect(await readsBy(ap.id)).toHaveLength(ownBefore.length);
  });

  it('only the supervisee confirms, with a comment; then it is final and green', async () => {
    const row = await sessionRow();
    const bySupervisor = await (await as(therapist)).post(`/api/supervision/sessions/${sessionId}/confirmation`, { version: row.version, comment: '' });
    expect(bySupervisor.statusCode).toBe(403);
    const confirmed = await (await as(ap)).form(`/supervision/sessions/${sessionId}/confirm`, { version: String(row.version), comment: 'I would add: I asked for a joint visit' });
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    expect(await sessionRow()).toMatchObject({ status: 'confirmed', supervisee_comment: 'I would add: I asked for a joint visit' });
    // Confirming again with the old version: a 409 that says what happened.
    const twice = await (await as(ap)).post(`/api/supervision/sessions/${sessionId}/confirmation`, { version: row.version, comment: '' });
    expect(twice.statusCode).toBe(409);
    // Final: the database refuses a change.
    await expect(t.db.updateTable('supervision_sessions').set({ themes: 'rewritten' }).where('id', '=', sessionId).execute()).rejects.toThrow();
    const mine = await (await as(ap)).get(`/api/supervision/people/${ap.id}`);
    expect(mine.json()).toMatchObject({ lastHeldOn: '2026-11-20', dueOn: '2027-01-01', status: 'in-date' });
  });

  it('the action is on its owner’s home page until done', async () => {
    const home = await (await as(ap)).get('/');
    expect(home.body).toContain('Supervision action: Read the falls policy');
    const action = await t.db.selectFrom('supervision_actions').selectAll().where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    const done = await (await as(ap)).post(`/api/supervision/actions/${action.id}/completion`, { version: action.version }, { 'idempotency-key': 'done-1' });
    expect(done.statusCode, done.body).toBe(200);
    const replay = await (await as(ap)).post(`/api/supervision/actions/${action.id}/completion`, { version: action.version }, { 'idempotency-key': 'done-1' });
    expect(replay.statusCode).toBe(200);
    const stale = await (await as(ap)).post(`/api/supervision/actions/${action.id}/completion`, { version: action.version });
    expect(stale.statusCode).toBe(409);
    expect((await (await as(ap)).get('/')).body).not.toContain('Read the falls policy');
  });

  it('the lead sees the team red, amber and green, most overdue first', async () => {
    const page = await (await as(lead)).get('/supervision/team');
    expect(page.statusCode).toBe(200);
    // The rows in the table's order: each person's name and their tag. Everyone else in the team has no
    // session on record (overdue); the assistant practitioner, confirmed above, is in date, so comes last.
    const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(page.body)![1]!;
    const rows = [...tbody.matchAll(/<tr[\s\S]*?<\/tr>/g)].map(([row]) => ({
      name: /<a href="[^"]*">([^<]+)<\/a>/.exec(row)![1]!,
      tag: /<strong class="nhsuk-tag[^"]*">([^<]+)<\/strong>/.exec(row)![1]!,
    }));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.at(-1)).toEqual({ name: 'Alex assistant practitioner', tag: 'In date' });
    expect(rows.slice(0, -1).map((r) => r.tag)).toEqual(rows.slice(0, -1).map(() => 'Overdue'));
    expect((await (await as(therapist)).get('/supervision/team')).statusCode).toBe(403);
  });

  it('the API writes a session with a client’s id once, and refuses a bad one naming the field', async () => {
    const c = await as(therapist);
    const id = uuidv7();
    const body = { id, superviseeId: ap.id, heldOn: '2026-11-23', kind: 'reflective', themes: 'Reflecting on a difficult visit', cases: [], actions: [{ action: 'Book a joint visit', ownerId: therapist.id, dueOn: '2026-12-01' }] };
    const bad = await c.post('/api/supervision/sessions', { ...body, actions: [{ action: 'x', ownerId: lead.id, dueOn: '2026-12-01' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { fields: [{ path: 'actions.0.ownerId' }] } });
    const made = await c.post('/api/supervision/sessions', body, { 'idempotency-key': `s-${id}` });
    expect(made.statusCode, made.body).toBe(201);
    const replay = await c.post('/api/supervision/sessions', body, { 'idempotency-key': `s-${id}` });
    expect(replay.statusCode).toBe(201);
    expect(await t.db.selectFrom('supervision_sessions').select('id').where('id', '=', id).execute()).toHaveLength(1);
    // Only the current supervisor writes one up.
    expect((await (await as(lead)).post('/api/supervision/sessions', { ...body, id: uuidv7() })).statusCode).toBe(403);
  });

  it('a stale confirmation keeps the comment typed, against the session’s version now, and the next Confirm works', async () => {
    const id = uuidv7();
    const made = await (await as(therapist)).post('/api/supervision/sessions', { id, superviseeId: ap.id, heldOn: '2026-11-23', kind: 'reflective', themes: 'A second session', cases: [], actions: [] });
    expect(made.statusCode, made.body).toBe(201);
    const shown = await (await as(ap)).get(`/supervision/sessions/${id}`);
    const version = /name="version" value="(\d+)"/.exec(shown.body)![1]!;
    // Changed elsewhere while the page was open.
    await t.db.updateTable('supervision_sessions').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
    const comment = 'Typed in a stale tab: I asked for a joint visit';
    const stale = await (await as(ap)).form(`/supervision/sessions/${id}/confirm`, { version, comment });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/changed/i);
    expect(stale.body).toContain(comment);
    const now = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
    expect(now).toBe(String(Number(version) + 1));
    const again = await (await as(ap)).form(`/supervision/sessions/${id}/confirm`, { version: now, comment });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(303);
    expect(await t.db.selectFrom('supervision_sessions').select(['status', 'supervisee_comment']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'confirmed', supervisee_comment: comment });
  });

  it('a stale form naming a supervisor keeps the choice, against the arrangement now, and the next Save works', async () => {
    const worker = t.service.a['support-worker'];
    const leadClient = await as(lead);
    const url = `/supervision/people/${worker.id}/supervisor`;
    const shown = await leadClient.get(url);
    const formId = /name="formId" value="([^"]+)"/.exec(shown.body)![1]!;
    const version = /name="version" value="(\d*)"/.exec(shown.body)![1]!;
    expect(version).toBe('');
    // Someone else names the therapist meanwhile.
    const elsewhere = await leadClient.put(`/api/supervision/people/${worker.id}/supervisor`, { supervisorId: therapist.id, startsOn: '2026-11-01', version: null });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    const typed = { supervisorId: lead.id, 'startsOn-day': '20', 'startsOn-month': '11', 'startsOn-year': '2026' };
    const stale = await leadClient.form(url, { ...typed, formId, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/changed/i);
    expect(stale.body).toMatch(new RegExp(`value="${lead.id}"\\s+selected`));
    const now = /name="version" value="(\d*)"/.exec(stale.body)![1]!;
    expect(now).toBe(String(elsewhere.json().arrangement?.version ?? 1));
    const newFormId = /name="formId" value="([^"]+)"/.exec(stale.body)![1]!;
    const again = await leadClient.form(url, { ...typed, formId: newFormId, version: now });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(303);
    const open = await t.db.selectFrom('supervision_arrangements').select('supervisor_id').where('supervisee_id', '=', worker.id).where('ends_on', 'is', null).executeTakeFirstOrThrow();
    expect(open.supervisor_id).toBe(lead.id);
  });
});
