// The visit map (issue 13): the team's published plan drawn for the lead and the team's clinicians,
// with its key and table, every patient shown audited, the unplaced said so; refused to those who may
// not see the team's patients; the tile server's base map only when the Trust configured one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedPublishedPlan, type SeededPlanPatient } from '../../test/seed-published-plan.ts';
import { listUnplacedPatients } from './travel-unplaced-patients.ts';

const day = '2026-11-25';
let t: TestApp;
let lead: TestClient;
let patients: Record<'ada' | 'bert' | 'cora', SeededPlanPatient>;

beforeAll(async () => {
  t = await bootTestApp();
  lead = await t.signIn(t.service.a['clinical-lead']);
  await t.db.updateTable('teams').set({ base_latitude: 53.0246, base_longitude: -2.1754 }).where('id', '=', t.service.teamA).execute();
  patients = await seedPublishedPlan(t, {
    date: day,
    patients: {
      ada: { givenName: 'Ada', familyName: 'Mapley', nhsIndex: 901, at: { latitude: 53.059, longitude: -2.211 } },
      bert: { givenName: 'Bert', familyName: 'Mapley', nhsIndex: 902, at: { latitude: 53.105, longitude: -2.023 } },
      cora: { givenName: 'Cora', familyName: 'Mapley', nhsIndex: 903, at: null },
    },
    routes: [
      { staffId: t.service.a['registered-therapist'].id, stops: [['ada', '09:00', '09:45'], ['cora', '10:15', '11:00']] },
      { staffId: t.service.a['assistant-practitioner'].id, stops: [['bert', '09:30', '10:15']] },
    ],
    travel: { model: 'road', note: 'The routing service could not be used (no answer within 5000 ms): travel is estimated by the road model' },
  });
});

afterAll(async () => {
  await t?.close();
});

const mapReads = (staffId: string) =>
  t.db.selectFrom('audit_events').select(['patient_id', 'detail', 'outcome']).where('staff_id', '=', staffId).where('record_kind', '=', 'visit-plan').orderBy('seq').execute();

describe('the visit map', () => {
  it('draws the published plan for the lead: one line per clinician, numbered stops, the base, the table with the unplaced patient', async () => {
    const page = await lead.get(`/visits/map?date=${day}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Visit map');
    expect(page.body).toMatch(/<svg [^>]*class="hw-route-map__svg" role="img"/);
    expect(page.body.match(/<path class="hw-route-map__line" d="M[^"]+" fill="none"/g)).toHaveLength(2);
    expect(page.body.match(/class="hw-route-map__stop"/g)).toHaveLength(2);
    expect(page.body).toContain('<title>Base: Haywood Hospital</title>');
    expect(page.body).toContain('Stop 1 for Alex registered therapist: Ada Mapley, 09:00');
    expect(page.body).toContain('Cora Mapley <strong class="nhsuk-tag nhsuk-tag--grey">Not placed</strong>');
    expect(page.body).toContain('Cora Mapley: not on the map until someone places the patient on the map');
    expect(page.body).toContain('estimated by Homeward’s road model');
    expect(page.body).toContain('The routing service could not be used (no answer within 5000 ms)');
    // No tile server configured: no script, no base map.
    expect(page.body).not.toContain('route-map.js');
    expect(page.body).not.toContain('data-tile-url');
  });

  it('audits each patient shown, once, with the visits', async () => {
    const before = (await mapReads(t.service.a['clinical-lead'].id)).length;
    await lead.get(`/visits/map?date=${day}`);
    const events = (await mapReads(t.service.a['clinical-lead'].id)).slice(before);
    expect(events.map((e) => e.patient_id).sort()).toEqual([patients.ada.id, patients.bert.id, patients.cora.id].sort());
    expect(events.find((e) => e.patient_id === patients.cora.id)?.detail).toMatchObject({ list: 'visit-map', date: day, visitIds: [patients.cora.visitId] });
  });

  it('gives the same map as JSON', async () => {
    const res = await lead.get(`/api/visits/map?date=${day}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ date: day, published: true, travel: { model: 'road' }, notPlaced: ['Cora Mapley'] });
    expect(body.rows.map((r: { patient: string; order: number; placed: boolean }) => [r.patient, r.order, r.placed])).toEqual([
      ['Ada Mapley', 1, true],
      ['Cora Mapley', 2, false],
      ['Bert Mapley', 1, true],
    ]);
    expect(body.geo.routes[0].line[0]).toEqual([53.0246, -2.1754]);
  });

  it('says when no plan is published for the day, auditing that nobody was shown', async () => {
    const before = (await mapReads(t.service.a['clinical-lead'].id)).length;
    const page = await lead.get('/visits/map?date=2026-11-26');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No plan has been published for');
    const events = (await mapReads(t.service.a['clinical-lead'].id)).slice(before);
    expect(events).toEqual([expect.objectContaining({ patient_id: null, detail: expect.objectContaining({ count: 0 }) })]);
  });

  it('takes a day typed as day, month and year, and refuses one that is not real with the error summary', async () => {
    const typed = await lead.get('/visits/map?date-day=25&date-month=11&date-year=2026');
    expect(typed.statusCode).toBe(200);
    expect(typed.body).toContain('Stop 1 for');
    const bad = await lead.get('/visits/map?date-day=31&date-month=2&date-year=2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nhsuk-error-summary');
    expect(bad.body).toContain('href="#date-day"');
    for (const url of ['/visits/map?date=2026-02-31', '/api/visits/map?date=2026-13-01', '/api/visits/map?date=tomorrow']) {
      const res = await lead.get(url);
      expect(res.statusCode, url).toBe(400);
    }
  });
});

describe('who may see the map', () => {
  it.each([
    ['the clinical lead', 'clinical-lead', 200],
    ['a registered therapist', 'registered-therapist', 200],
    ['an assistant practitioner', 'assistant-practitioner', 200],
    ['a support worker (their run sheet instead)', 'support-worker', 403],
    ['a student', 'student', 403],
    ['an administrator', 'administrator', 403],
    ['the privacy officer', 'privacy-officer', 403],
  ] as const)('%s: %i', async (_who, role, status) => {
    const client = await t.signIn(t.service.a[role]);
    expect((await client.get(`/visits/map?date=${day}`)).statusCode).toBe(status);
    expect((await client.get(`/api/visits/map?date=${day}`)).statusCode).toBe(status);
  });

  it('another team’s clinician sees their own team’s day, never this one', async () => {
    const other = await t.signIn(t.service.otherTeamTherapist);
    const page = await other.get(`/visits/map?date=${day}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No plan has been published');
    expect(page.body).not.toContain('Mapley');
    const events = await mapReads(t.service.otherTeamTherapist.id);
    expect(events.every((e) => e.patient_id === null)).toBe(true);
  });
});

describe('the base map over a Trust’s tile server', () => {
  it('adds Leaflet, served by Homeward, with the tile server allowed for images', async () => {
    const tiled = await bootTestApp({ testDb: t.testDb, seed: false, config: { mapTileUrl: 'https://{s}.tiles.example.nhs.uk/{z}/{x}/{y}.png', mapTileAttribution: '© Example tiles' } });
    try {
      const client = await tiled.signIn(t.service.a['clinical-lead']);
      const page = await client.get(`/visits/map?date=${day}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('data-tile-url="https://{s}.tiles.example.nhs.uk/{z}/{x}/{y}.png"');
      expect(page.body).toContain('data-attribution="© Example tiles"');
      expect(page.body).toContain('<script type="module" src="/static/route-map.js"></script>');
      // The same drawing is still there, for print and for when the tiles fail.
      expect(page.body).toContain('hw-route-map__svg');
      expect(String(page.headers['content-security-policy'])).toMatch(/img-src 'self' data: https:\/\/\*\.tiles\.example\.nhs\.uk/);
      const leaflet = await client.get('/vendor/leaflet/leaflet-src.esm.js');
      expect(leaflet.statusCode).toBe(200);
      expect(String(leaflet.headers['content-type'])).toContain('javascript');
      expect(leaflet.body).toContain('export {');
      expect((await client.get('/vendor/leaflet/leaflet.css')).statusCode).toBe(200);
      expect((await client.get('/vendor/leaflet/leaflet-src.esm.js.map')).statusCode).toBe(404);
      expect((await client.get('/static/route-map.js')).statusCode).toBe(200);
    } finally {
      await tiled.app.close();
    }
  });
});

describe('the team’s patients not placed on the map', () => {
  it('lists each once, with their open episodes, and drops them once placed', async () => {
    const unplaced = await listUnplacedPatients(t.db, { teamId: t.service.teamA });
    expect(unplaced.filter((p) => p.familyName === 'Mapley')).toEqual([
      { patientId: patients.cora.id, nhsNumber: testNhsNumberForIndex(903), givenName: 'Cora', familyName: 'Mapley', postcode: 'ST6 3HR', episodeIds: [patients.cora.episodeId] },
    ]);
    expect(await listUnplacedPatients(t.db, { teamId: t.service.teamB })).toEqual([]);
    const placed = await lead.put(`/api/patients/${patients.cora.id}/location`, { version: 1, latitude: 53.04, longitude: -2.19 });
    expect(placed.statusCode).toBe(200);
    expect((await listUnplacedPatients(t.db, { teamId: t.service.teamA })).some((p) => p.patientId === patients.cora.id)).toBe(false);
    const page = await lead.get(`/visits/map?date=${day}`);
    expect(page.body.match(/class="hw-route-map__stop"/g)).toHaveLength(3);
  });
});
