// The demo's incidents on a first start, on both databases: a near miss reported anonymously and closed
// (its outcome waiting on the reporter's home page), a fall linked to a patient under review with an
// action, a staff injury waiting for triage; each written through the incident rules, so audited. A
// second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { seedDemoIncidents } from './seed-demo-incidents.ts';
import { seedDemoService } from './seed-demo-service.ts';

const now = new Date('2026-11-24T10:30:00Z');
const config = loadConfig({}, { now: () => now });

describe('the demo’s incidents on a first start', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ({ demo } = await seedDemoService(testDb.database.db, { seed: 20261124, now, config, patients: 120, openEpisodes: 24, plannerIterations: 50 }));
  }, 300_000);
  afterAll(async () => {
    await testDb?.drop();
  });

  it('closes the loop on one, reviews one about a patient, and leaves one to triage; each audited', async () => {
    const db = testDb.database.db;
    const rows = await db.selectFrom('incidents').select(['id', 'status', 'reporter_anonymous', 'patient_id', 'outcome_seen_at', 'kind']).orderBy('created_at').execute();
    expect(rows.map((r) => [r.kind, r.status])).toEqual([['near-miss', 'closed'], ['incident', 'under-review'], ['incident', 'reported']]);
    expect(rows[0]).toMatchObject({ reporter_anonymous: true, outcome_seen_at: null });
    expect(rows[1]!.patient_id).not.toBeNull();
    expect(await db.selectFrom('incident_actions').select('status').execute()).toEqual([{ status: 'open' }]);
    const written = await db.selectFrom('audit_events').select('record_id').where('record_kind', '=', 'incident').where('action', '=', 'write').execute();
    expect(new Set(written.map((w) => w.record_id))).toEqual(new Set(rows.map((r) => r.id)));
    const notified = await db.selectFrom('notifications').select('kind').where('kind', '=', 'incident-outcome').execute();
    expect(notified.length).toBe(1);
  });

  it('adds nothing when run again', async () => {
    const db = testDb.database.db;
    await seedDemoIncidents(db, { demo, now, config });
    expect((await db.selectFrom('incidents').select('id').execute()).length).toBe(3);
  });
});
