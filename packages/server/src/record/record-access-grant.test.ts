// A read of an episode's record asks for its RecordAccess, not the episode's id: a route that forgets
// to authorise does not compile, and an access made by hand (a cast) is refused when it is used.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AccessGrant } from '../access/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { listEpisodeEvents, listOnwardReferrals } from '../caseload/public.ts';
import { readDischargeFacts } from './discharge-sources.ts';
import { findGoal, listGoals } from './goals-queries.ts';
import { findLetter } from './letters.ts';
import { listEpisodeGoals } from './programme-queries.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';
import { findContactNote, findContactNotes, hasLiveConsent } from './record-queries.ts';
import { assessmentPromptsForEpisode } from './review-prompts.ts';

describe('reading an episode’s record', () => {
  it('asks for the access, not the episode id', () => {
    // Never called: what matters is that tsc refuses the bare ids (npm run typecheck).
    const forgetsToAuthorise = (db: Kysely<Database>, episodeId: string) => [
      // @ts-expect-error an episode id is not access to its record
      listGoals(db, episodeId),
      // @ts-expect-error an episode id is not access to its record
      findContactNotes(db, { episodeId }),
      // @ts-expect-error an episode id is not access to its record
      hasLiveConsent(db, episodeId),
      // @ts-expect-error an episode id is not access to its record
      listEpisodeGoals(db, episodeId),
      // @ts-expect-error an episode is not access to its record
      assessmentPromptsForEpisode(db, { id: episodeId } as EpisodeResponse, '2026-12-05'),
      // @ts-expect-error a note's id alone is not access to it
      findContactNote(db, episodeId),
      // @ts-expect-error a goal's id alone is not access to it
      findGoal(db, episodeId),
      // @ts-expect-error a letter's id alone is not access to it
      findLetter(db, episodeId),
      // @ts-expect-error an episode is not access to its record
      readDischargeFacts(db, { episode: { id: episodeId } as EpisodeResponse, now: new Date() }),
      // @ts-expect-error an episode id is not access to its history
      listEpisodeEvents(db, episodeId),
      // @ts-expect-error an episode id is not access to its onward referrals
      listOnwardReferrals(db, episodeId),
    ];
    expect(forgetsToAuthorise).toBeTypeOf('function');
  });

  it('refuses an access whose grant the access decision did not make', () => {
    const episode = { id: '019a0000-0000-7000-8000-000000000001', patientId: '019a0000-0000-7000-8000-000000000002' } as EpisodeResponse;
    const forged = { episode, grant: { patientId: episode.patientId } as unknown as AccessGrant<'read'>, reason: null } satisfies RecordAccess;
    expect(() => episodeIdOf(forged)).toThrow('An access grant must come from authorisePatientAccess');
  });

  it('refuses a forged access before the database is asked, in record and caseload alike', async () => {
    const episode = { id: '019a0000-0000-7000-8000-000000000001', patientId: '019a0000-0000-7000-8000-000000000002' } as EpisodeResponse;
    const forged = { episode, grant: { patientId: episode.patientId } as unknown as AccessGrant<'read'>, reason: null } satisfies RecordAccess;
    const noDatabase = {} as Kysely<Database>;
    const refusal = 'An access grant must come from authorisePatientAccess';
    await expect(listEpisodeEvents(noDatabase, forged)).rejects.toThrow(refusal);
    await expect(listOnwardReferrals(noDatabase, forged)).rejects.toThrow(refusal);
    await expect(readDischargeFacts(noDatabase, { access: forged, now: new Date() })).rejects.toThrow(refusal);
  });
});
