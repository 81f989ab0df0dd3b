// A form sent twice saves once. The assistant practitioner double-clicks Save on a contact note, a
// goal and a Timed Up and Go; her connection drops and the browser sends the log form again; she goes
// back and sends the goal form with changed answers. Each is saved once and every repeat lands on the
// first send's confirmation, or is refused with nothing more saved. A form refused for bad input keeps
// its formId, so the corrected form is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('a form sent twice saves once', () => {
  let t: TestApp;
  let assistant: TestClient;
  let episode: string;
  const count = async (table: 'contact_notes' | 'goals' | 'assessments' | 'programme_completions' | 'onward_referrals') => (await t.db.selectFrom(table).select('id').where('episode_id', '=', episode).execute()).length;
  /** The formId the page minted for this form, as a browser would send it back. */
  const formIdOn = async (url: string) => {
    const page = await assistant.get(url);
    expect(page.statusCode, page.body.slice(0, 200)).toBe(200);
    const id = /name="formId" value="([0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(id).toBeDefined();
    return id!;
  };
  const today = { day: '24', month: '11', year: '2026' };

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    const mrsB = (await assistant.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(71_001) }))).json().id as string;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('saves a contact note once when Save is clicked twice, and both sends land on its confirmation', async () => {
    const formId = await formIdOn(`/episodes/${episode}/contact-notes/new`);
    const fields = { formId, kind: 'telephone', 'occurredAt-day': today.day, 'occurredAt-month': today.month, 'occurredAt-year': today.year, 'occurredAt-time': '08:30', durationMinutes: '10', body: 'Phoned to arrange the first visit', action: 'finalise' };
    const [first, second] = await Promise.all([assistant.form(`/episodes/${episode}/contact-notes/new`, fields), assistant.form(`/episodes/${episode}/contact-notes/new`, fields)]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await count('contact_notes')).toBe(1);
    // A new form is a new note.
    const again = await assistant.form(`/episodes/${episode}/contact-notes/new`, { ...fields, formId: await formIdOn(`/episodes/${episode}/contact-notes/new`) });
    expect(again.statusCode).toBe(303);
    expect(await count('contact_notes')).toBe(2);
  });

  it('refers the patient on once when the onward-referral form is sent twice', async () => {
    const formId = await formIdOn(`/episodes/${episode}/onward-referrals/new`);
    const fields = { formId, toService: 'Community falls service', note: 'Two falls at home in a month' };
    const [first, second] = await Promise.all([assistant.form(`/episodes/${episode}/onward-referrals/new`, fields), assistant.form(`/episodes/${episode}/onward-referrals/new`, fields)]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await count('onward_referrals')).toBe(1);
  });

  it('saves a goal once, and refuses the same form sent back with changed answers, saving nothing more', async () => {
    const formId = await formIdOn(`/episodes/${episode}/goals/new`);
    const fields = {
      formId, statement: 'I want to make my own cup of tea', 'levels-minus-2': 'Cannot make a drink', 'levels-minus-1': 'Makes tea with help', 'levels-0': 'Makes tea alone',
      'levels-plus-1': 'Makes tea and carries it', 'levels-plus-2': 'Makes tea for a visitor', baseline: '-1', importance: '3', difficulty: '2', 'targetOn-day': '22', 'targetOn-month': '12', 'targetOn-year': '2026',
    };
    const first = await assistant.form(`/episodes/${episode}/goals/new`, fields);
    const repeat = await assistant.form(`/episodes/${episode}/goals/new`, fields);
    expect([first.statusCode, repeat.statusCode]).toEqual([303, 303]);
    expect(repeat.headers.location).toBe(first.headers.location);
    const changed = await assistant.form(`/episodes/${episode}/goals/new`, { ...fields, statement: 'I want to make tea and toast' });
    expect(changed.statusCode).toBe(409);
    expect(changed.body).toContain('nhsuk-error-summary');
    expect(changed.body).toContain('This form was already sent and saved, with different answers');
    expect(await count('goals')).toBe(1);
  });

  it('keeps the formId through a refusal for bad input, so the corrected form saves once', async () => {
    const url = `/episodes/${episode}/assessments/new?instrument=timed-up-and-go`;
    const formId = await formIdOn(url);
    const base = { formId, 'administeredAt-day': today.day, 'administeredAt-month': today.month, 'administeredAt-year': today.year, 'administeredAt-time': '08:45', timePoint: 'baseline', method: 'observed', 'responses.aid': '2', 'responses.assistance': '1' };
    const bad = await assistant.form(url, { ...base, 'responses.seconds': 'quick' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`name="formId" value="${formId}"`);
    expect(await count('assessments')).toBe(0);
    const good = await assistant.form(url, { ...base, 'responses.seconds': '15.2' });
    const retried = await assistant.form(url, { ...base, 'responses.seconds': '15.2' });
    expect([good.statusCode, retried.statusCode]).toEqual([303, 303]);
    expect(retried.headers.location).toBe(good.headers.location);
    expect(await count('assessments')).toBe(1);
  });

  it('logs a programme completion once when the browser sends the form again', async () => {
    const set = await assistant.post(`/api/episodes/${episode}/programme`, {
      kind: 'exercise', competence: 'sit-to-stand-exercise', title: 'Sit-to-stand practice', instructions: 'Stand up slowly from a firm chair, 10 times.',
      timesPerPeriod: 1, period: 'day', delivererKind: 'carer', delivererName: 'Sarah (daughter)', startsOn: '2026-11-24',
    });
    expect(set.statusCode).toBe(201);
    const url = `/programme-activities/${set.json().id}/log`;
    const formId = await formIdOn(url);
    const fields = { formId, 'doneOn-day': today.day, 'doneOn-month': today.month, 'doneOn-year': today.year, outcome: 'done', reportedBy: 'carer', note: 'Sarah says 10 stands, steady' };
    const [first, second] = await Promise.all([assistant.form(url, fields), assistant.form(url, fields)]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(await count('programme_completions')).toBe(1);
  });
});
