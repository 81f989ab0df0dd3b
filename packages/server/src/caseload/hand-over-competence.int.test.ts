// A weekend hand-over keeps to competence (issue 10 item 2). Mr G's episode is complex (falls, a new
// stroke, a carer who cannot cope) and held by the registered therapist. On Friday she hands it over
// for the weekend: not to the support worker (who never holds an episode) and not to the assistant
// practitioner (who holds non-complex episodes only), whether through the API or the page. Each refusal
// names the rule, is audited, and changes nothing; the hand-over to the clinical lead goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('a weekend hand-over of a complex episode keeps to competence', () => {
  let t: TestApp;
  let therapist: TestClient;
  let episode: string;

  const episodeRow = () => t.db.selectFrom('episodes').select(['allocated_to', 'version', 'updated_at']).where('id', '=', episode).executeTakeFirstOrThrow();
  const events = () => t.db.selectFrom('episode_events').select(['kind']).where('episode_id', '=', episode).execute();

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    const mrG = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(890_001), givenName: 'George', familyName: 'Gibson' }))).json().id;
    episode = await seedEpisode(t, { patientId: mrG, service: 'community-stroke-rehabilitation', allocatedTo: therapist.staff.id });
    await t.db.updateTable('episodes').set({ complexity: 'complex', complexity_reason: 'New stroke, falls, carer not coping' }).where('id', '=', episode).execute();
  });
  afterAll(async () => t?.close());

  const cases = [
    { to: 'support-worker', rule: 'support-worker-no-episodes', message: 'Therapy support workers do not hold episodes of care' },
    { to: 'assistant-practitioner', rule: 'assistant-practitioner-non-complex-only', message: 'Assistant practitioners can only hold non-complex episodes. This episode is complex.' },
  ] as const;

  it.each(cases)('the holder cannot hand it over to the $to: 400 naming the rule, audited, nothing changed', async ({ to, rule, message }) => {
    const staffId = t.service.a[to].id;
    const before = await episodeRow();
    const eventsBefore = (await events()).length;
    const refusalsBefore = (await t.db.selectFrom('audit_events').select('seq').where('staff_id', '=', therapist.staff.id).where('outcome', '=', 'refused').execute()).length;

    const api = await therapist.post(`/api/episodes/${episode}/hand-over`, { staffId, reason: 'weekend-cover', note: 'Back with me on Monday', version: before.version });
    expect(api.statusCode, api.body).toBe(400);
    expect(api.json().error.fields[0]).toMatchObject({ path: 'staffId' });
    expect(api.json().error.fields[0].message).toContain(message);

    const page = await therapist.form(`/episodes/${episode}/hand-over`, { staffId, reason: 'weekend-cover', note: 'Back with me on Monday', version: String(before.version) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain(message);

    expect(await episodeRow()).toEqual(before);
    expect((await events()).length).toBe(eventsBefore);
    const refusals = await t.db.selectFrom('audit_events').select(['action', 'record_kind', 'record_id', 'detail']).where('staff_id', '=', therapist.staff.id).where('outcome', '=', 'refused').orderBy('seq').execute();
    expect(refusals.slice(refusalsBefore)).toEqual([
      { action: 'write', record_kind: 'episode', record_id: episode, detail: { change: 'hand-over', rule, staffId } },
      { action: 'write', record_kind: 'episode', record_id: episode, detail: { change: 'hand-over', rule, staffId } },
    ]);
  });

  it('hands it over to the clinical lead, an occupational therapist, for the weekend', async () => {
    const before = await episodeRow();
    const res = await therapist.post(`/api/episodes/${episode}/hand-over`, { staffId: t.service.a['clinical-lead'].id, reason: 'weekend-cover', note: 'Back with me on Monday', version: before.version });
    expect(res.statusCode, res.body).toBe(200);
    expect((await episodeRow()).allocated_to).toBe(t.service.a['clinical-lead'].id);
    expect((await events()).at(-1)).toEqual({ kind: 'handed-over' });
  });
});
