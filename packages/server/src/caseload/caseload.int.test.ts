// The caseload story (issue 3): Mrs B, non-complex P2 on D2A pathway 1, is allocated by the clinical
// lead to the assistant practitioner, sits on her caseload with its clock and the reasons for its place,
// is handed over for the weekend, gets her first contact and is discharged home. Around her: a complex
// stroke patient the assistant practitioner may not hold, a support worker who never holds an episode,
// the waiting list with a breach, the capacity totals and the first-contact report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

type EpisodeSeed = {
  patientId: string;
  service?: string;
  priority?: string;
  complexity?: 'complex' | 'non-complex';
  skillsNeeded?: string[];
  receivedAt: Date;
  responseDueAt: Date;
  firstContactAt?: Date;
  allocatedTo?: string | null;
};

/** A referral accepted at triage and its episode, waiting; written straight to the database. */
async function createTriagedEpisode(t: TestApp, o: EpisodeSeed): Promise<string> {
  const lead = t.service.a['clinical-lead'].id;
  const referralId = uuidv7();
  const episodeId = uuidv7();
  const service = o.service ?? 'd2a-pathway-1';
  await t.db
    .insertInto('referrals')
    .values({
      id: referralId,
      patient_id: o.patientId,
      team_id: t.service.teamA,
      source: 'acute-ward',
      received_at: o.receivedAt,
      service,
      setting: 'home',
      reason: 'Fall at home, now medically fit',
      urgency_requested: 'soon',
      referrer_name: 'Ward 7 therapist',
      referrer_contact: '01632 960000',
      consent_to_referral: true,
      status: 'accepted',
      decided_at: o.receivedAt,
      decided_by: lead,
      created_at: o.receivedAt,
      created_by: lead,
      updated_at: o.receivedAt,
      updated_by: lead,
    })
    .execute();
  await t.db
    .insertInto('episodes')
    .values({
      id: episodeId,
      patient_id: o.patientId,
      referral_id: referralId,
      team_id: t.service.teamA,
      service,
      setting: 'home',
      status: o.firstContactAt ? 'active' : 'waiting',
      complexity: o.complexity ?? 'non-complex',
      complexity_reason: o.complexity === 'complex' ? 'Dense hemiplegia, new to hoisting' : 'Single need, stable',
      priority: o.priority ?? 'P2',
      skills_needed: JSON.stringify(o.skillsNeeded ?? ['OT']),
      triaged_by: lead,
      triaged_at: o.receivedAt,
      clock_starts_at: o.receivedAt,
      response_due_at: o.responseDueAt,
      first_contact_at: o.firstContactAt ?? null,
      last_contact_at: o.firstContactAt ?? null,
      allocated_to: o.allocatedTo ?? null,
      allocated_at: o.allocatedTo ? o.receivedAt : null,
      created_at: o.receivedAt,
      created_by: lead,
      updated_at: o.receivedAt,
      updated_by: lead,
    })
    .execute();
  await t.db
    .insertInto('episode_events')
    .values({ id: uuidv7(), episode_id: episodeId, occurred_at: o.receivedAt, staff_id: lead, kind: 'triaged', reason: null, detail: JSON.stringify({ priority: o.priority ?? 'P2' }) })
    .execute();
  return episodeId;
}

const minutes = (n: number) => n * 60_000;
let nhsIndex = 600_000;

describe('caseload: allocation, the episode of care, caseloads and the waiting list', () => {
  let t: TestApp;
  let lead: TestClient;
  let assistant: TestClient;
  let therapist: TestClient;
  let supportWorker: TestClient;
  let outsider: TestClient;
  let start: Date;
  const newPatient = async (overrides: Record<string, unknown> = {}) =>
    (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), ...overrides }))).json().id as string;
  const episodeRow = (id: string) => t.db.selectFrom('episodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const eventsOf = (id: string) => t.db.selectFrom('episode_events').select(['kind', 'reason', 'detail']).where('episode_id', '=', id).orderBy('occurred_at').orderBy('id').execute();
  const lastAudit = (staffId: string) => t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', staffId).orderBy('seq', 'desc').executeTakeFirstOrThrow();

  let mrsB: string; // patient
  let mrsBEpisode: string;
  let strokeEpisode: string;

  const signInEveryone = async () => {
    lead = await t.signIn(t.service.a['clinical-lead']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
  };
  /** Moves the clock on; sessions idle out after 30 minutes, so everyone signs in again. */
  const advanceMinutes = async (n: number) => {
    t.clock.advanceMinutes(n);
    await signInEveryone();
  };

  beforeAll(async () => {
    t = await bootTestApp();
    await signInEveryone();
    start = t.clock.now();
    mrsB = (await therapist.post('/api/patients', patientDetails({ riskFlags: [] }))).json().id;
    // Received an hour ago; the 2-day reablement standard runs from then.
    mrsBEpisode = await createTriagedEpisode(t, { patientId: mrsB, receivedAt: new Date(start.getTime() - minutes(60)), responseDueAt: new Date(start.getTime() + minutes(47 * 60)) });
    strokeEpisode = await createTriagedEpisode(t, {
      patientId: await newPatient({ givenName: 'Stan', familyName: 'Stroke' }),
      service: 'stroke-early-supported-discharge',
      priority: 'P1',
      complexity: 'complex',
      skillsNeeded: ['PT', 'hoist-competent'],
      receivedAt: start,
      responseDueAt: new Date(start.getTime() + minutes(24 * 60)),
    });
  });
  afterAll(() => t.close());

  it('lets the clinical lead allocate Mrs B (non-complex, P2) to the assistant practitioner, in her history and the audit', async () => {
    const res = await lead.post(`/api/episodes/${mrsBEpisode}/allocation`, { staffId: assistant.staff.id, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().allocatedTo).toBe(assistant.staff.id);
    expect(res.json().version).toBe(2);
    expect(res.json().status).toBe('waiting');
    const events = await eventsOf(mrsBEpisode);
    expect(events.map((e) => e.kind)).toEqual(['triaged', 'allocated']);
    expect(events[1]!.detail).toMatchObject({ toStaffId: assistant.staff.id, fromStaffId: null });
    const audited = await lastAudit(lead.staff.id);
    expect(audited).toMatchObject({ action: 'write', outcome: 'allowed', record_kind: 'episode', record_id: mrsBEpisode, patient_id: mrsB });
  });

  it('shows Mrs B on the assistant practitioner’s caseload with her clock and why she sits where she does', async () => {
    const res = await assistant.get('/api/caseload');
    expect(res.statusCode, res.body).toBe(200);
    const [row, ...others] = res.json().rows;
    expect(others).toHaveLength(0);
    expect(row.episodeId).toBe(mrsBEpisode);
    expect(row.clock.state).toBe('running');
    expect(row.clock.text).toBe('Due in 1 day 23 h');
    expect(row.reasons).toEqual([
      { label: 'P2 (soon)', points: 40 },
      { label: 'Lives alone', points: 5 },
    ]);
    expect(row.score).toBe(45);
    const audited = await lastAudit(assistant.staff.id);
    expect(audited).toMatchObject({ action: 'read', outcome: 'allowed', record_kind: 'caseload' });
    expect(audited.detail).toMatchObject({ episodeIds: [mrsBEpisode], scope: 'clinician' });

    // The clinical lead can look at a colleague's caseload in the team, not at someone's in another team.
    const hers = await lead.get(`/api/caseload?staffId=${assistant.staff.id}`);
    expect(hers.json().rows.map((r: { episodeId: string }) => r.episodeId)).toEqual([mrsBEpisode]);
    expect((await lead.get(`/api/caseload?staffId=${outsider.staff.id}`)).statusCode).toBe(403);
    expect(await lastAudit(lead.staff.id)).toMatchObject({ action: 'read', outcome: 'refused', record_kind: 'caseload' });

    const page = await assistant.get('/caseload');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('BLOOR, Betty');
    expect(page.body).toContain('943 476 5919');
    expect(page.body).toContain('Due in 1 day 23 h');
    expect(page.body).toContain('P2 (soon) (+40)');
    // What a screen reader hears of the print link (it said "of the my caseload").
    expect(page.body).toContain('Printable view<span class="nhsuk-u-visually-hidden"> of your caseload</span>');
    expect(page.body).toContain('Lives alone (+5)');
    expect(page.body).toContain(`href="/episodes/${mrsBEpisode}"`);
  });

  it('refuses to allocate the complex stroke patient to the assistant practitioner, naming the rule, and changes nothing', async () => {
    const before = await episodeRow(strokeEpisode);
    const res = await lead.post(`/api/episodes/${strokeEpisode}/allocation`, { staffId: assistant.staff.id, version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields[0].path).toBe('staffId');
    expect(res.json().error.fields[0].message).toMatch(/Assistant practitioners can only hold non-complex episodes/);
    const after = await episodeRow(strokeEpisode);
    expect(after.allocated_to).toBeNull();
    expect(after.version).toBe(before.version);
    expect((await eventsOf(strokeEpisode)).map((e) => e.kind)).toEqual(['triaged']);
    const refusal = await lastAudit(lead.staff.id);
    expect(refusal).toMatchObject({ action: 'write', outcome: 'refused', record_id: strokeEpisode });
    expect(refusal.detail).toMatchObject({ rule: 'assistant-practitioner-non-complex-only' });

    // The options say who may hold it and why not, beside each one's caseload weight.
    const options = (await lead.get(`/api/episodes/${strokeEpisode}/allocation-options`)).json().clinicians;
    const byRole = Object.fromEntries(options.map((c: { role: string }) => [c.role, c]));
    expect(byRole['assistant-practitioner']).toMatchObject({ allowed: false, rule: 'assistant-practitioner-non-complex-only', episodes: 1, totalWeight: 2.4, capacity: 18.75 });
    expect(byRole['support-worker']).toMatchObject({ allowed: false, rule: 'support-worker-no-episodes' });
    // Both registered staff are occupational therapists; the episode needs physiotherapy.
    expect(byRole['registered-therapist']).toMatchObject({ allowed: false, rule: 'profession-needed' });

    // The page lists her as not allowed, and a forced choice comes back in the error summary.
    const form = await lead.get(`/episodes/${strokeEpisode}/allocate`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('No: Assistant practitioners can only hold non-complex episodes');
    const posted = await lead.form(`/episodes/${strokeEpisode}/allocate`, { staffId: assistant.staff.id, version: '1' });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('There is a problem');
    expect(posted.body).toContain('Assistant practitioners can only hold non-complex episodes');
    expect((await episodeRow(strokeEpisode)).allocated_to).toBeNull();
  });

  it('never allocates an episode to a support worker, and says why', async () => {
    const res = await lead.post(`/api/episodes/${strokeEpisode}/allocation`, { staffId: supportWorker.staff.id, version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toMatch(/support workers do not hold episodes of care/);
    expect((await lastAudit(lead.staff.id)).detail).toMatchObject({ rule: 'support-worker-no-episodes' });
    expect((await episodeRow(strokeEpisode)).allocated_to).toBeNull();
  });

  it('refuses allocation by the assistant practitioner (403), audited', async () => {
    const res = await assistant.post(`/api/episodes/${strokeEpisode}/allocation`, { staffId: therapist.staff.id, version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await lastAudit(assistant.staff.id)).toMatchObject({ action: 'write', outcome: 'refused', record_id: strokeEpisode });
    expect((await assistant.get(`/episodes/${strokeEpisode}/allocate`)).statusCode).toBe(403);
    expect((await episodeRow(strokeEpisode)).allocated_to).toBeNull();
  });

  it('refuses anyone outside the team, who has no relationship with the patient', async () => {
    const res = await outsider.post(`/api/episodes/${mrsBEpisode}/allocation`, { staffId: null, version: 2 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('no_legitimate_relationship');
    expect((await outsider.get('/api/caseload?team=' + t.service.teamA)).statusCode).toBe(403);
  });

  it('answers a stale version with 409 and the episode as it is now', async () => {
    const res = await lead.post(`/api/episodes/${mrsBEpisode}/allocation`, { staffId: therapist.staff.id, reason: 'caseload-balance', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
    expect(res.json().error.current.allocatedTo).toBe(assistant.staff.id);
    expect(res.json().error.current.version).toBe(2);
    expect((await episodeRow(mrsBEpisode)).allocated_to).toBe(assistant.staff.id);
  });

  it('lets the assistant practitioner hand Mrs B over for the weekend, with the reason in her history', async () => {
    const noReason = await assistant.post(`/api/episodes/${mrsBEpisode}/hand-over`, { staffId: therapist.staff.id, version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toMatch(/reason/);
    expect((await episodeRow(mrsBEpisode)).version).toBe(2);

    const page = await assistant.form(`/episodes/${mrsBEpisode}/hand-over`, { staffId: therapist.staff.id, reason: 'weekend-cover', note: 'Back with me on Monday', version: '2' });
    expect(page.statusCode, page.body).toBe(303);
    expect(page.headers.location).toBe(`/episodes/${mrsBEpisode}?done=handed-over`);
    const row = await episodeRow(mrsBEpisode);
    expect(row.allocated_to).toBe(therapist.staff.id);
    const handOver = (await eventsOf(mrsBEpisode)).at(-1)!;
    expect(handOver).toMatchObject({ kind: 'handed-over', reason: 'weekend-cover' });
    expect(handOver.detail).toMatchObject({ fromStaffId: assistant.staff.id, toStaffId: therapist.staff.id, note: 'Back with me on Monday' });

    const episodePage = await therapist.get(`/episodes/${mrsBEpisode}?done=handed-over`);
    expect(episodePage.statusCode).toBe(200);
    expect(episodePage.body).toContain('Episode handed over');
    expect(episodePage.body).toContain('Handed over from Alex assistant practitioner to Alex registered therapist');
    expect(episodePage.body).toContain('Weekend hand-over: Back with me on Monday');
    expect(episodePage.body).toContain('943 476 5919');
    // She no longer holds it, so it has left her caseload and joined his.
    expect((await assistant.get('/api/caseload')).json().rows).toHaveLength(0);
    expect((await therapist.get('/api/caseload')).json().rows.map((r: { episodeId: string }) => r.episodeId)).toEqual([mrsBEpisode]);
  });

  it('records first contact on the page: the episode becomes active with its planned end and review date', async () => {
    await advanceMinutes(3 * 60); // 12:00 on 24 November
    const version = (await episodeRow(mrsBEpisode)).version;
    const bad = await therapist.form(`/episodes/${mrsBEpisode}/first-contact`, { 'at-day': '24', 'at-month': '11', 'at-year': '2026', 'at-time': '25:00', version: String(version) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a real time');
    const res = await therapist.form(`/episodes/${mrsBEpisode}/first-contact`, { 'at-day': '24', 'at-month': '11', 'at-year': '2026', 'at-time': '11:30', assessed: 'yes', version: String(version) });
    expect(res.statusCode, res.body).toBe(303);
    const row = await episodeRow(mrsBEpisode);
    expect(row.status).toBe('active');
    expect(new Date(row.first_contact_at!).toISOString()).toBe('2026-11-24T11:30:00.000Z');
    expect(new Date(row.first_assessment_at!).toISOString()).toBe('2026-11-24T11:30:00.000Z');
    const api = (await therapist.get(`/api/episodes/${mrsBEpisode}`)).json();
    expect(api.plannedEndOn).toBe('2027-01-05'); // six weeks of intermediate care
    expect(api.reviewDueOn).toBe('2026-12-15'); // halfway
    expect(api.clock.state).toBe('met');
    expect(api.events.at(-1)).toMatchObject({ kind: 'status-changed', reason: 'first-contact' });
  });

  it('puts an episode on hold with a reason and resumes it', async () => {
    const version = (await episodeRow(mrsBEpisode)).version;
    const noReason = await therapist.post(`/api/episodes/${mrsBEpisode}/hold`, { version });
    expect(noReason.statusCode).toBe(400);
    const held = await therapist.post(`/api/episodes/${mrsBEpisode}/hold`, { reason: 'admitted-to-hospital', version });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'on-hold', holdReason: 'Admitted to hospital' });
    const resumed = await therapist.form(`/episodes/${mrsBEpisode}/resume`, { version: String(held.json().version) });
    expect(resumed.statusCode).toBe(303);
    expect((await episodeRow(mrsBEpisode)).status).toBe('active');
  });

  it('tracks an onward referral until it is acknowledged', async () => {
    const sent = await therapist.post(`/api/episodes/${mrsBEpisode}/onward-referrals`, { toService: 'Wheelchair service', note: 'Self-propelling chair' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().acknowledgedAt).toBeNull();
    const page = await therapist.get(`/episodes/${mrsBEpisode}`);
    expect(page.body).toContain('Awaiting acknowledgement');
    const ack = await therapist.form(`/episodes/${mrsBEpisode}/onward-referrals/${sent.json().id}/acknowledge`, { version: '1' });
    expect(ack.statusCode).toBe(303);
    const row = await t.db.selectFrom('onward_referrals').selectAll().where('id', '=', sent.json().id).executeTakeFirstOrThrow();
    expect(row.acknowledged_at).not.toBeNull();
    expect((await eventsOf(mrsBEpisode)).slice(-2).map((e) => e.kind)).toEqual(['onward-referral', 'onward-acknowledged']);
  });

  it('refuses a discharge without an outcome, naming it, and changes nothing', async () => {
    const before = await episodeRow(mrsBEpisode);
    const res = await therapist.post(`/api/episodes/${mrsBEpisode}/discharge`, { destination: 'home-no-support', dischargedOn: '2026-11-24', version: before.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['outcome']);
    expect(res.json().error.message).toMatch(/outcome/);
    const page = await therapist.form(`/episodes/${mrsBEpisode}/discharge`, { destination: 'home-no-support', 'dischargedOn-day': '24', 'dischargedOn-month': '11', 'dischargedOn-year': '2026', version: String(before.version) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Select the outcome of the episode');
    const after = await episodeRow(mrsBEpisode);
    expect(after.status).toBe('active');
    expect(after.version).toBe(before.version);
    expect(after.discharge_outcome).toBeNull();
  });

  it('discharges Mrs B home with the outcome, and she leaves the caseload', async () => {
    const version = (await episodeRow(mrsBEpisode)).version;
    const res = await therapist.form(`/episodes/${mrsBEpisode}/discharge`, {
      outcome: 'goals-met',
      destination: 'home-no-support',
      'dischargedOn-day': '24',
      'dischargedOn-month': '11',
      'dischargedOn-year': '2026',
      version: String(version),
    });
    expect(res.statusCode, res.body).toBe(303);
    const row = await episodeRow(mrsBEpisode);
    expect(row).toMatchObject({ status: 'discharged', discharge_outcome: 'goals-met', discharge_destination: 'home-no-support' });
    expect((await eventsOf(mrsBEpisode)).at(-1)).toMatchObject({ kind: 'discharged', reason: 'goals-met' });
    expect((await therapist.get('/api/caseload')).json().rows).toHaveLength(0);
    const page = await therapist.get(`/episodes/${mrsBEpisode}`);
    expect(page.body).toContain('Goals met');
    expect(page.body).not.toContain('Record first contact');
  });

  it('orders the waiting list by clock and flags the breached and the about-to-breach in words', async () => {
    const now = t.clock.now();
    const later = await createTriagedEpisode(t, { patientId: await newPatient({ familyName: 'Later' }), priority: 'P3', receivedAt: now, responseDueAt: new Date(now.getTime() + minutes(3 * 24 * 60)) });
    const breached = await createTriagedEpisode(t, { patientId: await newPatient({ familyName: 'Breached' }), receivedAt: new Date(now.getTime() - minutes(3 * 24 * 60)), responseDueAt: new Date(now.getTime() - minutes(90)) });
    const soon = await createTriagedEpisode(t, { patientId: await newPatient({ familyName: 'Soon' }), priority: 'P1', receivedAt: now, responseDueAt: new Date(now.getTime() + minutes(120)) });
    const res = await therapist.get('/api/caseload/waiting-list');
    expect(res.statusCode).toBe(200);
    const ids = res.json().rows.map((r: { episodeId: string }) => r.episodeId);
    // The stroke episode (due 24 hours after the start) sits between "soon" and "later".
    expect(ids).toEqual([breached, soon, strokeEpisode, later]);
    expect(res.json().rows[0].clock).toMatchObject({ state: 'breached', text: 'Breached by 1 h 30 min' });
    expect(await lastAudit(therapist.staff.id)).toMatchObject({ action: 'read', record_kind: 'waiting-list' });

    const page = await therapist.get('/caseload/waiting');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/nhsuk-tag--red">Breached</);
    expect(page.body).toMatch(/nhsuk-tag--orange">Due within 4 hours</);
    expect(page.body.indexOf('BREACHED')).toBeLessThan(page.body.indexOf('SOON'));
    expect(page.body.indexOf('SOON')).toBeLessThan(page.body.indexOf('LATER'));

    const onlyBreached = (await therapist.get(`/api/caseload?team=${t.service.teamA}&breached=1`)).json().rows;
    expect(onlyBreached.map((r: { episodeId: string }) => r.episodeId)).toEqual([breached]);
    const pathway1 = (await therapist.get(`/api/caseload?team=${t.service.teamA}&pathway=1`)).json().rows;
    expect(pathway1.map((r: { episodeId: string }) => r.episodeId).sort()).toEqual([later, breached, soon].sort());
    // The team caseload is in priority order: the P1s due soon (the sooner first), then the P2 breach, then the P3.
    const team = (await therapist.get(`/api/caseload?team=${t.service.teamA}`)).json();
    expect(team.rows.map((r: { episodeId: string }) => r.episodeId)).toEqual([soon, strokeEpisode, breached, later]);
    expect(team.rows[2].reasons).toContainEqual({ label: 'First contact standard breached', points: 100 });
  });

  it('adds up each clinician’s caseload weight against contracted hours', async () => {
    const now = t.clock.now();
    const a = await createTriagedEpisode(t, { patientId: await newPatient({ riskFlags: [] }), receivedAt: now, responseDueAt: new Date(now.getTime() + minutes(600)), allocatedTo: assistant.staff.id });
    const b = await createTriagedEpisode(t, { patientId: await newPatient({ riskFlags: ['visit-in-pairs', 'animals', 'aggression'] }), receivedAt: now, responseDueAt: new Date(now.getTime() + minutes(900)), allocatedTo: assistant.staff.id });
    const mine = (await assistant.get('/api/caseload')).json().rows as Array<{ episodeId: string; weight: number }>;
    expect(mine.map((r) => r.episodeId).sort()).toEqual([a, b].sort());
    const team = (await therapist.get(`/api/caseload?team=${t.service.teamA}`)).json();
    const hers = team.capacity.find((c: { staffId: string }) => c.staffId === assistant.staff.id);
    expect(hers.episodes).toBe(2);
    // Non-complex x two visits a week (2) x 20 minutes' travel (1.2) x risk: none 1, three flags 1.25.
    expect(mine.find((r) => r.episodeId === a)!.weight).toBe(2.4);
    expect(mine.find((r) => r.episodeId === b)!.weight).toBe(3);
    expect(hers.totalWeight).toBe(5.4);
    expect(hers).toMatchObject({ contractedHours: 37.5, capacity: 18.75, percent: 29, status: 'room' });
    // Support workers hold no caseload, so they are not weighed.
    expect(team.capacity.map((c: { role: string }) => c.role).sort()).toEqual(['assistant-practitioner', 'clinical-lead', 'registered-therapist']);
    const page = await therapist.get('/caseload/team');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Has room');
    expect(page.body).toContain('Printable view<span class="nhsuk-u-visually-hidden"> of the team caseload</span>');
    expect(page.body).toContain(String(hers.totalWeight));
  });

  it('audits the printable view as a print', async () => {
    const res = await assistant.get('/caseload?print=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="hw-print"');
    expect(res.body).not.toContain('Apply filters');
    expect(await lastAudit(assistant.staff.id)).toMatchObject({ action: 'print', record_kind: 'caseload' });
  });

  it('reports referral-to-first-contact times per service', async () => {
    const received = new Date('2026-11-20T09:00:00Z');
    const due = new Date(received.getTime() + minutes(24 * 60));
    for (const after of [60, 120, 26 * 60]) {
      await createTriagedEpisode(t, { patientId: await newPatient(), service: 'rehabilitation-medicine', receivedAt: received, responseDueAt: due, firstContactAt: new Date(received.getTime() + minutes(after)) });
    }
    const res = await therapist.get('/api/reports/first-contact?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const rehab = res.json().rows.find((r: { service: string }) => r.service === 'rehabilitation-medicine');
    expect(rehab).toEqual({ service: 'rehabilitation-medicine', count: 3, medianMinutes: 120, p90Minutes: 26 * 60, withinStandard: 2, percentWithinStandard: 66.7 });
    // Mrs B: received 08:00, first contact 11:30, within her 2 days.
    const d2a = res.json().rows.find((r: { service: string }) => r.service === 'd2a-pathway-1');
    expect(d2a).toMatchObject({ count: 1, medianMinutes: 210, withinStandard: 1 });
    const page = await therapist.get('/reports/first-contact?from=2026-11-01&to=2026-11-30');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rehabilitation medicine');
    expect(page.body).toContain('66.7% (2 of 3)');
    expect(await lastAudit(therapist.staff.id)).toMatchObject({ action: 'read', record_kind: 'first-contact-report' });
    // From a day long past (1941 was on double summer time, UTC+2): everything since is counted, not nothing.
    const fromLongAgo = await therapist.get('/api/reports/first-contact?from=1941-05-17&to=2026-11-30');
    expect(fromLongAgo.statusCode, fromLongAgo.body).toBe(200);
    expect(fromLongAgo.json().rows).toEqual(res.json().rows);
  });

  it('takes the report’s dates as day, month and year fields, keeping what was typed beside its error', async () => {
    const fields = (from: [string, string, string], to: [string, string, string]) =>
      `from-day=${from[0]}&from-month=${from[1]}&from-year=${from[2]}&to-day=${to[0]}&to-month=${to[1]}&to-year=${to[2]}`;
    const byFields = await therapist.get(`/reports/first-contact?${fields(['1', '11', '2026'], ['30', '11', '2026'])}`);
    expect(byFields.statusCode).toBe(200);
    expect(byFields.body).toContain('66.7% (2 of 3)');
    expect(byFields.body).toContain('between 1 November 2026 and 30 November 2026');
    expect(byFields.body).toContain('href="/reports"');
    const wrong = await therapist.get(`/reports/first-contact?${fields(['31', '2', '2026'], ['30', '11', '2026'])}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('nhsuk-error-summary');
    expect(wrong.body).toMatch(/href="#from-day">\s*From must be a real date/);
    expect(wrong.body).toMatch(/id="from-day" name="from-day" type="text" value="31"/);
    expect(wrong.body).toMatch(/id="to-day" name="to-day" type="text" value="30"/);
  });

  it('refuses a report window with a date that is not on the calendar, naming the field (was a 500)', async () => {
    for (const [query, field] of [['to=2026-00-10', 'To'], ['from=2026-02-30', 'From']] as const) {
      const page = await therapist.get(`/reports/first-contact?${query}`);
      expect(page.statusCode, query).toBe(400);
      expect(page.body).toContain(`${field} must be a date like`);
    }
  });
});
