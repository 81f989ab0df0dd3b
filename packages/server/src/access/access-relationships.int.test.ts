// Legitimate relationships, told as stories (issues 9 and 10).
//
// Mrs B is known to Stafford Therapies (team B), who have her on a caseload with notes and a discharge
// summary. A referral for her reaches North Staffs Therapies (team A): the therapist can only record it
// once her record is open to him (break-glass, with the reason), and the support worker and the student
// cannot take referrals at all. Team A then sees team B's episode in summary only: its header, the final
// discharge summary and the letters; its notes, timeline and goals need break-glass, and nobody in team A
// writes in it without. Break-glass is the breaker's own: a colleague does not ride on it, and each read
// is audited with its own reader's reason. In team A, support workers and students see a patient only
// while they work on the episode (a delegated activity, supervision, a note of their own); the team's
// lists are not theirs. After a discharge the team keeps its relationship for 90 days, then break-glass;
// a patient registered but never referred, for 7 days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, testPassword, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

let nhsIndex = 880_000;
const freshNhs = () => testNhsNumberForIndex(nhsIndex++);

function referralBody(patientId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId, source: 'gp', sourceDetail: null, receivedAt: '2026-11-24T08:30:00Z', service: 'd2a-pathway-1', setting: 'home',
    reason: 'Fall at home', presentingNeeds: null, urgencyRequested: 'soon', referrerName: 'Dr Okafor', referrerContact: '01632 960456', consentToReferral: true, consentNote: null,
    ...overrides,
  };
}

const note = (body: string, occurredAt = '2026-11-24T08:00:00Z') => ({ kind: 'telephone', occurredAt, durationMinutes: 10, body });

describe('legitimate relationships', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let lead: TestClient;
  let supportWorker: TestClient;
  let student: TestClient;
  let manager: TestClient;
  let teamB: TestClient;
  let teamBColleague: TestStaff;

  const audits = (staffId: string, o: { outcome?: 'allowed' | 'refused'; patientId?: string; recordKind?: string } = {}) => {
    let q = t.db.selectFrom('audit_events').select(['action', 'outcome', 'patient_id', 'record_kind', 'record_id', 'reason', 'detail']).where('staff_id', '=', staffId);
    if (o.outcome) q = q.where('outcome', '=', o.outcome);
    if (o.patientId) q = q.where('patient_id', '=', o.patientId);
    if (o.recordKind) q = q.where('record_kind', '=', o.recordKind);
    return q.orderBy('seq').execute();
  };
  const lastAudit = async (staffId: string, o: Parameters<typeof audits>[1] = {}) => (await audits(staffId, o)).at(-1)!;

  async function signInEveryone(): Promise<void> {
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    student = await t.signIn(t.service.a.student);
    manager = await t.signIn(t.service.a['service-manager']);
    teamB = await t.signIn(t.service.otherTeamTherapist);
  }

  beforeAll(async () => {
    t = await bootTestApp();
    await signInEveryone();
    const admin = await t.signIn(t.service.a.administrator);
    const colleague = await admin.post('/api/staff', {
      givenName: 'Bo', familyName: 'Colleague', email: 'bo.colleague@test.example', profession: 'PT', registrationNumber: 'PH123456', band: '6',
      homewardRole: 'registered-therapist', teamId: t.service.teamB, baseLocation: 'Cannock Chase Hospital', password: testPassword,
    });
    expect(colleague.statusCode, colleague.body).toBe(201);
    teamBColleague = { id: colleague.json().id, email: 'bo.colleague@test.example', role: 'registered-therapist', teamId: t.service.teamB };
  });
  afterAll(async () => t?.close());

  describe('Mrs B, in team B’s care, is referred to team A', () => {
    let mrsB: string;
    let bEpisode: string;
    let bSummaryId: string;

    beforeAll(async () => {
      mrsB = (await teamB.post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id;
      bEpisode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
      expect((await teamB.post(`/api/episodes/${bEpisode}/contact-notes`, { ...note('Team B: discussed her low mood with her GP'), finalise: true })).statusCode).toBe(201);
      const drafted = await teamB.post(`/api/episodes/${bEpisode}/discharge-summary`);
      expect(drafted.statusCode, drafted.body).toBe(201);
      bSummaryId = drafted.json().id;
    });

    it('the support worker and the student cannot take the referral, even for a patient they work with; refused, audited, nothing saved', async () => {
      const ownPatient = (await therapist.post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id;
      const ownEpisode = await seedEpisode(t, { patientId: ownPatient, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
      for (const client of [supportWorker, student]) {
        expect((await therapist.post(`/api/episodes/${ownEpisode}/supervision`, { staffId: client.staff.id })).statusCode).toBe(201);
        expect((await client.get(`/api/patients/${ownPatient}`)).statusCode).toBe(200);
        const res = await client.post('/api/referrals', referralBody(ownPatient, { service: 'community-stroke-rehabilitation' }));
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'forbidden' });
        expect(res.json().error.message).toContain('Pass the referral to a registered colleague');
        expect((await client.get(`/patients/${ownPatient}/referrals/new`)).statusCode).toBe(403);
        // The patient page does not offer what would be refused.
        const page = await client.get(`/patients/${ownPatient}`);
        expect(page.statusCode).toBe(200);
        expect(page.body).not.toContain('/referrals/new');
        expect(await lastAudit(client.staff.id, { outcome: 'refused', recordKind: 'referral' })).toMatchObject({ action: 'write', patient_id: ownPatient, detail: { rule: 'role-may-not-refer' } });
      }
      expect(await t.db.selectFrom('referrals').select('id').where('patient_id', '=', ownPatient).where('service', '=', 'community-stroke-rehabilitation').execute()).toEqual([]);
    });

    it('team A cannot refer Mrs B blind: refused and audited, then referred once the therapist has broken glass with the reason', async () => {
      const refused = await therapist.post('/api/referrals', referralBody(mrsB));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('no_legitimate_relationship');
      // Search offers emergency access for a patient outside the team's care, not a referral form that would be refused.
      const found = await therapist.get(`/patients/search?by=nhs&nhsNumber=${(await t.db.selectFrom('patients').select('nhs_number').where('id', '=', mrsB).executeTakeFirstOrThrow()).nhs_number}`);
      expect(found.body).toContain(`href="/patients/${mrsB}/break-glass"`);
      expect(found.body).not.toContain(`/patients/${mrsB}/referrals/new`);
      const form = await therapist.get(`/patients/${mrsB}/referrals/new`);
      expect(form.statusCode).toBe(403);
      expect(form.body).toContain(`href="/patients/${mrsB}/break-glass"`);
      expect(form.body).not.toContain('Waterloo Road');
      expect(await t.db.selectFrom('referrals').select('id').where('patient_id', '=', mrsB).where('team_id', '=', t.service.teamA).execute()).toEqual([]);

      expect((await therapist.post(`/api/patients/${mrsB}/break-glass`, { reason: 'A referral for this patient has reached my team', detail: 'GP phoned' })).statusCode).toBe(201);
      const made = await therapist.post('/api/referrals', referralBody(mrsB));
      expect(made.statusCode).toBe(201);
      expect(await lastAudit(therapist.staff.id, { recordKind: 'referral', outcome: 'allowed' })).toMatchObject({ action: 'write', reason: 'A referral for this patient has reached my team: GP phoned', detail: { basis: 'break-glass' } });
      // The referral gives the whole team its relationship: the clinical lead sees her details.
      expect((await lead.get(`/api/patients/${mrsB}`)).statusCode).toBe(200);
    });

    it('team A sees team B’s episode in summary: its header without team B’s free text or history', async () => {
      const res = await lead.get(`/api/episodes/${bEpisode}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: bEpisode, teamId: t.service.teamB, service: 'd2a-pathway-1', status: 'active', complexityReason: '', triageNotes: null, holdReason: null, dischargeNote: null, events: [], onwardReferrals: [] });
      expect(await lastAudit(lead.staff.id, { recordKind: 'episode' })).toMatchObject({ action: 'read', outcome: 'allowed', record_id: bEpisode, detail: { basis: 'relationship', scope: 'summary' } });
      const page = await lead.get(`/episodes/${bEpisode}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('This is another team’s episode of care');
      expect(page.body).toContain(`href="/patients/${mrsB}/break-glass"`);
      expect(page.body).not.toContain('Single need, stable');
      expect(page.body).not.toContain('Write a contact note');
    });

    it('team B’s notes, timeline, goals and draft discharge summary need break-glass; refused with the offer, and audited', async () => {
      for (const url of [`/api/episodes/${bEpisode}/contact-notes`, `/api/episodes/${bEpisode}/timeline`, `/api/episodes/${bEpisode}/goals`, `/api/episodes/${bEpisode}/consent`, `/api/episodes/${bEpisode}/discharge-summary`, `/api/discharge-summaries/${bSummaryId}`]) {
        const res = await lead.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code, url).toBe('no_legitimate_relationship');
        expect(res.json().error.message, url).toContain('another team’s episode');
        expect((await lastAudit(lead.staff.id, { outcome: 'refused' })).detail, url).toMatchObject({ rule: 'other-team-episode' });
      }
      const page = await lead.get(`/episodes/${bEpisode}/record`);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain(`href="/patients/${mrsB}/break-glass"`);
      expect(page.body).not.toContain('low mood');
      // Team B's referral is team B's record too.
      const bReferral = (await t.db.selectFrom('episodes').select('referral_id').where('id', '=', bEpisode).executeTakeFirstOrThrow()).referral_id;
      expect((await lead.get(`/api/referrals/${bReferral}`)).statusCode).toBe(403);
    });

    it('nobody in team A writes in team B’s episode without break-glass', async () => {
      const before = (await t.db.selectFrom('contact_notes').select('id').where('episode_id', '=', bEpisode).execute()).length;
      const res = await lead.post(`/api/episodes/${bEpisode}/contact-notes`, note('Team A note in team B’s episode'));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('no_legitimate_relationship');
      expect((await lead.post(`/api/episodes/${bEpisode}/first-contact`, { at: '2026-11-24T08:00:00Z', version: 1 })).statusCode).toBe(403);
      expect((await t.db.selectFrom('contact_notes').select('id').where('episode_id', '=', bEpisode).execute()).length).toBe(before);
    });

    it('once team B finalises the discharge summary, team A reads it and its letters', async () => {
      expect((await teamB.post(`/api/discharge-summaries/${bSummaryId}/finalise`, { version: 1 })).statusCode).toBe(200);
      const summary = await lead.get(`/api/episodes/${bEpisode}/discharge-summary`);
      expect(summary.statusCode, summary.body).toBe(200);
      expect(summary.json()).toMatchObject({ id: bSummaryId, status: 'final' });
      expect((await lead.get(`/api/discharge-summaries/${bSummaryId}`)).statusCode).toBe(200);
      const letter = await teamB.post(`/api/discharge-summaries/${bSummaryId}/letters`, { recipient: 'gp' });
      expect(letter.statusCode, letter.body).toBe(201);
      expect((await lead.get(`/api/letters/${letter.json().id}`)).statusCode).toBe(200);
      const page = await lead.get(`/episodes/${bEpisode}/discharge-summary`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Save and finalise');
    });

    it('the clinical lead breaks glass for the rest, though her team cares for Mrs B; every read then carries her own reason', async () => {
      const glass = await lead.post(`/api/patients/${mrsB}/break-glass`, { reason: 'Another team’s record is needed for this patient’s care', detail: 'Mood history before our first visit' });
      expect(glass.statusCode).toBe(201);
      const notes = await lead.get(`/api/episodes/${bEpisode}/contact-notes`);
      expect(notes.statusCode).toBe(200);
      expect(JSON.stringify(notes.json())).toContain('low mood');
      expect(await lastAudit(lead.staff.id, { recordKind: 'contact-note' })).toMatchObject({
        action: 'read', outcome: 'allowed', reason: 'Another team’s record is needed for this patient’s care: Mood history before our first visit', detail: { basis: 'break-glass' },
      });
      // Where there is nothing a relationship does not already open, there is nothing to break.
      const ownPatient = (await therapist.post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id;
      expect((await lead.post(`/api/patients/${ownPatient}/break-glass`, { reason: 'Covering another team', detail: '' })).statusCode).toBe(403);
    });
  });

  describe('break-glass belongs to the clinician who broke it', () => {
    let mrD: string;

    beforeAll(async () => {
      mrD = (await teamB.post('/api/patients', patientDetails({ nhsNumber: freshNhs(), givenName: 'David', familyName: 'Dale' }))).json().id;
    });

    it('a colleague in the same team does not ride on it: refused until they break glass themselves', async () => {
      expect((await therapist.post(`/api/patients/${mrD}/break-glass`, { reason: 'Safeguarding concern', detail: 'Neighbour called' })).statusCode).toBe(201);
      expect((await therapist.get(`/api/patients/${mrD}`)).statusCode).toBe(200);
      for (const colleague of [assistant, lead, manager]) {
        const res = await colleague.get(`/api/patients/${mrD}`);
        expect(res.statusCode, colleague.staff.role).toBe(403);
        expect(await lastAudit(colleague.staff.id, { patientId: mrD })).toMatchObject({ action: 'read', outcome: 'refused', detail: { rule: 'no-relationship' } });
      }
      // And in another team, the same.
      const bo = await t.signIn(teamBColleague);
      expect((await bo.get(`/api/patients/${mrD}`)).statusCode).toBe(200); // team B registered him: their relationship, not the glass
    });

    it('each reader’s audit shows their own reason, however many others have broken glass since', async () => {
      expect((await assistant.post(`/api/patients/${mrD}/break-glass`, { reason: 'Covering another team', detail: 'Weekend cover for Stafford' })).statusCode).toBe(201);
      expect((await assistant.get(`/api/patients/${mrD}`)).statusCode).toBe(200);
      expect(await lastAudit(assistant.staff.id, { patientId: mrD })).toMatchObject({ action: 'read', outcome: 'allowed', reason: 'Covering another team: Weekend cover for Stafford', detail: { basis: 'break-glass' } });
      // The therapist's glass is older than the assistant's: his reads still carry his reason, not hers.
      expect((await therapist.get(`/api/patients/${mrD}`)).statusCode).toBe(200);
      expect(await lastAudit(therapist.staff.id, { patientId: mrD })).toMatchObject({ action: 'read', outcome: 'allowed', reason: 'Safeguarding concern: Neighbour called', detail: { basis: 'break-glass' } });
      // Still nobody else.
      expect((await lead.get(`/api/patients/${mrD}`)).statusCode).toBe(403);
    });

    it('the break-glass page shows who the patient is only with a find-only read in the audit', async () => {
      const page = await lead.get(`/patients/${mrD}/break-glass`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('DALE');
      expect(await lastAudit(lead.staff.id, { patientId: mrD })).toMatchObject({ action: 'read', outcome: 'allowed', record_kind: 'patient', record_id: mrD, detail: { scope: 'find-only', purpose: 'break-glass' } });
      // A form sent back with a problem shows the same, and is audited the same.
      const before = (await audits(lead.staff.id, { patientId: mrD })).length;
      const bad = await lead.form(`/patients/${mrD}/break-glass`, { reason: '', detail: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('DALE');
      const after = await audits(lead.staff.id, { patientId: mrD });
      expect(after.slice(before)).toEqual([expect.objectContaining({ action: 'read', outcome: 'allowed', detail: { scope: 'find-only', purpose: 'break-glass' } })]);
    });
  });

  describe('support workers and students see the patients they work with', () => {
    let mrsC: string;
    let episode: string;
    let notHers: string;
    let activityId: string;

    beforeAll(async () => {
      mrsC = (await therapist.post('/api/patients', patientDetails({ nhsNumber: freshNhs(), givenName: 'Clara', familyName: 'Cope' }))).json().id;
      episode = await seedEpisode(t, { patientId: mrsC, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
      const mrF = (await therapist.post('/api/patients', patientDetails({ nhsNumber: freshNhs(), givenName: 'Frank', familyName: 'Finney' }))).json().id;
      notHers = await seedEpisode(t, { patientId: mrF, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    });

    it('without delegated, allocated or supervised work on her episode, neither opens Mrs C’s record; refused and audited', async () => {
      for (const client of [supportWorker, student]) {
        for (const url of [`/api/patients/${mrsC}`, `/api/episodes/${episode}`, `/api/episodes/${episode}/contact-notes`]) {
          const res = await client.get(url);
          expect(res.statusCode, `${client.staff.role} ${url}`).toBe(403);
          expect(res.json().error.code).toBe('no_legitimate_relationship');
        }
        expect((await client.post(`/api/episodes/${episode}/contact-notes`, note('Phoned'))).statusCode).toBe(403);
        expect(await lastAudit(client.staff.id, { patientId: mrsC })).toMatchObject({ outcome: 'refused', detail: { rule: 'no-relationship' } });
        // A search finds her, but only what tells people apart.
        const found = await client.get(`/api/patients?nhsNumber=${(await t.db.selectFrom('patients').select('nhs_number').where('id', '=', mrsC).executeTakeFirstOrThrow()).nhs_number}`);
        expect(found.json().results[0]).toMatchObject({ id: mrsC, access: 'find-only' });
      }
      // The registered staff of the team see her as before.
      for (const client of [therapist, assistant, lead, manager]) expect((await client.get(`/api/episodes/${episode}`)).statusCode, client.staff.role).toBe(200);
    });

    it('the support worker opens it while she holds a delegated activity on the episode, and it is on her own caseload', async () => {
      expect((await therapist.post(`/api/staff/${supportWorker.staff.id}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-11-20' })).statusCode).toBe(201);
      const activity = await assistant.post(`/api/episodes/${episode}/programme`, {
        kind: 'functional-practice', competence: 'kitchen-practice', title: 'Kitchen practice', instructions: 'Make a hot drink with the trolley.',
        timesPerPeriod: 2, period: 'week', delivererKind: 'staff', delivererStaffId: supportWorker.staff.id, startsOn: '2026-11-24',
      });
      expect(activity.statusCode, activity.body).toBe(201);
      activityId = activity.json().id;
      expect((await supportWorker.get(`/api/episodes/${episode}/contact-notes`)).statusCode).toBe(200);
      const mine = await supportWorker.get('/api/caseload');
      expect(mine.statusCode).toBe(200);
      // Hers: Mrs C's episode (delegated) and the one she is supervised on, not the team's others.
      const listed = mine.json().rows.map((r: { episodeId: string }) => r.episodeId);
      expect(listed).toContain(episode);
      expect(listed).not.toContain(notHers);
      // Not the student: the delegation is the support worker's.
      expect((await student.get(`/api/episodes/${episode}`)).statusCode).toBe(403);
    });

    it('when the activity stops, so does her access (she wrote no note)', async () => {
      const current = (await assistant.get(`/api/programme-activities/${activityId}`)).json();
      expect((await assistant.post(`/api/programme-activities/${activityId}/status`, { status: 'stopped', reason: 'Managing independently', version: current.version })).statusCode).toBe(200);
      expect((await supportWorker.get(`/api/episodes/${episode}`)).statusCode).toBe(403);
      expect((await supportWorker.get('/api/caseload')).json().rows.map((r: { episodeId: string }) => r.episodeId)).not.toContain(episode);
    });

    it('the student opens it while supervised on the episode, and keeps it through the note he writes there', async () => {
      const added = await therapist.post(`/api/episodes/${episode}/supervision`, { staffId: student.staff.id });
      expect(added.statusCode).toBe(201);
      expect((await student.get(`/api/episodes/${episode}`)).statusCode).toBe(200);
      expect((await student.post(`/api/episodes/${episode}/contact-notes`, note('Phoned with my practice educator to arrange the visit'))).statusCode).toBe(201);
      const ended = await therapist.post(`/api/episode-supervisions/${added.json().id}/end`, { version: added.json().version });
      expect(ended.statusCode).toBe(200);
      expect(ended.json().endedBy).toMatchObject({ id: therapist.staff.id });
      // His own note on the open episode: he may still need to read and finish it.
      expect((await student.get(`/api/episodes/${episode}/contact-notes`)).statusCode).toBe(200);
      // The list of who works on the episode is part of its record; ended supervision stays on it.
      const list = await lead.get(`/api/episodes/${episode}/supervision`);
      expect(list.json().supervisions).toEqual([expect.objectContaining({ id: added.json().id, endedAt: expect.any(String) })]);
      expect((await t.db.selectFrom('episode_supervisions').select('ended_at').where('id', '=', added.json().id).executeTakeFirstOrThrow()).ended_at).not.toBeNull();
    });

    it('the team’s lists are not theirs: team caseload, waiting list, a colleague’s caseload and incoming referrals are refused and audited', async () => {
      for (const client of [supportWorker, student]) {
        for (const url of ['/api/caseload?team=' + t.service.teamA, '/api/caseload/waiting-list', `/api/caseload?staffId=${t.service.a['assistant-practitioner'].id}`, '/api/referrals', '/caseload/team', '/caseload/waiting', '/referrals']) {
          const res = await client.get(url);
          expect(res.statusCode, `${client.staff.role} ${url}`).toBe(403);
        }
        const refusals = await audits(client.staff.id, { outcome: 'refused' });
        expect(refusals.filter((r) => (r.detail as { rule?: string }).rule === 'sees-own-work-only')).toHaveLength(7);
        // Their own caseload page, and navigation without the team's lists.
        const page = await client.get('/caseload');
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('The episodes you work on');
        expect(page.body).not.toContain('href="/caseload/waiting"');
      }
    });
  });

  // Last, because the clock moves on by months.
  describe('how long a relationship lasts', () => {
    let registeredOnly: string;
    let mrsE: string;
    let episode: string;
    let studentNoteId: string;
    let rejectedId: string;

    beforeAll(async () => {
      registeredOnly = (await therapist.post('/api/patients', patientDetails({ nhsNumber: freshNhs(), givenName: 'Edna', familyName: 'Unreferred' }))).json().id;
      mrsE = (await therapist.post('/api/patients', patientDetails({ nhsNumber: freshNhs(), givenName: 'Enid', familyName: 'Eaton' }))).json().id;
      episode = await seedEpisode(t, { patientId: mrsE, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
      expect((await therapist.post(`/api/episodes/${episode}/supervision`, { staffId: student.staff.id })).statusCode).toBe(201);
      const studentNote = await student.post(`/api/episodes/${episode}/contact-notes`, { ...note('Visit arranged'), finalise: true });
      expect(studentNote.statusCode).toBe(201);
      studentNoteId = studentNote.json().id;
      // A second referral for her, rejected today: it gives no relationship, and the decided list shows it for the follow-up period only.
      const repeat = await therapist.post('/api/referrals', referralBody(mrsE, { service: 'rehabilitation-medicine' }));
      expect(repeat.statusCode).toBe(201);
      rejectedId = repeat.json().id;
      expect((await lead.post(`/api/referrals/${rejectedId}/reject`, { reason: 'needs-met-by-another-service', detail: null, version: 1 })).statusCode).toBe(200);
      const version = (await t.db.selectFrom('episodes').select('version').where('id', '=', episode).executeTakeFirstOrThrow()).version;
      // Discharged today, 24 November 2026.
      const discharged = await assistant.post(`/api/episodes/${episode}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', dischargedOn: '2026-11-24', version });
      expect(discharged.statusCode, discharged.body).toBe(200);
    });

    /** Moves the clock and signs everyone in afresh, as on a later day. */
    async function on(instant: string): Promise<void> {
      t.clock.set(new Date(instant));
      await signInEveryone();
    }

    it('a team registering a patient has 7 days to refer them, then break-glass', async () => {
      // Registered at 09:00 on 24 November: the relationship ends at 09:00 on 1 December.
      await on('2026-12-01T08:59:00Z');
      expect((await lead.get(`/api/patients/${registeredOnly}`)).statusCode).toBe(200);
      await on('2026-12-01T09:00:00Z');
      const res = await lead.get(`/api/patients/${registeredOnly}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('no_legitimate_relationship');
    });

    it('after discharge the team keeps its relationship to the end of the 90th day (UK calendar), then needs break-glass', async () => {
      // Discharged on 24 November 2026; day 90 is 22 February 2027 (GMT, so UK time is UTC).
      await on('2027-02-22T23:59:00Z');
      for (const client of [therapist, assistant, lead, manager, student]) {
        expect((await client.get(`/api/episodes/${episode}`)).statusCode, `${client.staff.role} on day 90`).toBe(200);
      }
      expect((await lead.get(`/api/patients/${mrsE}`)).statusCode).toBe(200);
      expect((await supportWorker.get(`/api/episodes/${episode}`)).statusCode).toBe(403); // never worked on it
      // The team's lists name her while the record is open to the team, and not after.
      const queued = async () => ((await therapist.get('/api/record/review-queue')).json().notes as Array<{ note: { id: string } }>).map((r) => r.note.id);
      const decided = async () => ((await lead.get('/api/referrals?status=rejected')).json().referrals as Array<{ id: string }>).map((r) => r.id);
      expect(await queued()).toContain(studentNoteId);
      expect(await decided()).toContain(rejectedId);

      await on('2027-02-23T00:00:00Z');
      for (const client of [therapist, assistant, lead, manager, student]) {
        const res = await client.get(`/api/episodes/${episode}`);
        expect(res.statusCode, `${client.staff.role} on day 91`).toBe(403);
        expect(res.json().error.code).toBe('no_legitimate_relationship');
      }
      expect(await queued()).not.toContain(studentNoteId);
      expect(await decided()).not.toContain(rejectedId);
      const page = await lead.get(`/patients/${mrsE}`);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain(`href="/patients/${mrsE}/break-glass"`);
      // Break-glass opens it again, for the breaker only.
      expect((await lead.post(`/api/patients/${mrsE}/break-glass`, { reason: 'Other (explain)', detail: 'GP asks about the discharge outcome' })).statusCode).toBe(201);
      expect((await lead.get(`/api/episodes/${episode}`)).statusCode).toBe(200);
      expect((await therapist.get(`/api/episodes/${episode}`)).statusCode).toBe(403);
    });
  });
});
