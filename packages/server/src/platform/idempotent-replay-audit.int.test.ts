// An idempotent replay hands back what the first request stored, patient data included, so it is a
// read like any other and is audited as one, naming the records it returns (issue 9, Low).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('idempotent replays are audited as reads of what they return', () => {
  let t: TestApp;
  let therapist: TestClient;
  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
  });
  afterAll(() => t.close());

  const replayReads = () =>
    t.db
      .selectFrom('audit_events')
      .select(['staff_id', 'action', 'outcome', 'record_kind', 'record_id', 'patient_id', 'detail'])
      .where('action', '=', 'read')
      .where(({ eb, ref }) => eb(ref('detail', '->>').key('replayOf' as never), '=', 'idempotency-key'))
      .orderBy('seq')
      .execute();

  it('a retried registration returns the patient once written and audits the replay as a read of that patient (fails on the old code: no audit event)', async () => {
    const headers = { 'idempotency-key': 'register-mrs-bloor-1' };
    const first = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(752_001) }), headers);
    expect(first.statusCode).toBe(201);
    const patientId = first.json().id as string;
    expect(await replayReads()).toEqual([]);

    const again = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(752_001) }), headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await replayReads()).toEqual([
      { staff_id: t.service.a['registered-therapist'].id, action: 'read', outcome: 'allowed', record_kind: 'patient', record_id: patientId, patient_id: patientId, detail: { replayOf: 'idempotency-key', route: '/api/patients' } },
    ]);
  });

  it("a retried goal names the goal and the patient, once per replay", async () => {
    const patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(752_002) }))).json().id as string;
    const episode = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    const goal = {
      statement: 'I want to walk to the post box',
      levels: { '-2': 'Stays indoors', '-1': 'Reaches the gate', '0': 'Walks to the post box with a frame', '+1': 'Walks to the post box with a stick', '+2': 'Walks to the shop' },
      baseline: -1,
      importance: 2,
      difficulty: 2,
      targetOn: '2026-12-22',
      agreedWith: 'Mr Bloor',
    };
    const headers = { 'idempotency-key': 'goal-post-box-1' };
    const first = await therapist.post(`/api/episodes/${episode}/goals`, goal, headers);
    expect(first.statusCode).toBe(201);
    const goalId = first.json().id as string;
    const before = (await replayReads()).length;
    for (let i = 0; i < 2; i++) expect((await therapist.post(`/api/episodes/${episode}/goals`, goal, headers)).headers['idempotent-replayed']).toBe('true');
    const reads = (await replayReads()).slice(before);
    expect(reads.map((r) => [r.record_kind, r.record_id, r.patient_id])).toEqual([
      ['goal', goalId, patientId],
      ['goal', goalId, patientId],
    ]);
  });
});
