// The readers the planner uses (issue 13 part 2): visits proposed from the team's open episodes for a
// week, checked day by day by hand, then proposing again adds nothing; the day's visits to plan with
// the patient's home and who must come. On both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { staffActor } from '../platform/actor.ts';
import { listVisitsToPlan, proposeVisitsForHorizon } from './public.ts';

describe('proposing a week of visits from the caseload', () => {
  let t: TestApp;
  let betty: string;
  let bettyEpisode: string;
  let frank: string;
  let frankEpisode: string;
  const actorFor = (role: 'clinical-lead' | 'support-worker') => {
    const s = t.service.a[role];
    return staffActor({ staff: { staffId: s.id, name: 'Alex', role: s.role, teamId: s.teamId }, config: t.config, via: 'test', now: t.clock.now() });
  };
  // Tuesday 24 November 2026 (the test clock) to Monday 30 November.
  const week = { from: '2026-11-24', to: '2026-11-30' };

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    betty = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(901) }))).json().id;
    frank = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(902), givenName: 'Frank', familyName: 'Hulme', latitude: null, longitude: null, riskFlags: ['visit-in-pairs'] }))).json().id;
    const discharged = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(903), givenName: 'Ivy' }))).json().id;
    const otherTeams = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(904), givenName: 'Olive' }))).json().id;
    const ap = t.service.a['assistant-practitioner'].id;
    bettyEpisode = await seedEpisode(t, { patientId: betty, service: 'd2a-pathway-1', allocatedTo: ap });
    await t.db.updateTable('episodes').set({ visits_per_week: 3 }).where('id', '=', bettyEpisode).execute();
    // Frank waits for his first contact, due by 17:00 on Wednesday 25th, two visits a week.
    frankEpisode = await seedEpisode(t, { patientId: frank, service: 'd2a-pathway-1', allocatedTo: ap });
    await t.db.updateTable('episodes').set({ status: 'waiting', first_contact_at: null, last_contact_at: null, priority: 'P2', response_due_at: new Date('2026-11-25T17:00:00Z'), visits_per_week: 2 }).where('id', '=', frankEpisode).execute();
    const ivyEpisode = await seedEpisode(t, { patientId: discharged, service: 'd2a-pathway-1', allocatedTo: ap });
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-23' }).where('id', '=', ivyEpisode).execute();
    await seedEpisode(t, { patientId: otherTeams, service: 'd2a-pathway-1', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
  });
  afterAll(async () => t?.close());

  it('proposes the week by hand: Betty Wed, Fri, Mon; Frank first contact today, then Thursday', async () => {
    const result = await t.db.transaction().execute((trx) => proposeVisitsForHorizon(trx, { actor: actorFor('clinical-lead'), teamId: t.service.teamA, ...week }));
    expect(result.proposed).toBe(5);
    const rows = await t.db.selectFrom('visits').select(['episode_id', 'on_date', 'purpose', 'due_by', 'priority', 'staff_needed', 'staff_needed_reason', 'origin']).orderBy('on_date').execute();
    const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
    expect(rows.filter((r) => r.episode_id === bettyEpisode).map((r) => `${day(r.on_date)} ${r.purpose}`)).toEqual(['2026-11-25 therapy', '2026-11-27 therapy', '2026-11-30 therapy']);
    expect(rows.filter((r) => r.episode_id === frankEpisode).map((r) => `${day(r.on_date)} ${r.purpose} ${r.due_by === null ? '-' : day(r.due_by)} p${r.priority}`)).toEqual(['2026-11-24 first-contact 2026-11-25 p3', '2026-11-26 therapy - p1']);
    expect(rows.filter((r) => r.episode_id === frankEpisode).every((r) => r.staff_needed === 2 && r.staff_needed_reason === 'Risk flag: visit in pairs' && r.origin === 'proposed')).toBe(true);
    const audited = await t.db.selectFrom('audit_events').select(['patient_id', 'record_id']).where('record_kind', '=', 'visit').where('action', '=', 'write').execute();
    expect(audited).toHaveLength(5);
  });

  it('proposing again adds nothing', async () => {
    const again = await t.db.transaction().execute((trx) => proposeVisitsForHorizon(trx, { actor: actorFor('clinical-lead'), teamId: t.service.teamA, ...week }));
    expect(again.proposed).toBe(0);
    expect(Number((await t.db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(5);
  });

  it('lists the day’s visits to plan with the patient’s home, or none when nobody has placed him', async () => {
    const today = await listVisitsToPlan(t.db, { teamId: t.service.teamA, date: '2026-11-24' });
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ patientId: frank, patientName: 'Frank Hulme', purpose: 'first-contact', location: null, staffNeeded: 2, staffNeededReason: 'Risk flag: visit in pairs', dueBy: '2026-11-25', priority: 3, status: 'to-plan', date: '2026-11-24', window: null, registeredRequired: false });
    const wednesday = await listVisitsToPlan(t.db, { teamId: t.service.teamA, date: '2026-11-25' });
    expect(wednesday.map((v) => [v.patientName, v.location, v.durationMinutes, v.place])).toEqual([['Betty Bloor', { lat: 53.045, lon: -2.198 }, 45, 'home']]);
    expect(await listVisitsToPlan(t.db, { teamId: t.service.teamB, date: '2026-11-25' })).toEqual([]);
  });

  it('a support worker cannot propose the team’s visits', async () => {
    await expect(t.db.transaction().execute((trx) => proposeVisitsForHorizon(trx, { actor: actorFor('support-worker'), teamId: t.service.teamA, ...week }))).rejects.toMatchObject({ code: 'forbidden' });
  });
});
