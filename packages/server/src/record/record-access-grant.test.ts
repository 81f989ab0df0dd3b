// A read of an episode's record asks for its RecordAccess, not the episode's id: a route that forgets
// to authorise does not compile, and an access made by hand (a cast) is refused when it is used.
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AccessGrant } from '../access/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { listGoals } from './goals-queries.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';
import { findContactNotes } from './record-queries.ts';

describe('reading an episode’s record', () => {
  it('asks for the access, not the episode id', () => {
    // Never called: what matters is that tsc refuses the bare ids (npm run typecheck).
    const forgetsToAuthorise = (db: Kysely<Database>, episodeId: string) => [
      // @ts-expect-error an episode id is not access to its record
      listGoals(db, episodeId),
      // @ts-expect-error an episode id is not access to its record
      findContactNotes(db, { episodeId }),
    ];
    expect(forgetsToAuthorise).toBeTypeOf('function');
  });

  it('refuses an access whose grant the access decision did not make', () => {
    const episode = { id: '019a0000-0000-7000-8000-000000000001', patientId: '019a0000-0000-7000-8000-000000000002' } as EpisodeResponse;
    const forged = { episode, grant: { patientId: episode.patientId } as unknown as AccessGrant<'read'>, reason: null } satisfies RecordAccess;
    expect(() => episodeIdOf(forged)).toThrow('An access grant must come from authorisePatientAccess');
  });
});
