// Students on placement (issue 4 item 2): the administrator adds Sam, a student occupational therapist,
// to the team. Sam sees Mrs B with his practice educator, the registered therapist, who records that he
// works on her episode under supervision (until then her record is closed to him), and writes and
// finalises a treatment note; it goes to the review queue. The assistant practitioner, who reviews the
// support worker's notes, does not see Sam's note in her queue and is refused (403, audited) when she
// tries to review it; the registered therapist reviews it, and the note shows by whom and when. Sam
// cannot be allocated an episode, and does not assess capacity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, testPassword, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

type QueueRow = { note: { id: string; writtenByRole: string } };
const queuedIds = async (client: TestClient) => ((await client.get('/api/record/review-queue')).json().notes as QueueRow[]).map((r) => r.note.id);

describe('a student on placement: notes reviewed by a registered supervisor, no episodes of their own', () => {
  let t: TestApp;
  let admin: TestClient;
  let student: TestClient;
  let assistant: TestClient;
  let therapist: TestClient;
  let lead: TestClient;
  let supportWorker: TestClient;
  let episode: string;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const refusals = (staffId: string) =>
    t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'record_id', 'detail']).where('staff_id', '=', staffId).where('outcome', '=', 'refused').orderBy('seq').execute();

  beforeAll(async () => {
    t = await bootTestApp();
    admin = await t.signIn(t.service.a.administrator);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    const mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(720_000) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    // The practice educator records Mrs B's consent, so the student's treatment note can be final.
    const consent = await therapist.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
    expect(consent.statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('the staff table accepts the student role: the foundation’s check was replaced, by the same name', async () => {
    const checks = await sql<{ conname: string; def: string }>`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'staff'::regclass and contype = 'c' and conname like '%homeward_role%'`.execute(t.db);
    expect(checks.rows.map((r) => r.conname)).toEqual(['staff_homeward_role_check']);
    expect(checks.rows[0]!.def).toContain("'student'");
    // Still a check: a role Homeward does not know is refused by the database itself.
    await expect(
      sql`insert into staff (id, email, given_name, family_name, profession, band, homeward_role) values ('019aa000-0000-7000-8000-000000000001', 'x@test.example', 'X', 'Y', 'none', 'none', 'superuser')`.execute(t.db),
    ).rejects.toThrow(/staff_homeward_role_check/);
  });

  it('the administrator adds Sam as a student on placement: not registered, in a team', async () => {
    const form = await admin.get('/staff/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="homewardRole" type="radio" value="student"');
    expect(form.body).toContain('Therapy student on placement');

    const details = { givenName: 'Sam', familyName: 'Student', email: 'sam.student@test.example', profession: 'none', registrationNumber: null, band: 'none', homewardRole: 'student', teamId: t.service.teamA, baseLocation: 'Haywood Hospital', password: testPassword };
    const registered = await admin.post('/api/staff', { ...details, profession: 'OT', registrationNumber: 'OT12345' });
    expect(registered.statusCode).toBe(400);
    expect(registered.json().error.fields).toEqual([{ path: 'profession', message: 'A student on placement is not yet registered with the HCPC. Select Not registered' }]);
    const noTeam = await admin.post('/api/staff', { ...details, teamId: null });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['teamId']);

    const res = await admin.post('/api/staff', details);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ homewardRole: 'student', profession: 'none', band: 'none', teamId: t.service.teamA });
    student = await t.signIn({ id: res.json().id, email: 'sam.student@test.example', role: 'student', teamId: t.service.teamA });
    // A clinician of the team: Sam's home page leads to the caseload, not to the notes review queue.
    const home = await student.get('/');
    expect(home.body).toContain('href="/caseload"');
    expect(home.body).not.toContain('/record/review-queue');
  });

  let noteId: string;
  let noteVersion: number;
  it('Sam opens Mrs B’s record only once his practice educator adds him to her episode, writes and finalises a treatment note, and it waits for review', async () => {
    // A student does not see every team patient (issue 9): not until someone registered supervises him on the episode.
    const refused = await student.get(`/api/episodes/${episode}/contact-notes`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('no_legitimate_relationship');
    // The assistant practitioner holds the episode but does not supervise students; the registered therapist does.
    expect((await assistant.post(`/api/episodes/${episode}/supervision`, { staffId: student.staff.id })).statusCode).toBe(400);
    const added = await therapist.post(`/api/episodes/${episode}/supervision`, { staffId: student.staff.id });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ staff: { id: student.staff.id, role: 'student' }, supervisor: { id: therapist.staff.id }, endedAt: null });
    expect((await student.get(`/api/episodes/${episode}/contact-notes`)).statusCode).toBe(200);
    expect((await student.get(`/episodes/${episode}/record`)).statusCode).toBe(200);
    const res = await student.post(`/api/episodes/${episode}/contact-notes`, {
      kind: 'treatment', occurredAt: ago(90), durationMinutes: 40, place: 'Home', staffPresent: 'Alex registered therapist (practice educator)',
      body: 'Kitchen practice with my practice educator: made a hot drink standing at the perching stool.', finalise: true,
    });
    expect(res.statusCode).toBe(201);
    noteId = res.json().id;
    noteVersion = res.json().version;
    expect(res.json()).toMatchObject({ status: 'final', writtenByRole: 'student', needsReview: true, reviewedAt: null, reviewedBy: null });
    expect((await student.get(`/contact-notes/${noteId}`)).body).toContain('Awaiting review by a supervising clinician');
    // Sam reviews nobody's notes, Sam's own included.
    expect((await student.get('/api/record/review-queue')).statusCode).toBe(403);
    expect((await student.post(`/api/contact-notes/${noteId}/review`, { version: res.json().version })).statusCode).toBe(403);
  });

  it('the assistant practitioner reviews the support worker’s notes, not Sam’s: not in her queue, and refused (403, audited)', async () => {
    // The support worker works on the episode under the assistant practitioner who holds it.
    expect((await assistant.post(`/api/episodes/${episode}/supervision`, { staffId: supportWorker.staff.id })).statusCode).toBe(201);
    const swNote = await supportWorker.post(`/api/episodes/${episode}/contact-notes`, { kind: 'telephone', occurredAt: ago(30), durationMinutes: 5, body: 'Phoned to confirm Thursday’s visit', finalise: true });
    expect(swNote.statusCode).toBe(201);
    expect(await queuedIds(assistant)).toEqual([swNote.json().id]);
    const page = await assistant.get('/record/review-queue');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/contact-notes/${swNote.json().id}`);
    expect(page.body).not.toContain(`/contact-notes/${noteId}`);
    expect(page.body).toContain('Students’ notes are reviewed by a registered therapist or clinical lead');
    // She can read Sam's note (her episode), but is not offered the review.
    const notePage = await assistant.get(`/contact-notes/${noteId}`);
    expect(notePage.statusCode).toBe(200);
    expect(notePage.body).not.toContain('Mark as reviewed');

    const before = (await refusals(assistant.staff.id)).length;
    const res = await assistant.post(`/api/contact-notes/${noteId}/review`, { version: noteVersion });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: 'Only a registered therapist or clinical lead of the patient’s team can review a student’s notes: a student’s practice educator is registered' });
    const form = await assistant.form(`/contact-notes/${noteId}/review`, { version: String(noteVersion) });
    expect(form.statusCode).toBe(403);
    const audited = (await refusals(assistant.staff.id)).slice(before);
    expect(audited).toHaveLength(2);
    expect(audited.every((r) => r.action === 'write' && r.record_kind === 'contact-note' && r.record_id === episode && (r.detail as { rule: string }).rule === 'not-a-supervisor')).toBe(true);
    const row = await t.db.selectFrom('contact_notes').select(['reviewed_at', 'reviewed_by', 'version']).where('id', '=', noteId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reviewed_at: null, reviewed_by: null, version: noteVersion });
  });

  it('the registered therapist sees both notes, reviews Sam’s, and the note shows by whom and when', async () => {
    const queued = (await therapist.get('/api/record/review-queue')).json().notes as QueueRow[];
    expect(queued.map((r) => [r.note.id === noteId ? 'sam' : 'other', r.note.writtenByRole])).toEqual([['sam', 'student'], ['other', 'support-worker']]);
    expect(await queuedIds(lead)).toEqual(queued.map((r) => r.note.id));
    const page = await therapist.get('/record/review-queue');
    expect(page.body).toContain(`/contact-notes/${noteId}`);
    expect(page.body).toContain('Therapy student on placement');
    expect((await therapist.get(`/contact-notes/${noteId}`)).body).toContain('Mark as reviewed');

    t.clock.advanceMinutes(20);
    const reviewed = await therapist.form(`/contact-notes/${noteId}/review`, { version: String(noteVersion) });
    expect(reviewed.statusCode).toBe(303);
    expect(reviewed.headers.location).toBe(`/contact-notes/${noteId}?done=reviewed`);
    const note = (await student.get(`/api/contact-notes/${noteId}`)).json();
    expect(note).toMatchObject({ needsReview: true, writtenByRole: 'student', reviewedBy: { id: therapist.staff.id, role: 'registered-therapist' }, reviewedAt: t.clock.now().toISOString(), version: noteVersion + 1 });
    const shown = (await student.get(`/contact-notes/${noteId}`)).body;
    expect(shown).toMatch(/Reviewed [^<]* by Alex registered therapist/);
    expect(await queuedIds(therapist)).not.toContain(noteId);
    const audit = await t.db.selectFrom('audit_events').select(['outcome', 'detail']).where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'contact-note').where('action', '=', 'write').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.outcome).toBe('allowed');
  });

  it('Sam is never allocated an episode: refused with the reason, audited, nothing changed', async () => {
    const options = (await lead.get(`/api/episodes/${episode}/allocation-options`)).json().clinicians as Array<{ staffId: string; allowed: boolean; rule: string | null }>;
    expect(options.find((c) => c.staffId === student.staff.id)).toMatchObject({ allowed: false, rule: 'student-no-episodes' });
    const before = await t.db.selectFrom('episodes').select(['allocated_to', 'version']).where('id', '=', episode).executeTakeFirstOrThrow();

    const res = await lead.post(`/api/episodes/${episode}/allocation`, { staffId: student.staff.id, reason: 'caseload-balance', version: before.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toEqual({
      path: 'staffId',
      message: 'Sam Student cannot hold this episode. Therapy students on placement do not hold episodes of care. They see patients under the supervision of their practice educator, who holds the episode.',
    });
    const refusal = (await refusals(lead.staff.id)).at(-1)!;
    expect(refusal).toMatchObject({ action: 'write', record_kind: 'episode', record_id: episode });
    expect(refusal.detail).toMatchObject({ rule: 'student-no-episodes', staffId: student.staff.id });
    expect(await t.db.selectFrom('episodes').select(['allocated_to', 'version']).where('id', '=', episode).executeTakeFirstOrThrow()).toEqual(before);

    // The allocation page lists Sam with the reason, and never as a choice.
    const page = await lead.get(`/episodes/${episode}/allocate`);
    expect(page.body).toContain('Sees patients with a practice educator, not episodes');
    expect(page.body).not.toContain(`value="${student.staff.id}"`);
    // Nor does Sam allocate or triage.
    expect((await student.post(`/api/episodes/${episode}/allocation`, { staffId: null, reason: 'caseload-balance', version: before.version })).statusCode).toBe(403);
  });

  it('Sam does not record a capacity assessment or set goals (403), and nothing is written', async () => {
    const capacity = await student.post(`/api/episodes/${episode}/consent`, {
      agreedTo: 'Treatment', method: 'verbal', givenBy: 'patient', capacityInDoubt: true,
      assessment: { impairment: false, unable: { understand: false, retain: false, useOrWeigh: false, communicate: false } },
    });
    expect(capacity.statusCode).toBe(403);
    const goal = await student.post(`/api/episodes/${episode}/goals`, {
      statement: 'I want to make my own cup of tea',
      levels: { '-2': 'Cannot make a drink', '-1': 'Makes tea with help', '0': 'Makes tea alone', '+1': 'Makes tea and carries it', '+2': 'Makes tea for a visitor' },
      baseline: -1, importance: 3, difficulty: 2, targetOn: '2026-12-22', agreedWith: 'The patient',
    });
    expect(goal.statusCode).toBe(403);
    expect(await t.db.selectFrom('consent_records').select('id').where('recorded_by', '=', student.staff.id).execute()).toHaveLength(0);
    expect(await t.db.selectFrom('goals').select('id').where('episode_id', '=', episode).execute()).toHaveLength(0);
  });
});
