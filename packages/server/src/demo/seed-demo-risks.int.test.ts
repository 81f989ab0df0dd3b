// The demo's risk register on a first start, on both databases: written through the safety context's
// rules (so audited), one risk reviewed with its next review soon, one whose review has passed, an open
// action; a service-wide risk for the service manager. A second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukDateOf } from '@homeward/clinical';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import type { DemoSeed, SeededStaff } from './seed-demo-data.ts';
import { seedDemoRisks } from './seed-demo-risks.ts';

describe('the demo’s risk register', () => {
  let t: TestApp;
  let demo: DemoSeed;

  beforeAll(async () => {
    t = await bootTestApp();
    const roles = ['clinical-lead', 'registered-therapist', 'assistant-practitioner', 'service-manager'] as const;
    const staff = roles.map((role) => ({ id: t.service.a[role].id, teamId: t.service.teamA, homewardRole: role, givenName: 'Alex', familyName: role })) as unknown as SeededStaff[];
    demo = { teams: [{ id: t.service.teamA, key: 'a', name: 'North Staffs Therapies' }], staff, password: '' };
    await seedDemoRisks(t.db, { demo, now: t.clock.now(), config: t.config });
  });
  afterAll(() => t.close());

  it('writes the team’s risks and a service-wide one through the rules, each audited as its writer', async () => {
    const risks = await t.db.selectFrom('risks').select(['id', 'team_id', 'owner_id', 'created_by', 'review_on', 'likelihood']).orderBy('reference').execute();
    expect(risks).toHaveLength(4);
    expect(risks.slice(0, 3).every((r) => r.team_id === t.service.teamA && r.owner_id === t.service.a['clinical-lead'].id && r.created_by === t.service.a['registered-therapist'].id)).toBe(true);
    expect(risks[3]).toMatchObject({ team_id: null, owner_id: t.service.a['service-manager'].id });
    const today = ukDateOf(t.clock.now());
    // The slings' review and the service-wide risk's have passed (red on the register).
    expect(risks.filter((r) => r.review_on < today)).toHaveLength(2);
    expect(risks[0]!.likelihood).toBe(3);
    expect(await t.db.selectFrom('risk_reviews').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('risk_actions').select(['owner_id', 'status']).execute()).toEqual([{ owner_id: t.service.a['assistant-practitioner'].id, status: 'open' }]);
    const audited = await t.db.selectFrom('audit_events').select('staff_id').where('record_kind', '=', 'risk').where('action', '=', 'write').execute();
    expect(audited).toHaveLength(6);
  });

  it('shows on the lead’s home page (the review due soon, the one overdue) and the assistant’s (the action)', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const home = (await lead.get('/')).body;
    expect(home).toContain('Review RSK-');
    expect(home).toContain('Lone visits where there is no phone signal');
    expect(home).toContain('Hoist slings issued past their service date');
    const ap = await t.signIn(t.service.a['assistant-practitioner']);
    expect((await ap.get('/')).body).toContain('Test the satellite phone at each base once it arrives');
  });

  it('adds nothing on a second start', async () => {
    await seedDemoRisks(t.db, { demo, now: t.clock.now(), config: t.config });
    expect(await t.db.selectFrom('risks').select('id').execute()).toHaveLength(4);
  });
});
