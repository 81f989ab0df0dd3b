// Discharge (issue 4 item 8): at the end of Mrs B's stroke early supported discharge Homeward drafts
// the discharge summary from what is recorded (contact notes, goals and their ratings, her Barthel
// going from 12 to 16, the programme of care, an onward referral); her assistant practitioner edits
// the equipment section and finalises it, then sends her a large-print letter in plain English and a
// clinical copy to her GP. Both letters are stored with the record and come back byte for byte. A
// patient with no postal address is refused a letter with a specific message and nothing is written;
// a support worker and a clinician from another team are refused and audited; a stale edit gets 409;
// a retried letter request writes one letter.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { formatNhsNumber } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { pdfBodyFontSize, pdfText } from '../../test/pdf-text.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';
import { barthelAt12, barthelAt16 } from '../../test/barthel-responses.ts';

let nhsIndex = 740_000;

const teaLevels = { '-2': 'Cannot make a drink', '-1': 'Makes a hot drink with help', '0': 'Makes a hot drink on her own', '+1': 'Makes a drink and a snack on her own', '+2': 'Makes a simple meal on her own' };
const walkLevels = { '-2': 'Housebound', '-1': 'Walks to the gate with a frame', '0': 'Walks to the post box with a stick', '+1': 'Walks to the shop', '+2': 'Walks to the park' };

describe('discharge: the summary drafted from the record, and the letters to the patient and the GP', () => {
  let t: TestApp;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let nhsNumber: string;
  let episode: string;
  let summaryId: string;
  const apId = () => t.service.a['assistant-practitioner'].id;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000);
  const sectionOf = (body: { sections: Array<{ id: string; text: string; patientText: string; source: string }> }, id: string) => body.sections.find((s) => s.id === id)!;

  /** Mrs B's record as her assistant practitioner has kept it, written straight to the database (and her Barthel through the API). */
  async function seedRecord(patientId: string, episodeId: string) {
    const by = { recorded_by: apId(), recorded_by_role: 'assistant-practitioner' };
    for (const [i, minutes] of [[72, { 'occupational-therapy': 30, physiotherapy: 10 }], [48, { 'occupational-therapy': 40 }], [24, { physiotherapy: 30 }]] as const) {
      await t.db.insertInto('contact_notes').values({
        id: uuidv7(), episode_id: episodeId, patient_id: patientId, status: 'final', kind: 'treatment', occurred_at: ago(i * 60), duration_minutes: 45, place: 'Home', staff_present: null,
        body: 'Kitchen and walking practice', therapy_minutes: JSON.stringify(minutes), first_holistic_assessment: false, consent_missing_reason: null, written_at: ago(i * 60 - 30), written_by: apId(),
        written_by_role: 'assistant-practitioner', late_entry: false, finalised_at: ago(i * 60 - 30), finalised_by: apId(), needs_review: false, updated_at: ago(i * 60 - 30), updated_by: apId(),
      }).execute();
    }
    // A visit where nobody answered is not a contact.
    await t.db.insertInto('contact_notes').values({
      id: uuidv7(), episode_id: episodeId, patient_id: patientId, status: 'final', kind: 'no-access', occurred_at: ago(30 * 60), duration_minutes: null, place: 'Home', staff_present: null,
      body: 'No answer', therapy_minutes: '{}', first_holistic_assessment: false, consent_missing_reason: null, written_at: ago(30 * 60), written_by: apId(), written_by_role: 'assistant-practitioner',
      late_entry: false, finalised_at: ago(30 * 60), finalised_by: apId(), needs_review: false, updated_at: ago(30 * 60), updated_by: apId(),
    }).execute();
    for (const [timePoint, responses, at] of [['baseline', barthelAt12, 72 * 60], ['discharge', barthelAt16, 60]] as const) {
      const res = await assistant.post(`/api/episodes/${episodeId}/assessments`, { instrumentId: 'barthel-index', method: 'observed', timePoint, administeredAt: ago(at).toISOString(), responses });
      expect(res.statusCode).toBe(201);
    }
    const goalAt = { created_at: ago(70 * 60), created_by: apId(), updated_at: ago(70 * 60), updated_by: apId() };
    for (const [statement, levels, level] of [['I want to make my own cup of tea', teaLevels, 1], ['I want to walk to the post box', walkLevels, 0]] as const) {
      const goalId = uuidv7();
      await t.db.insertInto('goals').values({ id: goalId, episode_id: episodeId, patient_id: patientId, statement, levels: JSON.stringify(levels), baseline_level: -1, importance: null, difficulty: null, target_on: '2026-12-08', agreed_with: 'Betty', ...goalAt }).execute();
      await t.db.insertInto('goal_attainments').values({ id: uuidv7(), goal_id: goalId, episode_id: episodeId, patient_id: patientId, time_point: 'discharge', level, note: null, rated_at: ago(90), recorded_at: ago(90), ...by }).execute();
    }
    const activityId = uuidv7();
    await t.db.insertInto('programme_activities').values({
      id: activityId, episode_id: episodeId, patient_id: patientId, goal_id: null, kind: 'exercise', competence: null, title: 'Sit to stand practice', instructions: '10 times from a dining chair',
      times_per_period: 3, period: 'day', deliverer_kind: 'self', deliverer_staff_id: null, deliverer_name: null, starts_on: '2026-11-21', ends_on: null, created_at: ago(70 * 60), created_by: apId(),
      created_by_role: 'assistant-practitioner', updated_at: ago(70 * 60), updated_by: apId(),
    }).execute();
    for (const [doneOn, outcome] of [['2026-11-21', 'done'], ['2026-11-22', 'done'], ['2026-11-23', 'partly-done']] as const) {
      await t.db.insertInto('programme_completions').values({ id: uuidv7(), activity_id: activityId, episode_id: episodeId, patient_id: patientId, done_on: doneOn, outcome, reported_by: 'patient', note: null, recorded_at: ago(60), ...by }).execute();
    }
    await t.db.insertInto('onward_referrals').values({ id: uuidv7(), episode_id: episodeId, to_service: 'Falls prevention service', note: 'Fear of falling outdoors', sent_at: ago(120), acknowledged_at: null, created_at: ago(120), created_by: apId(), updated_at: ago(120), updated_by: apId() }).execute();
  }

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    nhsNumber = testNhsNumberForIndex(nhsIndex++);
    mrsB = (await assistant.post('/api/patients', patientDetails({ nhsNumber }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'stroke-early-supported-discharge', allocatedTo: apId() });
    await seedRecord(mrsB, episode);
  });
  afterAll(async () => t?.close());

  const audits = (where: { action?: string; outcome?: string; recordKind?: string; staffId?: string }) => {
    let q = t.db.selectFrom('audit_events').selectAll().where('patient_id', 'in', [mrsB]);
    if (where.action) q = q.where('action', '=', where.action);
    if (where.outcome) q = q.where('outcome', '=', where.outcome as 'allowed');
    if (where.recordKind) q = q.where('record_kind', '=', where.recordKind);
    if (where.staffId) q = q.where('staff_id', '=', where.staffId);
    return q.orderBy('seq').execute();
  };

  it('drafts the summary from the record: Barthel 12 to 16 with the MCID verdict, goals with the GAS T-score, contacts and therapy minutes', async () => {
    const res = await assistant.post(`/api/episodes/${episode}/discharge-summary`);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    summaryId = body.id;
    expect(body).toMatchObject({ episodeId: episode, patientId: mrsB, status: 'draft', version: 1, createdBy: { id: apId() } });
    expect(body.sections.map((s: { id: string }) => s.id)).toEqual(['reason-for-referral', 'what-we-did', 'goals', 'outcome-measures', 'programme', 'advice', 'onward-referrals', 'equipment', 'follow-up']);

    const measures = sectionOf(body, 'outcome-measures');
    expect(measures.text).toMatch(/^- Barthel Index: from 12 to 16 points\. .*Up 4 points \(improved\): passes the minimal clinically important difference/);
    expect(measures.patientText).toBe('- Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');

    const goals = sectionOf(body, 'goals');
    expect(goals.text).toContain('1. “I want to make my own cup of tea”. Baseline -1 (somewhat less than expected: Makes a hot drink with help). At discharge +1 (somewhat more than expected: Makes a drink and a snack on her own).');
    expect(goals.text).toContain('GAS T-score (unweighted, 2 goals): 37.60 at baseline, 56.20 at discharge.');
    expect(body.goalAttainment).toEqual({ goals: 2, baselineTScore: 37.6, dischargeTScore: 56.2, weighted: false });
    expect(goals.patientText).toContain('You did better than we hoped.');

    // Three treatment contacts count; the no-access visit does not. Stroke: SSNAP minutes by type.
    expect(sectionOf(body, 'what-we-did').text).toContain('Seen 3 times between 21 November 2026 and 23 November 2026');
    expect(sectionOf(body, 'what-we-did').text).toContain('Physiotherapy 40, Occupational therapy 70; total 110 minutes.');
    expect(sectionOf(body, 'programme').text).toBe('- Sit to stand practice (exercise, 3 times a day, by the patient): done 2, partly done 1. Active until discharge, when it will be ended or handed over.');
    expect(sectionOf(body, 'onward-referrals').text).toBe('- Falls prevention service: referred 24 November 2026, not yet acknowledged. Fear of falling outdoors.');
    expect(sectionOf(body, 'equipment')).toMatchObject({ text: '', source: expect.stringContaining('does not keep an equipment record yet') });
    expect(sectionOf(body, 'reason-for-referral').text).toContain('Reason: Fall at home, now medically fit.');
    // Drafted before discharge: discharge planning.
    expect(sectionOf(body, 'follow-up').text).toContain('Discharge being planned.');

    const written = await audits({ action: 'write', outcome: 'allowed', recordKind: 'discharge-summary' });
    expect(written.map((a) => [a.record_id, a.detail.change])).toEqual([[summaryId, 'drafted']]);
  });

  it('refuses a second draft with 409, pointing at the one that exists', async () => {
    const again = await assistant.post(`/api/episodes/${episode}/discharge-summary`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate', current: { id: summaryId, version: 1 } });
    expect(again.json().error.message).toContain(`/episodes/${episode}/discharge-summary`);
    expect(await t.db.selectFrom('discharge_summaries').select('id').execute()).toHaveLength(1);
  });

  it('reads are audited; a clinician from another team is refused and audited', async () => {
    const read = await assistant.get(`/api/episodes/${episode}/discharge-summary`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: summaryId, letters: [] });
    expect((await assistant.get(`/api/discharge-summaries/${summaryId}`)).statusCode).toBe(200);
    expect((await audits({ action: 'read', outcome: 'allowed', recordKind: 'discharge-summary', staffId: apId() })).length).toBeGreaterThanOrEqual(2);

    for (const res of [
      await outsider.get(`/api/episodes/${episode}/discharge-summary`),
      await outsider.get(`/api/discharge-summaries/${summaryId}`),
      await outsider.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 1, sections: [{ id: 'equipment', text: 'x' }] } }),
      await outsider.get(`/episodes/${episode}/discharge-summary`),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    const refusals = await audits({ outcome: 'refused', staffId: t.service.otherTeamTherapist.id });
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(refusals.every((a) => a.record_kind === 'discharge-summary')).toBe(true);
  });

  it('the support worker can read it but not write it; the refusal is audited', async () => {
    // Support workers see only the patients they work with: this one works on Mrs B's episode under the assistant practitioner.
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a['support-worker'].id });
    expect((await supportWorker.get(`/api/episodes/${episode}/discharge-summary`)).statusCode).toBe(200);
    const edit = await supportWorker.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 1, sections: [{ id: 'equipment', text: 'Perching stool' }] } });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.message).toContain('Only an assistant practitioner, registered therapist or clinical lead');
    expect((await supportWorker.post(`/api/discharge-summaries/${summaryId}/finalise`, { version: 1 })).statusCode).toBe(403);
    const page = await supportWorker.get(`/episodes/${episode}/discharge-summary`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Save and finalise');
    const refused = await audits({ outcome: 'refused', staffId: t.service.a['support-worker'].id });
    expect(refused.map((a) => a.detail.rule)).toEqual(['role-does-not-write-discharge-summaries', 'role-does-not-write-discharge-summaries']);
    expect((await t.db.selectFrom('discharge_summaries').select('version').executeTakeFirstOrThrow()).version).toBe(1);
  });

  it('refuses letters before the summary is final', async () => {
    const early = await assistant.post(`/api/discharge-summaries/${summaryId}/letters`, { recipient: 'patient' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toEqual([{ path: 'summary', message: expect.stringContaining('Finalise the discharge summary before producing letters') }]);
  });

  it('the assistant practitioner edits the equipment section; a stale edit gets 409 with the summary as it stands', async () => {
    const edited = await assistant.request({
      method: 'PATCH',
      url: `/api/discharge-summaries/${summaryId}`,
      payload: { version: 1, sections: [{ id: 'equipment', text: 'Perching stool and kettle tipper issued (loan ref EQ-4471).', patientText: 'We lent you a perching stool and a kettle tipper.' }] },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, updatedBy: { id: apId() } });
    expect(sectionOf(edited.json(), 'equipment')).toMatchObject({ text: 'Perching stool and kettle tipper issued (loan ref EQ-4471).', patientText: 'We lent you a perching stool and a kettle tipper.' });
    expect(sectionOf(edited.json(), 'goals').text).toContain('GAS T-score');

    const stale = await assistant.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 1, sections: [{ id: 'advice', text: 'Overwrites' }] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', current: { version: 2 } });
    expect(sectionOf(stale.json().error.current, 'advice').text).not.toBe('Overwrites');

    const tooLong = await assistant.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 2, sections: [{ id: 'advice', text: 'x'.repeat(6001) }] } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0].path).toContain('sections');
    expect((await t.db.selectFrom('discharge_summaries').select('version').executeTakeFirstOrThrow()).version).toBe(2);
  });

  it('finalising refuses shorthand in the patient’s wording, then makes the summary final and fixed', async () => {
    await assistant.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 2, sections: [{ id: 'advice', patientText: 'Your Barthel passed the MCID.' }] } });
    const jargon = await assistant.post(`/api/discharge-summaries/${summaryId}/finalise`, { version: 3 });
    expect(jargon.statusCode).toBe(400);
    expect(jargon.json().error.fields).toEqual([{ path: 'sections.advice.patientText', message: expect.stringContaining('uses “MCID”') }]);
    await assistant.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 3, sections: [{ id: 'advice', patientText: 'Keep doing your sit to stand practice 3 times a day.' }] } });

    const final = await assistant.post(`/api/discharge-summaries/${summaryId}/finalise`, { version: 4 });
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', version: 5, finalisedBy: { id: apId() } });
    const after = await assistant.request({ method: 'PATCH', url: `/api/discharge-summaries/${summaryId}`, payload: { version: 5, sections: [{ id: 'advice', text: 'Late change' }] } });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toContain('is final and cannot be changed');
    const changes = (await audits({ action: 'write', recordKind: 'discharge-summary', outcome: 'allowed' })).map((a) => a.detail.change);
    expect(changes).toEqual(['drafted', 'edited', 'edited', 'edited', 'finalised']);
  });

  let patientLetterId: string;

  it('sends Mrs B her letter in large print (her recorded need), plain English, with her name and address; a retry writes one letter', async () => {
    const headers = { 'idempotency-key': 'letter-mrs-b-1' };
    const res = await assistant.post(`/api/discharge-summaries/${summaryId}/letters`, { recipient: 'patient' }, headers);
    expect(res.statusCode).toBe(201);
    const letter = res.json();
    patientLetterId = letter.id;
    expect(letter).toMatchObject({ kind: 'discharge-patient', recipient: 'Betty Bloor', printSize: 'large', summaryId, summaryVersion: 5, pdfHref: `/letters/${letter.id}.pdf`, alternativeFormatsNeeded: [], producedBy: { id: apId() } });

    const retry = await assistant.post(`/api/discharge-summaries/${summaryId}/letters`, { recipient: 'patient' }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(letter.id);
    expect(await t.db.selectFrom('letters').select('id').execute()).toHaveLength(1);

    const pdf = await assistant.get(`/letters/${letter.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    const bytes = pdf.rawPayload;
    const stored = await t.db.selectFrom('letters').selectAll().where('id', '=', letter.id).executeTakeFirstOrThrow();
    expect(Buffer.compare(bytes, Buffer.from(stored.pdf))).toBe(0);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.sha256);
    expect(letter.sha256).toBe(stored.sha256);
    expect(letter.bytes).toBe(bytes.length);

    expect(await pdfBodyFontSize(bytes)).toBeGreaterThanOrEqual(16);
    const { text } = await pdfText(bytes);
    for (const s of [
      'Betty Bloor',
      '12 Waterloo Road',
      'Burslem',
      'ST6 3HR',
      'Dear Betty Bloor,',
      'Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.',
      'We lent you a perching stool and a kettle tipper.',
      'We have asked the Falls prevention service to help you.',
      'We are also writing to your GP at Burslem Health Centre',
      `NHS number ${formatNhsNumber(nhsNumber)}`,
    ]) {
      expect(text).toContain(s);
    }
    for (const jargon of ['MCID', 'minimal clinically important', 'T-score', 'SSNAP']) expect(text).not.toContain(jargon);
    expect(stored.text_content).toContain('This is a real improvement.');

    const printed = await audits({ action: 'print', recordKind: 'letter' });
    expect(printed.map((a) => [a.record_id, a.outcome, a.detail.kind, a.detail.printSize])).toEqual([[letter.id, 'allowed', 'discharge-patient', 'large']]);
    const exported = await audits({ action: 'export', recordKind: 'letter' });
    expect(exported.map((a) => [a.record_id, a.detail.sha256])).toEqual([[letter.id, stored.sha256]]);
  });

  it('sends the GP a clinical copy with the NHS number in 3 3 4 format, date of birth and the practice', async () => {
    const res = await assistant.post(`/api/discharge-summaries/${summaryId}/letters`, { recipient: 'gp' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'discharge-gp', recipient: 'GP, Burslem Health Centre (M83001)', printSize: 'standard' });
    const bytes = (await assistant.get(`/letters/${res.json().id}.pdf`)).rawPayload;
    const { text } = await pdfText(bytes);
    expect(formatNhsNumber(nhsNumber)).toMatch(/^\d{3} \d{3} \d{4}$/);
    for (const s of [
      `NHS number: ${formatNhsNumber(nhsNumber)}`,
      'Date of birth: 17 May 1941',
      'Burslem Health Centre',
      'Practice code M83001',
      'Barthel Index: from 12 to 16 points',
      'passes the minimal clinically important difference',
      'GAS T-score (unweighted, 2 goals): 37.60 at baseline, 56.20 at discharge.',
      'Perching stool and kettle tipper issued (loan ref EQ-4471).',
      'The patient has been sent their own letter in plain English, in large print.',
    ]) {
      expect(text).toContain(s);
    }
    expect(await pdfBodyFontSize(bytes)).toBe(12);

    const meta = await assistant.get(`/api/letters/${patientLetterId}`);
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ id: patientLetterId, kind: 'discharge-patient', printSize: 'large' });
    const listed = (await assistant.get(`/api/episodes/${episode}/discharge-summary`)).json().letters;
    expect(listed.map((l: { kind: string }) => l.kind)).toEqual(['discharge-gp', 'discharge-patient']);
    expect((await audits({ action: 'read', recordKind: 'letter', outcome: 'allowed' })).map((a) => a.record_id)).toContain(patientLetterId);

    // Stored letters are never changed or removed.
    await expect(sql`update letters set recipient = 'someone else'`.execute(t.db)).rejects.toThrow();
    await expect(sql`delete from letters`.execute(t.db)).rejects.toThrow();
  });

  it('a clinician from another team cannot fetch or read the letters, and is audited', async () => {
    expect((await outsider.get(`/letters/${patientLetterId}.pdf`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/letters/${patientLetterId}`)).statusCode).toBe(403);
    expect((await outsider.post(`/api/discharge-summaries/${summaryId}/letters`, { recipient: 'gp' })).statusCode).toBe(403);
    const refused = await audits({ outcome: 'refused', recordKind: 'letter', staffId: t.service.otherTeamTherapist.id });
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(await t.db.selectFrom('letters').select('id').execute()).toHaveLength(2);
  });

  it('refuses a letter for a patient with no postal address, or a GP copy with no GP practice, with specific messages; nothing is written', async () => {
    const nhs = testNhsNumberForIndex(nhsIndex++);
    const mrK = (await assistant.post('/api/patients', patientDetails({ nhsNumber: nhs, givenName: 'Jan', familyName: 'Kowalski', gpPracticeCode: null, gpPracticeName: null, communicationNeeds: { needs: ['interpreter'], interpreterLanguage: 'Polish', notes: null } }))).json().id;
    const hisEpisode = await seedEpisode(t, { patientId: mrK, service: 'd2a-pathway-1', allocatedTo: apId() });
    const drafted = (await assistant.post(`/api/episodes/${hisEpisode}/discharge-summary`)).json();
    expect(sectionOf(drafted, 'what-we-did').text).not.toContain('SSNAP');
    // Discharge planning started early: an onward referral made since, so the draft is made again from the record.
    await t.db.insertInto('onward_referrals').values({ id: uuidv7(), episode_id: hisEpisode, to_service: 'Wheelchair service', note: null, sent_at: ago(10), acknowledged_at: null, created_at: ago(10), created_by: apId(), updated_at: ago(10), updated_by: apId() }).execute();
    const redrafted = await assistant.post(`/api/discharge-summaries/${drafted.id}/redraft`, { version: 1 });
    expect(redrafted.statusCode).toBe(200);
    expect(redrafted.json().version).toBe(2);
    expect(sectionOf(redrafted.json(), 'onward-referrals').patientText).toBe('- We have asked the Wheelchair service to help you. They will contact you.');
    expect((await assistant.post(`/api/discharge-summaries/${drafted.id}/redraft`, { version: 1 })).statusCode).toBe(409);
    expect((await assistant.post(`/api/discharge-summaries/${drafted.id}/finalise`, { version: 2 })).statusCode).toBe(200);
    // No fixed abode: the address has been cleared from his details.
    await t.db.updateTable('patients').set((eb) => ({ address_line1: '', postcode: '', version: eb('version', '+', 1) })).where('id', '=', mrK).execute();
    const lettersBefore = (await t.db.selectFrom('letters').select('id').execute()).length;
    const printsBefore = (await t.db.selectFrom('audit_events').select('id').where('action', '=', 'print').execute()).length;

    const noAddress = await assistant.post(`/api/discharge-summaries/${drafted.id}/letters`, { recipient: 'patient' }, { 'idempotency-key': 'letter-jan-1' });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().error.fields).toEqual([{ path: 'recipient', message: 'Jan Kowalski has no postal address recorded (the first line and the postcode are needed), so the letter cannot be posted. Add the address to Jan Kowalski’s details, then produce the letter.' }]);
    const noGp = await assistant.post(`/api/discharge-summaries/${drafted.id}/letters`, { recipient: 'gp' });
    expect(noGp.statusCode).toBe(400);
    expect(noGp.json().error.message).toBe('No GP practice is recorded for Jan Kowalski, so the GP copy cannot be addressed. Add the GP practice to Jan Kowalski’s details, then produce the copy.');
    const noRecipient = await assistant.post(`/api/discharge-summaries/${drafted.id}/letters`, { recipient: 'neighbour' });
    expect(noRecipient.statusCode).toBe(400);
    expect(noRecipient.json().error.fields[0]).toMatchObject({ path: 'body.recipient', message: 'Choose who the letter is for: the patient or the GP' });
    expect(await t.db.selectFrom('letters').select('id').execute()).toHaveLength(lettersBefore);
    expect(await t.db.selectFrom('audit_events').select('id').where('action', '=', 'print').execute()).toHaveLength(printsBefore);
    expect(await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'letter-jan-1').execute()).toHaveLength(0);

    const page = await assistant.form(`/episodes/${hisEpisode}/discharge-summary/letters`, { recipient: 'patient', printSize: 'standard' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nhsuk-error-summary');
    expect(page.body).toContain('Jan Kowalski has no postal address recorded');

    // With his address back, the letter is produced in standard print and records that he needs an interpreter.
    await t.db.updateTable('patients').set((eb) => ({ address_line1: '3 Market Place', postcode: 'ST6 3AA', version: eb('version', '+', 1) })).where('id', '=', mrK).execute();
    const pageWithWarning = await assistant.get(`/episodes/${hisEpisode}/discharge-summary`);
    expect(pageWithWarning.body).toContain('This letter needs an alternative format');
    expect(pageWithWarning.body).toContain('Jan Kowalski needs an interpreter (Polish)');
    const produced = await assistant.post(`/api/discharge-summaries/${drafted.id}/letters`, { recipient: 'patient' });
    expect(produced.statusCode).toBe(201);
    expect(produced.json()).toMatchObject({ printSize: 'standard', alternativeFormatsNeeded: [{ need: 'interpreter', message: expect.stringContaining('Polish') }] });
    const printed = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'print').where('record_id', '=', produced.json().id).executeTakeFirstOrThrow();
    expect(printed.detail.alternativeFormatsNeeded).toEqual(['interpreter']);
    // The need stays with the stored letter: read back later, and on the page's list of letters.
    const stored = await assistant.get(`/api/letters/${produced.json().id}`);
    expect(stored.json().alternativeFormatsNeeded).toEqual([{ need: 'interpreter', message: expect.stringContaining('Polish') }]);
    expect((await assistant.get(`/episodes/${hisEpisode}/discharge-summary`)).body).toContain('Also needs');
    // The letter tells him how to reach the team.
    const { text } = await pdfText((await assistant.get(`/letters/${produced.json().id}.pdf`)).rawPayload);
    expect(text).toContain('please call us on 01632 960100');
  });

  it('the pages: explain and offer a draft, edit with the source shown, errors in the NHS.UK summary, confirmation after each step', async () => {
    const nhs = testNhsNumberForIndex(nhsIndex++);
    const mrsD = (await assistant.post('/api/patients', patientDetails({ nhsNumber: nhs, givenName: 'Dot', familyName: 'Davies' }))).json().id;
    const herEpisode = await seedEpisode(t, { patientId: mrsD, service: 'd2a-pathway-1', allocatedTo: apId() });
    const url = `/episodes/${herEpisode}/discharge-summary`;

    const empty = await assistant.get(url);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('hw-patient-banner');
    expect(empty.body).toContain('DAVIES, Dot');
    expect(empty.body).toContain('Draft the discharge summary');
    expect(empty.body).toContain(`href="/episodes/${herEpisode}/record"`);

    const drafted = await assistant.form(url, {});
    expect(drafted.statusCode).toBe(303);
    expect(drafted.headers.location).toBe(`${url}?done=drafted`);
    const draft = await assistant.get(drafted.headers.location!);
    expect(draft.body).toContain('Discharge summary drafted from the record');
    expect(draft.body).toContain('name="sections.equipment.text"');
    expect(draft.body).toContain('Where this came from: Homeward does not keep an equipment record yet');
    expect(draft.body).toContain('Save and finalise');

    const fields = Object.fromEntries((await assistant.get(`/api/episodes/${herEpisode}/discharge-summary`)).json().sections.flatMap((s: { id: string; text: string; patientText: string }) => [[`sections.${s.id}.text`, s.text], [`sections.${s.id}.patientText`, s.patientText]]));
    const bad = await assistant.form(`${url}/save`, { ...fields, 'sections.follow-up.patientText': '', version: '1', action: 'finalise' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nhsuk-error-summary');
    expect(bad.body).toContain('href="#sections-follow-up-patientText"');
    expect(bad.body).toContain('Follow-up and who to contact: enter the patient’s wording before finalising');
    expect((await t.db.selectFrom('discharge_summaries').select('status').where('episode_id', '=', herEpisode).executeTakeFirstOrThrow()).status).toBe('draft');

    const saved = await assistant.form(`${url}/save`, { ...fields, 'sections.equipment.text': 'Raised toilet seat issued', version: '1', action: 'save' });
    expect(saved.headers.location).toBe(`${url}?done=saved`);
    expect((await assistant.get(saved.headers.location!)).body).toContain('Draft saved (version 2).');
    const stale = await assistant.form(`${url}/save`, { ...fields, version: '1', action: 'save' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this record after you opened it');

    const finalised = await assistant.form(`${url}/save`, { ...fields, 'sections.equipment.text': 'Raised toilet seat issued', version: '2', action: 'finalise' });
    expect(finalised.headers.location).toBe(`${url}?done=finalised`);
    const final = await assistant.get(finalised.headers.location!);
    expect(final.body).toContain('Discharge summary finalised');
    expect(final.body).toContain('Raised toilet seat issued');
    expect(final.body).toContain('Large print, because Dot Davies’s recorded communication needs include large print.');
    expect(final.body).toMatch(/value="large" checked/);

    const letter = await assistant.form(`${url}/letters`, { recipient: 'patient', printSize: 'large' });
    expect(letter.statusCode).toBe(303);
    const confirmed = await assistant.get(letter.headers.location!.replace(/#.*$/, ''));
    expect(confirmed.body).toContain('Letter to the patient produced in large print and stored with the record.');
    expect(confirmed.body).toMatch(/href="\/letters\/[0-9a-f-]{36}\.pdf"/);
  });
});
