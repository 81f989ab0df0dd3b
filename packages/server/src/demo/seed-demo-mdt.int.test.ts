// The demo's MDT year on a first start, on both databases: fortnightly meetings for a year for each team,
// written through the mdt context's rules (so audited), this week's with its agenda from the caseload,
// decisions in the timelines and actions, some open on their owners' home pages; next week's with two
// flagged episodes on its agenda. A second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { seedDemoMdt } from './seed-demo-mdt.ts';
import { seedDemoService } from './seed-demo-service.ts';

const now = new Date('2026-11-24T10:30:00Z');
const config = loadConfig({}, { now: () => now });

describe('the demo’s MDT meetings on a first start', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ({ demo } = await seedDemoService(testDb.database.db, { seed: 20261124, now, config, patients: 120, openEpisodes: 24, plannerIterations: 50 }));
  }, 300_000);
  afterAll(async () => {
    await testDb?.drop();
  });

  it('holds a year of fortnightly meetings for each team, with who attended, and schedules next week’s', async () => {
    const db = testDb.database.db;
    for (const team of demo.teams) {
      const meetings = await db.selectFrom('mdt_meetings').select(['id', 'status', 'starts_at']).where('team_id', '=', team.id).orderBy('starts_at').execute();
      expect(meetings.length).toBe(28);
      expect(meetings.filter((m) => m.status === 'held').length).toBe(27);
      expect(meetings.at(-1)!.status).toBe('scheduled');
      expect(new Date(meetings.at(-1)!.starts_at).getTime()).toBeGreaterThan(now.getTime());
      const attended = await db.selectFrom('mdt_attendees').select('meeting_id').where('meeting_id', 'in', meetings.map((m) => m.id)).execute();
      expect(new Set(attended.map((a) => a.meeting_id)).size).toBe(27);
    }
  });

  it('discusses this week’s patients: decisions in their timelines, actions open and closed, written as the staff who did it', async () => {
    const db = testDb.database.db;
    const decided = await db.selectFrom('mdt_agenda_items').select(['episode_id', 'decision']).where('decision', 'is not', null).execute();
    expect(decided.length).toBeGreaterThan(0);
    const events = await db.selectFrom('episode_events').select('episode_id').where('kind', '=', 'mdt-decision').execute();
    expect(new Set(events.map((e) => e.episode_id))).toEqual(new Set(decided.map((d) => d.episode_id)));
    const actions = await db.selectFrom('mdt_actions').select(['status', 'owner_id']).execute();
    expect(actions.some((a) => a.status === 'open')).toBe(true);
    expect(actions.some((a) => a.status === 'closed')).toBe(true);
    const audited = await db.selectFrom('audit_events').select('id').where('record_kind', '=', 'mdt-action').where('action', '=', 'write').execute();
    expect(audited.length).toBe(actions.length + actions.filter((a) => a.status === 'closed').length);
  });

  it('puts two flagged episodes on next week’s agenda, and adds nothing when run again', async () => {
    const db = testDb.database.db;
    const next = await db.selectFrom('mdt_meetings').select('id').where('status', '=', 'scheduled').execute();
    const items = await db.selectFrom('mdt_agenda_items').select('reasons').where('meeting_id', 'in', next.map((m) => m.id)).execute();
    expect(items.filter((i) => (i.reasons as string[]).includes('flagged')).length).toBeGreaterThanOrEqual(2);
    const before = await db.selectFrom('mdt_meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await seedDemoMdt(db, { demo, now, config, seed: 20261124 });
    const after = await db.selectFrom('mdt_meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
