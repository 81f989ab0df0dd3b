// Where a patient is: the rules for typed coordinates, and the postcode district look-up against a
// real local HTTP server standing in for a postcodes.io-compatible service.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkPatientLocation } from './check-patient-location.ts';
import { findPostcodeDistrictCentre } from './find-postcode-district-centre.ts';

describe('checking typed coordinates', () => {
  it.each([
    [{ latitude: '53.0246', longitude: '-2.1754' }, { latitude: 53.0246, longitude: -2.1754 }],
    [{ latitude: ' 53,0246 ', longitude: '−2.1754' }, { latitude: 53.0246, longitude: -2.1754 }],
    [{ latitude: 53.123456789, longitude: -2.1 }, { latitude: 53.123457, longitude: -2.1 }],
    [{ latitude: '60.15', longitude: '-1.15' }, { latitude: 60.15, longitude: -1.15 }],
  ])('%o is placed at %o', (input, location) => {
    expect(checkPatientLocation(input)).toEqual({ ok: true, location });
  });

  it.each([
    [{ latitude: '', longitude: '' }, ['latitude', 'Enter the latitude as a number, like 53.0246'], ['longitude', 'Enter the longitude as a number, like -2.1754 (west of Greenwich is minus)']],
    [{ latitude: '-2.1754', longitude: '53.0246' }, ['latitude', 'Latitude must be between 49 and 61 in the UK: this looks like a longitude'], ['longitude', 'Longitude must be between -8.7 and 1.9 in the UK: this looks like a latitude']],
    [{ latitude: '48.8', longitude: '2.35' }, ['latitude', 'Latitude must be between 49 and 61 in the UK, like 53.0246'], ['longitude', 'Longitude must be between -8.7 and 1.9 in the UK, like -2.1754 (west of Greenwich is minus)']],
    [{ latitude: '1e2', longitude: 'NaN' }, ['latitude', 'Enter the latitude as a number, like 53.0246'], ['longitude', 'Enter the longitude as a number, like -2.1754 (west of Greenwich is minus)']],
    [{ latitude: Number.POSITIVE_INFINITY, longitude: -2 }, ['latitude', 'Enter the latitude as a number, like 53.0246']],
  ] as const)('%o is refused', (input, ...expected) => {
    const result = checkPatientLocation(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fields.map((f) => [f.path, f.message])).toEqual(expected);
  });
});

describe('the postcode district centre', () => {
  let server: Server;
  let baseUrl = '';
  const asked: string[] = [];
  let handler: (q: IncomingMessage, s: ServerResponse) => void = (_q, s) => s.end();

  beforeAll(async () => {
    server = createServer((q, s) => {
      asked.push(q.url ?? '');
      handler(q, s);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  const answer = (status: number, body: unknown) => (_q: IncomingMessage, s: ServerResponse) => {
    s.writeHead(status, { 'content-type': 'application/json' });
    s.end(JSON.stringify(body));
  };

  it('asks for the district only, never the full postcode, and gives its centre', async () => {
    asked.length = 0;
    handler = answer(200, { status: 200, result: { outcode: 'ST4', longitude: -2.18136, latitude: 52.99921, admin_district: ['Stoke-on-Trent'] } });
    const centre = await findPostcodeDistrictCentre({ baseUrl: `${baseUrl}/`, postcode: 'st4 6qg', timeoutMs: 2000 });
    expect(centre).toEqual({ district: 'ST4', latitude: 52.99921, longitude: -2.18136 });
    expect(asked).toEqual(['/outcodes/ST4']);
  });

  async function refusal(postcode = 'ST4 6QG', timeoutMs = 2000): Promise<HomewardError> {
    try {
      await findPostcodeDistrictCentre({ baseUrl, postcode, timeoutMs });
    } catch (error) {
      if (error instanceof HomewardError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it.each([
    ['a district it does not know', answer(404, { status: 404, error: 'Outcode not found' }), 'validation_failed', 'The postcode service does not know the district ST4: enter the latitude and longitude'],
    ['a failure', answer(500, { status: 500 }), 'lookup_unavailable', 'The postcode service is not answering: enter the latitude and longitude, or try again later'],
    ['an answer without a place', answer(200, { status: 200, result: null }), 'lookup_unavailable', 'The postcode service is not answering: enter the latitude and longitude, or try again later'],
    ['text that is not JSON', (_q: IncomingMessage, s: ServerResponse) => s.end('<html>'), 'lookup_unavailable', 'The postcode service is not answering: enter the latitude and longitude, or try again later'],
  ] as const)('says so on %s', async (_what, h, code, message) => {
    handler = h;
    const error = await refusal();
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('gives up when it does not answer in time', async () => {
    handler = () => undefined;
    const error = await refusal('ST4 6QG', 200);
    expect(error.code).toBe('lookup_unavailable');
  });

  it('asks nothing for a postcode with no district', async () => {
    asked.length = 0;
    const error = await refusal('not a postcode');
    expect(error.code).toBe('validation_failed');
    expect(asked).toEqual([]);
  });
});
