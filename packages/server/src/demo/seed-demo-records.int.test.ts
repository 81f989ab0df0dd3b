// The demo as a first start seeds it, on both databases: teams, patients, episodes, then clinical
// records for the active and recently discharged episodes. The rows pass every constraint and trigger;
// Mrs B reads large print and her half-way review is held; a second run adds nothing; and her
// therapist, signed in with the demo password, reads her timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { demoPassword } from './generate-demo-data.ts';
import { seedDemoPatients, seedDemoTeam } from './seed-demo-data.ts';
import { seedDemoEpisodes, seedDemoStaffSkills } from './seed-demo-episodes.ts';
import { seedDemoRecords, type SeededRecords } from './seed-demo-records.ts';

const now = new Date('2026-11-24T10:30:00Z');
const seed = 20261124;

describe('seeding the demo’s clinical records', () => {
  let testDb: TestDatabase;
  let teamIds: string[];
  let seeded: SeededRecords;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const db = testDb.database.db;
    const demo = await seedDemoTeam(db, { seed, now });
    teamIds = demo.teams.map((t) => t.id);
    await seedDemoPatients(db, { seed, count: 300, teamIds, createdBy: demo.staff.find((s) => s.homewardRole === 'clinical-lead')!.id, now });
    await seedDemoStaffSkills(db, demo);
    await seedDemoEpisodes(db, { seed, now, teamIds, openEpisodes: 42 });
    seeded = await seedDemoRecords(db, { seed, now, teamIds });
  });
  afterAll(async () => testDb?.drop());

  it('writes records for the active and recently discharged episodes, as the generator made them', async () => {
    const db = testDb.database.db;
    expect(seeded.episodes).toBeGreaterThan(20);
    const count = async (table: 'contact_notes' | 'assessments' | 'goals' | 'programme_activities' | 'programme_completions' | 'episode_reviews') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('contact_notes')).toBe(seeded.notes);
    expect(await count('assessments')).toBe(seeded.assessments);
    expect(await count('goals')).toBe(seeded.goals);
    expect(await count('programme_activities')).toBe(seeded.activities);
    expect(await count('programme_completions')).toBe(seeded.completions);
    expect(await count('episode_reviews')).toBe(seeded.reviews);
    expect(await db.selectFrom('contact_note_amendments').select('id').execute()).toHaveLength(1);
    const competences = await db.selectFrom('staff_competences').innerJoin('staff', 'staff.id', 'staff_competences.staff_id').select(['staff.homeward_role', 'staff_competences.competence']).execute();
    expect(competences.length).toBeGreaterThan(0);
    expect(new Set(competences.map((c) => c.homeward_role))).toEqual(new Set(['support-worker']));
    // Waiting episodes (nobody seen yet) have no record.
    const waiting = await db
      .selectFrom('contact_notes')
      .innerJoin('episodes', 'episodes.id', 'contact_notes.episode_id')
      .select('contact_notes.id')
      .where('episodes.first_contact_at', 'is', null)
      .execute();
    expect(waiting).toHaveLength(0);
  });

  it('makes Mrs B: large print on her record, her half-way review held and the end review next', async () => {
    const db = testDb.database.db;
    expect(seeded.story).not.toBeNull();
    const episode = await db.selectFrom('episodes').innerJoin('patients', 'patients.id', 'episodes.patient_id').select(['episodes.service', 'episodes.review_due_on', 'patients.communication_needs', 'patients.sex', 'patients.nhs_number']).where('episodes.id', '=', seeded.story!.episodeId).executeTakeFirstOrThrow();
    expect(episode).toMatchObject({ service: 'd2a-pathway-1', sex: 'female', nhs_number: seeded.story!.nhsNumber });
    expect((episode.communication_needs as { needs: string[] }).needs).toContain('large-print');
    const reviews = await db.selectFrom('episode_reviews').select(['kind', 'next_review_on']).where('episode_id', '=', seeded.story!.episodeId).execute();
    expect(reviews).toEqual([{ kind: 'half-way', next_review_on: episode.review_due_on }]);
    const versions = await db.selectFrom('patient_versions').select(['version', 'recorded_by']).where('patient_id', '=', seeded.story!.patientId).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('adds nothing on a second run', async () => {
    const again = await seedDemoRecords(testDb.database.db, { seed, now, teamIds });
    expect(again).toMatchObject({ episodes: 0, notes: 0, story: null });
    expect(Number((await testDb.database.db.selectFrom('contact_notes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(seeded.notes);
  });

  it('shows Mrs B’s timeline to her therapist, signed in with the demo password', async () => {
    const db = testDb.database.db;
    const holder = await db.selectFrom('episodes').innerJoin('staff', 'staff.id', 'episodes.allocated_to').select(['staff.email']).where('episodes.id', '=', seeded.story!.episodeId).executeTakeFirstOrThrow();
    let t: TestApp | null = null;
    try {
      t = await bootTestApp({ testDb, seed: false, config: { now: () => now } });
      const signedIn = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: holder.email, password: demoPassword } });
      expect(signedIn.statusCode).toBe(201);
      const cookie = `hw_session=${signedIn.cookies.find((c) => c.name === 'hw_session')!.value}`;
      const api = await t.app.inject({ method: 'GET', url: `/api/episodes/${seeded.story!.episodeId}/timeline`, headers: { cookie } });
      expect(api.statusCode).toBe(200);
      const body = api.json() as { kinds: Array<{ kind: string; count: number }>; entries: Array<{ kind: string; who: unknown; summary: string }> };
      const counts = Object.fromEntries(body.kinds.map((k) => [k.kind, k.count]));
      for (const kind of ['referral', 'consent', 'contact-note', 'assessment', 'goal', 'programme', 'episode-change']) expect(counts[kind], kind).toBeGreaterThan(0);
      expect(body.entries.every((e) => e.who !== null || e.kind === 'episode-change')).toBe(true);
      expect(body.entries.some((e) => e.summary.startsWith('Barthel Index at baseline'))).toBe(true);
      const page = await t.app.inject({ method: 'GET', url: `/episodes/${seeded.story!.episodeId}/timeline`, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Large print');
    } finally {
      await t?.close();
    }
  });
});
