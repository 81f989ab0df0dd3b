// Staff administration: an administrator adds a registered OT, who signs in; moves her to another
// team; is stopped by a stale version; deactivates her, which signs her out. Nobody else may do any
// of it, bad input writes nothing, the pages follow the NHS.UK patterns, and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { homewardRoles, type HomewardRole } from '@homeward/clinical';
import { bootTestApp, testPassword, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';

type Json = Record<string, unknown>;

function newOt(overrides: Json = {}): Json {
  return {
    givenName: 'Priya',
    familyName: 'Shah',
    email: '  Priya.Shah@Test.Example ',
    profession: 'OT',
    registrationNumber: 'ot 12345',
    band: '6',
    homewardRole: 'registered-therapist',
    teamId: null,
    baseLocation: 'Haywood Hospital',
    password: testPassword,
    ...overrides,
  };
}

/** The account's details as PUT wants them, from what GET returned. */
function detailsOf(account: Json): Json {
  const { id: _i, version: _v, teamName: _tn, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = account;
  return details;
}

const paths = (res: { json(): unknown }) => ((res.json() as { error: { fields?: Array<{ path: string }> } }).error.fields ?? []).map((f) => f.path);

describe('staff administration', () => {
  let t: TestApp;
  let admin: TestClient;
  let ot: TestStaff;
  let otClient: TestClient;
  let staffCountBefore: number;

  const staffCount = async () => Number((await t.db.selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const adminWrites = async () =>
    Number(
      (
        await t.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', 'staff-admin')
          .where('outcome', '=', 'allowed')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const signInStatus = async (email: string, password: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email, password } })).statusCode;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = await t.signIn(t.service.a.administrator);
    staffCountBefore = await staffCount();
  });
  afterAll(() => t.close());

  it('adds a registered OT to a team; she can sign in, and no response carries a password hash', async () => {
    const res = await admin.post('/api/staff', newOt({ teamId: t.service.teamA }));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      email: 'priya.shah@test.example',
      registrationNumber: 'OT12345',
      profession: 'OT',
      homewardRole: 'registered-therapist',
      teamId: t.service.teamA,
      teamName: 'North Staffs Therapies',
      contractedHours: 37.5,
      active: true,
      version: 1,
      createdBy: t.service.a.administrator.id,
    });
    expect(JSON.stringify(created)).not.toMatch(/password|scrypt/i);
    const row = await t.db.selectFrom('staff').select(['password_hash', 'contracted_hours']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(Number(row.contracted_hours)).toBe(37.5);

    ot = { id: created.id, email: created.email, role: 'registered-therapist', teamId: t.service.teamA };
    otClient = await t.signIn(ot);
    expect((await otClient.get('/api/patients?nhsNumber=9434765919')).statusCode).toBe(200);

    const list = await admin.get('/api/staff');
    expect(list.statusCode).toBe(200);
    expect(list.json().staff).toHaveLength(staffCountBefore + 1);
    expect(JSON.stringify(list.json())).not.toMatch(/password|scrypt/i);
    const one = await admin.get(`/api/staff/${created.id}`);
    expect(one.json()).toEqual(created);
    expect((await admin.get(`/api/staff/${uuidv7()}`)).statusCode).toBe(404);
  });

  it('lists the teams for the form', async () => {
    const res = await admin.get('/api/teams');
    expect(res.statusCode).toBe(200);
    expect(res.json().teams.map((x: Json) => x.name)).toEqual(['North Staffs Therapies', 'Stafford Therapies']);
  });

  it('moves her to another team, and answers a stale version with 409 and the current account', async () => {
    const before = (await admin.get(`/api/staff/${ot.id}`)).json();
    const moved = await admin.put(`/api/staff/${ot.id}`, { ...detailsOf(before), teamId: t.service.teamB, version: before.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ teamId: t.service.teamB, teamName: 'Stafford Therapies', version: 2, updatedBy: t.service.a.administrator.id });

    const stale = await admin.put(`/api/staff/${ot.id}`, { ...detailsOf(before), band: '7', version: before.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.current).toMatchObject({ version: 2, teamId: t.service.teamB, band: '6' });
    const row = await t.db.selectFrom('staff').select(['band', 'version']).where('id', '=', ot.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ band: '6', version: 2 });

    const audited = await t.db.selectFrom('audit_events').select(['staff_id', 'record_kind', 'detail']).where('action', '=', 'staff-admin').where('record_id', '=', ot.id).orderBy('seq').execute();
    expect(audited.map((a) => (a.detail as Json).change)).toEqual(['added', 'details']);
    expect(audited[1]).toMatchObject({ staff_id: t.service.a.administrator.id, record_kind: 'staff' });
    expect(audited[1]!.detail).toMatchObject({ fields: ['teamId'], teamId: { from: t.service.teamA, to: t.service.teamB }, version: 2 });
  });

  it('deactivating her ends her session at once and stops her signing in', async () => {
    const current = (await admin.get(`/api/staff/${ot.id}`)).json();
    const res = await admin.put(`/api/staff/${ot.id}`, { ...detailsOf(current), active: false, version: current.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    const next = await otClient.get('/api/patients?nhsNumber=9434765919');
    expect(next.statusCode).toBe(401);
    const open = await t.db.selectFrom('sessions').select('id').where('staff_id', '=', ot.id).where('ended_at', 'is', null).execute();
    expect(open).toHaveLength(0);
    expect(await signInStatus(ot.email, testPassword)).toBe(401);
    const last = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'staff-admin').where('record_id', '=', ot.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last.detail).toMatchObject({ fields: ['active'], active: { from: true, to: false }, sessionsEnded: true });

    // Made active again, she can sign in again.
    const again = await admin.put(`/api/staff/${ot.id}`, { ...detailsOf(res.json()), active: true, version: res.json().version });
    expect(again.statusCode).toBe(200);
    expect(await signInStatus(ot.email, testPassword)).toBe(201);
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const staffBefore = await staffCount();
    const writesBefore = await adminWrites();

    const duplicate = await admin.post('/api/staff', newOt({ email: 'A.Support-Worker@TEST.example', teamId: t.service.teamA }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('duplicate');
    expect(paths(duplicate)).toEqual(['email']);

    const noRegistration = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example', registrationNumber: null, teamId: t.service.teamA }));
    expect(noRegistration.statusCode).toBe(400);
    expect(paths(noRegistration)).toEqual(['registrationNumber']);

    const badRegistration = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example', registrationNumber: '12345', teamId: t.service.teamA }));
    expect(badRegistration.statusCode).toBe(400);
    expect(paths(badRegistration)).toEqual(['registrationNumber']);

    const unknownRole = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example', homewardRole: 'superuser', teamId: t.service.teamA }));
    expect(unknownRole.statusCode).toBe(400);
    expect(paths(unknownRole)).toEqual(['body.homewardRole']);

    const shortPassword = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example', password: 'short', teamId: t.service.teamA }));
    expect(shortPassword.statusCode).toBe(400);
    expect(paths(shortPassword)).toEqual(['password']);
    expect(shortPassword.json().error.fields[0].message).toBe('Password must be 12 characters or more');

    const unknownField = await admin.post('/api/staff', { ...newOt({ email: 'new.ot@test.example', teamId: t.service.teamA }), isSuperuser: true });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.fields.some((f: { message: string }) => /isSuperuser/.test(f.message))).toBe(true);

    const noTeam = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example' }));
    expect(noTeam.statusCode).toBe(400);
    expect(paths(noTeam)).toEqual(['teamId']);

    const unknownTeam = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example', teamId: uuidv7() }));
    expect(unknownTeam.statusCode).toBe(400);
    expect(paths(unknownTeam)).toEqual(['teamId']);

    const hours = await admin.post('/api/staff', newOt({ email: 'new.ot@test.example', teamId: t.service.teamA, contractedHours: 61 }));
    expect(hours.statusCode).toBe(400);
    expect(paths(hours)).toEqual(['body.contractedHours']);

    // Changing someone else's email to one already taken is refused too.
    const current = (await admin.get(`/api/staff/${ot.id}`)).json();
    const taken = await admin.put(`/api/staff/${ot.id}`, { ...detailsOf(current), email: t.service.a['clinical-lead'].email, version: current.version });
    expect(taken.statusCode).toBe(409);
    expect(paths(taken)).toEqual(['email']);

    expect(await staffCount()).toBe(staffBefore);
    expect(await adminWrites()).toBe(writesBefore);
    expect((await admin.get(`/api/staff/${ot.id}`)).json().version).toBe(current.version);
  });

  it('does not let an administrator lock themselves out', async () => {
    const me = (await admin.get(`/api/staff/${t.service.a.administrator.id}`)).json();
    const res = await admin.put(`/api/staff/${me.id}`, { ...detailsOf(me), active: false, homewardRole: 'privacy-officer', version: me.version });
    expect(res.statusCode).toBe(400);
    expect(paths(res).sort()).toEqual(['active', 'homewardRole']);
    expect((await admin.get('/api/staff')).statusCode).toBe(200);
  });

  it('replays an idempotent add without adding the person twice', async () => {
    const key = uuidv7();
    const body = newOt({ email: 'sam.physio@test.example', profession: 'PT', registrationNumber: 'PH54321', teamId: t.service.teamB, contractedHours: 22.5 });
    const one = await admin.post('/api/staff', body, { 'idempotency-key': key });
    const two = await admin.post('/api/staff', body, { 'idempotency-key': key });
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(201);
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(two.json().id).toBe(one.json().id);
    expect(one.json().contractedHours).toBe(22.5);
    expect(await t.db.selectFrom('staff').select('id').where('email', '=', 'sam.physio@test.example').execute()).toHaveLength(1);
    const stored = await t.db.selectFrom('idempotency_keys').select('response').where('key', '=', key).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.response)).not.toMatch(/password|scrypt/i);
  });

  it('sets a new password: the old one stops working and her sessions end', async () => {
    const client = await t.signIn(ot);
    const bad = await admin.put(`/api/staff/${ot.id}/password`, { password: 'too-short' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['password']);
    const res = await admin.put(`/api/staff/${ot.id}/password`, { password: 'a-brand-new-long-password' });
    expect(res.statusCode).toBe(204);
    expect((await client.get('/api/patients?nhsNumber=9434765919')).statusCode).toBe(401);
    expect(await signInStatus(ot.email, testPassword)).toBe(401);
    expect(await signInStatus(ot.email, 'a-brand-new-long-password')).toBe(201);
    const last = await t.db.selectFrom('audit_events').select('detail').where('action', '=', 'staff-admin').where('record_id', '=', ot.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last.detail).toMatchObject({ change: 'password', sessionsEnded: true });
    expect(JSON.stringify(last.detail)).not.toContain('a-brand-new-long-password');
  });

  it('refuses every other role, on the API and the pages, and audits each refusal', async () => {
    const others = (Object.keys(t.service.a) as HomewardRole[]).filter((r) => r !== 'administrator');
    expect(others).toHaveLength(homewardRoles.length - 1);
    expect(others).toContain('student');
    const staffBefore = await staffCount();
    for (const role of others) {
      const client = await t.signIn(t.service.a[role]);
      const list = await client.get('/api/staff');
      expect(list.statusCode, role).toBe(403);
      expect(list.json().error.code).toBe('forbidden');
      const add = await client.post('/api/staff', newOt({ email: `by.${role}@test.example`, teamId: t.service.teamA }));
      expect(add.statusCode, role).toBe(403);
      // Refused before the body is read: a bad body tells them nothing either.
      expect((await client.post('/api/staff', { nonsense: true })).statusCode, role).toBe(403);
      expect((await client.put(`/api/staff/${ot.id}`, { version: 1 })).statusCode, role).toBe(403);
      expect((await client.get('/api/teams')).statusCode, role).toBe(403);
      const page = await client.get('/staff');
      expect(page.statusCode, role).toBe(403);
      expect(page.body).toContain('You cannot open this page');
      expect((await client.form('/staff/new', { givenName: 'X' })).statusCode, role).toBe(403);
      const refusals = await t.db.selectFrom('audit_events').select(['outcome', 'record_kind', 'staff_role']).where('action', '=', 'staff-admin').where('staff_id', '=', t.service.a[role].id).execute();
      expect(refusals, role).toHaveLength(7);
      expect(refusals.every((r) => r.outcome === 'refused' && r.record_kind === 'staff' && r.staff_role === role)).toBe(true);
    }
    expect(await staffCount()).toBe(staffBefore);
    expect((await t.app.inject({ method: 'GET', url: '/api/staff' })).statusCode).toBe(401);
  });

  it('never shows the administrator patient data', async () => {
    expect((await admin.get('/api/patients?nhsNumber=9434765919')).statusCode).toBe(403);
  });

  it('describes the staff API in the OpenAPI document', async () => {
    const doc = (await admin.get('/api/openapi.json')).json();
    expect(doc.paths['/api/staff'].post.tags).toEqual(['staff']);
    expect(doc.paths['/api/staff/{id}'].put.responses).toHaveProperty('409');
    expect(doc.paths['/api/teams'].get.tags).toEqual(['staff']);
    expect(JSON.stringify(doc.paths['/api/staff'].get.responses['200'])).not.toMatch(/password/i);
  });

  describe('pages', () => {
    const validForm = (overrides: Record<string, string> = {}) => ({
      formId: uuidv7(),
      givenName: 'Jo',
      familyName: 'Mellor',
      email: 'jo.mellor@test.example',
      homewardRole: 'support-worker',
      teamId: t.service.teamA,
      profession: 'none',
      registrationNumber: '',
      band: '3',
      baseLocation: '',
      contractedHours: '30',
      password: 'jo-first-password-1',
      ...overrides,
    });

    it('lists staff by team with role, band and status, and links onward', async () => {
      const res = await admin.get('/staff');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Staff accounts</h1>');
      expect(res.body).toContain('href="/staff/new"');
      const teamA = res.body.indexOf('North Staffs Therapies');
      const teamB = res.body.indexOf('Stafford Therapies');
      expect(teamA).toBeGreaterThan(-1);
      expect(teamB).toBeGreaterThan(teamA);
      expect(res.body).toContain('Registered therapist');
      expect(res.body).toContain('Band 6');
      expect(res.body).toContain('Active');
      expect(res.body).toContain(`href="/staff/${ot.id}/edit"`);
      expect(res.body).toContain('Staff in North Staffs Therapies');
    });

    it('shows the error summary and keeps what was typed, but not the password', async () => {
      expect((await admin.get('/staff/new')).body).toContain('name="password"');
      const staffBefore = await staffCount();
      const res = await admin.form('/staff/new', validForm({ profession: 'OT', registrationNumber: '', homewardRole: 'registered-therapist', email: 'not-an-email', password: 'short-pass', contractedHours: 'lots' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain('href="#email"');
      expect(res.body).toContain('href="#registrationNumber"');
      expect(res.body).toContain('href="#contractedHours"');
      expect(res.body).toContain('href="#password"');
      expect(res.body).toContain('Enter the HCPC registration number, like OT12345');
      expect(res.body).toContain('value="Mellor"');
      expect(res.body).toContain('value="not-an-email"');
      expect(res.body).toContain('value="lots"');
      expect(res.body).toMatch(/value="registered-therapist"\s+checked/);
      expect(res.body).not.toContain('short-pass');
      expect(res.body).toContain('<title>Error: Add a staff member');
      expect(await staffCount()).toBe(staffBefore);
    });

    it('shows a duplicate email beside the field', async () => {
      const res = await admin.form('/staff/new', validForm({ email: t.service.a['support-worker'].email.toUpperCase() }));
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('There is a problem');
      expect(res.body).toContain('There is already a staff account with the email address');
    });

    it('adds a support worker, confirms it, and a second press of the button adds no one else', async () => {
      const fields = validForm();
      const res = await admin.form('/staff/new', fields);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/staff/${fields.formId}?created=1`);
      const again = await admin.form('/staff/new', fields);
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe(res.headers.location);
      expect(await t.db.selectFrom('staff').select('id').where('email', '=', 'jo.mellor@test.example').execute()).toHaveLength(1);
      const page = await admin.get(res.headers.location as string);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('nhsuk-notification-banner--success');
      expect(page.body).toContain('Jo Mellor has been added');
      expect(page.body).toContain('Therapy support worker');
      expect(page.body).toContain('North Staffs Therapies');
      expect(page.body).toContain(`href="/staff/${fields.formId}/password"`);
      expect(await signInStatus('jo.mellor@test.example', 'jo-first-password-1')).toBe(201);
    });

    it('changes details on the form, and shows someone else’s change instead of overwriting it', async () => {
      const jo = (await admin.get('/api/staff')).json().staff.find((s: Json) => s.email === 'jo.mellor@test.example');
      const edit = await admin.get(`/staff/${jo.id}/edit`);
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain(`name="version" value="${jo.version}"`);
      expect(edit.body).toContain('value="Jo"');
      const { formId: _f, password: _p, ...fields } = validForm();
      const saved = await admin.form(`/staff/${jo.id}/edit`, { ...fields, version: String(jo.version), active: 'yes', teamId: t.service.teamB });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(`/staff/${jo.id}?saved=1`);
      expect((await admin.get(`/api/staff/${jo.id}`)).json()).toMatchObject({ teamId: t.service.teamB, version: jo.version + 1 });

      // Another administrator's form, opened before that save, now tries to change the band.
      const stale = await admin.form(`/staff/${jo.id}/edit`, { ...fields, version: String(jo.version), active: 'yes', band: '4' });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('There is a problem');
      expect(stale.body).toContain('Someone else changed these details while you were editing');
      expect(stale.body).toContain(`name="version" value="${jo.version + 1}"`);
      expect(stale.body).toMatch(new RegExp(`value="${t.service.teamB}"\\s+selected`));
      expect((await admin.get(`/api/staff/${jo.id}`)).json().band).toBe('3');

      const invalid = await admin.form(`/staff/${jo.id}/edit`, { ...fields, version: String(jo.version + 1), active: 'yes', givenName: '' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toContain('Enter the given name');
      expect(invalid.body).toContain('value="Mellor"');
    });

    it('deactivates on the form, which signs the person out', async () => {
      const jo = (await admin.get('/api/staff')).json().staff.find((s: Json) => s.email === 'jo.mellor@test.example');
      // Jo has her own password, not the harness's, so she signs in directly.
      const signIn = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: jo.email, password: 'jo-first-password-1' } });
      const cookie = `hw_session=${signIn.cookies.find((c) => c.name === 'hw_session')!.value}`;
      expect((await t.app.inject({ method: 'GET', url: '/api/patients?nhsNumber=9434765919', headers: { cookie } })).statusCode).toBe(200);

      const { formId: _f, password: _p, ...fields } = validForm();
      const res = await admin.form(`/staff/${jo.id}/edit`, { ...fields, teamId: jo.teamId, version: String(jo.version), active: 'no' });
      expect(res.statusCode).toBe(303);
      expect((await t.app.inject({ method: 'GET', url: '/api/patients?nhsNumber=9434765919', headers: { cookie } })).statusCode).toBe(401);
      const list = await admin.get('/staff');
      expect(list.body).toContain('Inactive');
    });

    it('sets a new password on the page', async () => {
      const page = await admin.get(`/staff/${ot.id}/password`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('autocomplete="new-password"');
      const short = await admin.form(`/staff/${ot.id}/password`, { password: 'short' });
      expect(short.statusCode).toBe(400);
      expect(short.body).toContain('There is a problem');
      expect(short.body).toContain('Password must be 12 characters or more');
      const res = await admin.form(`/staff/${ot.id}/password`, { password: 'priya-page-password' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/staff/${ot.id}?password=1`);
      expect((await admin.get(res.headers.location as string)).body).toContain('A new password has been set for Priya Shah');
      expect(await signInStatus(ot.email, 'priya-page-password')).toBe(201);
    });
  });

  it('audits every change by name, never the password', async () => {
    const rows = await t.db.selectFrom('audit_events').select(['record_id', 'detail', 'staff_id']).where('action', '=', 'staff-admin').where('outcome', '=', 'allowed').orderBy('seq').execute();
    const forOt = rows.filter((r) => r.record_id === ot.id).map((r) => (r.detail as Json).change);
    expect(forOt).toEqual(['added', 'details', 'details', 'details', 'password', 'password']);
    expect(rows.every((r) => r.staff_id === t.service.a.administrator.id)).toBe(true);
    const text = JSON.stringify(rows.map((r) => r.detail));
    for (const secret of [testPassword, 'a-brand-new-long-password', 'jo-first-password-1', 'priya-page-password', 'scrypt$']) expect(text).not.toContain(secret);
    const added = rows.find((r) => r.record_id === ot.id)!.detail as Json;
    expect(added.fields).toEqual(expect.arrayContaining(['givenName', 'email', 'registrationNumber', 'homewardRole', 'teamId']));
    expect(added.fields).not.toContain('password');
  });
});
