// Placing a patient on the map (issue 13): the page from the patient's details and its JSON twin,
// typed coordinates or the postcode district's centre from a postcodes.io-compatible service (a real
// local HTTP server here), version-checked, audited, refused to those without the record; and the
// caseload's travel weighting following the patient once placed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

let t: TestApp;
let postcodes: Server;
const asked: string[] = [];
let therapist: TestClient;
let patientId: string;
let episodeId: string;

beforeAll(async () => {
  postcodes = createServer((request, response) => {
    asked.push(request.url ?? '');
    if (request.url === '/outcodes/ST6') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 200, result: { outcode: 'ST6', latitude: 53.05492, longitude: -2.20315 } }));
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 404, error: 'Outcode not found' }));
    }
  });
  await new Promise<void>((done) => postcodes.listen(0, '127.0.0.1', done));
  const postcodesUrl = `http://127.0.0.1:${(postcodes.address() as AddressInfo).port}`;
  t = await bootTestApp({ config: { postcodesUrl, postcodesTimeoutMs: 2000 } });
  therapist = await t.signIn(t.service.a['registered-therapist']);
  const registered = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(801), latitude: null, longitude: null }));
  expect(registered.statusCode).toBe(201);
  patientId = registered.json().id;
  episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
});

afterAll(async () => {
  await t?.close();
  postcodes.closeAllConnections();
  await new Promise<void>((done) => postcodes.close(() => done()));
});

const patientRow = () => t.db.selectFrom('patients').select(['latitude', 'longitude', 'version']).where('id', '=', patientId).executeTakeFirstOrThrow();

function hiddenField(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
}

describe('placing a patient from the page', () => {
  it('the patient’s details say they are not placed and offer the page', async () => {
    const page = await therapist.get(`/patients/${patientId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Not placed');
    expect(page.body).toContain(`href="/patients/${patientId}/place"`);
  });

  it('the caseload counts the fixed travel and says the patient is not placed', async () => {
    await t.db.updateTable('teams').set({ base_latitude: 53.0246, base_longitude: -2.1754 }).where('id', '=', t.service.teamA).execute();
    const api = await therapist.get('/api/caseload');
    const row = api.json().rows.find((r: { episodeId: string }) => r.episodeId === episodeId);
    expect(row.travel).toEqual({ basis: 'fixed', oneWayMinutes: 20, patientPlaced: false });
    const page = await therapist.get('/caseload');
    expect(page.body).toContain('Travel counted as 20 minutes each way');
  });

  it('shows the form with the banner, the fields and the postcode district, the read audited', async () => {
    const page = await therapist.get(`/patients/${patientId}/place`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Place the patient on the map');
    expect(page.body).toContain('hw-patient-banner');
    expect(page.body).toContain('name="latitude"');
    expect(page.body).toContain('Use the centre of ST6');
    const reads = await t.db.selectFrom('audit_events').select(['detail']).where('patient_id', '=', patientId).where('outcome', '=', 'allowed').where('record_kind', '=', 'patient').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(reads.detail).toMatchObject({ purpose: 'place on the map' });
  });

  it('refuses coordinates outside the UK with the error summary, nothing saved', async () => {
    const page = await therapist.get(`/patients/${patientId}/place`);
    const res = await therapist.form(`/patients/${patientId}/place`, { version: hiddenField(page.body, 'version'), latitude: '-2.2', longitude: '53.05', action: 'save' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('nhsuk-error-summary');
    expect(res.body).toContain('this looks like a longitude');
    expect(res.body).toContain('href="#latitude"');
    expect((await patientRow()).latitude).toBeNull();
  });

  it('fills the fields from the postcode district’s centre, asking for the district only, saving nothing', async () => {
    asked.length = 0;
    const page = await therapist.get(`/patients/${patientId}/place`);
    const before = await patientRow();
    const res = await therapist.form(`/patients/${patientId}/place`, { version: hiddenField(page.body, 'version'), latitude: '', longitude: '', action: 'postcode-district' });
    expect(res.statusCode).toBe(200);
    expect(asked).toEqual(['/outcodes/ST6']);
    expect(res.body).toContain('Filled in with the centre of postcode district <strong>ST6</strong>');
    expect(hiddenField(res.body, 'districtLatitude')).toBe('53.05492');
    expect(res.body).toMatch(/id="latitude" name="latitude" type="text" value="53.05492"|value="53.05492"/);
    expect(await patientRow()).toEqual(before);

    const saved = await therapist.form(`/patients/${patientId}/place`, {
      version: hiddenField(res.body, 'version'),
      latitude: '53.05492',
      longitude: '-2.20315',
      districtLatitude: '53.05492',
      districtLongitude: '-2.20315',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/patients/${patientId}?placed=1`);
    expect(await patientRow()).toEqual({ latitude: 53.05492, longitude: -2.20315, version: before.version + 1 });
    const writes = (await t.db.selectFrom('audit_events').select(['detail', 'staff_id']).where('patient_id', '=', patientId).where('record_kind', '=', 'patient').orderBy('seq', 'desc').executeTakeFirstOrThrow());
    expect(writes).toMatchObject({ staff_id: t.service.a['registered-therapist'].id, detail: { change: 'location', source: 'postcode-district' } });
    const confirmation = await therapist.get(saved.headers.location as string);
    expect(confirmation.body).toContain('Patient placed on the map');
    expect(confirmation.body).toContain('Placed at 53.05492, -2.20315');
  });

  it('keeps every version of the details, the one before placing too', async () => {
    const versions = await therapist.get(`/api/patients/${patientId}/versions`);
    const [latest, previous] = versions.json().versions;
    expect(latest.patient.latitude).toBe(53.05492);
    expect(previous.patient.latitude).toBeNull();
  });

  it('the caseload now counts the road model’s round trip from the base', async () => {
    const api = await therapist.get('/api/caseload');
    const body = api.json();
    const row = body.rows.find((r: { episodeId: string }) => r.episodeId === episodeId);
    expect(row.travel.basis).toBe('road-model');
    expect(row.travel.roundTripMinutes).toBeGreaterThan(10);
    expect(row.travel.roundTripMinutes).toBeLessThan(30);
    const page = await therapist.get('/caseload');
    expect(page.body).toContain(`${row.travel.roundTripMinutes} min round trip`);
  });

  it('a stale form is a 409 showing where the patient is now; typed coordinates are audited as entered', async () => {
    const page = await therapist.get(`/patients/${patientId}/place`);
    const version = hiddenField(page.body, 'version');
    const first = await therapist.form(`/patients/${patientId}/place`, { version, latitude: '53.046', longitude: '-2.199', action: 'save' });
    expect(first.statusCode).toBe(303);
    expect((await t.db.selectFrom('audit_events').select(['detail']).where('patient_id', '=', patientId).where('record_kind', '=', 'patient').orderBy('seq', 'desc').executeTakeFirstOrThrow()).detail).toMatchObject({ change: 'location', source: 'entered' });
    // The same press again: the record already says it, so it is the confirmation, not a conflict.
    const again = await therapist.form(`/patients/${patientId}/place`, { version, latitude: '53.046', longitude: '-2.199', action: 'save' });
    expect(again.statusCode).toBe(303);
    const stale = await therapist.form(`/patients/${patientId}/place`, { version, latitude: '53.1', longitude: '-2.1', action: 'save' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this patient’s details');
    expect(stale.body).toContain('value="53.046"');
    expect((await patientRow()).latitude).toBe(53.046);
  });
});

describe('placing a patient through the API', () => {
  it('places from latitude and longitude, version-checked', async () => {
    const { version } = await patientRow();
    const res = await therapist.put(`/api/patients/${patientId}/location`, { version, latitude: 53.0451, longitude: -2.1981 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: patientId, latitude: 53.0451, longitude: -2.1981, version: version + 1 });
    const stale = await therapist.put(`/api/patients/${patientId}/location`, { version, latitude: 53.0452, longitude: -2.1982 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ latitude: 53.0451 });
  });

  it('places at the postcode district’s centre', async () => {
    const { version } = await patientRow();
    const res = await therapist.put(`/api/patients/${patientId}/location`, { version, from: 'postcode-district' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ latitude: 53.05492, longitude: -2.20315 });
  });

  it.each([
    ['coordinates outside the UK', { latitude: 40.4, longitude: -3.7 }, 'body.latitude'],
    ['one coordinate alone', { latitude: 53.1 }, 'body.from'],
    ['both coordinates and the district', { latitude: 53.1, longitude: -2.1, from: 'postcode-district' }, 'body.from'],
    ['a number that is not one', { latitude: 'north', longitude: -2.1 }, 'body.latitude'],
    ['an unknown field', { latitude: 53.1, longitude: -2.1, altitude: 3 }, 'body'],
  ])('refuses %s with a 400 naming the field, nothing saved', async (_what, body, path) => {
    const before = await patientRow();
    const res = await therapist.put(`/api/patients/${patientId}/location`, { version: before.version, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(res.json().error.fields)).toContain(path);
    expect(await patientRow()).toEqual(before);
  });

  it('says when the postcode service does not know the district', async () => {
    const other = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(802), postcode: 'ST4 6QG', latitude: null, longitude: null }));
    const res = await therapist.put(`/api/patients/${other.json().id}/location`, { version: 1, from: 'postcode-district' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The postcode service does not know the district ST4: enter the latitude and longitude');
  });
});

describe('who may place a patient', () => {
  it.each([
    ['a therapist of another team', () => t.service.otherTeamTherapist, 403],
    ['an administrator', () => t.service.a.administrator, 403],
    ['the privacy officer', () => t.service.a['privacy-officer'], 403],
    ['a support worker not working with the patient', () => t.service.a['support-worker'], 403],
    ['the clinical lead of the patient’s team', () => t.service.a['clinical-lead'], 200],
    ['an assistant practitioner of the patient’s team', () => t.service.a['assistant-practitioner'], 200],
  ])('%s: page %i, and the API and the form the same', async (_who, staff, status) => {
    const client = await t.signIn(staff());
    const page = await client.get(`/patients/${patientId}/place`);
    expect(page.statusCode).toBe(status);
    const { version } = await patientRow();
    const api = await client.put(`/api/patients/${patientId}/location`, { version, latitude: 53.0453, longitude: -2.1983 });
    expect(api.statusCode).toBe(status);
    if (status === 403) {
      const form = await client.form(`/patients/${patientId}/place`, { version: String(version), latitude: '53.0454', longitude: '-2.1984', action: 'save' });
      expect(form.statusCode).toBe(403);
      expect((await patientRow()).version).toBe(version);
    }
  });
});

describe('without a postcode service', () => {
  it('offers only the fields, and refuses the district', async () => {
    const plain = await bootTestApp({ testDb: t.testDb, seed: false, config: { postcodesUrl: null } });
    try {
      const client = await plain.signIn(t.service.a['registered-therapist']);
      const page = await client.get(`/patients/${patientId}/place`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Use the centre of');
      const { version } = await patientRow();
      const api = await client.put(`/api/patients/${patientId}/location`, { version, from: 'postcode-district' });
      expect(api.statusCode).toBe(400);
    } finally {
      await plain.app.close();
    }
  });
});
