// A small fixed data set for the reports (issue 18 #1), written straight to the database so every figure
// can be worked out by hand in the test that reads it (reports/*.int.test.ts; the answers are in
// reports/reports.int.test.ts). The test clock stands at 24 November 2026, 09:00; the window is
// 1 to 23 November 2026. Team A unless said.
//
//  E1 stroke ESD, P2: referred 1 Nov 08:00, seen 1 Nov 15:00 (7 h, due 2 Nov 08:00); held by the therapist.
//     Notes: 30 Oct (outside), 2 Nov 10:00 PT 30 + OT 20 (60 min), 2 Nov 14:00 PT 15 (30 min),
//     3 Nov OT 40 (45 min), 5 Nov PT 10 amended to PT 25 (30 min), a draft on 4 Nov (PT 50, not counted).
//  E2 community stroke rehabilitation, P3: referred 3 Nov 09:00, due 10 Nov 09:00, seen 12 Nov 09:00 (216 h,
//     48 h late); held by the assistant practitioner. Notes: 12 Nov SLT 30 (40 min), a telephone call 13 Nov (15 min).
//  E3 D2A pathway 1, P2: referred 2 Nov 09:00, seen 3 Nov 09:00; ready 17 Nov, discharged 20 Nov (3 days
//     late: waiting for home care), home with a care package. Barthel 10 -> 15; goals -1/-1 rated 0/+1.
//     Notes by the therapist: 3 Nov assessment (60 min), 6 Nov did not attend.
//  E4 D2A pathway 2, P2: referred 20 Oct, seen 21 Oct; ready and discharged 10 Nov, home with no support.
//     Barthel 12 -> 13; one goal -2 rated 0.
//  E5 D2A pathway 1, P1: referred 20 Nov 09:00, due 21 Nov 09:00, not seen (72 h overdue now).
//  E6 D2A pathway 1, P3: referred 23 Nov 08:00, due 30 Nov, not seen (waiting, within the standard).
//  E7 team B, stroke ESD, P2: referred 4 Nov 08:00, seen 4 Nov 12:00; a note PT 45 (45 min).
//  Published plans: 10 Nov, the therapist 35 min of travel, the assistant practitioner 20; 25 Oct (outside) 50.
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { patientDetails, type TestApp, type TestStaff } from './test-app.ts';

let nhsIndex = 7600;

type EpisodeSeed = {
  service: string; priority: string; teamId?: string; heldBy: TestStaff | null; registeredBy: TestStaff;
  receivedAt: string; dueAt: string; firstContactAt: string | null;
  dischargedOn?: string; readyOn?: string; destination?: string;
};

async function seedReportEpisode(t: TestApp, o: EpisodeSeed): Promise<{ patientId: string; episodeId: string }> {
  const client = await t.signIn(o.registeredBy);
  const res = await client.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), givenName: 'Report', familyName: `Patient${nhsIndex}` }));
  if (res.statusCode !== 201) throw new Error(`patient: ${res.statusCode} ${res.body}`);
  const patientId = (res.json() as { id: string }).id;
  const teamId = o.teamId ?? t.service.teamA;
  const lead = teamId === t.service.teamA ? t.service.a['clinical-lead'].id : t.service.otherTeamTherapist.id;
  const at = new Date(o.receivedAt);
  const referralId = uuidv7();
  const episodeId = uuidv7();
  await t.db.insertInto('referrals').values({
    id: referralId, patient_id: patientId, team_id: teamId, source: 'acute-ward', received_at: at, service: o.service, setting: 'home',
    reason: 'Stroke, now home', urgency_requested: 'soon', referrer_name: 'Ward 7', referrer_contact: '01632 960000', consent_to_referral: true,
    status: 'accepted', decided_at: at, decided_by: lead, created_at: at, created_by: lead, updated_at: at, updated_by: lead,
  }).execute();
  const discharged = o.dischargedOn !== undefined;
  await t.db.insertInto('episodes').values({
    id: episodeId, patient_id: patientId, referral_id: referralId, team_id: teamId, service: o.service, setting: 'home',
    status: discharged ? 'discharged' : o.firstContactAt ? 'active' : 'waiting',
    complexity: 'non-complex', complexity_reason: 'Single need, stable', priority: o.priority, skills_needed: JSON.stringify(['OT']), triaged_by: lead, triaged_at: at,
    clock_starts_at: at, response_due_at: new Date(o.dueAt), first_contact_at: o.firstContactAt ? new Date(o.firstContactAt) : null, last_contact_at: o.firstContactAt ? new Date(o.firstContactAt) : null,
    allocated_to: o.heldBy?.id ?? null, allocated_at: o.heldBy ? at : null,
    discharged_on: o.dischargedOn ?? null, discharge_outcome: discharged ? 'goals-met' : null, discharge_destination: o.destination ?? null,
    discharge_ready_on: o.readyOn ?? null,
    created_at: at, created_by: lead, updated_at: at, updated_by: lead,
  }).execute();
  return { patientId, episodeId };
}

type NoteSeed = { at: string; kind?: string; minutes: number | null; therapy?: Record<string, number>; by: TestStaff; draft?: boolean; amendedTherapy?: Record<string, number> };

async function seedNote(t: TestApp, e: { patientId: string; episodeId: string }, n: NoteSeed): Promise<void> {
  const id = uuidv7();
  const at = new Date(n.at);
  await t.db.insertInto('contact_notes').values({
    id, episode_id: e.episodeId, patient_id: e.patientId, status: n.draft ? 'draft' : 'final', kind: n.kind ?? 'treatment', occurred_at: at, duration_minutes: n.minutes,
    place: 'home', staff_present: null, body: 'Therapy given as planned.', therapy_minutes: JSON.stringify(n.therapy ?? {}), first_holistic_assessment: false, consent_missing_reason: null,
    written_at: at, written_by: n.by.id, written_by_role: n.by.role, late_entry: false, finalised_at: n.draft ? null : at, finalised_by: n.draft ? null : n.by.id,
    needs_review: false, reviewed_at: null, reviewed_by: null, updated_at: at, updated_by: n.by.id,
  }).execute();
  if (n.amendedTherapy) {
    await t.db.insertInto('contact_note_amendments').values({
      id: uuidv7(), note_id: id, note_version: 2, kind: n.kind ?? 'treatment', occurred_at: at, duration_minutes: n.minutes, place: 'home', staff_present: null,
      body: 'Therapy given as planned (minutes corrected).', therapy_minutes: JSON.stringify(n.amendedTherapy), first_holistic_assessment: false, reason: 'Minutes mistyped',
      amended_at: new Date(at.getTime() + 3_600_000), amended_by: n.by.id, amended_by_role: n.by.role,
    }).execute();
  }
}

async function seedBarthel(t: TestApp, e: { patientId: string; episodeId: string }, timePoint: 'baseline' | 'discharge', total: number, at: string, by: TestStaff): Promise<void> {
  await t.db.insertInto('assessments').values({
    id: uuidv7(), episode_id: e.episodeId, patient_id: e.patientId, instrument_id: 'barthel-index', instrument_version: 1, time_point: timePoint, method: 'observed',
    responses: JSON.stringify({}), total, subscales: JSON.stringify({}), band: null, administered_at: new Date(at), recorded_at: new Date(at), recorded_by: by.id, recorded_by_role: by.role,
  }).execute();
}

async function seedGoal(t: TestApp, e: { patientId: string; episodeId: string }, baseline: number, rating: number, by: TestStaff): Promise<void> {
  const id = uuidv7();
  const at = new Date('2026-11-04T10:00:00Z');
  await t.db.insertInto('goals').values({
    id, episode_id: e.episodeId, patient_id: e.patientId, statement: 'Walk to the shop', levels: JSON.stringify({ '-2': 'a', '-1': 'b', '0': 'c', '+1': 'd', '+2': 'e' }),
    baseline_level: baseline, importance: null, difficulty: null, target_on: '2026-11-30', agreed_with: 'Patient', created_at: at, created_by: by.id, updated_at: at, updated_by: by.id,
  }).execute();
  await t.db.insertInto('goal_attainments').values({
    id: uuidv7(), goal_id: id, episode_id: e.episodeId, patient_id: e.patientId, time_point: 'discharge', level: rating, note: null,
    rated_at: new Date('2026-11-09T10:00:00Z'), recorded_at: new Date('2026-11-09T10:00:00Z'), recorded_by: by.id, recorded_by_role: by.role,
  }).execute();
}

async function seedPlan(t: TestApp, teamId: string, onDate: string, travel: Array<[string, number]>): Promise<void> {
  const lead = t.service.a['clinical-lead'].id;
  const at = t.clock.now();
  const plan = { teamId, date: onDate, madeAt: at.toISOString(), jobId: null, routes: travel.map(([staffId, travelMinutes]) => ({ staffId, leave: '09:00', return: '17:00', stops: [], breaks: [], travelMinutes, distanceKm: 10 })), unplanned: [], totals: { travelMinutes: 0, distanceKm: 0, visitsPlanned: 0, visitsUnplanned: 0, visitsPerPerson: 0, continuityPercent: null, inWindowPercent: null }, objective: null };
  await t.db.insertInto('visit_plans').values({ id: uuidv7(), team_id: teamId, on_date: onDate, draft: JSON.stringify(plan), published: JSON.stringify(plan), published_at: at, created_at: at, created_by: lead, updated_at: at, updated_by: lead }).execute();
}

export type ReportData = Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5' | 'e6' | 'e7', { patientId: string; episodeId: string }>;

export async function seedReportData(t: TestApp): Promise<ReportData> {
  const rt = t.service.a['registered-therapist'];
  const ap = t.service.a['assistant-practitioner'];
  const b = t.service.otherTeamTherapist;
  const e1 = await seedReportEpisode(t, { service: 'stroke-early-supported-discharge', priority: 'P2', heldBy: rt, registeredBy: rt, receivedAt: '2026-11-01T08:00:00Z', dueAt: '2026-11-02T08:00:00Z', firstContactAt: '2026-11-01T15:00:00Z' });
  const e2 = await seedReportEpisode(t, { service: 'community-stroke-rehabilitation', priority: 'P3', heldBy: ap, registeredBy: rt, receivedAt: '2026-11-03T09:00:00Z', dueAt: '2026-11-10T09:00:00Z', firstContactAt: '2026-11-12T09:00:00Z' });
  const e3 = await seedReportEpisode(t, { service: 'd2a-pathway-1', priority: 'P2', heldBy: rt, registeredBy: rt, receivedAt: '2026-11-02T09:00:00Z', dueAt: '2026-11-04T09:00:00Z', firstContactAt: '2026-11-03T09:00:00Z', dischargedOn: '2026-11-20', readyOn: '2026-11-17', destination: 'home-with-care-package' });
  const e4 = await seedReportEpisode(t, { service: 'd2a-pathway-2', priority: 'P2', heldBy: rt, registeredBy: rt, receivedAt: '2026-10-20T09:00:00Z', dueAt: '2026-10-22T09:00:00Z', firstContactAt: '2026-10-21T09:00:00Z', dischargedOn: '2026-11-10', readyOn: '2026-11-10', destination: 'home-no-support' });
  const e5 = await seedReportEpisode(t, { service: 'd2a-pathway-1', priority: 'P1', heldBy: null, registeredBy: rt, receivedAt: '2026-11-20T09:00:00Z', dueAt: '2026-11-21T09:00:00Z', firstContactAt: null });
  const e6 = await seedReportEpisode(t, { service: 'd2a-pathway-1', priority: 'P3', heldBy: null, registeredBy: rt, receivedAt: '2026-11-23T08:00:00Z', dueAt: '2026-11-30T08:00:00Z', firstContactAt: null });
  const e7 = await seedReportEpisode(t, { service: 'stroke-early-supported-discharge', priority: 'P2', teamId: t.service.teamB, heldBy: b, registeredBy: b, receivedAt: '2026-11-04T08:00:00Z', dueAt: '2026-11-05T08:00:00Z', firstContactAt: '2026-11-04T12:00:00Z' });

  await seedNote(t, e1, { at: '2026-10-30T10:00:00Z', minutes: 30, therapy: { physiotherapy: 30 }, by: rt });
  await seedNote(t, e1, { at: '2026-11-02T10:00:00Z', minutes: 60, therapy: { physiotherapy: 30, 'occupational-therapy': 20 }, by: rt });
  await seedNote(t, e1, { at: '2026-11-02T14:00:00Z', minutes: 30, therapy: { physiotherapy: 15 }, by: rt });
  await seedNote(t, e1, { at: '2026-11-03T10:00:00Z', minutes: 45, therapy: { 'occupational-therapy': 40 }, by: rt });
  await seedNote(t, e1, { at: '2026-11-04T10:00:00Z', minutes: 60, therapy: { physiotherapy: 50 }, by: rt, draft: true });
  await seedNote(t, e1, { at: '2026-11-05T10:00:00Z', minutes: 30, therapy: { physiotherapy: 10 }, amendedTherapy: { physiotherapy: 25 }, by: rt });
  await seedNote(t, e2, { at: '2026-11-12T10:00:00Z', minutes: 40, therapy: { 'speech-and-language-therapy': 30 }, by: ap });
  await seedNote(t, e2, { at: '2026-11-13T10:00:00Z', kind: 'telephone', minutes: 15, by: ap });
  await seedNote(t, e3, { at: '2026-11-03T09:00:00Z', kind: 'assessment', minutes: 60, by: rt });
  await seedNote(t, e3, { at: '2026-11-06T09:00:00Z', kind: 'did-not-attend', minutes: null, by: rt });
  await seedNote(t, e7, { at: '2026-11-04T12:00:00Z', minutes: 45, therapy: { physiotherapy: 45 }, by: b });

  await t.db.insertInto('episode_delays').values({ id: uuidv7(), episode_id: e3.episodeId, patient_id: e3.patientId, reason: 'awaiting-pathway-1-capacity', note: null, recorded_at: new Date('2026-11-18T10:00:00Z'), recorded_by: rt.id, recorded_by_role: rt.role }).execute();

  await seedBarthel(t, e3, 'baseline', 10, '2026-11-03T09:30:00Z', rt);
  await seedBarthel(t, e3, 'discharge', 15, '2026-11-19T09:30:00Z', rt);
  await seedBarthel(t, e4, 'baseline', 12, '2026-10-21T09:30:00Z', rt);
  await seedBarthel(t, e4, 'discharge', 13, '2026-11-09T09:30:00Z', rt);
  await seedGoal(t, e3, -1, 0, rt);
  await seedGoal(t, e3, -1, 1, rt);
  await seedGoal(t, e4, -2, 0, rt);

  await seedPlan(t, t.service.teamA, '2026-11-10', [[rt.id, 35], [ap.id, 20]]);
  await seedPlan(t, t.service.teamA, '2026-10-25', [[rt.id, 50]]);
  return { e1, e2, e3, e4, e5, e6, e7 };
}
