// Programme of care (issue 4 item 6): the registered therapist assesses the support worker and records
// her kitchen-practice competence; Mrs B's assistant practitioner sets kitchen practice with the support
// worker twice a week and a sit-to-stand exercise her daughter helps with every day. Delegating stairs
// practice, for which the support worker has no recorded competence, is refused with a message that says
// which competence and who records it, and nothing is written; a withdrawn competence no longer allows
// delegation. The support worker logs her visits and the daughter's reports; she cannot log doing what
// was not delegated to her. The assistant practitioner reviews the week against what is expected and
// prints the carer's sheet: plain English, large print by default because Mrs B needs it, stored as a
// letter and audited. Assistant practitioners cannot record competences; clinicians of another team are
// refused, and every refusal is in the audit.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { pdfBodyFontSize, pdfText } from '../../test/pdf-text.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('programme of care: delegation within competence, completion logs and the carer’s sheet', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let lead: TestClient;
  let manager: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string;
  let swId: string;
  let kitchenId: string;
  let sitToStandId: string;

  const kitchen = () => ({
    kind: 'functional-practice',
    competence: 'kitchen-practice',
    title: 'Kitchen practice',
    instructions: 'Make a hot drink and a simple lunch, carrying them to the table on the kitchen trolley.',
    timesPerPeriod: 2,
    period: 'week',
    delivererKind: 'staff',
    delivererStaffId: swId,
    startsOn: '2026-11-24',
  });
  const sitToStand = {
    kind: 'exercise',
    competence: 'sit-to-stand-exercise',
    title: 'Sit-to-stand practice',
    instructions: 'Sit on the edge of a firm chair with arms. Stand up slowly, then sit down slowly. Do this 10 times.',
    timesPerPeriod: 1,
    period: 'day',
    delivererKind: 'carer',
    delivererName: 'Sarah (daughter)',
    startsOn: '2026-11-24',
  };
  const countRows = async (table: 'programme_activities' | 'programme_completions' | 'staff_competences' | 'letters') => (await t.db.selectFrom(table).select('id').execute()).length;

  /** Everyone signs in afresh, as they would on a later day (sessions end after an idle spell). */
  async function signInEveryone(): Promise<void> {
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    manager = await t.signIn(t.service.a['service-manager']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
  }

  beforeAll(async () => {
    t = await bootTestApp();
    await signInEveryone();
    swId = t.service.a['support-worker'].id;
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(760_001) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('the registered therapist records the support worker’s kitchen-practice competence; the assistant practitioner can see it', async () => {
    const recorded = await therapist.post(`/api/staff/${swId}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-11-20', note: 'Observed making a hot drink and a meal with a patient' });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ competence: 'kitchen-practice', competenceLabel: 'Kitchen practice (meal and hot drink preparation)', current: true, assessedOn: '2026-11-20', staff: { id: swId }, recordedBy: { id: t.service.a['registered-therapist'].id, role: 'registered-therapist' } });

    const seen = await assistant.get(`/api/staff/${swId}/competences`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().competences.map((c: { competence: string }) => c.competence)).toEqual(['kitchen-practice']);

    const twice = await lead.post(`/api/staff/${swId}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-11-21' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('already has a current competence for kitchen practice');

    const unknown = await therapist.post(`/api/staff/${swId}/competences`, { competence: 'juggling', assessedOn: '2026-11-21' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].path).toBe('competence');
    // Since issue 16 every role that sees patients holds competences; a service manager does not see patients.
    const forAManager = await lead.post(`/api/staff/${t.service.a['service-manager'].id}/competences`, { competence: 'stairs-practice', assessedOn: '2026-11-21' });
    expect(forAManager.statusCode).toBe(400);
    expect(forAManager.json().error.message).toContain('recorded for staff who see patients');
    const future = await therapist.post(`/api/staff/${swId}/competences`, { competence: 'stairs-practice', assessedOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toEqual({ path: 'assessedOn', message: 'The date they were assessed must be today or in the past' });

    const audit = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'staff-competence').where('outcome', '=', 'allowed').execute();
    expect(audit.map((a) => [a.action, a.staff_id, a.record_id])).toEqual([['staff-admin', t.service.a['registered-therapist'].id, recorded.json().id]]);
  });

  it('an assistant practitioner cannot record competences, nor a therapist of another team: refused and audited', async () => {
    const before = await countRows('staff_competences');
    const byAssistant = await assistant.post(`/api/staff/${swId}/competences`, { competence: 'stairs-practice', assessedOn: '2026-11-21' });
    expect(byAssistant.statusCode).toBe(403);
    expect(byAssistant.json().error.message).toContain('Only a registered therapist or clinical lead can record or withdraw a competence');
    const bySupportWorker = await supportWorker.post(`/api/staff/${swId}/competences`, { competence: 'stairs-practice', assessedOn: '2026-11-21' });
    expect(bySupportWorker.statusCode).toBe(403);
    const byOutsider = await outsider.post(`/api/staff/${swId}/competences`, { competence: 'stairs-practice', assessedOn: '2026-11-21' });
    expect(byOutsider.statusCode).toBe(403);
    expect(byOutsider.json().error.message).toBe('You can record competences only for staff in your own team');
    expect((await outsider.get(`/api/staff/${swId}/competences`)).statusCode).toBe(403);
    const page = await assistant.form('/staff/competences', { staffId: swId, competence: 'stairs-practice', 'assessedOn-day': '21', 'assessedOn-month': '11', 'assessedOn-year': '2026' });
    expect(page.statusCode).toBe(403);
    expect(await countRows('staff_competences')).toBe(before);

    const refusals = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'staff-competence').where('outcome', '=', 'refused').execute();
    expect(refusals.filter((r) => r.staff_id === t.service.a['assistant-practitioner'].id && r.action === 'staff-admin')).toHaveLength(2);
    expect(refusals.some((r) => r.staff_id === t.service.a['support-worker'].id)).toBe(true);
    expect(refusals.filter((r) => r.staff_id === t.service.otherTeamTherapist.id).map((r) => (r.detail as { rule: string }).rule)).toEqual(['other-team', 'other-team']);
  });

  it('the assistant practitioner sets kitchen practice with the support worker twice a week and sit-to-stand with the daughter every day', async () => {
    const k = await assistant.post(`/api/episodes/${episode}/programme`, kitchen());
    expect(k.statusCode).toBe(201);
    kitchenId = k.json().id;
    expect(k.json()).toMatchObject({
      kind: 'functional-practice',
      frequency: 'twice a week',
      competenceLabel: 'Kitchen practice (meal and hot drink preparation)',
      deliverer: { kind: 'staff', staffId: swId, staffRole: 'support-worker', description: 'Alex support worker (Therapy support worker)' },
      status: 'active',
      version: 1,
      lastSevenDays: { done: 0, expected: 1 },
      createdBy: { id: t.service.a['assistant-practitioner'].id, role: 'assistant-practitioner' },
    });

    const s = await assistant.post(`/api/episodes/${episode}/programme`, sitToStand);
    expect(s.statusCode).toBe(201);
    sitToStandId = s.json().id;
    expect(s.json()).toMatchObject({ frequency: 'every day', deliverer: { kind: 'carer', staffId: null, name: 'Sarah (daughter)', description: 'Sarah (daughter), carer' } });

    const writes = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'programme-of-care').where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    expect(writes.map((w) => w.record_id)).toEqual([kitchenId, sitToStandId]);
    expect(writes.every((w) => w.patient_id === mrsB && w.staff_id === t.service.a['assistant-practitioner'].id)).toBe(true);
  });

  it('refuses delegating to a support worker without the recorded competence, with a specific message, writing nothing', async () => {
    const before = await countRows('programme_activities');
    const stairs = await assistant.post(`/api/episodes/${episode}/programme`, { ...kitchen(), kind: 'functional-practice', competence: 'stairs-practice', title: 'Stairs practice', instructions: 'Up and down the stairs with the rail, one step at a time.' });
    expect(stairs.statusCode).toBe(400);
    expect(stairs.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'Alex support worker has no current recorded competence for stairs practice. A registered therapist or clinical lead must assess them and record it on the staff competences page before this activity can be delegated to them',
      fields: [{ path: 'delivererStaffId' }],
    });
    const unnamed = await assistant.post(`/api/episodes/${episode}/programme`, { ...kitchen(), competence: null });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.fields[0].path).toBe('competence');
    const nameless = await assistant.post(`/api/episodes/${episode}/programme`, { ...sitToStand, delivererName: '' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.fields).toEqual([{ path: 'delivererName', message: 'Enter the name of the carer who helps, for example Sarah (daughter)' }]);
    const badDates = await assistant.post(`/api/episodes/${episode}/programme`, { ...sitToStand, timesPerPeriod: 40, endsOn: '2026-11-01' });
    expect(badDates.statusCode).toBe(400);
    expect(badDates.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['timesPerPeriod', 'endsOn']);
    const otherTeam = await assistant.post(`/api/episodes/${episode}/programme`, { ...kitchen(), delivererStaffId: t.service.otherTeamTherapist.id });
    expect(otherTeam.statusCode).toBe(400);
    expect(otherTeam.json().error.message).toContain('is not in the team caring for this patient');
    // An assistant practitioner or therapist delivers within their own practice: no record needed.
    const byTherapist = await assistant.post(`/api/episodes/${episode}/programme`, { ...kitchen(), competence: 'stairs-practice', title: 'Stairs practice', instructions: 'Up and down the stairs with the rail.', delivererStaffId: t.service.a['registered-therapist'].id, timesPerPeriod: 1 });
    expect(byTherapist.statusCode).toBe(201);
    expect(await countRows('programme_activities')).toBe(before + 1);
  });

  it('a withdrawn competence no longer allows delegation; a stale withdrawal is refused with 409', async () => {
    const transfer = (await therapist.post(`/api/staff/${swId}/competences`, { competence: 'transfer-practice', assessedOn: '2026-11-22' })).json();
    const transfers = { ...kitchen(), kind: 'functional-practice', competence: 'transfer-practice', title: 'Transfer practice', instructions: 'Bed to chair with the frame.' };
    const allowed = await assistant.post(`/api/episodes/${episode}/programme`, transfers);
    expect(allowed.statusCode).toBe(201);
    const stopped = await assistant.post(`/api/programme-activities/${allowed.json().id}/status`, { status: 'stopped', reason: 'Set in error', version: 1 });
    expect(stopped.statusCode).toBe(200);

    const byAssistant = await assistant.post(`/api/competences/${transfer.id}/withdraw`, { reason: 'Not safe', version: 1 });
    expect(byAssistant.statusCode).toBe(403);
    const withdrawn = await therapist.post(`/api/competences/${transfer.id}/withdraw`, { reason: 'Unsafe transfer observed on 23 November; reassess after training', version: 1 });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ current: false, version: 2, withdrawnReason: 'Unsafe transfer observed on 23 November; reassess after training', withdrawnBy: { id: t.service.a['registered-therapist'].id } });
    const stale = await lead.post(`/api/competences/${transfer.id}/withdraw`, { reason: 'Again', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id: transfer.id, current: false, version: 2 });

    const before = await countRows('programme_activities');
    const refused = await assistant.post(`/api/episodes/${episode}/programme`, transfers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('has no current recorded competence for transfer practice (bed, chair, toilet)');
    expect(await countRows('programme_activities')).toBe(before);
    // The row stays, withdrawn: nothing is erased.
    expect(await t.db.selectFrom('staff_competences').select(['withdrawn_reason']).where('id', '=', transfer.id).executeTakeFirstOrThrow()).toEqual({ withdrawn_reason: 'Unsafe transfer observed on 23 November; reassess after training' });
  });

  it('support workers cannot set or change a programme, and the refusal is audited', async () => {
    const before = await countRows('programme_activities');
    const set = await supportWorker.post(`/api/episodes/${episode}/programme`, sitToStand);
    expect(set.statusCode).toBe(403);
    expect(set.json().error.message).toContain('Only an assistant practitioner, registered therapist or clinical lead can set or change a programme of care');
    expect((await supportWorker.post(`/api/programme-activities/${kitchenId}/status`, { status: 'stopped', reason: 'x', version: 1 })).statusCode).toBe(403);
    expect((await supportWorker.get(`/episodes/${episode}/programme/new`)).statusCode).toBe(403);
    expect(await countRows('programme_activities')).toBe(before);
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', swId).where('record_kind', '=', 'programme-of-care').where('outcome', '=', 'refused').execute();
    expect(refusals.map((r) => (r.detail as { rule: string }).rule)).toEqual(['role-does-not-set-programmes', 'role-does-not-set-programmes', 'role-does-not-set-programmes']);
  });

  it('the support worker logs her visits and the daughter’s reports; she cannot log doing what was not delegated to her', async () => {
    t.clock.set(new Date('2026-11-30T17:00:00Z'));
    await signInEveryone();
    const visit = (doneOn: string, o: Record<string, unknown> = {}) => supportWorker.post(`/api/programme-activities/${kitchenId}/completions`, { doneOn, outcome: 'done', reportedBy: 'staff', note: 'Made a cup of tea and beans on toast', ...o });
    const first = await visit('2026-11-25');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ activityId: kitchenId, doneOn: '2026-11-25', outcome: 'done', reportedBy: 'staff', recordedBy: { id: swId, role: 'support-worker' } });

    // A retry with the same Idempotency-Key gets the same answer and writes nothing.
    const key = { 'idempotency-key': 'sw-visit-2026-11-28' };
    const second = await supportWorker.post(`/api/programme-activities/${kitchenId}/completions`, { doneOn: '2026-11-28', outcome: 'done', reportedBy: 'staff', note: null }, key);
    expect(second.statusCode).toBe(201);
    const retry = await supportWorker.post(`/api/programme-activities/${kitchenId}/completions`, { doneOn: '2026-11-28', outcome: 'done', reportedBy: 'staff', note: null }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(second.json().id);
    expect((await t.db.selectFrom('programme_completions').select('id').where('activity_id', '=', kitchenId).execute())).toHaveLength(2);

    const notOurs = await supportWorker.post(`/api/programme-activities/${sitToStandId}/completions`, { doneOn: '2026-11-29', outcome: 'done', reportedBy: 'staff' });
    expect(notOurs.statusCode).toBe(403);
    expect(notOurs.json().error.message).toContain('This activity is not delegated to you');
    for (const day of ['2026-11-26', '2026-11-27', '2026-11-29', '2026-11-30']) {
      const report = await supportWorker.post(`/api/programme-activities/${sitToStandId}/completions`, { doneOn: day, outcome: day === '2026-11-29' ? 'partly-done' : 'done', reportedBy: 'carer', note: day === '2026-11-29' ? 'Only 5, tired after a poor night' : null });
      expect(report.statusCode).toBe(201);
    }
    const notDone = await supportWorker.post(`/api/programme-activities/${sitToStandId}/completions`, { doneOn: '2026-11-28', outcome: 'not-done', reportedBy: 'carer' });
    expect(notDone.statusCode).toBe(400);
    expect(notDone.json().error.fields).toEqual([{ path: 'note', message: 'Say why the activity was not done' }]);
    const future = await supportWorker.post(`/api/programme-activities/${sitToStandId}/completions`, { doneOn: '2026-12-01', outcome: 'done', reportedBy: 'carer' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('doneOn');

    const refusal = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', swId).where('record_id', '=', sitToStandId).where('outcome', '=', 'refused').execute();
    expect(refusal.map((r) => (r.detail as { rule: string }).rule)).toEqual(['not-delegated-to-you']);
    await expect(sql`update programme_completions set outcome = 'not-done'`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('the assistant practitioner reviews the week against what is expected, with every log', async () => {
    const res = await assistant.get(`/api/episodes/${episode}/programme`);
    expect(res.statusCode).toBe(200);
    const byTitle = Object.fromEntries(res.json().activities.map((a: { title: string; status: string }) => [`${a.title} (${a.status})`, a]));
    expect(byTitle['Kitchen practice (active)']).toMatchObject({ lastSevenDays: { windowStartsOn: '2026-11-24', done: 2, partlyDone: 0, notDone: 0, expected: 2 }, lastDoneOn: '2026-11-28' });
    expect(byTitle['Kitchen practice (active)'].completions.map((c: { doneOn: string }) => c.doneOn)).toEqual(['2026-11-28', '2026-11-25']);
    expect(byTitle['Sit-to-stand practice (active)']).toMatchObject({ lastSevenDays: { done: 3, partlyDone: 1, expected: 7 }, lastDoneOn: '2026-11-30' });
    expect(byTitle['Sit-to-stand practice (active)'].completions[1]).toMatchObject({ outcome: 'partly-done', reportedBy: 'carer', note: 'Only 5, tired after a poor night' });
    const read = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.a['assistant-practitioner'].id).where('action', '=', 'read').where('record_kind', '=', 'programme-of-care').execute();
    expect(read.length).toBeGreaterThanOrEqual(1);

    const page = await assistant.get(`/episodes/${episode}/programme`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hw-patient-banner');
    expect(page.body).toContain('BLOOR, Betty');
    expect(page.body).toContain('Twice a week');
    expect(page.body).toContain('2 done of 2 expected');
    expect(page.body).toContain('3 done, 1 partly of 7 expected');
    expect(page.body).toContain(`/programme-activities/${kitchenId}/log`);
    expect(page.body).toContain(`action="/episodes/${episode}/programme/carer-sheet"`);
    expect(page.body).toContain('name="print" value="large"');
    expect(page.body).toContain('The patient needs large print.');
  });

  it('stops an activity with a reason; a stale version gets 409 with the current state', async () => {
    const extra = (await assistant.post(`/api/episodes/${episode}/programme`, { ...sitToStand, title: 'Ankle exercises', instructions: 'Point and flex each foot 10 times.', delivererKind: 'self', delivererName: null })).json();
    const done = await assistant.post(`/api/programme-activities/${extra.id}/status`, { status: 'completed', reason: 'Ankle range now full', version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', statusReason: 'Ankle range now full', version: 2, lastSevenDays: { expected: null } });
    const stale = await lead.post(`/api/programme-activities/${extra.id}/status`, { status: 'stopped', reason: 'Not needed', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id: extra.id, status: 'completed', version: 2 });

    const staleKitchen = await lead.post(`/api/programme-activities/${kitchenId}/status`, { status: 'stopped', reason: 'Not needed', version: 7 });
    expect(staleKitchen.statusCode).toBe(409);
    expect(staleKitchen.json().error.current).toMatchObject({ id: kitchenId, status: 'active', version: 1 });
    expect((await t.db.selectFrom('programme_activities').select('status').where('id', '=', kitchenId).executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('prints the carer’s sheet in plain English, large print by default, stored as a letter and audited', async () => {
    // Each print is stored and audited, so there is no GET that prints: a refresh must not print again.
    expect((await assistant.get(`/episodes/${episode}/programme/carer-sheet?print=large`)).statusCode).toBe(404);
    expect(await countRows('letters')).toBe(0);
    const large = await assistant.form(`/episodes/${episode}/programme/carer-sheet`, {});
    expect(large.statusCode).toBe(200);
    expect(large.headers['content-type']).toBe('application/pdf');
    expect(large.headers['content-disposition']).toBe('inline; filename="your-exercises-and-activities-2026-11-30-large-print.pdf"');
    const pdf = large.rawPayload;
    const { text } = await pdfText(pdf);
    expect(text).toContain('Your exercises and activities');
    expect(text).toContain('For Betty Bloor');
    expect(text).toContain('Kitchen practice');
    expect(text).toContain('Make a hot drink and a simple lunch');
    expect(text).toContain('How often: twice a week');
    expect(text).toContain('How often: every day');
    expect(text).toContain('Sarah (daughter) helps you.');
    expect(text).toContain('Alex support worker, from the therapy team, helps you.');
    // The page footer may fall inside this sentence when it runs over a page.
    expect(text).toContain('01632 960100 and ask for');
    expect(text).not.toContain('Ankle exercises');
    expect(text).not.toContain('Transfer practice');
    expect(text).not.toMatch(/competence|functional-practice|support-worker/i);
    expect(await pdfBodyFontSize(pdf)).toBeGreaterThanOrEqual(16);

    const letters = await t.db.selectFrom('letters').selectAll().execute();
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    expect(letter).toMatchObject({ episode_id: episode, patient_id: mrsB, kind: 'carer-programme', recipient: 'Patient and carers', print_size: 'large', produced_by: t.service.a['assistant-practitioner'].id, produced_by_role: 'assistant-practitioner' });
    expect(letter.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(createHash('sha256').update(letter.pdf).digest('hex')).toBe(letter.sha256);
    expect(letter.text_content).toContain('How often: twice a week');
    expect(large.headers['x-letter-id']).toBe(letter.id);

    const standard = await supportWorker.form(`/episodes/${episode}/programme/carer-sheet`, { print: 'standard' });
    expect(standard.statusCode).toBe(200);
    expect(standard.headers['content-type']).toBe('application/pdf');
    expect(await pdfBodyFontSize(standard.rawPayload)).toBeLessThan(16);
    expect((await t.db.selectFrom('letters').select('print_size').orderBy('produced_at').orderBy('id').execute()).map((l) => l.print_size)).toEqual(['large', 'standard']);

    const prints = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'print').where('patient_id', '=', mrsB).execute();
    expect(prints.map((p) => [p.outcome, p.record_kind, (p.detail as { printSize: string }).printSize])).toEqual([['allowed', 'letter', 'large'], ['allowed', 'letter', 'standard']]);

    const refused = await manager.form(`/episodes/${episode}/programme/carer-sheet`, { print: 'large' });
    expect(refused.statusCode).toBe(403);
    expect(await countRows('letters')).toBe(2);
  });

  it('the pages: the banner, the error summary naming the missing competence and who records it, and confirmations', async () => {
    const form = await assistant.get(`/episodes/${episode}/programme/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('hw-patient-banner');
    expect(form.body).toContain('Alex support worker (Therapy support worker)');
    const fields = { kind: 'functional-practice', title: 'Stairs practice', instructions: 'Up and down the stairs with the rail.', timesPerPeriod: '2', period: 'week', delivererKind: 'staff', delivererStaffId: swId, competence: 'stairs-practice', 'startsOn-day': '30', 'startsOn-month': '11', 'startsOn-year': '2026' };
    const before = await countRows('programme_activities');
    const refused = await assistant.form(`/episodes/${episode}/programme/new`, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('nhsuk-error-summary');
    expect(refused.body).toContain('href="#delivererStaffId"');
    expect(refused.body).toContain('Alex support worker has no current recorded competence for stairs practice. A registered therapist or clinical lead must assess them and record it');
    expect(refused.body).toContain('>Up and down the stairs with the rail.</textarea>');
    expect(await countRows('programme_activities')).toBe(before);

    const empty = await assistant.form(`/episodes/${episode}/programme/new`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose the kind of activity');
    expect(empty.body).toContain('href="#startsOn-day"');

    const saved = await assistant.form(`/episodes/${episode}/programme/new`, { ...fields, title: 'Walking practice', competence: '', delivererKind: 'agency', delivererStaffId: '', delivererName: 'Caring Hands', kind: 'exercise' });
    expect(saved.statusCode).toBe(303);
    const confirmed = await assistant.get(saved.headers.location!);
    expect(confirmed.body).toContain('Walking practice added to the programme: twice a week, delivered by Caring Hands, care agency');
    expect(confirmed.body).toContain('hw-patient-banner');

    const logForm = await supportWorker.get(`/programme-activities/${kitchenId}/log`);
    expect(logForm.statusCode).toBe(200);
    expect(logForm.body).toContain('hw-patient-banner');
    expect(logForm.body).toContain('Make a hot drink and a simple lunch');
    const logged = await supportWorker.form(`/programme-activities/${kitchenId}/log`, { 'doneOn-day': '30', 'doneOn-month': '11', 'doneOn-year': '2026', outcome: 'partly-done', reportedBy: 'staff', note: 'Tea only today' });
    expect(logged.statusCode).toBe(303);
    expect((await supportWorker.get(logged.headers.location!)).body).toContain('Logged: Kitchen practice, partly done on 30 November 2026');
    const badLog = await supportWorker.form(`/programme-activities/${kitchenId}/log`, { 'doneOn-day': '31', 'doneOn-month': '11', 'doneOn-year': '2026', outcome: 'not-done', reportedBy: 'staff' });
    expect(badLog.statusCode).toBe(400);
    expect(badLog.body).toContain('The day it was done must be a real date');

    const statusForm = await assistant.get(`/programme-activities/${kitchenId}/status`);
    expect(statusForm.statusCode).toBe(200);
    expect(statusForm.body).toContain('hw-patient-banner');
    const stale = await assistant.form(`/programme-activities/${kitchenId}/status`, { status: 'stopped', reason: 'Patient managing alone', version: '9' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this record');
    const competences = await therapist.get('/staff/competences');
    expect(competences.statusCode).toBe(200);
    expect(competences.body).toContain('Record a competence');
    expect(competences.body).toContain('Kitchen practice (meal and hot drink preparation)');
    expect((await assistant.get('/staff/competences')).body).not.toContain('Record a competence');
  });

  it('describes the programme and competence API in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/episodes/{id}/programme'].post.tags).toEqual(['record']);
    expect(doc.paths['/api/programme-activities/{id}/status'].post.responses).toHaveProperty('409');
    expect(doc.paths['/api/programme-activities/{id}/completions'].post.responses).toHaveProperty('201');
    expect(doc.paths['/api/staff/{id}/competences'].post.tags).toEqual(['staff']);
    expect(doc.paths['/api/competences/{id}/withdraw'].post.responses).toHaveProperty('409');
    expect(Object.keys(doc.paths).some((p) => p.includes('carer-sheet'))).toBe(false);
  });

  it('refuses a clinician with no relationship to the patient, and audits it', async () => {
    const before = await Promise.all([countRows('programme_activities'), countRows('programme_completions'), countRows('letters')]);
    for (const res of [
      await outsider.get(`/api/episodes/${episode}/programme`),
      await outsider.post(`/api/episodes/${episode}/programme`, sitToStand),
      await outsider.get(`/api/programme-activities/${kitchenId}`),
      await outsider.post(`/api/programme-activities/${kitchenId}/completions`, { doneOn: '2026-11-30', outcome: 'done', reportedBy: 'staff' }),
      await outsider.post(`/api/programme-activities/${kitchenId}/status`, { status: 'stopped', reason: 'x', version: 1 }),
      await outsider.get(`/episodes/${episode}/programme`),
      await outsider.form(`/episodes/${episode}/programme/carer-sheet`, { print: 'large' }),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').where('patient_id', '=', mrsB).execute();
    expect(refusals.length).toBeGreaterThanOrEqual(7);
    expect(await Promise.all([countRows('programme_activities'), countRows('programme_completions'), countRows('letters')])).toEqual(before);
  });
});
