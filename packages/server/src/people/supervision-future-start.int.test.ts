// A supervisor named from a later day (review of issue 16): until that day the outgoing supervisor keeps
// the rights (writing sessions, seeing supervision and training) and the incoming one has none of them
// nor the person in their list; from that day they change over. A session dated before its supervisor's
// arrangement began is refused with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ukDateOf } from '@homeward/clinical';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('a supervisor named from a later day', () => {
  let t: TestApp;
  let lead: TestClient;
  let incoming: TestClient;
  let superviseeId: string;
  let start: number;
  const dayOffset = (days: number) => ukDateOf(new Date(start + days * 86_400_000));
  const session = (heldOn: string) => ({ id: uuidv7(), superviseeId, heldOn, kind: 'clinical', themes: 'Caseload' });

  beforeAll(async () => {
    t = await bootTestApp();
    start = t.clock.now().getTime();
    lead = await t.signIn(t.service.a['clinical-lead']);
    incoming = await t.signIn(t.service.a['registered-therapist']);
    superviseeId = t.service.a['assistant-practitioner'].id;
    const first = await lead.put(`/api/supervision/people/${superviseeId}/supervisor`, { supervisorId: t.service.a['clinical-lead'].id, startsOn: dayOffset(-60), version: null });
    expect(first.statusCode, first.body).toBe(200);
    const next = await lead.put(`/api/supervision/people/${superviseeId}/supervisor`, { supervisorId: t.service.a['registered-therapist'].id, startsOn: dayOffset(30), version: first.json().arrangement.version });
    expect(next.statusCode, next.body).toBe(200);
  });
  afterAll(() => t.close());

  it('leaves the rights with the outgoing supervisor until the day', async () => {
    const written = await lead.post('/api/supervision/sessions', session(dayOffset(-10)));
    expect(written.statusCode, written.body).toBe(201);
    expect((await incoming.post('/api/supervision/sessions', session(dayOffset(-1)))).statusCode).toBe(403);
    expect((await incoming.get(`/api/supervision/people/${superviseeId}`)).statusCode).toBe(403);
    expect((await incoming.get(`/api/training/staff/${superviseeId}`)).statusCode).toBe(403);
    expect((await incoming.get('/supervision')).body).not.toContain(`/supervision/people/${superviseeId}"`);
  });

  it('refuses a session dated before the supervisor’s arrangement began', async () => {
    const early = await lead.post('/api/supervision/sessions', session(dayOffset(-70)));
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json()).toMatchObject({ error: { fields: [{ path: 'heldOn', message: expect.stringContaining('when you became the supervisor') }] } });
  });

  it('hands them over on the day', async () => {
    // The day arrives: the incoming arrangement starts, the outgoing one ends.
    t.clock.set(new Date(start + 30 * 86_400_000 + 3_600_000));
    incoming = await t.signIn(t.service.a['registered-therapist']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    expect((await incoming.get(`/api/supervision/people/${superviseeId}`)).statusCode).toBe(200);
    expect((await incoming.get(`/api/training/staff/${superviseeId}`)).statusCode).toBe(200);
    expect((await incoming.get('/supervision')).body).toContain(`/supervision/people/${superviseeId}"`);
    expect((await incoming.post('/api/supervision/sessions', session(dayOffset(30)))).statusCode).toBe(201);
    expect((await lead.post('/api/supervision/sessions', session(dayOffset(30)))).statusCode).toBe(403);
  });
});
