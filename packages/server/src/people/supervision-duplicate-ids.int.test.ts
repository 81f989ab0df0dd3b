// Ids a client mints for supervision (review of issue 16): an arrangement or session id already used
// is a 409 'duplicate' with nothing more written (the session's cases and actions with it), never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('supervision ids already used', () => {
  let t: TestApp;
  let lead: TestClient;
  let supervisor: TestClient;
  const count = async (table: 'supervision_arrangements' | 'supervision_sessions' | 'supervision_actions') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    supervisor = await t.signIn(t.service.a['registered-therapist']);
  });
  afterAll(() => t.close());

  it('an arrangement id used twice is a 409, and the current supervisor stays', async () => {
    const ap = t.service.a['assistant-practitioner'];
    const id = uuidv7();
    const first = await lead.put(`/api/supervision/people/${ap.id}/supervisor`, { id, supervisorId: t.service.a['registered-therapist'].id, startsOn: '2026-11-01', version: null });
    expect(first.statusCode, first.body).toBe(200);
    const again = await lead.put(`/api/supervision/people/${ap.id}/supervisor`, { id, supervisorId: t.service.a['clinical-lead'].id, startsOn: '2026-11-02', version: first.json().arrangement.version });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'duplicate' } });
    expect(await t.db.selectFrom('supervision_arrangements').select(['supervisor_id', 'ends_on']).execute()).toEqual([{ supervisor_id: t.service.a['registered-therapist'].id, ends_on: null }]);
  });

  it('a session id used twice is a 409, nothing more written', async () => {
    const id = uuidv7();
    const body = { id, superviseeId: t.service.a['assistant-practitioner'].id, heldOn: '2026-11-20', kind: 'clinical', themes: 'Caseload', actions: [{ action: 'Read the policy', ownerId: t.service.a['assistant-practitioner'].id, dueOn: '2026-12-30' }] };
    const made = await supervisor.post('/api/supervision/sessions', body);
    expect(made.statusCode, made.body).toBe(201);
    const again = await supervisor.post('/api/supervision/sessions', { ...body, themes: 'Something else' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'duplicate' } });
    expect(await count('supervision_sessions')).toBe(1);
    expect(await count('supervision_actions')).toBe(1);
  });
});

