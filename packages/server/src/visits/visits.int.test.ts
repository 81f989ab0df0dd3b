// Visits from the caseload (issue 13 part 2), told through the JSON API on both databases: the
// needs of Betty's episode recorded (not Tuesdays, a carer there 09:00-10:00), a week proposed and
// checked day by day by hand, proposing twice adds nothing, the lead adds, pins, unpins and cancels
// (kept), a stale version is a 409 with the visit as it is, bad input is refused field by field with
// nothing written, and the role matrix: who may see the team's list, who may change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';

describe('the team’s visits', () => {
  let t: TestApp;
  let lead: TestClient;
  let betty: string;
  let episode: string;
  let dischargedEpisode: string;
  let otherTeamEpisode: string;
  const visitCount = async () => Number((await t.db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const needsVersion = async () => (await t.db.selectFrom('visit_needs').select('version').where('episode_id', '=', episode).executeTakeFirst())?.version ?? null;

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    betty = (await lead.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(911) }))).json().id;
    const ivy = (await lead.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(912), givenName: 'Ivy' }))).json().id;
    const ap = t.service.a['assistant-practitioner'].id;
    episode = await seedEpisode(t, { patientId: betty, service: 'd2a-pathway-1', allocatedTo: ap });
    await t.db.updateTable('episodes').set({ visits_per_week: 3 }).where('id', '=', episode).execute();
    dischargedEpisode = await seedEpisode(t, { patientId: ivy, service: 'd2a-pathway-1', allocatedTo: ap });
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-23' }).where('id', '=', dischargedEpisode).execute();
    const otherTherapist = t.service.otherTeamTherapist;
    const olive = (await (await t.signIn(otherTherapist)).post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(913), givenName: 'Olive' }))).json().id;
    otherTeamEpisode = await seedEpisode(t, { patientId: olive, service: 'd2a-pathway-1', allocatedTo: otherTherapist.id, teamId: t.service.teamB, triagedBy: otherTherapist.id });
  });
  afterAll(async () => t?.close());

  it('shows triage’s defaults until the needs are recorded, then keeps them version-checked', async () => {
    const defaults = await lead.get(`/api/episodes/${episode}/visit-needs`);
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({ recorded: false, version: null, durationMinutes: 45, place: 'home', staffNeeded: 1, registeredRequired: false, skills: ['OT'] });
    const needs = { version: null, durationMinutes: 45, place: 'home', windows: [{ days: [1, 3, 5], start: '09:00', end: '10:00', note: 'Carer there' }], unavailableDays: [2], staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: ['OT'], preferredStaffId: t.service.a['assistant-practitioner'].id, notes: null };
    const recorded = await lead.put(`/api/episodes/${episode}/visit-needs`, needs);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toMatchObject({ recorded: true, version: 1, unavailableDays: [2] });
    // A second writer who also saw the defaults: a conflict with the needs as they are.
    const again = await lead.put(`/api/episodes/${episode}/visit-needs`, { ...needs, durationMinutes: 60 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.current).toMatchObject({ version: 1, durationMinutes: 45 });
    const stale = await lead.put(`/api/episodes/${episode}/visit-needs`, { ...needs, version: 1, durationMinutes: 60 });
    expect(stale.statusCode).toBe(200);
    expect((await lead.put(`/api/episodes/${episode}/visit-needs`, { ...needs, version: 1 })).statusCode).toBe(409);
    await lead.put(`/api/episodes/${episode}/visit-needs`, { ...needs, version: 2 });
  });

  it('records the first needs once when several are saved at once: the others are conflicts, never a 500', async () => {
    const patient = (await lead.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(914), givenName: 'Nora' }))).json().id;
    const fresh = await seedEpisode(t, { patientId: patient, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    const needs = { version: null, durationMinutes: 30, place: 'home', windows: [], unavailableDays: [], staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: [], preferredStaffId: null, notes: null };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => lead.put(`/api/episodes/${fresh}/visit-needs`, { ...needs, durationMinutes: 30 + i })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const rows = await t.db.selectFrom('visit_needs').select(['version']).where('episode_id', '=', fresh).execute();
    expect(rows).toEqual([{ version: 1 }]);
    // Out of the way of the proposals the later stories count.
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-23' }).where('id', '=', fresh).execute();
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a window that ends before it starts', { windows: [{ days: null, start: '10:00', end: '09:30', note: null }] }, 'windows.0.end', 'The window must end after it starts (10:00)'],
    ['two staff without a reason', { staffNeeded: 2, staffNeededReason: '' }, 'staffNeededReason', 'Say why two staff must come (for example a hoist, or a risk flag)'],
    ['a preferred clinician from another team', { preferredStaffId: 'OTHER' }, 'preferredStaffId', 'The preferred clinician must be someone in the team'],
  ])('refuses needs with %s, nothing written', async (_story, change, path, message) => {
    const before = await needsVersion();
    const body: Record<string, unknown> = { version: before, durationMinutes: 45, place: 'home', windows: [], unavailableDays: [2], staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: [], preferredStaffId: null, notes: null, ...change };
    if (body.preferredStaffId === 'OTHER') body.preferredStaffId = t.service.otherTeamTherapist.id;
    const res = await lead.put(`/api/episodes/${episode}/visit-needs`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path, message }]);
    expect(await needsVersion()).toBe(before);
  });

  it('proposes the week (Tuesday 24 to Monday 30 November) by hand: not Tuesdays, 3 a week, in the carer’s window', async () => {
    const proposed = await lead.post('/api/visits/proposals', {});
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({ from: '2026-11-24', to: '2026-11-30', proposed: 3 });
    const week = (await lead.get('/api/visits?date=2026-11-24&days=7')).json().visits as Array<{ date: string; purpose: string; window: unknown; preferredStaffName: string }>;
    // Ideal Monday, Wednesday, Friday: Monday 23rd has gone by; Wednesday 25th, Friday 27th, Monday 30th.
    expect(week.map((v) => [v.date, v.purpose, v.window])).toEqual([
      ['2026-11-25', 'therapy', { start: '09:00', end: '10:00' }],
      ['2026-11-27', 'therapy', { start: '09:00', end: '10:00' }],
      ['2026-11-30', 'therapy', { start: '09:00', end: '10:00' }],
    ]);
    const again = await lead.post('/api/visits/proposals', {});
    expect(again.json().proposed).toBe(0);
    expect(await visitCount()).toBe(3);
  });

  it('audits the list with every episode it shows', async () => {
    const res = await lead.get('/api/visits?date=2026-11-25');
    expect(res.json().visits).toHaveLength(1);
    const event = await t.db.selectFrom('audit_events').select(['record_kind', 'detail', 'outcome']).where('staff_id', '=', lead.staff.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ record_kind: 'visits', outcome: 'allowed', detail: { count: 1, episodeIds: [episode] } });
  });

  let added: { id: string; version: number };
  it('adds a visit once for its Idempotency-Key, with who must come from the needs', async () => {
    const body = { episodeId: episode, date: '2026-11-26', purpose: 'equipment', window: { start: '13:00', end: '14:00' }, pinnedStaffId: t.service.a['assistant-practitioner'].id, pinnedStart: '13:30' };
    const first = await lead.post('/api/visits', body, { 'idempotency-key': 'add-equipment-visit' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ origin: 'added', purpose: 'equipment', durationMinutes: 45, pinnedStaffName: 'Alex assistant practitioner', pinnedStart: '13:30', status: 'to-plan' });
    const repeat = await lead.post('/api/visits', body, { 'idempotency-key': 'add-equipment-visit' });
    expect(repeat.json().id).toBe(first.json().id);
    expect(await visitCount()).toBe(4);
    added = first.json();
  });

  it('a visit id sent again without its Idempotency-Key is a 409, nothing new saved (not a database error)', async () => {
    const before = await visitCount();
    const again = await lead.post('/api/visits', { id: added.id, episodeId: episode, date: '2026-11-27', purpose: 'therapy' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate', message: expect.stringContaining('already exists') });
    expect(await visitCount()).toBe(before);
  });

  it('pins, refuses a stale pin with the visit as it is, unpins and cancels with the reason (kept)', async () => {
    const rt = t.service.a['registered-therapist'].id;
    const pinned = await lead.request({ method: 'PATCH', url: `/api/visits/${added.id}`, payload: { version: added.version, pinnedStaffId: rt, pinnedStart: null } });
    expect(pinned.statusCode).toBe(200);
    expect(pinned.json()).toMatchObject({ version: 2, pinnedStaffId: rt, pinnedStart: null });
    const stale = await lead.request({ method: 'PATCH', url: `/api/visits/${added.id}`, payload: { version: added.version, date: '2026-11-27' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ version: 2, date: '2026-11-26' });
    const unpinned = await lead.request({ method: 'PATCH', url: `/api/visits/${added.id}`, payload: { version: 2, pinnedStaffId: null } });
    expect(unpinned.json()).toMatchObject({ version: 3, pinnedStaffId: null });
    const cancelled = await lead.post(`/api/visits/${added.id}/cancellation`, { version: 3, reason: 'Equipment delivery moved' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledReason: 'Equipment delivery moved', version: 4 });
    const again = await lead.post(`/api/visits/${added.id}/cancellation`, { version: 4, reason: 'Twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('This visit has been cancelled, so it cannot be changed. Add a new visit instead.');
    expect(await visitCount()).toBe(4);
    const day = (await lead.get('/api/visits?date=2026-11-26')).json().visits;
    expect(day.map((v: { status: string }) => v.status)).toEqual(['cancelled']);
    const kinds = await t.db.selectFrom('audit_events').select(['detail']).where('record_kind', '=', 'visit').where('record_id', '=', added.id).where('action', '=', 'write').orderBy('seq').execute();
    expect(kinds.map((k) => (k.detail as { change: string }).change)).toEqual(['added', 'changed', 'changed', 'cancelled']);
  });

  it.each<[string, () => Record<string, unknown>, string, string]>([
    ['a window that ends before it starts', () => ({ window: { start: '11:00', end: '10:00' } }), 'window.end', 'The window must end after it starts (11:00)'],
    ['a day gone by', () => ({ date: '2026-11-23' }), 'date', 'The date of the visit cannot be in the past (today is 24 November 2026)'],
    ['a day beyond the 4 weeks', () => ({ date: '2026-12-22' }), 'date', 'The date of the visit must be within the next 4 weeks, on or before 21 December 2026'],
    ['a pin to someone not in the team', () => ({ pinnedStaffId: t.service.otherTeamTherapist.id }), 'pinnedStaffId', 'A visit can only be pinned to someone in the team'],
    ['a discharged episode', () => ({ episodeId: dischargedEpisode }), 'episodeId', 'The episode has been discharged, so it cannot have visits booked'],
  ])('refuses a visit with %s, nothing written', async (_story, change, path, message) => {
    const before = await visitCount();
    const res = await lead.post('/api/visits', { episodeId: episode, date: '2026-11-28', purpose: 'therapy', ...change() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path, message }]);
    expect(await visitCount()).toBe(before);
  });

  it('unpins a visit whose day has gone by, but changes nothing else on it', async () => {
    const visit = (await lead.post('/api/visits', { episodeId: episode, date: '2026-11-24', purpose: 'therapy', pinnedStart: '15:00' })).json();
    t.clock.advanceMinutes(2 * 24 * 60);
    try {
      // Two days on: a new session (the old one has gone idle).
      const later = await t.signIn(t.service.a['clinical-lead']);
      const moved = await later.request({ method: 'PATCH', url: `/api/visits/${visit.id}`, payload: { version: visit.version, pinnedStart: '16:00' } });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().error.fields).toEqual([{ path: 'date', message: 'The date of the visit cannot be in the past (today is 26 November 2026)' }]);
      const unpinned = await later.request({ method: 'PATCH', url: `/api/visits/${visit.id}`, payload: { version: visit.version, pinnedStart: null } });
      expect(unpinned.statusCode).toBe(200);
      expect(unpinned.json()).toMatchObject({ pinnedStart: null, version: visit.version + 1 });
    } finally {
      t.clock.advanceMinutes(-2 * 24 * 60);
    }
  });

  it('refuses a proposal for days gone by', async () => {
    const res = await lead.post('/api/visits/proposals', { from: '2026-11-20' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'body.from', message: 'Visits cannot be proposed for days gone by: start today or later' }]);
  });

  describe('who may do what', () => {
    const roles = ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager', 'administrator', 'privacy-officer'] as const;
    // The team's list names its patients: clinicians who see the whole team. Changing a visit needs a role that holds episodes.
    const mayList = new Set(['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager']);
    const mayChange = new Set(['assistant-practitioner', 'registered-therapist', 'clinical-lead']);

    it.each(roles)('%s', async (role) => {
      const client = await t.signIn(t.service.a[role]);
      const list = await client.get('/api/visits?date=2026-11-25');
      expect(list.statusCode).toBe(mayList.has(role) ? 200 : 403);
      const visit = (await t.db.selectFrom('visits').select(['id', 'version']).where('on_date', '=', '2026-11-27').executeTakeFirstOrThrow());
      const pin = await client.request({ method: 'PATCH', url: `/api/visits/${visit.id}`, payload: { version: visit.version, pinnedStart: '09:30' } });
      expect(pin.statusCode).toBe(mayChange.has(role) ? 200 : 403);
      const add = await client.post('/api/visits', { episodeId: episode, date: '2026-12-01', purpose: 'therapy' });
      expect(add.statusCode).toBe(mayChange.has(role) ? 201 : 403);
      const propose = await client.post('/api/visits/proposals', {});
      expect(propose.statusCode).toBe(mayChange.has(role) ? 201 : 403);
      if (!mayList.has(role)) {
        const refusal = await t.db.selectFrom('audit_events').select(['outcome']).where('staff_id', '=', t.service.a[role].id).where('outcome', '=', 'refused').execute();
        expect(refusal.length).toBeGreaterThan(0);
      }
    });

    it('a clinician of another team sees only their own team’s visits and cannot touch this team’s', async () => {
      const other = await t.signIn(t.service.otherTeamTherapist);
      expect((await other.get('/api/visits?date=2026-11-25')).json().visits).toEqual([]);
      const visit = await t.db.selectFrom('visits').select(['id', 'version']).where('on_date', '=', '2026-11-25').executeTakeFirstOrThrow();
      expect((await other.request({ method: 'PATCH', url: `/api/visits/${visit.id}`, payload: { version: visit.version, pinnedStart: '09:30' } })).statusCode).toBe(403);
      expect((await other.post(`/api/visits/${visit.id}/cancellation`, { version: visit.version, reason: 'Not mine' })).statusCode).toBe(403);
      expect((await other.post('/api/visits', { episodeId: episode, date: '2026-11-28', purpose: 'therapy' })).statusCode).toBe(403);
      expect((await other.get(`/api/episodes/${episode}/visit-needs`)).statusCode).toBe(403);
      // And this team cannot add to theirs.
      expect((await lead.post('/api/visits', { episodeId: otherTeamEpisode, date: '2026-11-28', purpose: 'therapy' })).statusCode).toBe(403);
    });
  });

  it('two leads proposing at the same moment book each visit once', async () => {
    const registered = await t.signIn(t.service.a['registered-therapist']);
    const horizon = { from: '2026-12-01', to: '2026-12-07' };
    const results = await Promise.all([lead.post('/api/visits/proposals', horizon), registered.post('/api/visits/proposals', horizon), lead.post('/api/visits/proposals', horizon)]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const proposed = results.map((r) => r.json().proposed as number);
    // One of them books the period; the others, waiting on it, find everything booked.
    expect(proposed.filter((n) => n > 0)).toHaveLength(1);
    const booked = await t.db.selectFrom('visits').select(['episode_id', 'on_date']).where('on_date', '>=', horizon.from).where('on_date', '<=', horizon.to).where('origin', '=', 'proposed').execute();
    expect(booked).toHaveLength(proposed.reduce((a, n) => a + n, 0));
    expect(new Set(booked.map((v) => `${v.episode_id} ${v.on_date}`)).size).toBe(booked.length);
  });
});
