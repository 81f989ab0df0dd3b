// The demo's year of supervision, written through the rules: everyone the policy covers has a supervisor
// the rule allows, about a year of sessions, and the team shows red, amber and green; a restart adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSupervisor, supervisionDue, supervisionFrequencies, ukDateOf, type HomewardRole } from '@homeward/clinical';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemoTeam, type DemoSeed } from './seed-demo-data.ts';
import { seedDemoSupervision } from './seed-demo-supervision.ts';

describe('the demo’s year of supervision', () => {
  let t: TestApp;
  let demo: DemoSeed;
  beforeAll(async () => {
    t = await bootTestApp({ seed: false });
    demo = await seedDemoTeam(t.db, { seed: 20261124, now: t.clock.now(), config: t.config, hashPassword: async () => 'not-a-real-hash' });
  });
  afterAll(async () => t?.close());

  it('names a supervisor the rule allows for everyone it covers, and writes about a year of sessions', async () => {
    const { sessions } = await seedDemoSupervision(t.db, { demo, now: t.clock.now(), config: t.config, seed: 20261124 });
    expect(sessions).toBeGreaterThan(50);
    const arrangements = await t.db.selectFrom('supervision_arrangements').selectAll().execute();
    const byId = new Map(demo.staff.map((s) => [s.id, s]));
    for (const a of arrangements) {
      const [supervisee, supervisor] = [byId.get(a.supervisee_id)!, byId.get(a.supervisor_id)!];
      const person = (s: typeof supervisee) => ({ id: s.id, name: s.givenName, role: s.homewardRole, profession: s.profession, band: s.band, active: true });
      expect(decideSupervisor({ supervisor: person(supervisor), supervisee: person(supervisee) })).toEqual({ allowed: true });
    }
    const covered = demo.staff.filter((s) => supervisionFrequencies[s.homewardRole as HomewardRole] !== null && !(s.homewardRole === 'clinical-lead' && s.teamId !== demo.staff.find((m) => m.homewardRole === 'service-manager')!.teamId) && s.homewardRole !== 'service-manager');
    expect(arrangements.length).toBe(covered.length);
    // Red, amber and green all shown somewhere.
    const today = ukDateOf(t.clock.now());
    const last = await t.db.selectFrom('supervision_sessions').select('supervisee_id').select((eb) => eb.fn.max('held_on').as('held_on')).groupBy('supervisee_id').execute();
    const statuses = new Set(last.map((r) => supervisionDue({ role: byId.get(r.supervisee_id)!.homewardRole, lastHeldOn: r.held_on as string, today })!.status));
    expect([...statuses].sort()).toEqual(['due-soon', 'in-date', 'overdue']);
    // Some waiting to be confirmed, most confirmed; open actions on someone's home page.
    const byStatus = await t.db.selectFrom('supervision_sessions').select('status').select((eb) => eb.fn.countAll<string>().as('n')).groupBy('status').execute();
    expect(byStatus.map((r) => r.status).sort()).toEqual(['confirmed', 'recorded']);
    expect(await t.db.selectFrom('supervision_actions').select('id').where('status', '=', 'open').execute()).not.toHaveLength(0);
  });

  it('adds nothing on a restart', async () => {
    const before = (await t.db.selectFrom('supervision_sessions').select('id').execute()).length;
    expect(await seedDemoSupervision(t.db, { demo, now: t.clock.now(), config: t.config, seed: 20261124 })).toEqual({ sessions: 0 });
    expect((await t.db.selectFrom('supervision_sessions').select('id').execute()).length).toBe(before);
  });
});
