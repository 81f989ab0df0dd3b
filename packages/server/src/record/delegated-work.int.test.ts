// "My delegated work" (issue 11 #2). The support worker holds no episode, so her caseload used to say
// "no open episodes" while she had visits to do. Now her home page, navigation and caseload point to
// her delegated work: Mrs B's kitchen practice (twice a week, never logged since it started three days
// ago: overdue) and Mr C's sit-to-stand (every day from today: due today), each with the patient's NHS
// number 3 3 4, what to do and how often; not an activity delegated to someone else. Showing the list
// is audited once per patient. One press logs it done today; the same form sent twice logs once. When
// her kitchen competence is withdrawn the list tells her to stop and offers no button, and a log of her
// own visit is refused and audited. Roles that deliver no activities are refused the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { formatNhsNumber } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('my delegated work: today’s and overdue activities, logged in one press, within competence', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let manager: TestClient;
  let mrsB: { id: string; nhs: string };
  let mrC: { id: string; nhs: string };
  let kitchen: string;
  let standing: string;
  let notMine: string;
  let kitchenCompetence: string;
  const swId = () => t.service.a['support-worker'].id;
  const completions = async (activityId: string) => t.db.selectFrom('programme_completions').selectAll().where('activity_id', '=', activityId).execute();
  const logForm = (_activityId: string, formId: string) => ({ formId, from: 'delegated-work', 'doneOn-day': '24', 'doneOn-month': '11', 'doneOn-year': '2026', outcome: 'done', reportedBy: 'staff' });

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    manager = await t.signIn(t.service.a['service-manager']);
    const patient = async (index: number, givenName: string) => {
      const nhs = testNhsNumberForIndex(index);
      return { id: (await therapist.post('/api/patients', patientDetails({ nhsNumber: nhs, givenName }))).json().id as string, nhs };
    };
    mrsB = await patient(762_001, 'Betty');
    mrC = await patient(762_002, 'Colin');
    const ap = t.service.a['assistant-practitioner'].id;
    const episodeB = await seedEpisode(t, { patientId: mrsB.id, service: 'd2a-pathway-1', allocatedTo: ap });
    const episodeC = await seedEpisode(t, { patientId: mrC.id, service: 'd2a-pathway-1', allocatedTo: ap });
    for (const competence of ['kitchen-practice', 'sit-to-stand-exercise']) {
      const res = await therapist.post(`/api/staff/${swId()}/competences`, { competence, assessedOn: '2026-11-18', note: 'Observed' });
      expect(res.statusCode).toBe(201);
      if (competence === 'kitchen-practice') kitchenCompetence = res.json().id;
    }
    const set = async (episode: string, body: Record<string, unknown>) => {
      const res = await assistant.post(`/api/episodes/${episode}/programme`, { instructions: 'As shown on the first visit.', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    kitchen = await set(episodeB, { kind: 'functional-practice', competence: 'kitchen-practice', title: 'Kitchen practice', timesPerPeriod: 2, period: 'week', delivererKind: 'staff', delivererStaffId: swId(), startsOn: '2026-11-21', instructions: 'Make a hot drink and carry it to the table on the trolley.' });
    standing = await set(episodeC, { kind: 'exercise', competence: 'sit-to-stand-exercise', title: 'Sit-to-stand practice', timesPerPeriod: 1, period: 'day', delivererKind: 'staff', delivererStaffId: swId(), startsOn: '2026-11-24' });
    notMine = await set(episodeC, { kind: 'exercise', title: 'Stairs practice', timesPerPeriod: 1, period: 'day', delivererKind: 'staff', delivererStaffId: ap, startsOn: '2026-11-24' });
  });
  afterAll(async () => t?.close());

  it('her home page, navigation and caseload point to her delegated work instead of an empty caseload', async () => {
    const home = await supportWorker.get('/');
    expect(home.body).toContain('href="/delegated-work"');
    expect(home.body).toContain('2 programme activities delegated to you');
    const caseload = await supportWorker.get('/caseload');
    expect(caseload.body).toContain('href="/delegated-work"');
    expect(caseload.body).not.toContain('There are no open episodes on this caseload.');
  });

  it('lists overdue first, then today’s, with the patient (NHS number 3 3 4), what to do and how often; not others’ work; audited per patient', async () => {
    const before = new Date(t.clock.now());
    const page = await supportWorker.get('/delegated-work');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body.indexOf('id="overdue"')).toBeLessThan(body.indexOf(`id="activity-${kitchen}"`));
    expect(body.indexOf(`id="activity-${kitchen}"`)).toBeLessThan(body.indexOf('id="today"'));
    expect(body.indexOf('id="today"')).toBeLessThan(body.indexOf(`id="activity-${standing}"`));
    expect(body).toContain(formatNhsNumber(mrsB.nhs));
    expect(body).toContain(formatNhsNumber(mrC.nhs));
    expect(body).toContain('Make a hot drink and carry it to the table on the trolley.');
    expect(body).toContain('Twice a week');
    expect(body).toContain('Overdue by 3 days');
    expect(body).not.toContain(notMine);
    expect(body).not.toContain('Stairs practice');
    const reads = await t.db.selectFrom('audit_events').select(['patient_id', 'detail', 'outcome']).where('staff_id', '=', swId()).where('record_kind', '=', 'programme-of-care').where('action', '=', 'read').where('occurred_at', '>=', before).execute();
    expect(reads.map((r) => r.patient_id).sort()).toEqual([mrsB.id, mrC.id].sort());
    expect(reads.every((r) => r.outcome === 'allowed' && (r.detail as { list: string }).list === 'delegated-work')).toBe(true);
  });

  it('one press logs it done today, once, however often the form is sent; audited; the confirmation says what was logged', async () => {
    const formId = uuidv7();
    const first = await supportWorker.form(`/programme-activities/${kitchen}/log`, logForm(kitchen, formId));
    expect(first.statusCode, first.body).toBe(303);
    expect(first.headers.location).toBe(`/delegated-work?done=logged&activity=${kitchen}`);
    const again = await supportWorker.form(`/programme-activities/${kitchen}/log`, logForm(kitchen, formId));
    expect(again.statusCode).toBe(303);
    const logs = await completions(kitchen);
    expect(logs.map((l) => ({ doneOn: String(l.done_on).slice(0, 10), outcome: l.outcome, reportedBy: l.reported_by, by: l.recorded_by }))).toEqual([{ doneOn: '2026-11-24', outcome: 'done', reportedBy: 'staff', by: swId() }]);
    const written = await t.db.selectFrom('audit_events').select('detail').where('patient_id', '=', mrsB.id).where('action', '=', 'write').where('record_id', '=', kitchen).execute();
    expect(written.filter((w) => (w.detail as { change: string }).change === 'completion-logged')).toHaveLength(1);
    const page = await supportWorker.get(first.headers.location as string);
    expect(page.body).toContain('Logged as done today: Kitchen practice for Betty');
    expect(page.body).toContain('id="done"');
  });

  it('when her competence is withdrawn, the list tells her to stop and offers no button; her own visit cannot be logged, and the refusal is audited', async () => {
    const withdrawn = await therapist.post(`/api/competences/${kitchenCompetence}/withdraw`, { reason: 'Unsafe kettle use observed; refresher booked', version: 1 });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    t.clock.advanceMinutes(24 * 60 * 3);
    // A later day: everyone signs in afresh.
    supportWorker = await t.signIn(t.service.a['support-worker']);
    manager = await t.signIn(t.service.a['service-manager']);
    const page = await supportWorker.get('/delegated-work');
    const card = page.body.slice(page.body.indexOf(`id="activity-${kitchen}"`));
    expect(card).toContain('Do not do this activity yet');
    expect(card.slice(0, card.indexOf('Log it another way'))).not.toContain('Log as done today');
    const refused = await supportWorker.form(`/programme-activities/${kitchen}/log`, { ...logForm(kitchen, uuidv7()), 'doneOn-day': '27' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('is no longer current, so you cannot do or log this activity yourself');
    expect(await completions(kitchen)).toHaveLength(1);
    const audited = await t.db.selectFrom('audit_events').select('detail').where('patient_id', '=', mrsB.id).where('outcome', '=', 'refused').where('record_id', '=', kitchen).execute();
    expect(audited.map((a) => (a.detail as { rule: string }).rule)).toContain('competence-not-current');
    // What the patient tells her may still be logged.
    const reported = await supportWorker.form(`/programme-activities/${kitchen}/log`, { ...logForm(kitchen, uuidv7()), 'doneOn-day': '27', reportedBy: 'patient' });
    expect(reported.statusCode).toBe(303);
  });

  it('is refused, and audited, for roles that deliver no activities', async () => {
    const res = await manager.get('/delegated-work');
    expect(res.statusCode).toBe(403);
    const admin = await t.signIn(t.service.a.administrator);
    expect((await admin.get('/delegated-work')).statusCode).toBe(403);
    expect((await manager.get('/')).body).not.toContain('href="/delegated-work"');
  });

  it('an assistant practitioner with nothing delegated sees an empty list that says so', async () => {
    const other = await t.signIn(t.service.a['registered-therapist']);
    const res = await other.get('/delegated-work');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No programme activities are delegated to you at the moment.');
  });
});
