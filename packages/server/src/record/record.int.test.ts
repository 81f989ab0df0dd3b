// The clinical record's first slice (issue 4 items 1 and 2): Mrs B's assistant practitioner records her
// consent, writes and finalises a treatment note with SSNAP minutes, cannot edit it in place, amends it
// with a reason (both versions visible); a treatment note without consent needs a reason to be final;
// the support worker's note goes to the supervisor's review queue; a late entry is labelled; a clinician
// from another team is refused and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';

let nhsIndex = 700_000;


describe('the clinical record: consent and capacity, contact notes', () => {
  let t: TestApp;
  let assistant: TestClient;
  let therapist: TestClient;
  let supportWorker: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string; // stroke ESD, so SSNAP minutes apply
  let noConsentEpisode: string;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const treatment = (o: Record<string, unknown> = {}) => ({ kind: 'treatment', occurredAt: ago(60), durationMinutes: 45, place: 'Home', staffPresent: null, body: 'Kitchen practice: made a hot drink with supervision.', therapyMinutes: { 'occupational-therapy': 30, physiotherapy: 10 }, ...o });
  const noteRows = () => t.db.selectFrom('contact_notes').selectAll().orderBy('written_at').execute();

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'stroke-early-supported-discharge', allocatedTo: t.service.a['assistant-practitioner'].id });
    const mrC = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), givenName: 'Cyril', familyName: 'Colclough' }))).json().id;
    noConsentEpisode = await seedEpisode(t, { patientId: mrC, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('shows whose record it is before anything is written', async () => {
    for (const url of [`/episodes/${episode}/consent/new`, `/episodes/${episode}/contact-notes/new`, `/episodes/${episode}/record`]) {
      const page = await assistant.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('hw-patient-banner');
      expect(page.body).toContain('BLOOR, Betty');
    }
    expect((await assistant.get(`/episodes/${episode}`)).body).toContain(`/episodes/${episode}/contact-notes/new`);
  });

  it('records the patient’s verbal consent; a support worker cannot record a capacity assessment', async () => {
    const refused = await supportWorker.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Treatment', method: 'verbal', givenBy: 'patient', capacityInDoubt: true, assessment: { impairment: false, unable: { understand: false, retain: false, useOrWeigh: false, communicate: false } } });
    expect(refused.statusCode).toBe(403);
    const lacking = await assistant.post(`/api/episodes/${episode}/consent`, {
      agreedTo: 'Treatment', method: 'verbal', givenBy: 'patient', capacityInDoubt: true,
      assessment: { impairment: true, impairmentDescription: 'Delirium', unable: { understand: false, retain: true, useOrWeigh: false, communicate: false }, notes: { retain: 'Could not recall the plan a minute later' } },
    });
    expect(lacking.statusCode).toBe(400);
    expect(lacking.json().error.fields[0].path).toBe('givenBy');
    expect(await t.db.selectFrom('consent_records').select('id').execute()).toHaveLength(0);

    const res = await assistant.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient', communicationSupport: 'Large print' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'consent', method: 'verbal', givenBy: 'patient', capacityInDoubt: false, capacityOutcome: null, recordedBy: { id: t.service.a['assistant-practitioner'].id } });
    expect(res.json().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const audit = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'consent').where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    expect(audit).toHaveLength(1);
    // Consent is append-only in the database too.
    await expect(sql`update consent_records set agreed_to = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  let noteId: string;
  it('writes a treatment note with SSNAP minutes and finalises it', async () => {
    const draft = await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment());
    expect(draft.statusCode).toBe(201);
    noteId = draft.json().id;
    expect(draft.json()).toMatchObject({ status: 'draft', version: 1, lateEntry: false, needsReview: false, current: { therapyMinutes: { 'occupational-therapy': 30, physiotherapy: 10 } } });
    const changed = await assistant.put(`/api/contact-notes/${noteId}`, { ...treatment({ durationMinutes: 50 }), version: 1 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().current.durationMinutes).toBe(50);
    const stale = await assistant.post(`/api/contact-notes/${noteId}/finalise`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    const final = await assistant.post(`/api/contact-notes/${noteId}/finalise`, { version: 2 });
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', consentMissingReason: null, finalisedBy: { id: t.service.a['assistant-practitioner'].id } });
  });

  it('refuses to edit a final note in place, in the application and in the database', async () => {
    const res = await assistant.put(`/api/contact-notes/${noteId}`, { ...treatment({ body: 'Changed my mind' }), version: 3 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/final and cannot be changed.*amendment/);
    await expect(sql`update contact_notes set body = 'tampered' where id = ${noteId}`.execute(t.db)).rejects.toThrow(/never changed/);
    await expect(sql`delete from contact_notes where id = ${noteId}`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await noteRows())[0]!.body).toBe('Kitchen practice: made a hot drink with supervision.');
  });

  it('amends a final note with a reason; both versions stay visible', async () => {
    const missing = await assistant.post(`/api/contact-notes/${noteId}/amendments`, { ...treatment({ body: 'Corrected' }), version: 3 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0]).toEqual({ path: 'reason', message: 'Enter why the note is being amended' });
    t.clock.advanceMinutes(5);
    const res = await assistant.post(`/api/contact-notes/${noteId}/amendments`, { ...treatment({ body: 'Kitchen practice: made a hot drink independently.' }), reason: 'Wrong level of assistance recorded', version: 3 });
    expect(res.statusCode).toBe(201);
    expect(res.json().versions).toHaveLength(2);
    expect(res.json().versions[0]).toMatchObject({ number: 1, body: 'Kitchen practice: made a hot drink with supervision.', reason: null });
    expect(res.json().versions[1]).toMatchObject({ number: 2, body: 'Kitchen practice: made a hot drink independently.', reason: 'Wrong level of assistance recorded', writtenBy: { id: t.service.a['assistant-practitioner'].id } });
    expect(res.json().current.number).toBe(2);
    const page = await assistant.get(`/contact-notes/${noteId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('BLOOR, Betty');
    expect(page.body).toContain('made a hot drink with supervision');
    expect(page.body).toContain('made a hot drink independently');
    expect(page.body).toContain('Wrong level of assistance recorded');
  });

  it('refuses bad input with a specific message and changes nothing', async () => {
    const before = (await noteRows()).length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [treatment({ durationMinutes: 900 }), 'durationMinutes'],
      [treatment({ therapyMinutes: { physiotherapy: -5 } }), 'therapyMinutes.physiotherapy'],
      [treatment({ therapyMinutes: { physiotherapy: 40, psychology: 20 } }), 'therapyMinutes'],
      [treatment({ occurredAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() }), 'occurredAt'],
    ];
    for (const [body, path] of cases) {
      const res = await assistant.post(`/api/episodes/${episode}/contact-notes`, body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const notStroke = await assistant.post(`/api/episodes/${noConsentEpisode}/contact-notes`, treatment());
    expect(notStroke.json().error.message).toBe('Therapy minutes by SSNAP therapy type are recorded for stroke episodes only');
    expect((await noteRows()).length).toBe(before);
  });

  it('will not finalise a treatment note on an episode with no consent unless the clinician says why', async () => {
    const refused = await assistant.post(`/api/episodes/${noConsentEpisode}/contact-notes`, treatment({ therapyMinutes: {}, finalise: true }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('consentMissingReason');
    const draft = await assistant.post(`/api/episodes/${noConsentEpisode}/contact-notes`, treatment({ therapyMinutes: {} }));
    const id = draft.json().id;
    expect((await assistant.post(`/api/contact-notes/${id}/finalise`, { version: 1 })).statusCode).toBe(400);
    const page = await assistant.form(`/contact-notes/${id}/finalise`, { version: '1' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('No consent is recorded for this episode');
    const reason = 'Patient agreed at the door; written consent form left with daughter to sign';
    const final = await assistant.post(`/api/contact-notes/${id}/finalise`, { version: 1, consentMissingReason: reason });
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', consentMissingReason: reason });
  });

  it('says everything missing from an empty note at once, in the form’s order, and saves nothing', async () => {
    const before = (await t.db.selectFrom('contact_notes').select('id').where('episode_id', '=', episode).execute()).length;
    const page = await assistant.form(`/episodes/${episode}/contact-notes/new`, { action: 'draft' });
    expect(page.statusCode).toBe(400);
    const summary = /<ul class="nhsuk-list nhsuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(page.body)![1]!;
    // It used to stop at the kind and the date, and say the duration and the note only once those were put right.
    expect([...summary.matchAll(/<a href="#([^"]+)">\s*([^<]*?)\s*<\/a>/g)].map((m) => m[2])).toEqual([
      'Choose the kind of contact',
      'Enter date of the contact',
      'Enter the time of the contact',
      'Enter how long the contact took, in minutes',
      'Enter the note',
    ]);
    // A contact where the patient was not seen needs no duration.
    const notSeen = await assistant.form(`/episodes/${episode}/contact-notes/new`, { kind: 'no-access', action: 'draft' });
    expect(notSeen.body).not.toContain('Enter how long the contact took');
    expect(notSeen.body).toContain('Enter the note');
    expect((await t.db.selectFrom('contact_notes').select('id').where('episode_id', '=', episode).execute()).length).toBe(before);
  });

  it('sends the support worker’s note to the supervisor’s review queue, and shows when it was reviewed', async () => {
    // Support workers see only the patients they work with: this one works on Mrs B's episode under the assistant practitioner.
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a['support-worker'].id });
    const form = await supportWorker.form(`/episodes/${episode}/contact-notes/new`, {
      kind: 'treatment', 'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:30',
      durationMinutes: '30', place: 'Home', body: 'Sit-to-stand practice x10 with daughter', 'minutes-physiotherapy': '25', action: 'finalise',
    });
    expect(form.statusCode).toBe(303);
    const id = form.headers.location!.split('/')[2]!.split('?')[0]!;
    expect(await supportWorker.get(`/api/record/review-queue`).then((r) => r.statusCode)).toBe(403);
    const queue = await therapist.get('/api/record/review-queue');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().notes.map((r: { note: { id: string } }) => r.note.id)).toEqual([id]);
    expect((await therapist.get('/record/review-queue')).body).toContain(`/contact-notes/${id}`);
    // The support worker cannot sign off her own delegated work; the assistant practitioner who delegated it can.
    expect((await supportWorker.post(`/api/contact-notes/${id}/review`, { version: 2 })).statusCode).toBe(403);
    expect((await assistant.get('/api/record/review-queue')).json().notes.map((r: { note: { id: string } }) => r.note.id)).toEqual([id]);
    const reviewed = await assistant.form(`/contact-notes/${id}/review`, { version: '2' });
    expect(reviewed.statusCode).toBe(303);
    const note = (await therapist.get(`/api/contact-notes/${id}`)).json();
    expect(note).toMatchObject({ needsReview: true, reviewedBy: { id: t.service.a['assistant-practitioner'].id } });
    expect(note.reviewedAt).toBe(t.clock.now().toISOString());
    expect((await therapist.get('/api/record/review-queue')).json().notes).toEqual([]);
    expect((await therapist.get(`/contact-notes/${id}`)).body).toContain('Reviewed');
  });

  it('labels a late entry', async () => {
    const res = await assistant.post(`/api/episodes/${episode}/contact-notes`, { kind: 'telephone', occurredAt: ago(25 * 60), durationMinutes: 10, body: 'Phoned daughter about equipment' });
    expect(res.statusCode).toBe(201);
    expect(res.json().lateEntry).toBe(true);
    expect((await assistant.get(`/contact-notes/${res.json().id}`)).body).toContain('Late entry');
    const prompt = await assistant.post(`/api/episodes/${episode}/contact-notes`, { kind: 'telephone', occurredAt: ago(23 * 60), durationMinutes: 10, body: 'Phoned GP' });
    expect(prompt.json().lateEntry).toBe(false);
  });

  it('records consent, withdrawal and amendments through the pages too', async () => {
    const missing = await therapist.form(`/episodes/${noConsentEpisode}/consent/new`, { scope: 'episode', agreedTo: '', capacityInDoubt: 'no' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose how consent was given');
    expect(missing.body).toContain('Colclough'.toUpperCase());
    const bi = await therapist.form(`/episodes/${noConsentEpisode}/consent/new`, {
      scope: 'intervention', intervention: 'Hoist transfers', agreedTo: 'Hoist transfers for personal care', method: 'implied', givenBy: 'best-interests',
      bestInterestsDecisionBy: 'Alex registered therapist, with his son', capacityInDoubt: 'yes', impairment: 'yes', impairmentDescription: 'Advanced dementia',
      'unable-understand': 'yes', 'notes-understand': 'Could not describe what a hoist is for after explanation with pictures',
    });
    expect(bi.statusCode).toBe(303);
    const consent = (await therapist.get(`/api/episodes/${noConsentEpisode}/consent`)).json().consent;
    expect(consent[0]).toMatchObject({ givenBy: 'best-interests', capacityInDoubt: true, capacityOutcome: 'lacks-capacity', assessment: { impairment: true, unable: { understand: true } } });
    const withdrawn = await assistant.form(`/episodes/${noConsentEpisode}/consent/${consent[0].id}/withdraw`, { note: 'Son asked us to stop hoisting until the review' });
    expect(withdrawn.statusCode).toBe(303);
    const after = (await therapist.get(`/api/episodes/${noConsentEpisode}/consent`)).json().consent;
    expect(after.map((c: { kind: string }) => c.kind)).toEqual(['consent', 'withdrawal']);
    expect(after[0]).toMatchObject({ agreedTo: 'Hoist transfers for personal care', withdrawnBy: after[1].id });
    expect((await assistant.get(`/episodes/${noConsentEpisode}/record`)).body).toContain('Consent withdrawn');

    expect((await assistant.get(`/contact-notes/${noteId}/edit`)).statusCode).toBe(409);
    const amendPage = await assistant.get(`/contact-notes/${noteId}/amend`);
    expect(amendPage.statusCode).toBe(200);
    expect(amendPage.body).toContain('Why are you amending this note?');
    const noReason = await assistant.form(`/contact-notes/${noteId}/amend`, { version: '4', kind: 'treatment', 'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:00', durationMinutes: '45', body: 'x' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the note is being amended');
  });

  it('refuses a clinician without a relationship, and audits the refusal', async () => {
    for (const res of [await outsider.get(`/api/episodes/${episode}/contact-notes`), await outsider.get(`/api/contact-notes/${noteId}`), await outsider.post(`/api/episodes/${episode}/consent`, { agreedTo: 'x', method: 'verbal', givenBy: 'patient' })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('no_legitimate_relationship');
    }
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').execute();
    expect(refusals.map((r) => [r.patient_id, r.record_kind])).toEqual([[mrsB, 'contact-note'], [mrsB, 'contact-note'], [mrsB, 'consent']]);
    expect(await t.db.selectFrom('consent_records').select('id').where('episode_id', '=', episode).execute()).toHaveLength(1);
  });

  it('moves the episode’s last contact on when a contact note is finalised, but not for a visit where the patient was not seen', async () => {
    const lastContact = async () => (await t.db.selectFrom('episodes').select('last_contact_at').where('id', '=', episode).executeTakeFirstOrThrow()).last_contact_at;
    const seen = ago(30);
    const note = await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment({ occurredAt: seen, finalise: true }));
    expect(note.statusCode).toBe(201);
    expect((await lastContact())?.toISOString()).toBe(new Date(seen).toISOString());
    const notSeen = await assistant.post(`/api/episodes/${episode}/contact-notes`, { kind: 'did-not-attend', occurredAt: ago(5), durationMinutes: null, place: 'Home', staffPresent: null, body: 'No answer at the door; left a card.', therapyMinutes: {}, finalise: true });
    expect(notSeen.statusCode).toBe(201);
    expect((await lastContact())?.toISOString()).toBe(new Date(seen).toISOString());
    // An older note written late never moves it back.
    const older = await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment({ occurredAt: ago(600), finalise: true }));
    expect(older.statusCode).toBe(201);
    expect((await lastContact())?.toISOString()).toBe(new Date(seen).toISOString());
  });
});
