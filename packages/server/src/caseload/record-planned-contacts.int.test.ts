// The caseload's "Next:" follows the published plan, and never takes away a next contact a clinician
// typed: only one the previous publication set, at that very time, is cleared when the plan drops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { recordPlannedContacts } from './record-planned-contacts.ts';

const date = '2026-11-25';
const at = (hhmm: string) => new Date(`${date}T${hhmm}:00Z`); // November: London is UTC

describe('next contacts from a published plan', () => {
  let t: TestApp;
  const episodes: Record<string, string> = {};
  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    let i = 0;
    for (const name of ['planned', 'typed', 'dropped', 'later']) {
      const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(960 + i++), givenName: name }));
      expect(res.statusCode).toBe(201);
      episodes[name] = await seedEpisode(t, { patientId: (res.json() as { id: string }).id, service: 'community-rehab', allocatedTo: t.service.a['registered-therapist'].id });
    }
  });
  afterAll(async () => t?.close());

  const nextOf = async (name: string) => (await t.db.selectFrom('episodes').select('next_contact_at').where('id', '=', episodes[name]!).executeTakeFirstOrThrow()).next_contact_at?.toISOString() ?? null;
  const setNext = (name: string, value: Date) => t.db.updateTable('episodes').set({ next_contact_at: value }).where('id', '=', episodes[name]!).execute();

  it('sets the plan’s time, keeps a clinician’s own next contact on that day, and clears only what the plan had set', async () => {
    await setNext('typed', at('15:00')); // typed by a clinician at first contact
    await setNext('later', new Date('2026-12-02T10:00:00Z'));
    await setNext('dropped', at('11:00')); // set by the first publication below
    const now = new Date('2026-11-24T18:00:00Z');
    await t.db.transaction().execute((trx) => recordPlannedContacts(trx, {
      teamId: t.service.teamA, date, now,
      planned: [{ episodeId: episodes.planned!, at: at('10:30') }, { episodeId: episodes.planned!, at: at('09:15') }, { episodeId: episodes.later!, at: at('13:00') }],
      previouslyPlanned: [{ episodeId: episodes.dropped!, at: at('11:00') }, { episodeId: episodes.typed!, at: at('09:00') }],
    }));
    expect(await nextOf('planned')).toBe(at('09:15').toISOString());
    expect(await nextOf('later')).toBe(at('13:00').toISOString());
    expect(await nextOf('dropped')).toBeNull();
    // The previous plan had her at 09:00, but the 15:00 on record is not the plan's: it stays.
    expect(await nextOf('typed')).toBe(at('15:00').toISOString());
  });

  it('leaves another team’s episode alone', async () => {
    const before = await nextOf('later');
    await t.db.transaction().execute((trx) => recordPlannedContacts(trx, { teamId: t.service.teamB, date, now: new Date('2026-11-24T18:00:00Z'), planned: [{ episodeId: episodes.later!, at: at('08:00') }], previouslyPlanned: [{ episodeId: episodes.later!, at: at('13:00') }] }));
    expect(await nextOf('later')).toBe(before);
  });
});
