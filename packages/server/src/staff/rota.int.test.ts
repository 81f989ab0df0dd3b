// The rota story (issue 13 #1): the clinical lead sets the therapist's working week and books her
// Christmas leave; a second lead's stale edit is refused with the pattern as it stands; leave that
// overlaps is refused in words that name the leave already there; a support worker may look at the
// week but not change it; the support worker covers the Boxing Day bank holiday; someone is on call.
// What the planner reads (readRotaForDates) says all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { readOnCall, readRotaForDates } from './public.ts';

let t: TestApp;
let lead: TestClient;
let manager: TestClient;
let therapist: TestClient;
let supportWorker: TestClient;
let admin: TestClient;
let otherTeam: TestClient;

beforeAll(async () => {
  t = await bootTestApp();
  lead = await t.signIn(t.service.a['clinical-lead']);
  manager = await t.signIn(t.service.a['service-manager']);
  therapist = await t.signIn(t.service.a['registered-therapist']);
  supportWorker = await t.signIn(t.service.a['support-worker']);
  admin = await t.signIn(t.service.a.administrator);
  otherTeam = await t.signIn(t.service.otherTeamTherapist);
});
afterAll(() => t?.close());

const weekdays = (start = '08:30', end = '16:30') => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end, breakMinutes: 30 }));
const pattern = (o: Record<string, unknown> = {}) => ({ week: weekdays(), startsFrom: 'base', carDriver: true, workPhone: '07700 900123', carDescription: 'Blue Fiesta', ...o });
const patternForm = (o: Record<string, string> = {}) => {
  const fields: Record<string, string> = { startsFrom: 'base', carDriver: 'yes', workPhone: '07700 900123', carDescription: 'Blue Fiesta' };
  for (const d of [1, 2, 3, 4, 5]) Object.assign(fields, { [`day-${d}-works`]: 'yes', [`day-${d}-start`]: '08:30', [`day-${d}-end`]: '16:30', [`day-${d}-break`]: '30' });
  return { ...fields, ...o };
};
const formIdOn = (html: string) => /name="formId" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? '';
const refusals = async (staffId: string) =>
  t.db.selectFrom('audit_events').select(['record_kind', 'detail']).where('staff_id', '=', staffId).where('outcome', '=', 'refused').where('action', '=', 'staff-admin').execute();

describe('the rota, from the lead’s pages and the API to what the planner reads', () => {
  const therapistId = () => t.service.a['registered-therapist'].id;
  const workerId = () => t.service.a['support-worker'].id;

  it('the lead sets a working pattern; a stale edit gets 409 with the pattern as it is', async () => {
    const first = await lead.put(`/api/rota/staff/${therapistId()}/pattern`, pattern());
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, startsFrom: 'base', carDriver: true, workPhone: '07700900123', week: weekdays() });

    // Making it a second time without a version: someone made it already.
    const again = await manager.put(`/api/rota/staff/${therapistId()}/pattern`, pattern());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.current).toMatchObject({ version: 1 });

    // The lead's page: Wednesday becomes a short day.
    const page = await lead.get(`/rota/staff/${therapistId()}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Save the working pattern');
    const saved = await lead.form(`/rota/staff/${therapistId()}`, patternForm({ version: '1', 'day-3-end': '13:00', 'day-3-break': '0' }));
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/rota/staff/${therapistId()}?done=saved`);
    const savedPage = (await lead.get(saved.headers.location as string)).body;
    expect(savedPage).toContain('Working pattern saved');
    // Four days of 7.5 hours and Wednesday's 4.5, beside what the contract says.
    expect(savedPage).toMatch(/The usual week below is 34.5 hours of work, breaks taken off; Alex registered therapist is contracted for [\d.]+ hours a week/);

    // The service manager had read version 1: refused, the current pattern sent back, nothing changed.
    const stale = await manager.put(`/api/rota/staff/${therapistId()}/pattern`, pattern({ version: 1, carDriver: false }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ version: 2, carDriver: true, week: expect.arrayContaining([{ weekday: 3, start: '09:00', end: '13:00', breakMinutes: 0 }].map(() => expect.objectContaining({ weekday: 3, end: '13:00' }))) });
    const stalePage = await manager.form(`/rota/staff/${therapistId()}`, patternForm({ version: '1', carDriver: 'no' }));
    expect(stalePage.statusCode).toBe(409);
    expect(stalePage.body).toContain('Someone else changed this working pattern after you opened it');
    expect(stalePage.body).toMatch(/name="day-3-end"[^>]*value="13:00"/);
    const row = await t.db.selectFrom('rota_patterns').select(['version', 'car_driver']).where('staff_id', '=', therapistId()).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, car_driver: true });

    const audited = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'detail']).where('record_kind', '=', 'rota-pattern').where('outcome', '=', 'allowed').orderBy('seq').execute();
    expect(audited.map((a) => (a.detail as { change: string }).change)).toEqual(['made', 'changed']);
    expect(audited.every((a) => a.action === 'staff-admin')).toBe(true);
  });

  it('refuses a shift that ends before it starts, and times that are not times, in specific words', async () => {
    const res = await lead.put(`/api/rota/staff/${workerId()}/pattern`, pattern({ week: [{ weekday: 2, start: '16:30', end: '08:30', breakMinutes: 30 }, { weekday: 4, start: '8am', end: '16:00', breakMinutes: 0 }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'week.2.end', message: 'Tuesday’s shift ends at 08:30, before it starts at 16:30: the end must be after the start' },
      { path: 'week.4.start', message: 'Enter Thursday’s start time as hours and minutes on the 24-hour clock, like 08:30' },
    ]);
    const page = await lead.form(`/rota/staff/${workerId()}`, patternForm({ 'day-2-start': '16:30', 'day-2-end': '08:30' }));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#day-2-end"');
    expect(page.body).toContain('Tuesday’s shift ends at 08:30, before it starts at 16:30');
    expect(await t.db.selectFrom('rota_patterns').select('id').where('staff_id', '=', workerId()).executeTakeFirst()).toBeUndefined();
    // Then the support worker's week as it should be (from the page, with "9:00" typed loosely).
    const ok = await lead.form(`/rota/staff/${workerId()}`, patternForm({ 'day-1-start': '9.00', 'day-1-end': '15:00', carDriver: 'no' }));
    expect(ok.statusCode, ok.body).toBe(303);
  });

  it('books leave once (Idempotency-Key), refuses overlapping leave with the message, and cancels it stamped', async () => {
    const leave = { kind: 'annual-leave', startsOn: '2026-12-21', endsOn: '2026-12-23', note: 'Christmas' };
    const headers = { 'idempotency-key': 'leave-xmas-1' };
    const made = await lead.post(`/api/rota/staff/${therapistId()}/exceptions`, leave, headers);
    expect(made.statusCode, made.body).toBe(201);
    const repeat = await lead.post(`/api/rota/staff/${therapistId()}/exceptions`, leave, headers);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.json().id).toBe(made.json().id);

    const overlap = await lead.post(`/api/rota/staff/${therapistId()}/exceptions`, { kind: 'sickness', startsOn: '2026-12-23', endsOn: '2026-12-24' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.fields).toEqual([
      { path: 'startsOn', message: 'This overlaps annual leave already on the rota from 21 December 2026 to 23 December 2026: change or cancel that leave or absence first' },
    ]);
    // The same through the page, which says it in the error summary.
    const form = await lead.get(`/rota/staff/${therapistId()}/exceptions/new`);
    expect(form.statusCode).toBe(200);
    const page = await lead.form(`/rota/staff/${therapistId()}/exceptions/new`, {
      formId: formIdOn(form.body), kind: 'training', 'startsOn-day': '22', 'startsOn-month': '12', 'startsOn-year': '2026', 'endsOn-day': '22', 'endsOn-month': '12', 'endsOn-year': '2026', startTime: '09:00', endTime: '12:00',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('This overlaps annual leave already on the rota from 21 December 2026 to 23 December 2026');
    // An exception ending before it starts.
    const backwards = await lead.post(`/api/rota/staff/${therapistId()}/exceptions`, { kind: 'training', startsOn: '2026-12-10', endsOn: '2026-12-09' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual([{ path: 'endsOn', message: 'The last day (9 December 2026) must be the same as or after the first day (10 December 2026)' }]);
    // An extra shift without times.
    const noTimes = await lead.post(`/api/rota/staff/${workerId()}/exceptions`, { kind: 'extra-shift', startsOn: '2026-12-26', endsOn: '2026-12-26' });
    expect(noTimes.statusCode).toBe(400);
    expect(noTimes.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['startTime', 'endTime']);
    expect(await t.db.selectFrom('rota_exceptions').select('id').execute()).toHaveLength(1);

    // Training on the 18th, then cancelled: kept, stamped; a second (stale) cancel is a 409.
    const training = await lead.post(`/api/rota/staff/${therapistId()}/exceptions`, { kind: 'training', startsOn: '2026-12-18', endsOn: '2026-12-18' });
    expect(training.statusCode, training.body).toBe(201);
    const cancelled = await lead.post(`/api/rota/exceptions/${training.json().id}/cancel`, { version: 1 });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ version: 2, cancelledBy: t.service.a['clinical-lead'].id });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    const again = await manager.post(`/api/rota/exceptions/${training.json().id}/cancel`, { version: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ message: 'This has already been cancelled', current: { version: 2 } });
    expect(await t.db.selectFrom('rota_exceptions').select('id').where('id', '=', training.json().id).executeTakeFirst()).toBeDefined();
  });

  it('the lead books Boxing Day cover from the page, with a confirmation, and sets who is on call', async () => {
    const form = await lead.get(`/rota/staff/${workerId()}/exceptions/new?kind=extra-shift&on=2026-12-28`);
    const fields = {
      formId: formIdOn(form.body), kind: 'extra-shift', 'startsOn-day': '28', 'startsOn-month': '12', 'startsOn-year': '2026', 'endsOn-day': '28', 'endsOn-month': '12', 'endsOn-year': '2026', startTime: '09:00', endTime: '15:00', note: 'Bank holiday cover',
    };
    const added = await lead.form(`/rota/staff/${workerId()}/exceptions/new`, fields);
    expect(added.statusCode, added.body).toBe(303);
    expect(added.headers.location).toMatch(/^\/rota\/exceptions\/[0-9a-f-]{36}\?added$/);
    // The same form sent twice (a double click) goes to the same confirmation, and adds nothing more.
    const twice = await lead.form(`/rota/staff/${workerId()}/exceptions/new`, fields);
    expect(twice.headers.location).toBe(added.headers.location);
    const confirmation = await lead.get(added.headers.location as string);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Extra shift (cover) added');
    expect(confirmation.body).toContain('Monday 28 December 2026');

    const onCallForm = await lead.get('/rota/on-call?date=2026-12-28');
    expect(onCallForm.statusCode).toBe(200);
    const set = await lead.form('/rota/on-call', { date: '2026-12-28', staffId: workerId(), managerStaffId: t.service.a['clinical-lead'].id, version: '' });
    expect(set.statusCode, set.body).toBe(303);
    expect(set.headers.location).toBe('/rota?week=2026-12-28&done=on-call');
    // A student is not the one lone working calls.
    const student = await lead.put('/api/rota/on-call', { date: '2026-12-29', staffId: t.service.a.student.id });
    expect(student.statusCode).toBe(400);
    expect(student.json().error.fields[0].path).toBe('staffId');
    // Changing it needs the version read.
    const stale = await manager.put('/api/rota/on-call', { date: '2026-12-28', staffId: therapistId() });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ staffId: workerId(), version: 1 });
  });

  it('a support worker may look at the week but not change it; others outside the team may not look', async () => {
    const week = await supportWorker.get('/rota?week=2026-12-21');
    expect(week.statusCode).toBe(200);
    expect(week.body).toContain('Christmas Day');
    expect(week.body).not.toContain('/rota/on-call?date=');
    expect((await supportWorker.get(`/api/rota?from=2026-12-21&to=2026-12-27`)).statusCode).toBe(200);
    expect((await supportWorker.put(`/api/rota/staff/${workerId()}/pattern`, pattern())).statusCode).toBe(403);
    expect((await supportWorker.form(`/rota/staff/${workerId()}`, patternForm({ version: '1' }))).statusCode).toBe(403);
    expect((await supportWorker.post(`/api/rota/staff/${workerId()}/exceptions`, { kind: 'annual-leave', startsOn: '2027-01-04', endsOn: '2027-01-04' })).statusCode).toBe(403);
    expect((await supportWorker.get(`/rota/staff/${workerId()}/exceptions/new`)).statusCode).toBe(403);
    expect((await supportWorker.put('/api/rota/on-call', { date: '2027-01-04', staffId: workerId() })).statusCode).toBe(403);
    expect((await therapist.put(`/api/rota/staff/${therapistId()}/pattern`, pattern({ version: 2 }))).statusCode).toBe(403);
    expect((await admin.get('/rota')).statusCode).toBe(403);
    expect((await admin.get('/api/rota')).statusCode).toBe(403);
    expect((await otherTeam.get(`/api/rota/staff/${therapistId()}`)).statusCode).toBe(403);
    expect((await otherTeam.get(`/rota/staff/${therapistId()}`)).statusCode).toBe(403);
    const refused = await refusals(workerId());
    expect(refused.map((r) => (r.detail as { rule: string }).rule)).toEqual(Array(5).fill('role-does-not-keep-rota'));
    expect(await t.db.selectFrom('rota_exceptions').select('id').where('staff_id', '=', workerId()).execute()).toHaveLength(1);
  });

  it('the week view and readRotaForDates say all of it: leave, the bank holidays, the cover, on call', async () => {
    const page = await lead.get('/rota?week=2026-12-23');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rota: week of 21 December 2026');
    for (const text of ['Christmas Day', 'Annual leave', 'Bank holiday', 'Day off', '08:30 to 16:30', '09:00 to 15:00', 'No working pattern yet']) expect(page.body).toContain(text);
    const next = await lead.get('/rota?week=2026-12-28');
    expect(next.body).toContain('Boxing Day (substitute day)');
    expect(next.body).toContain('Cover');
    expect(next.body).toMatch(/Alex support worker on call/);

    const days = await readRotaForDates(t.db, { teamId: t.service.teamA, from: '2026-12-21', to: '2026-12-28' });
    const of = (staffId: string, date: string) => days.find((d) => d.staffId === staffId && d.date === date)!;
    expect(of(therapistId(), '2026-12-18')).toBeUndefined();
    expect(of(therapistId(), '2026-12-21')).toMatchObject({ shift: null, notWorkingBecause: 'annual-leave' });
    expect(of(therapistId(), '2026-12-24')).toMatchObject({ shift: { start: '08:30', end: '16:30', breakMinutes: 30 }, registered: true, carDriver: true, workPhone: '07700900123', carDescription: 'Blue Fiesta' });
    expect(of(therapistId(), '2026-12-25')).toMatchObject({ shift: null, notWorkingBecause: 'bank-holiday' });
    expect(of(therapistId(), '2026-12-28')).toMatchObject({ shift: null, notWorkingBecause: 'bank-holiday' });
    expect(of(workerId(), '2026-12-21')).toMatchObject({ shift: { start: '09:00', end: '15:00' }, registered: false, carDriver: false, cover: false });
    expect(of(workerId(), '2026-12-28')).toMatchObject({ shift: { start: '09:00', end: '15:00', breakMinutes: 30 }, cover: true, notWorkingBecause: null });
    const training = await readRotaForDates(t.db, { teamId: t.service.teamA, from: '2026-12-18', to: '2026-12-18' });
    expect(training.find((d) => d.staffId === therapistId())).toMatchObject({ shift: { start: '08:30', end: '16:30' } });
    expect(await readOnCall(t.db, { teamId: t.service.teamA, date: '2026-12-28' })).toMatchObject({ staffId: workerId(), managerStaffId: t.service.a['clinical-lead'].id, managerName: 'Alex clinical lead' });

    const api = await therapist.get('/api/rota?from=2026-12-28&to=2026-12-28');
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ from: '2026-12-28', to: '2026-12-28', bankHolidays: [{ date: '2026-12-28', name: 'Boxing Day (substitute day)' }], onCall: [{ staffId: workerId() }] });
    expect((await therapist.get('/api/rota?from=2026-12-28&to=2027-03-28')).statusCode).toBe(400);
    expect((await therapist.get('/api/rota?from=2026-12-28&to=2026-12-01')).statusCode).toBe(400);
    expect((await therapist.get(`/api/rota/staff/${uuidv7()}`)).statusCode).toBe(404);
  });
});

describe('who may do what with the rota: every role x every rota route (deny by default)', () => {
  // Writes are sent empty: a role allowed through gets the form's or the schema's 400, a refused one 403,
  // and nothing is written either way. Reads are answered.
  type Call = { name: string; kind: 'view' | 'edit'; call: (c: TestClient, ids: { staffId: string; exceptionId: string }) => ReturnType<TestClient['get']> };
  const calls: Call[] = [
    { name: 'GET /rota', kind: 'view', call: (c) => c.get('/rota') },
    { name: 'GET /rota/staff/:staffId', kind: 'view', call: (c, i) => c.get(`/rota/staff/${i.staffId}`) },
    { name: 'GET /rota/exceptions/:exceptionId', kind: 'view', call: (c, i) => c.get(`/rota/exceptions/${i.exceptionId}`) },
    { name: 'GET /api/rota', kind: 'view', call: (c) => c.get('/api/rota') },
    { name: 'GET /api/rota/staff/:staffId', kind: 'view', call: (c, i) => c.get(`/api/rota/staff/${i.staffId}`) },
    { name: 'GET /api/rota/on-call', kind: 'view', call: (c) => c.get('/api/rota/on-call?date=2026-12-28') },
    { name: 'POST /rota/staff/:staffId', kind: 'edit', call: (c, i) => c.form(`/rota/staff/${i.staffId}`, {}) },
    { name: 'GET /rota/staff/:staffId/exceptions/new', kind: 'edit', call: (c, i) => c.get(`/rota/staff/${i.staffId}/exceptions/new`) },
    { name: 'POST /rota/staff/:staffId/exceptions/new', kind: 'edit', call: (c, i) => c.form(`/rota/staff/${i.staffId}/exceptions/new`, {}) },
    { name: 'GET /rota/exceptions/:exceptionId/cancel', kind: 'edit', call: (c, i) => c.get(`/rota/exceptions/${i.exceptionId}/cancel`) },
    { name: 'POST /rota/exceptions/:exceptionId/cancel', kind: 'edit', call: (c, i) => c.form(`/rota/exceptions/${i.exceptionId}/cancel`, { version: 'x' }) },
    { name: 'GET /rota/on-call', kind: 'edit', call: (c) => c.get('/rota/on-call?date=2026-12-28') },
    { name: 'POST /rota/on-call', kind: 'edit', call: (c) => c.form('/rota/on-call', {}) },
    { name: 'PUT /api/rota/staff/:staffId/pattern', kind: 'edit', call: (c, i) => c.put(`/api/rota/staff/${i.staffId}/pattern`, {}) },
    { name: 'POST /api/rota/staff/:staffId/exceptions', kind: 'edit', call: (c, i) => c.post(`/api/rota/staff/${i.staffId}/exceptions`, {}) },
    { name: 'POST /api/rota/exceptions/:exceptionId/cancel', kind: 'edit', call: (c, i) => c.post(`/api/rota/exceptions/${i.exceptionId}/cancel`, {}) },
    { name: 'PUT /api/rota/on-call', kind: 'edit', call: (c) => c.put('/api/rota/on-call', {}) },
  ];
  const viewers = ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];
  const editors = ['clinical-lead', 'service-manager'];
  const people = [...Object.keys({ 'support-worker': 1, student: 1, 'assistant-practitioner': 1, 'registered-therapist': 1, 'clinical-lead': 1, 'service-manager': 1, administrator: 1, 'privacy-officer': 1 }), 'other-team-therapist'];
  const ids = { staffId: '', exceptionId: '' };

  beforeAll(async () => {
    ids.staffId = t.service.a['assistant-practitioner'].id;
    ids.exceptionId = uuidv7();
    const now = t.clock.now();
    const lead = t.service.a['clinical-lead'].id;
    await t.db.insertInto('rota_exceptions').values({ id: ids.exceptionId, staff_id: ids.staffId, team_id: t.service.teamA, kind: 'training', starts_on: '2027-02-01', ends_on: '2027-02-01', created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
  });

  it.each(people)('as %s', async (who) => {
    const staff = who === 'other-team-therapist' ? t.service.otherTeamTherapist : t.service.a[who as keyof typeof t.service.a];
    const client = await t.signIn(staff);
    const tables = ['rota_patterns', 'rota_exceptions', 'rota_on_call'] as const;
    const before = await Promise.all(tables.map((table) => t.db.selectFrom(table).selectAll().execute()));
    const got: string[] = [];
    const expected: string[] = [];
    for (const c of calls) {
      const res = await c.call(client, ids);
      // The therapist of another team sees their own team's week, never team A's people.
      const namesTeamA = c.name.includes(':');
      const allowed = who === 'other-team-therapist' ? c.kind === 'view' && !namesTeamA : (c.kind === 'view' ? viewers : editors).includes(who);
      got.push(`${c.name} ${res.statusCode === 403 ? 'refused' : res.statusCode < 500 ? 'allowed' : `failed ${res.statusCode}`}`);
      expected.push(`${c.name} ${allowed ? 'allowed' : 'refused'}`);
    }
    expect(got).toEqual(expected);
    expect(await Promise.all(tables.map((table) => t.db.selectFrom(table).selectAll().execute()))).toEqual(before);
  });

  it('two leads booking overlapping leave for the same person at once: one is refused', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const manager = await t.signIn(t.service.a['service-manager']);
    const staffId = t.service.a.student.id;
    const [a, b] = await Promise.all([
      lead.post(`/api/rota/staff/${staffId}/exceptions`, { kind: 'annual-leave', startsOn: '2027-03-01', endsOn: '2027-03-05' }),
      manager.post(`/api/rota/staff/${staffId}/exceptions`, { kind: 'sickness', startsOn: '2027-03-03', endsOn: '2027-03-03' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 400]);
    expect((a.statusCode === 400 ? a : b).json().error.fields[0].message).toMatch(/^This overlaps .* already on the rota/);
    expect(await t.db.selectFrom('rota_exceptions').select('id').where('staff_id', '=', staffId).execute()).toHaveLength(1);
  });
});
