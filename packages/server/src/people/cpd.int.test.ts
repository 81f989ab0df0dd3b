// A personal CPD log (issue 16 #3) on a real database: an assistant practitioner logs activities through
// the API (Idempotency-Key) and the page (form id), is refused bad input with the field and nothing
// written, changes an entry (version-checked), and downloads the CPD profile HCPC asks for. The log is
// personal: their supervisor and their team's clinical lead see it (each read audited); a colleague,
// another team and an administrator are refused (audited); nobody else writes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { pdfText } from '../../test/pdf-text.ts';

describe('a personal CPD log and its HCPC profile', () => {
  let t: TestApp;
  let owner: TestClient;
  let lead: TestClient;
  let supervisor: TestClient;
  let colleague: TestClient;
  let outsider: TestClient;
  let admin: TestClient;
  let ownerId: string;
  let entryId: string;

  const falls = {
    activity: 'Falls prevention study day',
    doneOn: '2026-10-14',
    hours: 6.5,
    kind: 'formal',
    learned: 'The FRAT and how to use it on a first visit',
    practiceChange: 'I now screen every new patient for falls risk on the first visit',
    reflection: 'I was not asking about night-time toileting; now I do',
    hcpcStandards: [1, 3, 4],
  };
  const entries = async () => t.db.selectFrom('cpd_entries').selectAll().where('staff_id', '=', ownerId).execute();
  // In the order written (seq): the tests compare the last few, and a query without an order has none.
  const cpdAudit = (outcome: 'allowed' | 'refused') => t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'cpd-log').where('outcome', '=', outcome).orderBy('seq').execute();

  beforeAll(async () => {
    t = await bootTestApp();
    const a = t.service.a;
    ownerId = a['assistant-practitioner'].id;
    owner = await t.signIn(a['assistant-practitioner']);
    lead = await t.signIn(a['clinical-lead']);
    supervisor = await t.signIn(a['registered-therapist']);
    colleague = await t.signIn(a['support-worker']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    admin = await t.signIn(a.administrator);
    // Who supervises whom is the supervision part's to write; here the arrangement is simply there.
    const now = t.clock.now();
    await t.db.insertInto('supervision_arrangements').values({ id: uuidv7(), supervisee_id: ownerId, supervisor_id: a['registered-therapist'].id, starts_on: '2026-01-01', created_at: now, created_by: a['clinical-lead'].id, updated_at: now, updated_by: a['clinical-lead'].id }).execute();
  });
  afterAll(async () => t?.close());

  it('logs an activity through the API once, however often it is sent with the same Idempotency-Key', async () => {
    // An empty log is due on the home page, for those who keep one (not a support worker).
    expect((await owner.get('/')).body).toContain('Your CPD log is empty');
    expect((await colleague.get('/')).body).not.toContain('Your CPD log');
    const headers = { 'idempotency-key': 'cpd-falls-1' };
    const first = await owner.post(`/api/staff/${ownerId}/cpd`, falls, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ ...falls, staffId: ownerId, kindLabel: 'Formal or educational', version: 1 });
    const again = await owner.post(`/api/staff/${ownerId}/cpd`, falls, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await entries()).toHaveLength(1);
    entryId = first.json().id;
  });

  it('refuses bad input with the field that is wrong, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ doneOn: '2026-11-25' }, 'doneOn'],
      [{ doneOn: '2021-01-01' }, 'doneOn'],
      [{ hours: 1.1 }, 'hours'],
      [{ hours: 0 }, 'hours'],
      [{ hcpcStandards: [6] }, 'hcpcStandards'],
      [{ hcpcStandards: [2, 2] }, 'hcpcStandards'],
      [{ kind: 'webinar' }, 'body.kind'],
      [{ activity: '   ' }, 'body.activity'],
      [{ doneOn: '14/10/2026' }, 'body.doneOn'],
    ];
    for (const [change, path] of cases) {
      const res = await owner.post(`/api/staff/${ownerId}/cpd`, { ...falls, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const page = await owner.form('/cpd/new', { formId: uuidv7(), activity: 'Reading', 'doneOn-day': '30', 'doneOn-month': '11', 'doneOn-year': '2026', hours: 'two', kind: 'self-directed' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nhsuk-error-summary');
    expect(page.body).toContain('The date of the activity must be today or in the past');
    expect(page.body).toContain('Enter the hours as a number, like 1.5');
    expect(await entries()).toHaveLength(1);
  });

  it('logs an activity from the page once, however often the form is sent', async () => {
    const formId = uuidv7();
    const fields = { formId, activity: 'Reading: NICE guideline on stroke rehabilitation', 'doneOn-day': '3', 'doneOn-month': '11', 'doneOn-year': '2026', hours: '2.25', kind: 'self-directed', learned: 'Intensity of therapy matters', practiceChange: 'I plan more frequent short sessions', hcpcStandards: ['2', '4'] };
    const first = await owner.form('/cpd/new', fields);
    expect(first.statusCode, first.body.slice(0, 400)).toBe(303);
    const again = await owner.form('/cpd/new', fields);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await entries()).toHaveLength(2);
    const shown = await owner.get(first.headers.location as string);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('CPD activity added to your log');
    expect(shown.body).toContain('Intensity of therapy matters');
    expect(shown.body).toContain('Standard 4: Seek to ensure that their CPD benefits the service user');
  });

  it('changes an entry only from the version read: a stale change is a 409 with the entry as it is', async () => {
    const changed = await owner.put(`/api/cpd/${entryId}`, { ...falls, reflection: 'And I ask about footwear', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, reflection: 'And I ask about footwear' });
    const stale = await owner.put(`/api/cpd/${entryId}`, { ...falls, reflection: 'Overwritten', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ version: 2, reflection: 'And I ask about footwear' });
    const page = await owner.form(`/cpd/${entryId}/change`, { activity: falls.activity, 'doneOn-day': '14', 'doneOn-month': '10', 'doneOn-year': '2026', hours: '7', kind: 'formal', version: '2', hcpcStandards: ['1', '3', '4'], learned: falls.learned, practiceChange: falls.practiceChange, reflection: 'And footwear' });
    expect(page.statusCode, page.body.slice(0, 300)).toBe(303);
    // The page's change is what was kept, not only a new version number.
    expect((await t.db.selectFrom('cpd_entries').select('version').where('id', '=', entryId).executeTakeFirstOrThrow())).toMatchObject({ version: 3 });
    const kept = await owner.get(`/api/cpd/${entryId}`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ version: 3, reflection: 'And footwear', hours: 7, kind: 'formal', doneOn: '2026-10-14' });
  });

  it('a stale change form keeps what was typed, against the version now, and the next Save works', async () => {
    const shown = await owner.get(`/cpd/${entryId}/change`);
    const version = /name="version" value="(\d+)"/.exec(shown.body)![1]!;
    // Changed in another tab meanwhile.
    const elsewhere = await owner.put(`/api/cpd/${entryId}`, { ...falls, reflection: 'Changed in another tab', version: Number(version) });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    const typed = { activity: falls.activity, 'doneOn-day': '14', 'doneOn-month': '10', 'doneOn-year': '2026', hours: '7', kind: 'formal', hcpcStandards: ['1', '3', '4'], learned: falls.learned, practiceChange: falls.practiceChange, reflection: 'Typed in the stale tab, never to be lost' };
    const stale = await owner.form(`/cpd/${entryId}/change`, { ...typed, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this record');
    expect(stale.body).toContain('Typed in the stale tab, never to be lost');
    expect(stale.body).toContain(`name="version" value="${Number(version) + 1}"`);
    const again = await owner.form(`/cpd/${entryId}/change`, { ...typed, version: String(Number(version) + 1) });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(303);
    expect(await t.db.selectFrom('cpd_entries').select(['reflection']).where('id', '=', entryId).executeTakeFirstOrThrow()).toEqual({ reflection: 'Typed in the stale tab, never to be lost' });
  });

  it('is seen by its owner, their supervisor and their team lead (each read of another’s log audited), and by nobody else', async () => {
    const before = (await cpdAudit('allowed')).filter((e) => (e.detail as { what?: string }).what !== undefined).length;
    const own = await owner.get(`/api/staff/${ownerId}/cpd`);
    expect(own.statusCode).toBe(200);
    expect(own.json().entries).toHaveLength(2);
    expect(own.json().profile).toMatchObject({ from: '2024-11-24', to: '2026-11-24', totalHours: 9.25 });
    expect((await lead.get(`/api/staff/${ownerId}/cpd`)).statusCode).toBe(200);
    expect((await supervisor.get(`/api/staff/${ownerId}/cpd`)).statusCode).toBe(200);
    expect((await supervisor.get(`/api/cpd/${entryId}`)).statusCode).toBe(200);
    const reads = (await cpdAudit('allowed')).filter((e) => (e.detail as { what?: string }).what !== undefined);
    expect(reads.length - before).toBe(3);
    expect(reads.slice(-3).map((e) => [e.staff_id, (e.detail as { basis: string }).basis])).toEqual([
      [t.service.a['clinical-lead'].id, 'team-lead'],
      [t.service.a['registered-therapist'].id, 'supervisor'],
      [t.service.a['registered-therapist'].id, 'supervisor'],
    ]);

    for (const who of [colleague, outsider, admin]) {
      expect((await who.get(`/api/staff/${ownerId}/cpd`)).statusCode).toBe(403);
      expect((await who.get(`/api/cpd/${entryId}`)).statusCode).toBe(403);
      expect((await who.get(`/staff/${ownerId}/cpd`)).statusCode).toBe(403);
    }
    const refused = await cpdAudit('refused');
    expect(refused.filter((e) => e.staff_id === t.service.a['support-worker'].id).map((e) => (e.detail as { rule: string }).rule)).toContain('not-their-supervisor');
    // Only the owner writes it: not even the lead or the supervisor.
    const byLead = await lead.put(`/api/cpd/${entryId}`, { ...falls, version: 3 });
    expect(byLead.statusCode).toBe(403);
    expect((await supervisor.post(`/api/staff/${ownerId}/cpd`, falls)).statusCode).toBe(403);
    expect(await entries()).toHaveLength(2);
  });

  it('makes the CPD profile HCPC asks for as a PDF: summary of practice, the activities, the standards with their evidence', async () => {
    const page = await owner.get(`/staff/${ownerId}/cpd/profile`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hours by type of activity');
    const pdf = await owner.form(`/staff/${ownerId}/cpd/profile`, { summaryOfPractice: 'I am an assistant practitioner in a community rehabilitation team.' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    for (const words of ['CPD profile: Alex assistant practitioner', 'Summary of practice', 'I am an assistant practitioner in a community rehabilitation team.', 'Summary of CPD activities', '14 October 2026: Falls prevention study day', 'Statement of how I have met the standards', 'Standard 4: Seek to ensure that their CPD benefits the service user', 'I now screen every new patient for falls risk on the first visit', 'This profile is my own work']) {
      expect(text).toContain(words);
    }
    const byLead = await lead.form(`/staff/${ownerId}/cpd/profile`, {});
    expect(byLead.statusCode).toBe(200);
    const exported = (await cpdAudit('allowed')).filter((e) => e.action === 'export');
    expect(exported.map((e) => e.staff_id)).toEqual([t.service.a['clinical-lead'].id]);
  });

  it('shows the team’s CPD to its lead, not to a therapist', async () => {
    const team = await lead.get('/cpd/team');
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain('Alex assistant practitioner');
    // A chart to read at a glance, named for screen readers, beside the table that carries every figure.
    expect(team.body).toContain('role="img" aria-label="CPD hours in the last two years, by person: most Alex assistant practitioner with 9.25 hours');
    expect((await supervisor.get('/cpd/team')).statusCode).toBe(403);
    const mine = await owner.get('/cpd');
    expect(mine.statusCode).toBe(303);
    expect(mine.headers.location).toBe(`/staff/${ownerId}/cpd`);
    expect((await owner.get(`/staff/${ownerId}/cpd`)).body).toContain('Falls prevention study day');
    // The latest activity (3 November) keeps the log in date until February: nothing due.
    expect((await owner.get('/')).body).not.toContain('Your CPD log is empty');
    expect((await owner.get('/')).body).not.toContain('Your last CPD activity');
    t.clock.set(new Date('2027-01-20T09:00:00Z'));
    const later = await t.signIn(t.service.a['assistant-practitioner']);
    expect((await later.get('/')).body).toContain('Your last CPD activity was on 3 November 2026: log one at least every 90 days');
  });
});
