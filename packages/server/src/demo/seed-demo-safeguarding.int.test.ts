// The demo's safeguarding on a first start, on both databases: a safeguarding lead named by the service
// manager, a concern raised three hours ago waiting for her decision (on her home page), one referred to
// the local authority, all written through the safety context's rules (so audited). A second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { seedDemoSafeguarding } from './seed-demo-safeguarding.ts';
import { seedDemoService } from './seed-demo-service.ts';

const now = new Date('2026-11-24T10:30:00Z');
const config = loadConfig({}, { now: () => now });

describe('the demo’s safeguarding on a first start', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ({ demo } = await seedDemoService(testDb.database.db, { seed: 20261124, now, config, patients: 120, openEpisodes: 24, plannerIterations: 50 }));
  }, 300_000);
  afterAll(async () => {
    await testDb?.drop();
  });

  it('names the first team’s clinical lead as safeguarding lead, with one concern waiting for her decision and one referred', async () => {
    const db = testDb.database.db;
    const [designation] = await db.selectFrom('safety_designations').innerJoin('staff', 'staff.id', 'safety_designations.staff_id').select(['staff.homeward_role', 'staff.team_id', 'safety_designations.ends_on']).execute();
    expect(designation).toMatchObject({ homeward_role: 'clinical-lead', team_id: demo.teams[0]!.id, ends_on: null });
    const concerns = await db.selectFrom('safeguarding_concerns').select(['status', 'decision', 'decision_due_at', 'local_authority_reference']).orderBy('raised_at').execute();
    expect(concerns.map((c) => c.status)).toEqual(['decided', 'open']);
    expect(concerns[0]).toMatchObject({ decision: 'refer-to-local-authority', local_authority_reference: 'STAFFS-CS-40921' });
    expect(new Date(concerns[1]!.decision_due_at).getTime() - now.getTime()).toBe(21 * 3_600_000);
    const audited = await db.selectFrom('audit_events').select('action').where('record_kind', '=', 'safeguarding-concern').where('outcome', '=', 'allowed').execute();
    expect(audited.length).toBe(3);
  });

  it('adds nothing when run again', async () => {
    const db = testDb.database.db;
    await seedDemoSafeguarding(db, { demo, now, config });
    expect(await db.selectFrom('safeguarding_concerns').select('id').execute()).toHaveLength(2);
    expect(await db.selectFrom('safety_designations').select('id').execute()).toHaveLength(1);
  });
});
