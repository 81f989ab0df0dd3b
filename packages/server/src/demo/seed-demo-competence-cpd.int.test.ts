// The demo's competence sign-offs and year of CPD (issue 16 #2, #3), written through the domain functions:
// each row has the audit its write leaves, by its writer, on its day; the home page has a competence due
// soon; a second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import { seedDemoTeam, type DemoSeed } from './seed-demo-data.ts';
import { seedDemoCompetenceCpd } from './seed-demo-competence-cpd.ts';

const now = new Date('2026-11-24T10:30:00Z');
const today = ukDateOf(now);
const config = loadConfig({}, { now: () => now });

describe('seeding the demo’s competences and CPD', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;
  let made: { competences: number; cpdEntries: number };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    demo = await seedDemoTeam(testDb.database.db, { seed: 20261124, now, config });
    made = await seedDemoCompetenceCpd(testDb.database.db, { demo, now, config });
  });
  afterAll(async () => testDb?.drop());

  it('signs off hoisting with evidence and expiry, some due again within four weeks, each audited by its signer on its day', async () => {
    const db = testDb.database.db;
    const rows = await db.selectFrom('staff_competences').select(['id', 'recorded_by', 'recorded_at', 'expires_on', 'evidence']).where('competence', '=', 'hoist-competent').execute();
    expect(rows).toHaveLength(made.competences);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((r) => r.evidence && r.expires_on && r.expires_on >= today)).toBe(true);
    expect(rows.some((r) => r.expires_on! <= addCalendarDays(today, 28))).toBe(true);
    const audit = await db.selectFrom('audit_events').select(['record_id', 'staff_id', 'occurred_at']).where('record_kind', '=', 'staff-competence').where(sql<boolean>`detail->>'change' = 'recorded'`).execute();
    const byId = new Map(audit.map((a) => [a.record_id, a]));
    for (const r of rows) {
      expect(byId.get(r.id)?.staff_id).toBe(r.recorded_by);
      expect(new Date(byId.get(r.id)!.occurred_at).getTime()).toBe(new Date(r.recorded_at).getTime());
    }
  });

  it('logs a year of CPD for each registrant and assistant practitioner, as them, on the day', async () => {
    const db = testDb.database.db;
    const entries = await db.selectFrom('cpd_entries').select(['id', 'staff_id', 'done_on', 'created_by']).execute();
    expect(entries).toHaveLength(made.cpdEntries);
    const keepers = demo.staff.filter((s) => ['registered-therapist', 'clinical-lead', 'assistant-practitioner'].includes(s.homewardRole));
    for (const s of keepers) expect(entries.filter((e) => e.staff_id === s.id).length, s.key).toBeGreaterThanOrEqual(6);
    expect(entries.every((e) => e.created_by === e.staff_id && e.done_on < today && e.done_on >= addCalendarDays(today, -366))).toBe(true);
    const logged = await db.selectFrom('audit_events').select('record_id').where('record_kind', '=', 'cpd-log').where(sql<boolean>`detail->>'change' = 'cpd-logged'`).execute();
    expect(new Set(logged.map((l) => l.record_id)).size).toBe(entries.length);
  });

  it('adds nothing on a second run', async () => {
    expect(await seedDemoCompetenceCpd(testDb.database.db, { demo, now, config })).toEqual({ competences: 0, cpdEntries: 0 });
  });
});
