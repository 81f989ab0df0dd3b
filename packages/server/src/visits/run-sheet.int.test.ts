// The run sheet story (issue 13 #4): the lead has published Tuesday's plan. The registered therapist
// opens her run sheet on her phone: Mrs Bloor first (a two-person visit with the assistant
// practitioner), a break, then Mr Dale, whose visit moved since the last publication; the assistant's
// own patient is not on it. She starts a note from Mrs Bloor's visit (prefilled, and linked once
// saved), finds nobody in at Mr Dale's and rebooks him for Thursday (he cannot be seen on Wednesdays);
// sending the form again books nothing more. A stale version is a 409; colleagues other than the
// clinical lead are refused her run sheet; the lead may see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { communicationNeedLabels, formatNhsNumber, homewardRoles, riskFlagLabels, type HomewardRole } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedPlannedVisit } from '../../test/seed-visit-plan.ts';
import type { PlanChange, VisitDayPlan } from './visit-day-types.ts';

const day = '2026-11-24'; // the test clock's day, a Tuesday

/** The value a rendered input (or hidden field) holds, as the browser would send it. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
  return value?.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}

const unescapeHtml = (html: string) => html.replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');

describe('run sheets: the day on a phone, notes from visits, no access and rebooking', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let lead: TestClient;
  let supportWorker: TestClient;
  let otherTeam: TestClient;
  let admin: TestClient;
  let bloor: string;
  let dale: string;
  let cole: string;
  let bloorEpisode: string;
  let daleEpisode: string;
  let coleEpisode: string;
  const visit = { bloor: uuidv7(), dale: uuidv7(), cole: uuidv7() };

  const visitRow = (id: string) => t.db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const rebookingsOf = (id: string) => t.db.selectFrom('visits').selectAll().where('rebooked_from', '=', id).execute();

  async function insertVisit(id: string, episodeId: string, patientId: string, purpose: 'therapy' | 'review' | 'first-contact', extra: { staff_needed?: number; staff_needed_reason?: string; priority?: number } = {}) {
    const by = t.service.a['clinical-lead'].id;
    const at = t.clock.now();
    await t.db.insertInto('visits').values({
      id, team_id: t.service.teamA, episode_id: episodeId, patient_id: patientId, on_date: day, purpose, duration_minutes: 30, place: 'home',
      staff_needed: 1, registered_required: false, skills: '[]', origin: 'proposed', created_at: at, created_by: by, updated_at: at, updated_by: by, ...extra,
    }).execute();
  }

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    otherTeam = await t.signIn(t.service.otherTeamTherapist);
    admin = await t.signIn(t.service.a.administrator);
    bloor = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(700_001) }))).json().id;
    dale = (await therapist.post('/api/patients', patientDetails({
      nhsNumber: testNhsNumberForIndex(700_002), givenName: 'Derek', familyName: 'Dale', addressLine1: '3 Moorland Road', postcode: 'ST6 1DX', latitude: null, longitude: null,
      keySafe: false, accessNotes: null, riskFlags: [], riskNotes: null, communicationNeeds: { needs: ['interpreter'], interpreterLanguage: 'Polish', notes: null },
    }))).json().id;
    cole = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(700_003), givenName: 'Cyril', familyName: 'Colclough' }))).json().id;
    bloorEpisode = await seedEpisode(t, { patientId: bloor, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    daleEpisode = await seedEpisode(t, { patientId: dale, service: 'community-msk', allocatedTo: t.service.a['registered-therapist'].id });
    coleEpisode = await seedEpisode(t, { patientId: cole, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await insertVisit(visit.bloor, bloorEpisode, bloor, 'therapy', { staff_needed: 2, staff_needed_reason: 'Hoist' });
    await insertVisit(visit.dale, daleEpisode, dale, 'review', { priority: 2 });
    await insertVisit(visit.cole, coleEpisode, cole, 'therapy');
    const at = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    // Mr Dale cannot be seen on Wednesdays (weekday 3).
    await t.db.insertInto('visit_needs').values({
      id: uuidv7(), episode_id: daleEpisode, patient_id: dale, team_id: t.service.teamA, duration_minutes: 30, place: 'home', unavailable_days: '[3]', windows: '[]', skills: '[]', staff_needed: 1, registered_required: false,
      created_at: at, created_by: by, updated_at: at, updated_by: by,
    }).execute();
    const therapistId = t.service.a['registered-therapist'].id;
    const assistantId = t.service.a['assistant-practitioner'].id;
    const stop = (visitId: string, start: string, end: string, withStaffId: string | null = null) => ({ visitId, arrival: start, start, end, travelMinutes: 12, distanceKm: 5.2, lateMinutes: 0, withStaffId });
    const plan: VisitDayPlan = {
      teamId: t.service.teamA, date: day, madeAt: at.toISOString(), jobId: null, objective: null, unplanned: [],
      // Written out of order: the run sheet goes by the times.
      routes: [
        { staffId: therapistId, leave: '08:00', return: '16:30', stops: [stop(visit.dale, '11:00', '11:30'), stop(visit.bloor, '08:20', '08:50', assistantId)], breaks: [{ start: '10:00', end: '10:30' }], travelMinutes: 24, distanceKm: 10.4 },
        { staffId: assistantId, leave: '08:00', return: '16:00', stops: [stop(visit.cole, '10:00', '10:30')], breaks: [], travelMinutes: 12, distanceKm: 5.2 },
      ],
      totals: { travelMinutes: 36, distanceKm: 15.6, visitsPlanned: 3, visitsUnplanned: 0, visitsPerPerson: 1.5, continuityPercent: null, inWindowPercent: null },
    };
    const planId = uuidv7();
    await t.db.insertInto('visit_plans').values({ id: planId, team_id: t.service.teamA, on_date: day, draft: JSON.stringify(plan), published: JSON.stringify(plan), published_at: at, published_by: by, created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
    const changes: PlanChange[] = [
      { staffId: therapistId, visitId: visit.dale, kind: 'time-changed', before: '10:00', after: '11:00' },
      { staffId: assistantId, visitId: visit.cole, kind: 'added', before: null, after: '10:00' },
    ];
    // Published twice: first at 17:00 the day before (every visit "added"), then this morning with Mr Dale moved.
    const firstChanges: PlanChange[] = [{ staffId: therapistId, visitId: visit.dale, kind: 'added', before: null, after: '10:00' }];
    await t.db.insertInto('visit_plan_publications').values({ id: uuidv7(), plan_id: planId, team_id: t.service.teamA, on_date: day, plan_version: 1, plan: JSON.stringify(plan), changes: JSON.stringify(firstChanges), published_at: new Date(at.getTime() - 16 * 3_600_000), published_by: by }).execute();
    await t.db.insertInto('visit_plan_publications').values({ id: uuidv7(), plan_id: planId, team_id: t.service.teamA, on_date: day, plan_version: 2, plan: JSON.stringify(plan), changes: JSON.stringify(changes), published_at: at, published_by: by }).execute();
  });
  afterAll(() => t.close());

  it('shows the clinician her day in order, each patient’s essentials, and what changed; nobody else’s patients', async () => {
    const res = await therapist.get('/run-sheet');
    expect(res.statusCode).toBe(200);
    const html = unescapeHtml(res.body);
    const bloorAt = html.indexOf('BLOOR, Betty');
    const breakAt = html.indexOf('Break</strong> 10:00');
    const daleAt = html.indexOf('DALE, Derek');
    expect(bloorAt).toBeGreaterThan(-1);
    expect(breakAt).toBeGreaterThan(bloorAt);
    expect(daleAt).toBeGreaterThan(breakAt);
    expect(html).toContain(formatNhsNumber(testNhsNumberForIndex(700_001)));
    expect(html).toContain('12 Waterloo Road');
    expect(html).toContain('Side door');
    expect(html).toContain(riskFlagLabels.animals);
    expect(html).toContain(communicationNeedLabels['large-print']);
    expect(html).toContain('Polish');
    expect(html).toContain('geo:53.045,-2.198');
    expect(html).toContain('geo:0,0?q=ST6%201DX');
    expect(html).toContain(`/episodes/${bloorEpisode}/record`);
    expect(html).toContain(`/episodes/${bloorEpisode}/contact-notes/new?visit=${visit.bloor}`);
    expect(html).toContain('Alex assistant practitioner (two-person visit: Hoist)');
    expect(html).toContain('Time changed: Derek Dale, 10:00 to 11:00');
    expect(html).not.toContain('Added: Derek Dale');
    // Her route on the map, drawn on the server; a colleague's patients are on neither the sheet nor the map.
    expect(html).toContain('Map of the day');
    expect(html).not.toContain('COLCLOUGH');
    expect(html).not.toContain('Cyril');

    const audits = await t.db.selectFrom('audit_events').select(['patient_id', 'detail']).where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'visit').where('action', '=', 'read').execute();
    expect(audits.map((a) => a.patient_id).sort()).toEqual([bloor, dale].sort());

    const print = await therapist.get(`/run-sheet?date=${day}&print=1`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('BLOOR, Betty');
    expect(print.body).not.toContain('Find a patient');
    expect(print.body).not.toContain('Start contact note');

    const api = await therapist.get(`/api/run-sheets/${therapist.staff.id}?date=${day}`);
    expect(api.statusCode).toBe(200);
    const sheet = api.json();
    expect(sheet.items.map((i: { kind: string; patient?: { familyName: string } }) => (i.kind === 'break' ? 'break' : i.patient!.familyName))).toEqual(['Bloor', 'break', 'Dale']);
    expect(sheet.items[2].proposedRebookOn).toBe('2026-11-26');
    expect(sheet.changes).toHaveLength(1);

    const empty = await therapist.get('/run-sheet?date=2026-11-25');
    expect(empty.body).toContain('No plan has been published for this day yet');
    expect((await therapist.get('/run-sheet?date=25-11-2026')).statusCode).toBe(400);
  });

  it('lets only the clinician and the clinical lead see a run sheet', async () => {
    const url = `/run-sheet/${therapist.staff.id}?date=${day}`;
    const byLead = await lead.get(url);
    expect(byLead.statusCode).toBe(200);
    expect(byLead.body).toContain('BLOOR, Betty');
    expect((await lead.get(`/api/run-sheets/${therapist.staff.id}?date=${day}`)).statusCode).toBe(200);
    // The lead's own run sheet leads to each clinician's on the published plan (names only).
    const leads = await lead.get(`/run-sheet?date=${day}`);
    expect(leads.body).toContain(`href="/run-sheet/${therapist.staff.id}?date=${day}"`);
    expect(leads.body).toContain(`href="/run-sheet/${assistant.staff.id}?date=${day}"`);
    expect((await therapist.get(`/run-sheet?date=${day}`)).body).not.toContain(`href="/run-sheet/${assistant.staff.id}`);
    for (const who of [assistant, supportWorker, otherTeam]) {
      expect((await who.get(url)).statusCode).toBe(403);
      expect((await who.get(`/api/run-sheets/${therapist.staff.id}?date=${day}`)).statusCode).toBe(403);
    }
    expect((await admin.get('/run-sheet')).statusCode).toBe(403);
    expect((await lead.get(`/run-sheet/${otherTeam.staff.id}`)).statusCode).toBe(403);
    const refused = await t.db.selectFrom('audit_events').select(['detail']).where('staff_id', '=', assistant.staff.id).where('outcome', '=', 'refused').where('record_kind', '=', 'run-sheet').execute();
    expect(refused.length).toBeGreaterThan(0);
  });

  // Role x route: the therapist's run sheet, and an outcome on a visit on it. Deny by default: only the
  // therapist herself and the team's clinical lead; an outcome also needs a role that holds episodes.
  const sheetAllowed: HomewardRole[] = ['registered-therapist', 'clinical-lead'];
  it.each(homewardRoles.map((role) => [role]))('a %s: the therapist’s run sheet and an outcome on her visit', async (role) => {
    const client = role === 'registered-therapist' ? therapist : await t.signIn(t.service.a[role]);
    const allowed = sheetAllowed.includes(role);
    for (const url of [`/run-sheet/${therapist.staff.id}?date=${day}`, `/api/run-sheets/${therapist.staff.id}?date=${day}`]) {
      expect((await client.get(url)).statusCode, url).toBe(allowed ? 200 : 403);
    }
    const visitId = await seedPlannedVisit(t, { episodeId: bloorEpisode, staffId: therapist.staff.id, date: '2026-11-30' });
    const seq = (await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
    const res = await client.post(`/api/visits/${visitId}/outcome`, { version: 1, outcome: 'cancelled', reason: 'patient-unwell', rebookOn: null });
    expect(res.statusCode, res.body).toBe(allowed ? 200 : 403);
    expect((await visitRow(visitId)).status).toBe(allowed ? 'cancelled' : 'to-plan');
    if (!allowed) {
      const refusals = await t.db.selectFrom('audit_events').select('outcome').where('seq', '>', seq).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').execute();
      expect(refusals.length).toBeGreaterThan(0);
    }
  });

  it('offers a support worker her visits and notes, not outcomes she may not record', async () => {
    const visitId = await seedPlannedVisit(t, { episodeId: bloorEpisode, staffId: supportWorker.staff.id, date: '2026-12-02' });
    const html = unescapeHtml((await supportWorker.get('/run-sheet?date=2026-12-02')).body);
    expect(html).toContain('BLOOR, Betty');
    expect(html).toContain(`/contact-notes/new?visit=${visitId}`);
    expect(html).not.toContain(`/run-sheet/visits/${visitId}/outcome`);
    expect(html).not.toContain(`/run-sheet/visits/${visitId}/done`);
    expect(html).toContain('If the visit does not happen, tell the clinician who holds Betty Bloor’s care');
  });

  it('tells the clinician what changed only from the second publication of a day on', async () => {
    const date = '2026-12-01';
    const visitId = await seedPlannedVisit(t, { episodeId: bloorEpisode, staffId: therapist.staff.id, date });
    const plan = await t.db.selectFrom('visit_plans').select(['id', 'published']).where('team_id', '=', t.service.teamA).where('on_date', '=', date).executeTakeFirstOrThrow();
    const publish = async (changes: PlanChange[], version: number) => {
      await t.db.insertInto('visit_plan_publications').values({ id: uuidv7(), plan_id: plan.id, team_id: t.service.teamA, on_date: date, plan_version: version, plan: JSON.stringify(plan.published), changes: JSON.stringify(changes), published_at: new Date(t.clock.now().getTime() + version * 60_000), published_by: lead.staff.id }).execute();
    };
    await publish([{ staffId: therapist.staff.id, visitId, kind: 'added', before: null, after: '09:30' }], 1);
    expect((await therapist.get(`/run-sheet?date=${date}`)).body).not.toContain('Changed since the last plan');
    await publish([{ staffId: therapist.staff.id, visitId, kind: 'time-changed', before: '09:30', after: '14:00' }], 2);
    const changed = unescapeHtml((await therapist.get(`/run-sheet?date=${date}`)).body);
    expect(changed).toContain('Changed since the last plan');
    expect(changed).toContain('Time changed: Betty Bloor, 09:30 to 14:00');
  });

  it('starts a contact note from a visit, prefilled, and links the saved note to the visit', async () => {
    const form = await therapist.get(`/episodes/${bloorEpisode}/contact-notes/new?visit=${visit.bloor}`);
    expect(form.statusCode).toBe(200);
    expect(inputValue(form.body, 'occurredAt-time')).toBe('08:20');
    expect(inputValue(form.body, 'occurredAt-day')).toBe('24');
    expect(inputValue(form.body, 'place')).toBe('Patient’s home');
    expect(inputValue(form.body, 'staffPresent')).toBe('Alex registered therapist, Alex assistant practitioner');
    expect(inputValue(form.body, 'visitId')).toBe(visit.bloor);
    // The visit's length, and the kind of note a therapy visit makes (both to check and change).
    expect(inputValue(form.body, 'durationMinutes')).toBe('30');
    expect(form.body).toMatch(/name="kind" type="radio" value="treatment" checked/);
    // A visit of another episode is no prefill for this one.
    expect((await therapist.get(`/episodes/${bloorEpisode}/contact-notes/new?visit=${visit.dale}`)).statusCode).toBe(404);

    const saved = await therapist.form(`/episodes/${bloorEpisode}/contact-notes/new`, {
      formId: inputValue(form.body, 'formId')!, visitId: visit.bloor, kind: 'assessment',
      'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:20',
      place: 'Patient’s home', staffPresent: 'Alex registered therapist, Alex assistant practitioner', durationMinutes: '30', body: 'Kitchen assessment with her daughter.',
    });
    expect(saved.statusCode).toBe(303);
    const row = await visitRow(visit.bloor);
    expect(row.contact_note_id).not.toBeNull();
    expect(saved.headers.location).toContain(`/contact-notes/${row.contact_note_id}`);
    // The confirmation's way back is the run sheet, where the next visit is (it was the record).
    const confirmation = await therapist.get(saved.headers.location as string);
    expect(confirmation.body).toMatch(/class="nhsuk-back-link"[^>]*href="\/run-sheet"/);
    expect(confirmation.body).toContain('Back to your run sheet');
    // A draft: the visit is not done until the note is finalised (or the button says so).
    expect(row.status).toBe('to-plan');
  });

  it('marks the visit done when the note written from it is finalised there', async () => {
    const visitId = await seedPlannedVisit(t, { episodeId: bloorEpisode, staffId: therapist.staff.id, date: day, start: '08:40' });
    const form = await therapist.get(`/episodes/${bloorEpisode}/contact-notes/new?visit=${visitId}`);
    const saved = await therapist.form(`/episodes/${bloorEpisode}/contact-notes/new`, {
      formId: inputValue(form.body, 'formId')!, visitId, kind: 'telephone', action: 'finalise',
      'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': inputValue(form.body, 'occurredAt-time')!,
      durationMinutes: '10', body: 'Phoned: she was out, will see her tomorrow.',
    });
    expect(saved.statusCode, saved.body.match(/nhsuk-error-summary[\s\S]{0,1500}/)?.[0]).toBe(303);
    const row = await visitRow(visitId);
    expect(row.status).toBe('done');
    expect(row.contact_note_id).not.toBeNull();
  });

  it('marks the visit done when a draft written from it is finalised later, on the note’s own page', async () => {
    const visitId = await seedPlannedVisit(t, { episodeId: bloorEpisode, staffId: therapist.staff.id, date: day, start: '08:05' });
    const form = await therapist.get(`/episodes/${bloorEpisode}/contact-notes/new?visit=${visitId}`);
    const saved = await therapist.form(`/episodes/${bloorEpisode}/contact-notes/new`, {
      formId: inputValue(form.body, 'formId')!, visitId, kind: 'telephone',
      'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': inputValue(form.body, 'occurredAt-time')!,
      durationMinutes: '10', body: 'Phoned to arrange the stool fitting.',
    });
    expect(saved.statusCode, saved.body.match(/nhsuk-error-summary[\s\S]{0,1500}/)?.[0]).toBe(303);
    const draft = await visitRow(visitId);
    expect(draft.status).toBe('to-plan');
    const finalised = await therapist.form(`/contact-notes/${draft.contact_note_id}/finalise`, { version: '1' });
    expect(finalised.statusCode, finalised.body.match(/nhsuk-error-summary[\s\S]{0,1500}/)?.[0]).toBe(303);
    expect((await visitRow(visitId)).status).toBe('done');
  });

  it('records no access with a reason and the confirmed rebooking, once however often the form is sent', async () => {
    const form = await therapist.get(`/run-sheet/visits/${visit.dale}/outcome?outcome=no-access`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('DALE');
    // Wednesday is out for Mr Dale: Thursday is proposed.
    expect(inputValue(form.body, 'rebookOn-day')).toBe('26');
    expect(unescapeHtml(form.body)).toContain('Proposed: Thursday 26 November 2026');
    const fields = { formId: inputValue(form.body, 'formId')!, version: inputValue(form.body, 'version')!, outcome: 'no-access', proposed: '2026-11-26', rebook: 'yes', 'rebookOn-day': '26', 'rebookOn-month': '11', 'rebookOn-year': '2026' };

    const noReason = await therapist.form(`/run-sheet/visits/${visit.dale}/outcome`, { ...fields, formId: uuidv7() });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Choose why there was no access');
    const otherWithoutWords = await therapist.form(`/run-sheet/visits/${visit.dale}/outcome`, { ...fields, formId: uuidv7(), reason: 'other' });
    expect(otherWithoutWords.statusCode).toBe(400);
    expect(otherWithoutWords.body).toContain('Enter the reason');
    const wednesday = await therapist.form(`/run-sheet/visits/${visit.dale}/outcome`, { ...fields, formId: uuidv7(), reason: 'no-answer', 'rebookOn-day': '25' });
    expect(wednesday.statusCode).toBe(400);
    expect(wednesday.body).toContain('cannot be seen on Wednesdays');
    expect(await rebookingsOf(visit.dale)).toHaveLength(0);

    const sent = { ...fields, reason: 'no-answer', reasonDetail: 'Neighbour says he is at his daughter’s' };
    const first = await therapist.form(`/run-sheet/visits/${visit.dale}/outcome`, sent);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/run-sheet/visits/${visit.dale}/outcome/done`);
    const again = await therapist.form(`/run-sheet/visits/${visit.dale}/outcome`, sent);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);

    const row = await visitRow(visit.dale);
    expect(row.status).toBe('no-access');
    expect(row.outcome_reason).toBe('No answer at the door: Neighbour says he is at his daughter’s');
    const rebooked = await rebookingsOf(visit.dale);
    expect(rebooked).toHaveLength(1);
    expect(rebooked[0]).toMatchObject({ on_date: '2026-11-26', origin: 'rebooked', status: 'to-plan', episode_id: daleEpisode, purpose: 'review', priority: 2, rebooked_from: visit.dale });

    const done = await therapist.get(first.headers.location as string);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Another visit is booked for Thursday 26 November 2026');
    expect(done.body).toContain(`/run-sheet?date=${day}`);
    // The run sheet now says so, and offers no more outcome for it.
    const sheet = unescapeHtml((await therapist.get('/run-sheet')).body);
    expect(sheet).toContain('No access: No answer at the door');
    expect(sheet).not.toContain(`/run-sheet/visits/${visit.dale}/outcome?outcome=no-access`);
  });

  it('refuses a stale version, books once per Idempotency-Key, and keeps outcomes to the visit’s own clinician or the lead', async () => {
    const bloorNow = await visitRow(visit.bloor); // moved on when the note was linked
    const stale = await therapist.post(`/api/visits/${visit.bloor}/outcome`, { version: bloorNow.version - 1, outcome: 'cancelled', reason: 'patient-unwell', rebookOn: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.version).toBe(bloorNow.version);

    // Mr Colclough is on the assistant's run sheet, not the therapist's.
    const coleRow = await visitRow(visit.cole);
    const body = { version: coleRow.version, outcome: 'cancelled', reason: 'patient-declined', reasonDetail: null, rebookOn: '2026-11-27' };
    expect((await therapist.post(`/api/visits/${visit.cole}/outcome`, body)).statusCode).toBe(403);
    expect((await otherTeam.post(`/api/visits/${visit.cole}/outcome`, body)).statusCode).toBe(403);
    const key = { 'idempotency-key': `cancel-${visit.cole}` };
    const first = await assistant.post(`/api/visits/${visit.cole}/outcome`, body, key);
    expect(first.statusCode).toBe(200);
    expect(first.json().rebooking).toMatchObject({ date: '2026-11-27', origin: 'rebooked', rebookedFrom: visit.cole });
    const retry = await assistant.post(`/api/visits/${visit.cole}/outcome`, body, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await rebookingsOf(visit.cole)).toHaveLength(1);
    // Without the key, the same request again is a conflict: the visit already has its outcome.
    expect((await assistant.post(`/api/visits/${visit.cole}/outcome`, body)).statusCode).toBe(409);
    // The same through the page, from a form opened before the cancellation: 409, the form again, saying so.
    const stalePage = await lead.form(`/run-sheet/visits/${visit.cole}/outcome`, { formId: uuidv7(), version: '1', outcome: 'no-access', reason: 'no-answer', rebook: 'no' });
    expect(stalePage.statusCode).toBe(409);
    expect(unescapeHtml(stalePage.body).match(/nhsuk-error-summary[\s\S]{0,600}/)?.[0]).toContain('This visit already has its outcome (cancelled). Nothing was changed.');
    expect(await rebookingsOf(visit.cole)).toHaveLength(1);
    // Opening the form again shows what was recorded instead.
    const reopened = await lead.get(`/run-sheet/visits/${visit.cole}/outcome?outcome=no-access`);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.body).toContain('Cancelled recorded');
    expect(unescapeHtml(reopened.body)).toContain('Another visit is booked for Friday 27 November 2026');
  });

  it('refuses a rebooking for an episode on hold (the outcome alone may be recorded) and a rebooking id already taken, changing nothing', async () => {
    const visitId = await seedPlannedVisit(t, { episodeId: daleEpisode, staffId: therapist.staff.id, date: day, start: '07:50' });
    const count = async () => Number((await t.db.selectFrom('visits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    // A rebooking id that is another visit's: 409, the outcome not recorded either.
    const taken = await therapist.post(`/api/visits/${visitId}/outcome`, { version: 1, outcome: 'no-access', reason: 'no-answer', rebookOn: '2026-11-28', rebookingId: visit.bloor });
    expect(taken.statusCode, taken.body).toBe(409);
    expect((await visitRow(visitId)).status).toBe('to-plan');
    await t.db.updateTable('episodes').set({ status: 'on-hold', hold_reason: 'In hospital' }).where('id', '=', daleEpisode).execute();
    try {
      const rebook = await therapist.post(`/api/visits/${visitId}/outcome`, { version: 1, outcome: 'no-access', reason: 'no-answer', rebookOn: '2026-11-28' });
      expect(rebook.statusCode).toBe(400);
      expect(rebook.json().error.fields).toEqual([{ path: 'rebookOn', message: expect.stringContaining('on hold') }]);
      expect(await count()).toBe(before);
      expect((await visitRow(visitId)).status).toBe('to-plan');
      const alone = await therapist.post(`/api/visits/${visitId}/outcome`, { version: 1, outcome: 'no-access', reason: 'no-answer', rebookOn: null });
      expect(alone.statusCode, alone.body).toBe(200);
      expect(await count()).toBe(before);
    } finally {
      await t.db.updateTable('episodes').set({ status: 'active', hold_reason: null }).where('id', '=', daleEpisode).execute();
    }
  });

  it('refuses to mark done a visit that is still to come, and changes nothing', async () => {
    // The day before the visit's (the plan's) day.
    const today = t.clock.now();
    t.clock.set(new Date('2026-11-23T15:00:00Z'));
    try {
      const row = await visitRow(visit.bloor);
      const early = await therapist.post(`/api/visits/${visit.bloor}/done`, { version: row.version });
      expect(early.statusCode, early.body).toBe(400);
      expect(early.json().error.message).toBe('This visit is on Tuesday 24 November 2026: it can be recorded as done on that day, not before. Nothing was changed.');
      expect((await visitRow(visit.bloor)).status).toBe('to-plan');
    } finally {
      t.clock.set(today);
    }
  });

  it('marks a visit done from the run sheet, and says so when it was changed in between', async () => {
    const row = await visitRow(visit.bloor);
    const done = await therapist.form(`/run-sheet/visits/${visit.bloor}/done`, { version: String(row.version) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/run-sheet?date=${day}&done=visit#visit-${visit.bloor}`);
    expect((await visitRow(visit.bloor)).status).toBe('done');
    const twice = await therapist.form(`/run-sheet/visits/${visit.bloor}/done`, { version: String(row.version) });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Back to the run sheet');
    expect(twice.body).toContain('This visit already has its outcome (done). Nothing was changed.');
  });
});
