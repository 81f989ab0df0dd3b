// Who may change which clinical entry (issue 9, High 2). Alex, a registered therapist, writes a draft
// note about Mrs B's visit: the support worker, the student, the assistant practitioner and even the
// clinical lead cannot change or finalise it (403, audited, nothing changed; the database refuses it
// too), and the pages stop offering it. Once final, only Alex or a registered clinician may amend it.
// The support worker's own amendment of her reviewed note goes back to the review queue, showing what
// waits; the student's goes to a registered therapist. Then every other clinical entry: goals, the
// programme and its logs, reviews, the discharge summary (whose draft is shared but whose sign-off is
// the holder's or a registered clinician's), and consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';

type Note = { id: string; version: number; status: string; versions: Array<{ number: number; body: string; writtenBy: { id: string }; needsReview: boolean; reviewedAt: string | null; reviewedBy: { id: string } | null }>; versionsAwaitingReview: number[] };

describe('who may change which clinical entry', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let student: TestClient;
  let lead: TestClient;
  let episode: string;
  let heldByTherapist: string;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const treatment = (o: Record<string, unknown> = {}) => ({ kind: 'treatment', occurredAt: ago(60), durationMinutes: 45, place: 'Home', staffPresent: null, body: 'Kitchen practice: made a hot drink with supervision.', ...o });
  const noteRow = (id: string) => t.db.selectFrom('contact_notes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const lastRefusal = (staffId: string) => t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', staffId).where('outcome', '=', 'refused').orderBy('seq', 'desc').executeTakeFirstOrThrow();
  const queue = async (client: TestClient) => ((await client.get('/api/record/review-queue')).json().notes as Array<{ note: Note }>).map((r) => [r.note.id, r.note.versionsAwaitingReview]);

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    student = await t.signIn(t.service.a.student);
    lead = await t.signIn(t.service.a['clinical-lead']);
    const mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(760_000) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    const mrC = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(760_001), givenName: 'Cyril', familyName: 'Colclough' }))).json().id;
    heldByTherapist = await seedEpisode(t, { patientId: mrC, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    // The support worker and the student work on both episodes under supervision: without it they would
    // not see Mrs B or Mr C at all (their own work only), and these tests are about authorship, not access.
    for (const e of [episode, heldByTherapist]) for (const staffId of [t.service.a['support-worker'].id, t.service.a.student.id]) await seedSupervision(t, { episodeId: e, staffId });
    for (const e of [episode, heldByTherapist]) expect((await therapist.post(`/api/episodes/${e}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' })).statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  let draft: Note;
  it('nobody but its author changes or finalises a draft note: 403, audited with the rule, nothing changed', async () => {
    draft = (await therapist.post(`/api/episodes/${episode}/contact-notes`, treatment())).json();
    const before = await noteRow(draft.id);
    for (const [who, client] of [['support worker', supportWorker], ['student', student], ['assistant practitioner', assistant], ['clinical lead', lead]] as const) {
      const edit = await client.put(`/api/contact-notes/${draft.id}`, { ...treatment({ body: 'Taken over' }), version: 1 });
      expect(edit.statusCode, who).toBe(403);
      expect(edit.json().error.message).toBe('Only the author of a draft note can change it: it is their account of the contact. Write your own note, or ask them to finish theirs.');
      expect(await lastRefusal(client.staff.id)).toMatchObject({ action: 'write', record_kind: 'contact-note', record_id: draft.id, detail: { change: 'change-draft', rule: 'draft-is-the-authors' } });
      const finalise = await client.post(`/api/contact-notes/${draft.id}/finalise`, { version: 1 });
      expect(finalise.statusCode, who).toBe(403);
      expect(await lastRefusal(client.staff.id)).toMatchObject({ record_id: draft.id, detail: { change: 'finalise', rule: 'draft-is-the-authors' } });
    }
    // A registered therapist may correct a colleague's final note, but a draft is not hers to amend either.
    const amendDraft = await lead.post(`/api/contact-notes/${draft.id}/amendments`, { ...treatment({ body: 'Taken over' }), reason: 'Corrected', version: 1 });
    expect(amendDraft.statusCode).toBe(403);
    expect(await lastRefusal(lead.staff.id)).toMatchObject({ record_id: draft.id, detail: { change: 'amend', rule: 'draft-is-the-authors' } });
    expect(await noteRow(draft.id)).toEqual(before);
    // The author changes her own draft, as before.
    const own = await therapist.put(`/api/contact-notes/${draft.id}`, { ...treatment({ durationMinutes: 50 }), version: 1 });
    expect(own.statusCode).toBe(200);
    draft = own.json();
  });

  it('the pages offer someone else’s draft to nobody, and refuse the forms (403)', async () => {
    const theirs = await supportWorker.get(`/contact-notes/${draft.id}`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('Change the draft');
    expect(theirs.body).not.toContain('Finalise the note');
    expect(theirs.body).toContain('This draft is Alex registered therapist’s: only they can change or finalise it.');
    const mine = await therapist.get(`/contact-notes/${draft.id}`);
    expect(mine.body).toContain('Change the draft');
    expect(mine.body).toContain('Finalise the note');
    expect((await student.get(`/contact-notes/${draft.id}/edit`)).statusCode).toBe(403);
    const form = await student.form(`/contact-notes/${draft.id}/edit`, { kind: 'treatment', 'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:00', durationMinutes: '30', body: 'Taken over', version: String(draft.version) });
    expect(form.statusCode).toBe(403);
    expect((await supportWorker.form(`/contact-notes/${draft.id}/finalise`, { version: String(draft.version) })).statusCode).toBe(403);
    expect((await noteRow(draft.id)).status).toBe('draft');
  });

  it('the database refuses a change to a draft by anyone but its author, and a finalisation in another’s name', async () => {
    const sw = t.service.a['support-worker'].id;
    await expect(sql`update contact_notes set body = 'x', updated_by = ${sw} where id = ${draft.id}`.execute(t.db)).rejects.toThrow(/only by its author/);
    await expect(sql`update contact_notes set status = 'final', finalised_by = ${sw}, finalised_at = now() where id = ${draft.id}`.execute(t.db)).rejects.toThrow(/only by its author/);
    expect((await noteRow(draft.id)).body).toBe('Kitchen practice: made a hot drink with supervision.');
  });

  it('a final note is amended by its author or a registered clinician with the reason, never by a support worker, student or assistant practitioner', async () => {
    const final = await therapist.post(`/api/contact-notes/${draft.id}/finalise`, { version: draft.version });
    expect(final.statusCode).toBe(200);
    let version = final.json().version as number;
    for (const client of [supportWorker, student, assistant]) {
      const res = await client.post(`/api/contact-notes/${draft.id}/amendments`, { ...treatment({ body: 'Rewritten' }), reason: 'I was there too', version });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/^You can amend only your own notes/);
      expect(await lastRefusal(client.staff.id)).toMatchObject({ record_id: draft.id, detail: { change: 'amend', rule: 'amends-own-notes-only' } });
      expect((await client.get(`/contact-notes/${draft.id}`)).body).not.toContain('Amend this note');
      expect((await client.get(`/contact-notes/${draft.id}/amend`)).statusCode).toBe(403);
    }
    expect(await t.db.selectFrom('contact_note_amendments').select('id').where('note_id', '=', draft.id).execute()).toEqual([]);
    expect((await lead.get(`/contact-notes/${draft.id}`)).body).toContain('Amend this note');
    const byLead = await lead.post(`/api/contact-notes/${draft.id}/amendments`, { ...treatment({ body: 'Kitchen practice: made a hot drink independently.' }), reason: 'Level of help corrected after speaking with Alex', version });
    expect(byLead.statusCode).toBe(201);
    const amended = byLead.json() as Note;
    expect(amended.versions.map((v) => [v.number, v.writtenBy.id, v.needsReview])).toEqual([[1, therapist.staff.id, false], [2, lead.staff.id, false]]);
    expect(amended.versionsAwaitingReview).toEqual([]);
    version = amended.version;
    const byAuthor = await therapist.post(`/api/contact-notes/${draft.id}/amendments`, { ...treatment({ body: 'Kitchen practice: hot drink independently; lunch with prompts.' }), reason: 'Lunch left out', version });
    expect(byAuthor.statusCode).toBe(201);
  });

  let swNote: Note;
  it('the support worker’s amendment of her own reviewed note waits for review again, and the queue says what waits', async () => {
    swNote = (await supportWorker.post(`/api/episodes/${episode}/contact-notes`, treatment({ body: 'Sit-to-stand practice x10', finalise: true }))).json();
    expect(swNote.versionsAwaitingReview).toEqual([1]);
    expect(await queue(assistant)).toEqual([[swNote.id, [1]]]);
    expect((await assistant.post(`/api/contact-notes/${swNote.id}/review`, { version: swNote.version })).statusCode).toBe(200);
    expect(await queue(assistant)).toEqual([]);

    swNote = (await therapist.get(`/api/contact-notes/${swNote.id}`)).json();
    t.clock.advanceMinutes(5);
    const res = await supportWorker.post(`/api/contact-notes/${swNote.id}/amendments`, { ...treatment({ body: 'Sit-to-stand practice x12' }), reason: 'Miscounted the repetitions', version: swNote.version });
    expect(res.statusCode).toBe(201);
    swNote = res.json();
    expect(swNote.versions.map((v) => [v.number, v.needsReview, v.reviewedBy?.id ?? null])).toEqual([[1, true, assistant.staff.id], [2, true, null]]);
    expect(swNote.versionsAwaitingReview).toEqual([2]);
    expect(await queue(assistant)).toEqual([[swNote.id, [2]]]);
    expect(await queue(therapist)).toEqual([[swNote.id, [2]]]);
    const page = await therapist.get('/record/review-queue');
    expect(page.body).toContain(`/contact-notes/${swNote.id}`);
    expect(page.body).toContain('Amendment 1 by Alex support worker: Miscounted the repetitions');
    expect((await assistant.get(`/contact-notes/${swNote.id}`)).body).toContain('Amendment awaiting review by a supervising clinician');
    expect((await assistant.get(`/episodes/${episode}/record`)).body).toContain('Awaiting review');
    const timeline = (await assistant.get(`/api/episodes/${episode}/timeline`)).json();
    expect(JSON.stringify(timeline)).toContain('"awaitingReview":true');

    // She cannot sign off her own work; her supervisor can, and the amendment shows by whom.
    expect((await supportWorker.post(`/api/contact-notes/${swNote.id}/review`, { version: swNote.version })).statusCode).toBe(403);
    expect((await assistant.get(`/contact-notes/${swNote.id}`)).body).toContain('Mark as reviewed');
    const reviewed = await assistant.post(`/api/contact-notes/${swNote.id}/review`, { version: swNote.version });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().versions[1]).toMatchObject({ needsReview: true, reviewedAt: t.clock.now().toISOString(), reviewedBy: { id: assistant.staff.id } });
    expect(reviewed.json().versionsAwaitingReview).toEqual([]);
    expect(await queue(therapist)).toEqual([]);
    const again = await assistant.post(`/api/contact-notes/${swNote.id}/review`, { version: reviewed.json().version });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toBe('This note has already been reviewed');
  });

  it('the review of an amendment is append-only in the database', async () => {
    await expect(sql`update contact_note_amendment_reviews set reviewed_at = now()`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from contact_note_amendment_reviews`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate contact_note_amendment_reviews cascade`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom('contact_note_amendment_reviews').select('note_id').execute()).toEqual([{ note_id: swNote.id }]);
  });

  it('the student’s amendment of her own note is reviewed by a registered therapist, not the assistant practitioner', async () => {
    let note: Note = (await student.post(`/api/episodes/${episode}/contact-notes`, treatment({ body: 'Kitchen practice with my educator', finalise: true }))).json();
    note = (await therapist.post(`/api/contact-notes/${note.id}/review`, { version: note.version })).json();
    const amended = await student.post(`/api/contact-notes/${note.id}/amendments`, { ...treatment({ body: 'Kitchen practice with my educator; used the trolley' }), reason: 'Trolley left out', version: note.version });
    expect(amended.statusCode).toBe(201);
    note = amended.json();
    expect(note.versionsAwaitingReview).toEqual([2]);
    expect(await queue(assistant)).toEqual([]);
    expect((await assistant.post(`/api/contact-notes/${note.id}/review`, { version: note.version })).statusCode).toBe(403);
    expect(await queue(therapist)).toEqual([[note.id, [2]]]);
    expect((await therapist.post(`/api/contact-notes/${note.id}/review`, { version: note.version })).json().versionsAwaitingReview).toEqual([]);
  });

  // Every other clinical entry. Goals and the programme are the episode's plan, shared by the clinicians
  // who set them, and never changed by support workers or students; ratings, logs, reviews and consent
  // are append-only, so nobody changes anyone's.
  it('goals: support workers and students never set, refine, close or rate one; the assessing clinicians share the plan', async () => {
    const levels = { '-2': 'Cannot make a drink', '-1': 'Makes tea with help', '0': 'Makes tea alone', '+1': 'Makes tea and carries it', '+2': 'Makes tea for a visitor' };
    const plan = { statement: 'I want to make my own cup of tea', levels, baseline: -1, importance: 3, difficulty: 2, targetOn: '2026-12-22', agreedWith: 'Betty' };
    const goal = (await therapist.post(`/api/episodes/${episode}/goals`, plan)).json();
    const before = await t.db.selectFrom('goals').selectAll().where('id', '=', goal.id).executeTakeFirstOrThrow();
    for (const client of [supportWorker, student]) {
      expect((await client.post(`/api/episodes/${episode}/goals`, plan)).statusCode).toBe(403);
      expect((await client.request({ method: 'PATCH', url: `/api/goals/${goal.id}`, payload: { version: 1, statement: 'Taken over' } })).statusCode).toBe(403);
      expect((await client.request({ method: 'PATCH', url: `/api/goals/${goal.id}`, payload: { version: 1, status: 'achieved', statusReason: 'x' } })).statusCode).toBe(403);
      expect((await client.post(`/api/goals/${goal.id}/attainments`, { level: 0, timePoint: 'review', ratedOn: '2026-11-24' })).statusCode).toBe(403);
      expect((await client.get(`/goals/${goal.id}/edit`)).statusCode).toBe(403);
    }
    expect(await t.db.selectFrom('goals').selectAll().where('id', '=', goal.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await t.db.selectFrom('goal_attainments').select('id').execute()).toEqual([]);
    const refined = await assistant.request({ method: 'PATCH', url: `/api/goals/${goal.id}`, payload: { version: 1, agreedWith: 'Betty and her daughter' } });
    expect(refined.statusCode).toBe(200);
    expect(refined.json()).toMatchObject({ version: 2, updatedBy: { id: assistant.staff.id } });
  });

  it('the programme: support workers and students never set or stop an activity; a student logs only on a report', async () => {
    const activity = (await therapist.post(`/api/episodes/${episode}/programme`, { kind: 'exercise', competence: null, title: 'Sit-to-stand practice', instructions: 'Ten times from a firm chair.', timesPerPeriod: 1, period: 'day', delivererKind: 'self', startsOn: '2026-11-24' })).json();
    for (const client of [supportWorker, student]) {
      expect((await client.post(`/api/programme-activities/${activity.id}/status`, { status: 'stopped', reason: 'x', version: 1 })).statusCode).toBe(403);
      expect((await client.post(`/api/episodes/${episode}/programme`, { kind: 'exercise', competence: null, title: 'x', instructions: 'x', timesPerPeriod: 1, period: 'day', delivererKind: 'self', startsOn: '2026-11-24' })).statusCode).toBe(403);
    }
    expect((await student.post(`/api/programme-activities/${activity.id}/completions`, { doneOn: '2026-11-24', outcome: 'done', reportedBy: 'staff' })).statusCode).toBe(403);
    expect((await student.post(`/api/programme-activities/${activity.id}/completions`, { doneOn: '2026-11-24', outcome: 'done', reportedBy: 'patient' })).statusCode).toBe(201);
    expect(await t.db.selectFrom('programme_activities').select(['status', 'version']).where('id', '=', activity.id).executeTakeFirstOrThrow()).toEqual({ status: 'active', version: 1 });
    const stopped = await assistant.post(`/api/programme-activities/${activity.id}/status`, { status: 'stopped', reason: 'Goal met early', version: 1 });
    expect(stopped.statusCode).toBe(200);
  });

  it('reviews: support workers and students do not record one', async () => {
    const version = (await t.db.selectFrom('episodes').select('version').where('id', '=', episode).executeTakeFirstOrThrow()).version;
    for (const client of [supportWorker, student]) {
      const res = await client.post(`/api/episodes/${episode}/reviews`, { kind: 'other', heldOn: '2026-11-24', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2026-12-08', version });
      expect(res.statusCode).toBe(403);
    }
    expect(await t.db.selectFrom('episode_reviews').select('id').execute()).toEqual([]);
  });

  it('the discharge summary: the draft is shared by those who write summaries; the holder or a registered clinician of the team signs it off', async () => {
    const drafted = await therapist.post(`/api/episodes/${heldByTherapist}/discharge-summary`);
    expect(drafted.statusCode).toBe(201);
    const id = drafted.json().id as string;
    const summary = () => t.db.selectFrom('discharge_summaries').select(['status', 'version', 'updated_by']).where('id', '=', id).executeTakeFirstOrThrow();
    for (const client of [supportWorker, student]) {
      expect((await client.request({ method: 'PATCH', url: `/api/discharge-summaries/${id}`, payload: { version: 1, sections: [{ id: 'equipment', text: 'x' }] } })).statusCode).toBe(403);
      expect((await client.post(`/api/discharge-summaries/${id}/redraft`, { version: 1 })).statusCode).toBe(403);
      expect((await client.post(`/api/discharge-summaries/${id}/finalise`, { version: 1 })).statusCode).toBe(403);
    }
    expect(await summary()).toEqual({ status: 'draft', version: 1, updated_by: therapist.staff.id });
    // The assistant practitioner adds what she knows to the therapist's draft...
    const edited = await assistant.request({ method: 'PATCH', url: `/api/discharge-summaries/${id}`, payload: { version: 1, sections: [{ id: 'equipment', text: 'Perching stool issued' }] } });
    expect(edited.statusCode).toBe(200);
    // ...but does not sign off an episode she does not hold: refused, audited, nothing changed, and not offered.
    const signOff = await assistant.post(`/api/discharge-summaries/${id}/finalise`, { version: 2 });
    expect(signOff.statusCode).toBe(403);
    expect(signOff.json().error.message).toMatch(/^Only the clinician who holds this episode, or a registered therapist or clinical lead of its team, can finalise/);
    expect(await lastRefusal(assistant.staff.id)).toMatchObject({ record_kind: 'discharge-summary', record_id: heldByTherapist, detail: { change: 'finalise', rule: 'not-the-episodes-clinician' } });
    const page = await assistant.get(`/episodes/${heldByTherapist}/discharge-summary`);
    expect(page.body).toContain('Save the draft');
    expect(page.body).not.toContain('Save and finalise');
    expect(page.body).toContain('Finalising signs off the discharge');
    expect((await assistant.form(`/episodes/${heldByTherapist}/discharge-summary/save`, { version: '2', action: 'finalise' })).statusCode).toBe(403);
    expect(await summary()).toMatchObject({ status: 'draft', version: 2 });
    expect((await therapist.get(`/episodes/${heldByTherapist}/discharge-summary`)).body).toContain('Save and finalise');
    // The clinical lead of the team signs it off (the holder could too).
    const final = await lead.post(`/api/discharge-summaries/${id}/finalise`, { version: 2 });
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', finalisedBy: { id: lead.staff.id } });
  });

  it('consent: anyone who writes notes records the patient’s own consent or its withdrawal; nobody changes one', async () => {
    const consent = (await therapist.get(`/api/episodes/${episode}/consent`)).json().consent[0];
    // A withdrawal never waits for someone senior: the student records it against the therapist's consent.
    const withdrawn = await student.post(`/api/episodes/${episode}/consent/${consent.id}/withdrawal`, { note: 'Mrs B asked us to stop visiting until her son is home' });
    expect(withdrawn.statusCode).toBe(201);
    expect(withdrawn.json()).toMatchObject({ kind: 'withdrawal', withdrawsId: consent.id, recordedBy: { id: student.staff.id } });
    await expect(sql`update consent_records set note = 'x' where id = ${consent.id}`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
