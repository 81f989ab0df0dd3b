// The demo on a first start, seeded once for these stories (each used to seed the whole demo again,
// on both databases): the MDT year, incidents, safeguarding and the Discharge Ready Dates. Each story
// below says what it checks; each written through its context's rules, so audited.
//
// The demo's MDT year on a first start, on both databases: fortnightly meetings for a year for each team,
// written through the mdt context's rules (so audited), this week's with its agenda from the caseload,
// decisions in the timelines and actions, some open on their owners' home pages; next week's with two
// flagged episodes on its agenda. A second run adds nothing.
//
// The demo's incidents on a first start, on both databases: a near miss reported anonymously and closed
// (its outcome waiting on the reporter's home page), a fall linked to a patient under review with an
// action, a staff injury waiting for triage; each written through the incident rules, so audited. A
// second run adds nothing.
//
// The demo's safeguarding on a first start, on both databases: a safeguarding lead named by the service
// manager, a concern raised three hours ago waiting for her decision (on her home page), one referred to
// the local authority, all written through the safety context's rules (so audited). A second run adds nothing.
//
// The demo's Discharge Ready Dates on a first start, on both databases: recent D2A discharges get a ready
// date, some with the reasons they waited, written through recordDischargeReady as the team's clinical lead
// (so each is an episode event and audited); the D2A report then shows them. A second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSeed } from './seed-demo-data.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import { seedDemoIncidents } from './seed-demo-incidents.ts';
import { seedDemoMdt } from './seed-demo-mdt.ts';
import { seedDemoReports } from './seed-demo-reports.ts';
import { seedDemoSafeguarding } from './seed-demo-safeguarding.ts';
import { seedDemoService } from './seed-demo-service.ts';

const now = new Date('2026-11-24T10:30:00Z');
const config = loadConfig({}, { now: () => now });

describe('the demo on a first start', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ({ demo } = await seedDemoService(testDb.database.db, { seed: 20261124, now, config, patients: 120, openEpisodes: 24, plannerIterations: 50 }));
  }, 300_000);
  afterAll(async () => {
    await testDb?.drop();
  });

  describe('the demo’s MDT meetings on a first start', () => {

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

  describe('the demo’s incidents on a first start', () => {

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

  describe('the demo’s safeguarding on a first start', () => {

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

  describe('the demo’s Discharge Ready Dates on a first start', () => {

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
});
