// Ids a client mints (review of issue 16): one already used is a 409 'duplicate' with nothing more
// written, never a 500; two people recording the same colleague as attending at once gives one row and
// the other a specific message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('MDT ids already used', () => {
  let t: TestApp;
  let lead: TestClient;
  let meetingId: string;
  const count = async (table: 'mdt_meetings' | 'mdt_actions' | 'mdt_attendees') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
  });
  afterAll(() => t.close());

  it('a meeting id used twice is a 409', async () => {
    meetingId = uuidv7();
    expect((await lead.post('/api/mdt/meetings', { id: meetingId, on: '2026-12-20', at: '13:00' })).statusCode).toBe(201);
    const again = await lead.post('/api/mdt/meetings', { id: meetingId, on: '2026-12-21', at: '13:00' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'duplicate' } });
    expect(await count('mdt_meetings')).toBe(1);
  });

  it('an attendee id used twice is a 409; the same colleague twice at once is one row', async () => {
    const id = uuidv7();
    expect((await lead.post(`/api/mdt/meetings/${meetingId}/attendees`, { id, name: 'Dr Okafor', role: 'GP' })).statusCode).toBe(201);
    const again = await lead.post(`/api/mdt/meetings/${meetingId}/attendees`, { id, name: 'Dr Adeyemi', role: 'GP' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'duplicate' } });
    const staffId = t.service.a['registered-therapist'].id;
    const both = await Promise.all([0, 1].map(() => lead.post(`/api/mdt/meetings/${meetingId}/attendees`, { staffId })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(both.find((r) => r.statusCode === 400)!.json()).toMatchObject({ error: { fields: [{ path: 'staffId', message: 'They are already recorded as attending' }] } });
    expect(await count('mdt_attendees')).toBe(2);
  });

  it('an action id used twice is a 409', async () => {
    const id = uuidv7();
    const body = { id, action: 'Book the room', ownerId: t.service.a['registered-therapist'].id, dueOn: '2026-12-30' };
    expect((await lead.post(`/api/mdt/meetings/${meetingId}/actions`, body)).statusCode).toBe(201);
    const again = await lead.post(`/api/mdt/meetings/${meetingId}/actions`, { ...body, action: 'Something else' });
    expect(again.statusCode, again.body).toBe(409);
    expect(await count('mdt_actions')).toBe(1);
  });
});
