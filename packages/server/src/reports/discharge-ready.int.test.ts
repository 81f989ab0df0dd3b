// The Discharge Ready Date and delay reasons, recorded from the episode (issue 18 #1, D2A): a
// version-checked episode change in its history, each reason kept append-only, refused input shown with
// the error summary and nothing written, and only for those who may change the episode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { seedPatientWithEpisode } from '../../test/seed-equipment-loans.ts';

describe('Discharge Ready Date and delays', () => {
  let t: TestApp;
  let episodeId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const seeded = await seedPatientWithEpisode(t, therapist, { givenName: 'Dora', familyName: 'Delay' });
    episodeId = seeded.episodeId;
  });
  afterAll(async () => t?.close());

  const version = async () => (await t.db.selectFrom('episodes').select('version').where('id', '=', episodeId).executeTakeFirstOrThrow()).version;

  it('is offered on the episode page and records the date and why the patient is still here', async () => {
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    expect((await therapist.get(`/episodes/${episodeId}`)).body).toContain(`/episodes/${episodeId}/discharge-ready`);
    const page = await therapist.get(`/episodes/${episodeId}/discharge-ready`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('readyOn-day');
    const saved = await therapist.form(`/episodes/${episodeId}/discharge-ready`, { version: String(await version()), 'readyOn-day': '22', 'readyOn-month': '11', 'readyOn-year': '2026', reasons: ['awaiting-care-home', 'awaiting-equipment-or-adaptations'], note: '' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/episodes/${episodeId}/discharge-ready?done=recorded`);
    const shown = await therapist.get(saved.headers.location as string);
    expect(shown.body).toContain('Discharge Ready Date recorded');
    expect(shown.body).toContain('Waiting for a care home place (pathway 3)');
    const episode = await t.db.selectFrom('episodes').select(['discharge_ready_on']).where('id', '=', episodeId).executeTakeFirstOrThrow();
    expect(String(episode.discharge_ready_on).slice(0, 10)).toBe('2026-11-22');
    const delays = await t.db.selectFrom('episode_delays').select(['reason', 'recorded_by']).where('episode_id', '=', episodeId).orderBy('reason').execute();
    expect(delays).toEqual([
      { reason: 'awaiting-care-home', recorded_by: t.service.a['registered-therapist'].id },
      { reason: 'awaiting-equipment-or-adaptations', recorded_by: t.service.a['registered-therapist'].id },
    ]);
    const event = await t.db.selectFrom('episode_events').select(['kind', 'detail']).where('episode_id', '=', episodeId).where('kind', '=', 'discharge-ready').executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ readyOn: '2026-11-22', reasons: ['awaiting-care-home', 'awaiting-equipment-or-adaptations'] });
    const audited = await t.db.selectFrom('audit_events').select(['action', 'record_kind']).where('record_id', '=', episodeId).where('action', '=', 'write').execute();
    expect(audited).toContainEqual({ action: 'write', record_kind: 'episode' });
  });

  it('refuses a date in the future, Other without a note, and a stale form, writing nothing', async () => {
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const before = await t.db.selectFrom('episode_delays').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const future = await therapist.form(`/episodes/${episodeId}/discharge-ready`, { version: String(await version()), 'readyOn-day': '1', 'readyOn-month': '12', 'readyOn-year': '2026' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('There is a problem');
    expect(future.body).toContain('The Discharge Ready Date must be today or in the past');
    const other = await therapist.form(`/episodes/${episodeId}/discharge-ready`, { version: String(await version()), 'readyOn-day': '22', 'readyOn-month': '11', 'readyOn-year': '2026', reasons: 'other', note: '' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('Say what the other reason for the delay was');
    const stale = await therapist.form(`/episodes/${episodeId}/discharge-ready`, { version: '1', 'readyOn-day': '22', 'readyOn-month': '11', 'readyOn-year': '2026', reasons: 'awaiting-transport' });
    expect(stale.statusCode).toBe(409);
    const after = await t.db.selectFrom('episode_delays').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses support workers and another team’s therapist, audited', async () => {
    const sw = await t.signIn(t.service.a['support-worker']);
    expect((await sw.get(`/episodes/${episodeId}/discharge-ready`)).statusCode).toBe(403);
    const other = await t.signIn(t.service.otherTeamTherapist);
    expect((await other.form(`/episodes/${episodeId}/discharge-ready`, { version: String(await version()), 'readyOn-day': '22', 'readyOn-month': '11', 'readyOn-year': '2026' })).statusCode).toBe(403);
    const refused = await t.db.selectFrom('audit_events').select('staff_id').where('outcome', '=', 'refused').where('record_id', '=', episodeId).execute();
    expect(refused.map((r) => r.staff_id)).toEqual(expect.arrayContaining([t.service.a['support-worker'].id]));
  });
});
