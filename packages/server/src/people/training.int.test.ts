// Mandatory training on a real database (issue 16 #5): the lead keeps the courses and the matrix per
// role, imports an ESR-style CSV (a preview that lists what would change and every row that cannot be
// used, with the reason; nothing changed until confirmed; the same file twice changes nothing), and
// sees the team's red/amber/green compliance with a chart and its table. Each person sees their own
// training; another team's therapist sees none of it; reads of someone else's are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

const count = async (t: TestApp, table: 'training_completions' | 'training_imports') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('mandatory training', () => {
  let t: TestApp;
  let lead: TestClient;
  let therapist: TestClient;
  const courses = {} as Record<'fire' | 'bls' | 'induction', string>;

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
  });
  afterAll(() => t.close());

  it('lets the lead keep the courses and the matrix, and nobody else', async () => {
    const fire = await lead.post('/api/training/courses', { code: 'CSTF-FIRE', name: 'Fire Safety', renewalMonths: 24, roles: ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'] }, { 'idempotency-key': 'course-fire' });
    expect(fire.statusCode, fire.body).toBe(201);
    courses.fire = fire.json().course.id;
    const again = await lead.post('/api/training/courses', { code: 'CSTF-FIRE', name: 'Fire Safety', renewalMonths: 24, roles: ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'] }, { 'idempotency-key': 'course-fire' });
    expect(again.json().course.id).toBe(courses.fire);
    courses.bls = (await lead.post('/api/training/courses', { code: 'CSTF-BLS', name: 'Basic Life Support', renewalMonths: 12, roles: ['assistant-practitioner', 'registered-therapist'] })).json().course.id;
    courses.induction = (await lead.post('/api/training/courses', { code: 'IND', name: 'Corporate Induction', renewalMonths: null, roles: ['registered-therapist'] })).json().course.id;

    const sameCode = await lead.post('/api/training/courses', { code: 'CSTF-FIRE', name: 'Fire again', renewalMonths: 12, roles: [] });
    expect(sameCode.statusCode).toBe(409);
    const badRenewal = await lead.post('/api/training/courses', { code: 'X', name: 'X', renewalMonths: 0, roles: [] });
    expect(badRenewal.statusCode).toBe(400);
    expect(badRenewal.json().error.fields[0].path).toBe('body.renewalMonths');

    const refused = await therapist.post('/api/training/courses', { code: 'MH', name: 'Manual Handling', renewalMonths: 36, roles: [] });
    expect(refused.statusCode).toBe(403);
    const audited = await t.db.selectFrom('audit_events').select(['outcome']).where('staff_id', '=', t.service.a['registered-therapist'].id).where('record_kind', '=', 'training').executeTakeFirst();
    expect(audited?.outcome).toBe('refused');

    const list = (await therapist.get('/api/training/courses')).json().courses;
    expect(list.map((c: { code: string }) => c.code)).toEqual(['CSTF-BLS', 'IND', 'CSTF-FIRE']);

    const stale = await lead.put(`/api/training/courses/${courses.bls}`, { version: 7, name: 'Basic Life Support', renewalMonths: 12, active: true, roles: ['assistant-practitioner', 'registered-therapist'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.code).toBe('CSTF-BLS');
  });

  const a = () => t.service.a;
  const csv = () => [
    'Employee Number,Full Name,Email Address,Competence Name,Achievement Date,Expiry Date',
    `1001,Alex Therapist,${a()['registered-therapist'].email},NHS|CSTF|Fire Safety|,03/03/2026,03/03/2028`,
    `1001,Alex Therapist,${a()['registered-therapist'].email},CSTF-BLS,01-DEC-2025,`,
    `1002,Alex AP,${a()['assistant-practitioner'].email},Basic Life Support,2026-01-10,`,
    `1003,Nobody Known,nobody@test.example,CSTF-FIRE,03/03/2026,`,
    `1002,Alex AP,${a()['assistant-practitioner'].email},CSTF-FIRE,31/02/2026,`,
  ].join('\n');

  it('previews an ESR file: what would change, and each row that cannot be used with the reason; nothing changes yet', async () => {
    const before = await count(t, 'training_completions');
    const form = await lead.form('/training/imports/new', { formId: '0193a0c0-0000-7000-8000-000000000001', fileName: 'esr-november.csv', csv: csv() });
    expect(form.statusCode, form.body.slice(0, 500)).toBe(303);
    const location = form.headers.location as string;
    expect(location).toMatch(/^\/training\/imports\/[0-9a-f-]{36}$/);
    const page = await lead.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 completions will be added');
    expect(page.body).toContain('2 rows cannot be used');
    expect(page.body).toContain('Nobody in your team has the email address nobody@test.example');
    expect(page.body).toContain('“31/02/2026” is not a date');
    expect(await count(t, 'training_completions')).toBe(before);

    // The same form sent twice previews once.
    const twice = await lead.form('/training/imports/new', { formId: '0193a0c0-0000-7000-8000-000000000001', fileName: 'esr-november.csv', csv: csv() });
    expect(twice.headers.location).toBe(location);

    const importId = location.split('/').pop()!;
    const confirmed = await lead.form(`/training/imports/${importId}/confirm`, { version: '1' });
    expect(confirmed.statusCode).toBe(303);
    expect((await lead.get(confirmed.headers.location as string)).body).toContain('3 completions were added');
    expect(await count(t, 'training_completions')).toBe(before + 3);

    // Confirming again (the back button) adds nothing.
    const repeat = await lead.form(`/training/imports/${importId}/confirm`, { version: '1' });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.body).toContain('already confirmed');
    expect(await count(t, 'training_completions')).toBe(before + 3);
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await count(t, 'training_completions');
    const preview = await lead.post('/api/training/imports', { fileName: 'esr-november-again.csv', csv: csv() });
    expect(preview.statusCode, preview.body).toBe(201);
    const imp = preview.json().import;
    expect(imp.summary).toEqual({ add: 0, noChange: 3, problems: 2 });
    expect(imp.sameFileConfirmedAt).not.toBeNull();
    const confirmed = await lead.post(`/api/training/imports/${imp.id}/confirm`, { version: imp.version });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().import.added).toBe(0);
    expect(await count(t, 'training_completions')).toBe(before);
  });

  it('refuses a file with the wrong columns, an enormous one, and a duplicate row is listed', async () => {
    const imports = await count(t, 'training_imports');
    const wrong = await lead.post('/api/training/imports', { fileName: 'wrong.csv', csv: 'Name,Course,Date\nAlex,Fire,03/03/2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toEqual({ path: 'csv', message: expect.stringContaining('missing Email Address, Competence Name') });
    const huge = await lead.post('/api/training/imports', { fileName: 'huge.csv', csv: `Email Address,Competence Name,Achievement Date\n${'x,y,01/01/2026\n'.repeat(15_000)}` });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toMatch(/too large/);
    const page = await lead.form('/training/imports/new', { formId: '0193a0c0-0000-7000-8000-000000000002', csv: 'Name,Course\nA,B' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('The file has the wrong columns');
    expect(await count(t, 'training_imports')).toBe(imports);

    const dup = await lead.post('/api/training/imports', { fileName: 'dup.csv', csv: `Email Address,Competence Name,Achievement Date\n${a()['support-worker'].email},CSTF-FIRE,01/11/2026\n${a()['support-worker'].email},Fire Safety,2026-11-01\n${a()['support-worker'].email},CSTF-FIRE,25/11/2026` });
    expect(dup.json().import.rows.map((r: { outcome: string; problem?: string }) => r.problem ?? r.outcome)).toEqual(['add', 'duplicate', 'future-date']);
    const cancelled = await lead.post(`/api/training/imports/${dup.json().import.id}/cancel`, { version: 1 });
    expect(cancelled.json().import.status).toBe('abandoned');
    expect((await lead.post(`/api/training/imports/${dup.json().import.id}/confirm`, { version: 2 })).statusCode).toBe(409);
  });

  it('shows the team red, amber, green with a chart and its table, for the lead only', async () => {
    const res = await lead.get('/api/training/compliance');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const fire = body.courses.find((c: { courseName: string }) => c.courseName === 'Fire Safety');
    // Four roles need fire safety: the therapist is in date, the others never did it.
    expect(fire).toMatchObject({ inDate: 1, dueSoon: 0, overdue: 3, percent: 25 });
    const bls = body.courses.find((c: { courseName: string }) => c.courseName === 'Basic Life Support');
    // The therapist's (1 December 2025) expires on 1 December 2026: within 28 days of 24 November.
    expect(bls).toMatchObject({ inDate: 1, dueSoon: 1, overdue: 0 });
    const page = await lead.get('/training/team');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Compliance by course');
    expect((await therapist.get('/training/team')).statusCode).toBe(403);
    expect((await therapist.get('/api/training/compliance')).statusCode).toBe(403);
  });

  it("shows each person their own training, their lead theirs (audited), and nobody else's", async () => {
    const own = await therapist.get('/training');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Your training');
    expect(own.body).toContain('Corporate Induction');
    expect(own.body).toContain('Never done');
    const therapistId = a()['registered-therapist'].id;
    const byLead = await lead.get(`/api/training/staff/${therapistId}`);
    expect(byLead.statusCode).toBe(200);
    expect(byLead.json().standing.courses.find((c: { courseName: string }) => c.courseName === 'Basic Life Support')).toMatchObject({ status: 'due-soon', dueOn: '2026-12-01' });
    const audit = await t.db.selectFrom('audit_events').select(['detail']).where('staff_id', '=', a()['clinical-lead'].id).where('record_kind', '=', 'training').where('record_id', '=', therapistId).executeTakeFirst();
    expect(audit).toBeDefined();
    const other = await t.signIn(t.service.otherTeamTherapist);
    expect((await other.get(`/training/staff/${therapistId}`)).statusCode).toBe(403);
    const colleague = await t.signIn(a()['assistant-practitioner']);
    expect((await colleague.get(`/api/training/staff/${therapistId}`)).statusCode).toBe(403);
  });

  it("puts training due on the person's home page", async () => {
    const home = await therapist.get('/');
    expect(home.body).toContain('Corporate Induction: never done');
    expect(home.body).toContain('Basic Life Support');
  });
});
