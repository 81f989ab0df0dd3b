// The demo's Discharge Ready Dates on a first start, on both databases: recent D2A discharges get a ready
// date, some with the reasons they waited, written through recordDischargeReady as the team's clinical lead
// (so each is an episode event and audited); the D2A report then shows them. A second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { seedDemoReports } from './seed-demo-reports.ts';
import { seedDemoService } from './seed-demo-service.ts';

const now = new Date('2026-11-24T10:30:00Z');
const config = loadConfig({}, { now: () => now });

describe('the demo’s Discharge Ready Dates on a first start', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ({ demo } = await seedDemoService(testDb.database.db, { seed: 20261124, now, config, patients: 120, openEpisodes: 24, plannerIterations: 50 }));
  }, 300_000);
  afterAll(async () => {
    await testDb?.drop();
  });

  it('records ready dates on recent D2A discharges, some with delay reasons, through the rule and audited', async () => {
    const db = testDb.database.db;
    const ready = await db.selectFrom('episodes').select(['id', 'discharged_on', 'discharge_ready_on']).where('discharge_ready_on', 'is not', null).execute();
    expect(ready.length).toBeGreaterThan(0);
    for (const e of ready) expect(String(e.discharge_ready_on).slice(0, 10) <= String(e.discharged_on).slice(0, 10)).toBe(true);
    const events = await db.selectFrom('episode_events').select('episode_id').where('kind', '=', 'discharge-ready').execute();
    expect(events.length).toBe(ready.length);
    const delays = await db.selectFrom('episode_delays').select('episode_id').execute();
    expect(delays.length).toBeGreaterThan(0);
    const audited = await db.selectFrom('audit_events').select('record_id').where('record_kind', '=', 'episode').where('action', '=', 'write').where('record_id', 'in', ready.map((r) => r.id)).execute();
    expect(new Set(audited.map((a) => a.record_id)).size).toBe(ready.length);
  });

  it('adds nothing on a second start', async () => {
    const db = testDb.database.db;
    const before = await db.selectFrom('episode_delays').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await seedDemoReports(db, { demo, now, config });
    const after = await db.selectFrom('episode_delays').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
