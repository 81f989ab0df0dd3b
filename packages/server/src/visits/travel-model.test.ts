// The routing service's client against a real local HTTP server, and the fall-back to the road model.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planTravelOf, roadTravelBetween, travelBetween, type TravelLogger } from './travel-model.ts';
import { travelForPlanning } from './travel-for-planning.ts';

const hanley = { lat: 53.0246, lon: -2.1754 };
const leek = { lat: 53.105, lon: -2.023 };
const tunstall = { lat: 53.059, lon: -2.211 };

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler = (_q, s) => s.end();
const asked: string[] = [];
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

function json(body: unknown, status = 200): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

function recordingLog(): TravelLogger & { lines: Array<{ detail: Record<string, unknown>; message: string }> } {
  const lines: Array<{ detail: Record<string, unknown>; message: string }> = [];
  return { lines, warn: (detail, message) => lines.push({ detail, message }) };
}

const config = (timeoutMs = 2000) => ({ osrmUrl: baseUrl, osrmTimeoutMs: timeoutMs });

describe('the road model', () => {
  it('is used when no routing service is set, nothing logged', async () => {
    const log = recordingLog();
    const matrix = await travelBetween({ points: [hanley, leek], config: { osrmUrl: null, osrmTimeoutMs: 1000 }, log });
    expect(matrix.model).toBe('road');
    expect(matrix.fallbackReason).toBeNull();
    expect(log.lines).toEqual([]);
    expect(matrix.minutes[0]![0]).toBe(0);
    // About 13 km as the crow flies: longer by road, and a quarter of an hour or more to drive.
    expect(matrix.km[0]![1]).toBeGreaterThan(13);
    expect(matrix.minutes[0]![1]).toBeGreaterThan(15);
    expect(matrix.minutes[0]![1]).toBeCloseTo(matrix.minutes[1]![0]!, 6);
    expect(planTravelOf(matrix)).toEqual({ model: 'road', note: null });
  });
});

describe('an OSRM-compatible table service', () => {
  it('gives the times and distances, asked once with longitude first', async () => {
    asked.length = 0;
    handler = json({ code: 'Ok', durations: [[0, 1200, 600], [1260, 0, 900], [630, 930, 0]], distances: [[0, 16000, 5000], [16100, 0, 14000], [5100, 14100, 0]] });
    const matrix = await travelBetween({ points: [hanley, leek, tunstall], config: config() });
    expect(matrix.model).toBe('osrm');
    expect(matrix.minutes[0]![1]).toBe(20);
    expect(matrix.minutes[1]![0]).toBe(21);
    expect(matrix.km[2]![1]).toBeCloseTo(14.1, 6);
    expect(asked).toEqual(['/table/v1/driving/-2.175400,53.024600;-2.023000,53.105000;-2.211000,53.059000?annotations=duration,distance']);
    expect(planTravelOf(matrix)).toEqual({ model: 'osrm', note: null });
  });

  it('asks for a day larger than the service takes in blocks, none over its limit, and puts the table together', async () => {
    asked.length = 0;
    // A service that works out each answer from what it is asked: seconds = 100 x (difference in the points' numbers).
    const numberOf = (coordinate: string) => Math.round((Number(coordinate.split(',')[0]) + 2) * 1000);
    handler = (request, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      const coordinates = decodeURIComponent(url.pathname.split('/').at(-1)!).split(';');
      const sources = url.searchParams.get('sources')?.split(';').map(Number) ?? coordinates.map((_, i) => i);
      const destinations = url.searchParams.get('destinations')?.split(';').map(Number) ?? coordinates.map((_, i) => i);
      const seconds = sources.map((s) => destinations.map((d) => 100 * Math.abs(numberOf(coordinates[s]!) - numberOf(coordinates[d]!))));
      json({ code: 'Ok', durations: seconds, distances: seconds.map((row) => row.map((x) => x * 10)) })(request, response);
    };
    const points = Array.from({ length: 23 }, (_, i) => ({ lat: 53, lon: -2 + i / 1000 }));
    const matrix = await travelBetween({ points, config: { ...config(), osrmMaxTableSize: 10 } });
    expect(matrix.model).toBe('osrm');
    // Blocks of 5: 5 x 5 requests, each of at most 10 points.
    expect(asked).toHaveLength(25);
    for (const url of asked) expect(decodeURIComponent(url.split('?')[0]!.split('/').at(-1)!).split(';').length).toBeLessThanOrEqual(10);
    for (const [i, j] of [[0, 22], [22, 0], [7, 13], [4, 5], [20, 21], [11, 11]] as const) {
      expect(matrix.minutes[i]![j]).toBeCloseTo((100 * Math.abs(i - j)) / 60, 6);
      expect(matrix.km[i]![j]).toBeCloseTo(Math.abs(i - j), 6);
    }
  });

  it('fills a pair it could not route from the road model', async () => {
    handler = json({ code: 'Ok', durations: [[0, null], [600, 0]], distances: [[0, null], [9000, 0]] });
    const matrix = await travelBetween({ points: [hanley, leek], config: config() });
    const road = roadTravelBetween([hanley, leek]);
    expect(matrix.model).toBe('osrm');
    expect(matrix.minutes[0]![1]).toBeCloseTo(road.minutes[0]![1]!, 6);
    expect(matrix.minutes[1]![0]).toBe(10);
  });

  it.each([
    ['an error status', json({ message: 'down' }, 503), 'the routing service answered 503'],
    ['an answer that is not a table', json({ code: 'NoTable' }), 'the routing service answered without a table'],
    ['a table of the wrong size', json({ code: 'Ok', durations: [[0]] }), "the routing service's table is not 2 by 2"],
    ['text that is not JSON', (_q: IncomingMessage, s: ServerResponse) => s.end('<html>'), 'the routing service answered without a table'],
  ] as Array<[string, Handler, string]>)('falls back to the road model on %s, logged and said on the plan', async (_what, h, reason) => {
    handler = h;
    const log = recordingLog();
    const matrix = await travelBetween({ points: [hanley, leek], config: config(), log });
    expect(matrix).toEqual({ ...roadTravelBetween([hanley, leek]), fallbackReason: reason });
    expect(log.lines).toEqual([{ detail: { osrmUrl: baseUrl, points: 2, reason }, message: 'Routing service failed: planning with the road model' }]);
    expect(planTravelOf(matrix).note).toContain(reason);
  });

  it('falls back when it does not answer in time', async () => {
    // Never answers: the client's timeout ends the wait.
    handler = () => undefined;
    const log = recordingLog();
    const matrix = await travelBetween({ points: [hanley, leek], config: config(200), log });
    expect(matrix.model).toBe('road');
    expect(matrix.fallbackReason).toBe('no answer within 200 ms');
    expect(log.lines).toHaveLength(1);
  });

  it('falls back when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const matrix = await travelBetween({ points: [hanley, leek], config: { osrmUrl: `http://127.0.0.1:${port}`, osrmTimeoutMs: 2000 } });
    expect(matrix.model).toBe('road');
    expect(matrix.fallbackReason).toBe('the routing service could not be reached (ECONNREFUSED)');
  });
});

describe('travel for the planner', () => {
  it('leaves the road model to the planner when no routing service is set', async () => {
    const day = await travelForPlanning({ points: [hanley, leek], config: { osrmUrl: null, osrmTimeoutMs: 1000 } });
    expect(day.travel).toEqual({ kind: 'road' });
    expect(day.locationOf(leek)).toEqual({ lat: leek.lat, lon: leek.lon });
    expect(day.planTravel).toEqual({ model: 'road', note: null });
  });

  it('asks the routing service once for the distinct points and gives the planner the matrix by index', async () => {
    asked.length = 0;
    handler = json({ code: 'Ok', durations: [[0, 1200], [1260, 0]], distances: [[0, 16000], [16100, 0]] });
    const day = await travelForPlanning({ points: [hanley, leek, hanley, { ...leek }], config: config() });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('/table/v1/driving/-2.175400,53.024600;-2.023000,53.105000?');
    expect(day.travel).toEqual({ kind: 'matrix', durations: [[0, 20], [21, 0]], distances: [[0, 16], [16.1, 0]] });
    expect(day.locationOf({ lat: 53.105, lon: -2.023 })).toEqual({ index: 1 });
    expect(() => day.locationOf(tunstall)).toThrow('A point not given');
    expect(day.planTravel).toEqual({ model: 'osrm', note: null });
  });

  it('plans with the road model, saying why, when the service fails', async () => {
    handler = json({ message: 'down' }, 502);
    const day = await travelForPlanning({ points: [hanley, leek], config: config() });
    expect(day.travel).toEqual({ kind: 'road' });
    expect(day.planTravel.note).toBe('The routing service could not be used (the routing service answered 502): travel is estimated by the road model');
  });
});
