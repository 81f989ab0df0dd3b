// The programme of care at discharge (issue 11 #3). Mrs B's programme has three activities: kitchen
// practice delegated to the support worker, sit-to-stand her daughter Sarah helps with, and a walk she
// does on her own. Discharge without naming who takes over Sarah's activity is refused with the field
// named, and nothing changes. Discharged with Sarah's activity handed over to her, the walk to Mrs B
// herself and the kitchen practice ended, every activity is final, each ending is an append-only entry
// (who, when, why, to whom), audited, and the episode's history lists them. The support worker's
// relationship through her delegated work ends with it. The summary drafted after discharge, the GP
// letter and the patient's letter say what happens next, never "Continuing"; the carer's sheet printed
// after discharge lists only what was handed over, and promises no visits from the team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('the programme of care at discharge: ended or handed over, recorded, and told truthfully', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let mrsB: string;
  let episode: string;
  let kitchen: string;
  let standing: string;
  let walking: string;
  const swId = () => t.service.a['support-worker'].id;

  const activity = (o: Record<string, unknown>) => ({ timesPerPeriod: 1, period: 'day', startsOn: '2026-11-23', instructions: 'As shown on the visit.', ...o });

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(761_001) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    expect((await therapist.post(`/api/staff/${swId()}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-11-20', note: 'Observed' })).statusCode).toBe(201);
    const set = async (body: Record<string, unknown>) => {
      const res = await assistant.post(`/api/episodes/${episode}/programme`, activity(body));
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    kitchen = await set({ kind: 'functional-practice', competence: 'kitchen-practice', title: 'Kitchen practice', period: 'week', timesPerPeriod: 2, delivererKind: 'staff', delivererStaffId: swId() });
    standing = await set({ kind: 'exercise', title: 'Sit-to-stand practice', delivererKind: 'carer', delivererName: 'Sarah (daughter)' });
    walking = await set({ kind: 'exercise', title: 'Walk to the gate and back', delivererKind: 'self' });
  });
  afterAll(async () => t?.close());

  const statuses = async () => Object.fromEntries((await t.db.selectFrom('programme_activities').select(['id', 'status']).where('episode_id', '=', episode).execute()).map((r) => [r.id, r.status]));
  const episodeNow = async () => (await assistant.get(`/api/episodes/${episode}`)).json();
  const discharge = { outcome: 'goals-met', destination: 'home-with-family-support', dischargedOn: '2026-11-24' };

  it('shows each active activity on the discharge page, with who already does it at home suggested to carry it on', async () => {
    const page = await assistant.get(`/episodes/${episode}/discharge`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The programme of care');
    expect(page.body).toMatch(new RegExp(`name="programme-${kitchen}-ending" type="radio" value="end" checked`));
    expect(page.body).toMatch(new RegExp(`name="programme-${standing}-ending" type="radio" value="carer" checked`));
    expect(page.body).toMatch(new RegExp(`name="programme-${walking}-ending" type="radio" value="self" checked`));
    expect(page.body).toMatch(new RegExp(`id="programme-${standing}-receiverName" name="programme-${standing}-receiverName" type="text" value="Sarah \\(daughter\\)"`));
  });

  it('refuses a hand-over with no receiver named, with every problem at once, and changes nothing', async () => {
    const before = await statuses();
    const res = await assistant.post(`/api/episodes/${episode}/discharge`, {
      ...discharge,
      destination: undefined,
      programme: [{ activityId: standing, ending: 'hand-over', receiverKind: 'carer', receiverName: '' }],
      version: (await episodeNow()).version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'destination', message: 'Select where the patient went at discharge' },
      { path: `programme.${standing}.receiverName`, message: 'Enter the name of the carer, for example Sarah (daughter) taking over Sit-to-stand practice' },
    ]);
    expect(await statuses()).toEqual(before);
    expect((await episodeNow()).status).toBe('active');
    expect(await t.db.selectFrom('programme_activity_endings').select('id').where('episode_id', '=', episode).execute()).toEqual([]);

    // The page says the same, linked to the field.
    const version = String((await episodeNow()).version);
    const page = await assistant.form(`/episodes/${episode}/discharge`, {
      version, outcome: 'goals-met', destination: 'home-with-family-support', 'dischargedOn-day': '24', 'dischargedOn-month': '11', 'dischargedOn-year': '2026',
      [`programme-${standing}-ending`]: 'carer', [`programme-${standing}-receiverName`]: '',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(`href="#programme-${standing}-receiverName"`);
    expect(page.body).toContain('Enter the name of the carer, for example Sarah (daughter) taking over Sit-to-stand practice');
    expect(await statuses()).toEqual(before);
  });

  it('the support worker works on Mrs B through her delegated kitchen practice, before discharge', async () => {
    expect((await supportWorker.get(`/api/episodes/${episode}`)).statusCode).toBe(200);
  });

  it('discharge ends or hands over every active activity, each recorded once, audited, and in the episode’s history', async () => {
    const version = String((await episodeNow()).version);
    const res = await assistant.form(`/episodes/${episode}/discharge`, {
      version, outcome: 'goals-met', destination: 'home-with-family-support', 'dischargedOn-day': '24', 'dischargedOn-month': '11', 'dischargedOn-year': '2026',
      [`programme-${kitchen}-ending`]: 'end',
      [`programme-${standing}-ending`]: 'carer', [`programme-${standing}-receiverName`]: 'Sarah (daughter)',
      [`programme-${walking}-ending`]: 'self', [`programme-${walking}-receiverName`]: '',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect((await episodeNow()).status).toBe('discharged');
    expect(await statuses()).toEqual({ [kitchen]: 'stopped', [standing]: 'handed-over', [walking]: 'handed-over' });

    const endings = await t.db.selectFrom('programme_activity_endings').selectAll().where('episode_id', '=', episode).orderBy('activity_id').execute();
    expect(endings.map((e) => ({ activity: e.activity_id, status: e.status, reason: e.reason, to: e.handed_over_to_kind, name: e.handed_over_to_name, atDischarge: e.at_discharge, by: e.recorded_by }))).toEqual(
      [
        { activity: kitchen, status: 'stopped', reason: 'Ended at discharge: the team’s care has finished', to: null, name: null, atDischarge: true, by: t.service.a['assistant-practitioner'].id },
        { activity: standing, status: 'handed-over', reason: 'Handed over at discharge to Sarah (daughter), carer', to: 'carer', name: 'Sarah (daughter)', atDischarge: true, by: t.service.a['assistant-practitioner'].id },
        { activity: walking, status: 'handed-over', reason: 'Handed over at discharge to the patient, on their own', to: 'self', name: null, atDischarge: true, by: t.service.a['assistant-practitioner'].id },
      ].sort((a, b) => a.activity.localeCompare(b.activity)),
    );
    const audited = await t.db.selectFrom('audit_events').select(['record_id', 'detail']).where('patient_id', '=', mrsB).where('record_kind', '=', 'programme-of-care').where('action', '=', 'write').execute();
    for (const id of [kitchen, standing, walking]) expect(audited.find((a) => a.record_id === id && (a.detail as { atDischarge?: boolean }).atDischarge === true), id).toBeDefined();
    const event = await t.db.selectFrom('episode_events').select('detail').where('episode_id', '=', episode).where('kind', '=', 'discharged').executeTakeFirstOrThrow();
    expect((event.detail as { programme: unknown[] }).programme).toHaveLength(3);

    // An ended activity stays as it ended: the database refuses a change, and a second ending.
    await expect(sql`update programme_activities set status = 'active' where id = ${standing}`.execute(t.db)).rejects.toThrow(/final record is never changed/);
    await expect(sql`update programme_activity_endings set reason = 'x' where activity_id = ${standing}`.execute(t.db)).rejects.toThrow();
  });

  it('the support worker’s relationship through the ended delegated work ends with it', async () => {
    expect((await supportWorker.get(`/api/episodes/${episode}`)).statusCode).toBe(403);
  });

  it('the summary drafted after discharge, the GP letter and the patient’s letter say what happens next, never “Continuing”', async () => {
    const drafted = await assistant.post(`/api/episodes/${episode}/discharge-summary`);
    expect(drafted.statusCode).toBe(201);
    const sections = drafted.json().sections as Array<{ id: string; text: string; patientText: string }>;
    const programme = sections.find((s) => s.id === 'programme')!;
    expect(programme.text).toContain('Kitchen practice (functional practice, twice a week, by staff): done 0. Ended.');
    expect(programme.text).toContain('Sit-to-stand practice (exercise, once a day, with a carer): done 0. Handed over at discharge to Sarah (daughter), carer.');
    expect(programme.text).toContain('Walk to the gate and back (exercise, once a day, by the patient): done 0. Handed over at discharge: the patient continues on their own.');
    expect(programme.patientText).toContain('Sarah (daughter) will help you keep doing this.');
    const advice = sections.find((s) => s.id === 'advice')!;
    expect(advice.text).toContain('Continue with Sarah (daughter) (carer): Sit-to-stand practice, once a day.');
    expect(advice.text).not.toContain('Kitchen practice');
    for (const s of sections) expect(`${s.text}\n${s.patientText}`).not.toMatch(/continuing/i);

    const id = drafted.json().id;
    const final = await assistant.post(`/api/discharge-summaries/${id}/finalise`, { version: 1 });
    expect(final.statusCode, final.body).toBe(200);
    for (const recipient of ['gp', 'patient']) {
      const letter = await assistant.post(`/api/discharge-summaries/${id}/letters`, { recipient });
      expect(letter.statusCode, letter.body).toBe(201);
      const { text } = await pdfText(await t.db.selectFrom('letters').select('pdf').where('id', '=', letter.json().id).executeTakeFirstOrThrow().then((l) => l.pdf));
      expect(text).not.toMatch(/continuing/i);
      if (recipient === 'gp') expect(text).toContain('Handed over at discharge to Sarah (daughter), carer.');
      else expect(text).toContain('Sarah (daughter) will help you keep doing this.');
    }
  });

  it('the carer’s sheet after discharge lists only what was handed over, and promises no visits from the team', async () => {
    const sheet = await assistant.form(`/episodes/${episode}/programme/carer-sheet`, { print: 'standard' });
    expect(sheet.statusCode, sheet.body).toBe(200);
    const { text } = await pdfText(sheet.rawPayload);
    expect(text).toContain('Sit-to-stand practice');
    expect(text).toContain('Walk to the gate and back');
    expect(text).not.toContain('Kitchen practice');
    expect(text).toContain('so the therapy team no longer visits for these activities');
    expect(text).toContain('Sarah (daughter) will help you keep doing this.');
    expect(text).not.toMatch(/from the therapy team, helps you/);
    expect(text).not.toMatch(/ask for /);
  });
});
