// The demo as a first start seeds it, on both databases: teams, patients, episodes, then clinical
// records for the active and recently discharged episodes. The rows pass every constraint and trigger;
// each review is in its episode's history; Mrs B reads large print and her half-way review is held;
// every recently discharged episode has a final discharge summary and the letters the app would have
// produced from it; a second run adds nothing; and the therapists, signed in with the demo password,
// read the timelines.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import { findPatient } from '../patients/patient-queries.ts';
import { patientLetterFormat } from '../record/letters.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { demoPassword } from './generate-demo-data.ts';
import { loadConfig } from '../config.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { demoStartUpLog } from './start-up-log.ts';
import { seedDemoRecords, type SeededRecords } from './seed-demo-records.ts';
import { seedDemoService } from './seed-demo-service.ts';
import type { SeededVisitDay } from './seed-demo-visit-day.ts';

const now = new Date('2026-11-24T10:30:00Z');
const seed = 20261124;
const config = loadConfig({}, { now: () => now });

describe('seeding the demo’s clinical records', () => {
  let testDb: TestDatabase;
  let teamIds: string[];
  let seeded: SeededRecords;
  let demo: DemoSeed;
  let visitDay: SeededVisitDay;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const db = testDb.database.db;
    ({ demo, records: seeded, visitDay } = await seedDemoService(db, { seed, now, config }));
    teamIds = demo.teams.map((t) => t.id);
  }, 300_000);
  afterAll(async () => testDb?.drop());

  it('writes records for the active and recently discharged episodes, as the generator made them', async () => {
    const db = testDb.database.db;
    expect(seeded.episodes).toBeGreaterThan(20);
    const count = async (table: 'contact_notes' | 'assessments' | 'goals' | 'programme_activities' | 'programme_completions' | 'episode_reviews' | 'discharge_summaries' | 'letters') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('contact_notes')).toBe(seeded.notes);
    expect(await count('assessments')).toBe(seeded.assessments);
    expect(await count('goals')).toBe(seeded.goals);
    expect(await count('programme_activities')).toBe(seeded.activities);
    expect(await count('programme_completions')).toBe(seeded.completions);
    expect(await count('episode_reviews')).toBe(seeded.reviews);
    expect(await count('discharge_summaries')).toBe(seeded.dischargeSummaries);
    expect(await count('letters')).toBe(seeded.letters);
    expect(await db.selectFrom('contact_note_amendments').select('id').execute()).toHaveLength(1);
    const competences = await db.selectFrom('staff_competences').innerJoin('staff', 'staff.id', 'staff_competences.staff_id').select(['staff.homeward_role', 'staff_competences.competence']).execute();
    expect(competences.length).toBeGreaterThan(0);
    // Delegated activities are support workers'; since issue 16 hoisting is signed off for every role (seed-demo-competence-cpd.ts).
    expect(new Set(competences.filter((c) => c.competence !== 'hoist-competent').map((c) => c.homeward_role))).toEqual(new Set(['support-worker']));
    // Waiting episodes (nobody seen yet) have no record.
    const waiting = await db
      .selectFrom('contact_notes')
      .innerJoin('episodes', 'episodes.id', 'contact_notes.episode_id')
      .select('contact_notes.id')
      .where('episodes.first_contact_at', 'is', null)
      .execute();
    expect(waiting).toHaveLength(0);
  });

  it('writes each review into its episode’s history, as recording it in Homeward does', async () => {
    const db = testDb.database.db;
    const reviews = await db.selectFrom('episode_reviews').select(['id', 'episode_id', 'kind', 'decision', 'next_review_on', 'recorded_at', 'recorded_by']).orderBy('held_on').execute();
    const events = await db.selectFrom('episode_events').select(['episode_id', 'occurred_at', 'staff_id', 'reason', 'detail']).where('kind', '=', 'reviewed').execute();
    expect(reviews.length).toBeGreaterThan(0);
    expect(events).toHaveLength(reviews.length);
    for (const r of reviews) {
      const ev = events.find((x) => (x.detail as { reviewId: string }).reviewId === r.id)!;
      expect(ev).toMatchObject({ episode_id: r.episode_id, staff_id: r.recorded_by, reason: r.decision });
      expect(new Date(ev.occurred_at).getTime()).toBe(new Date(r.recorded_at).getTime());
    }
    // The episode says what its last review decided: the end review next, or none after the end review.
    const episodes = await db.selectFrom('episodes').select(['id', 'review_due_on']).where('id', 'in', reviews.map((r) => r.episode_id)).execute();
    for (const e of episodes) {
      const last = reviews.filter((r) => r.episode_id === e.id).at(-1)!;
      expect(e.review_due_on === null ? null : ukDateOf(new Date(e.review_due_on))).toBe(last.next_review_on === null ? null : ukDateOf(new Date(last.next_review_on)));
    }
  });

  it('gives every recently discharged episode a final summary and the letters the app would produce from it', async () => {
    const db = testDb.database.db;
    const discharged = await db
      .selectFrom('episodes')
      .select(['id', 'patient_id', 'allocated_to', 'discharged_on'])
      .where('status', '=', 'discharged')
      .where(({ exists, selectFrom }) => exists(selectFrom('contact_notes').select('contact_notes.id').whereRef('contact_notes.episode_id', '=', 'episodes.id')))
      .execute();
    expect(discharged.length).toBeGreaterThan(0);
    expect(seeded.dischargeSummaries).toBe(discharged.length);
    const day = (d: Date | string) => (typeof d === 'string' && d.length === 10 ? d : ukDateOf(new Date(d)));
    for (const e of discharged) {
      const on = day(e.discharged_on!);
      const summary = await db.selectFrom('discharge_summaries').selectAll().where('episode_id', '=', e.id).executeTakeFirstOrThrow();
      expect(summary).toMatchObject({ status: 'final', version: 2, patient_id: e.patient_id, created_by: e.allocated_to, finalised_by: e.allocated_to });
      expect(day(summary.finalised_at!)).toBe(on);
      expect(new Date(summary.created_at).getTime()).toBeLessThan(new Date(summary.finalised_at!).getTime());
      const content = summary.content as { sections: Array<{ id: string; text: string }>; draftedAt: string };
      expect(content.draftedAt).toBe(new Date(summary.created_at).toISOString());
      expect(content.sections.find((s) => s.id === 'follow-up')!.text).toContain('Discharged on');

      const patient = (await findPatient(db, e.patient_id))!;
      const letters = await db.selectFrom('letters').selectAll().where('episode_id', '=', e.id).orderBy('produced_at').execute();
      const wanted = [...(patient.addressLine1 && patient.postcode ? ['discharge-patient'] : []), ...(patient.gpPracticeName || patient.gpPracticeCode ? ['discharge-gp'] : [])];
      expect(letters.map((l) => l.kind)).toEqual(wanted);
      for (const l of letters) {
        expect(l).toMatchObject({ source_id: summary.id, source_version: 2, produced_by: e.allocated_to });
        expect(day(l.produced_at)).toBe(on);
        expect(new Date(l.produced_at).getTime()).toBeGreaterThan(new Date(summary.finalised_at!).getTime());
        expect(l.sha256).toBe(createHash('sha256').update(l.pdf).digest('hex'));
        const { text } = await pdfText(l.pdf);
        // The GP letter gives the family name in capitals, as practices file by it.
        const name = l.kind === 'discharge-patient' ? `${patient.givenName} ${patient.familyName}` : `${patient.givenName} ${patient.familyName.toUpperCase()}`;
        expect(text).toContain(name);
        expect(l.text_content).toContain(name);
        if (l.kind === 'discharge-patient') {
          expect(l.print_size).toBe(patientLetterFormat(patient).printSize);
          expect(text).toContain(`Dear ${patient.givenName} ${patient.familyName},`);
        } else expect(text).toContain('Your patient has been discharged');
      }
    }
  });

  it('makes Mrs B: large print on her record, her half-way review held and the end review next', async () => {
    const db = testDb.database.db;
    expect(seeded.story).not.toBeNull();
    const episode = await db.selectFrom('episodes').innerJoin('patients', 'patients.id', 'episodes.patient_id').select(['episodes.service', 'episodes.review_due_on', 'patients.communication_needs', 'patients.sex', 'patients.nhs_number']).where('episodes.id', '=', seeded.story!.episodeId).executeTakeFirstOrThrow();
    expect(episode).toMatchObject({ service: 'd2a-pathway-1', sex: 'female', nhs_number: seeded.story!.nhsNumber });
    // This demo has a woman who fits the story and whose family name starts with B: she is Mrs B.
    expect(seeded.story!.patientName.split(' ').at(-1)).toMatch(/^B/);
    expect((episode.communication_needs as { needs: string[] }).needs).toContain('large-print');
    const reviews = await db.selectFrom('episode_reviews').select(['kind', 'next_review_on']).where('episode_id', '=', seeded.story!.episodeId).execute();
    expect(reviews).toEqual([{ kind: 'half-way', next_review_on: episode.review_due_on }]);
    const versions = await db.selectFrom('patient_versions').select(['version', 'recorded_by']).where('patient_id', '=', seeded.story!.patientId).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('writes through the domain functions: each record has the audit its write leaves, at its time, by its writer', async () => {
    const db = testDb.database.db;
    // A final note was finalised by finaliseIn, which audits it ('finalised', as the one who finalised, then).
    const notes = await db.selectFrom('contact_notes').select(['id', 'patient_id', 'finalised_at', 'finalised_by']).where('status', '=', 'final').execute();
    expect(notes.length).toBeGreaterThan(100);
    const finalised = await db
      .selectFrom('audit_events')
      .select(['record_id', 'staff_id', 'patient_id', 'occurred_at'])
      .where('record_kind', '=', 'contact-note')
      .where('action', '=', 'write')
      .where('outcome', '=', 'allowed')
      .where(sql<boolean>`detail->>'change' = 'finalised'`)
      .execute();
    const audited = new Map(finalised.map((a) => [a.record_id, a]));
    const unaudited = notes.filter((n) => {
      const a = audited.get(n.id);
      return !a || a.staff_id !== n.finalised_by || a.patient_id !== n.patient_id || new Date(a.occurred_at).getTime() !== new Date(n.finalised_at!).getTime();
    });
    expect(unaudited.map((n) => n.id)).toEqual([]);
    // Every patient was registered by registerPatient (audited 'registered' by a clinician of their team).
    const patients = Number((await db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const registered = await db.selectFrom('audit_events').select('patient_id').where('record_kind', '=', 'patient').where(sql<boolean>`detail->>'change' = 'registered'`).execute();
    expect(new Set(registered.map((r) => r.patient_id)).size).toBe(patients);
    // A discharge with records was made by dischargeEpisode: the episode's history says so, after its last record.
    const discharged = await db
      .selectFrom('episodes')
      .select(['id'])
      .where('status', '=', 'discharged')
      .where(({ exists, selectFrom }) => exists(selectFrom('discharge_summaries').select('discharge_summaries.id').whereRef('discharge_summaries.episode_id', '=', 'episodes.id')))
      .execute();
    expect(discharged.length).toBeGreaterThan(0);
    for (const e of discharged) {
      const events = await db.selectFrom('episode_events').select(['kind', 'occurred_at']).where('episode_id', '=', e.id).orderBy('occurred_at').orderBy('id').execute();
      expect(events.filter((ev) => ev.kind === 'discharged')).toHaveLength(1);
      const at = new Date(events.find((ev) => ev.kind === 'discharged')!.occurred_at).getTime();
      const lastReview = await db.selectFrom('episode_reviews').select('recorded_at').where('episode_id', '=', e.id).orderBy('recorded_at', 'desc').executeTakeFirst();
      if (lastReview) expect(new Date(lastReview.recorded_at).getTime()).toBeLessThanOrEqual(at);
    }
  });

  it('adds the staff and writes every referral and episode history through the domain functions, as who did it, when', async () => {
    const db = testDb.database.db;
    const writes = await db
      .selectFrom('audit_events')
      .select(['action', 'record_kind', 'record_id', 'staff_id', 'occurred_at', 'detail'])
      .where('outcome', '=', 'allowed')
      .where('action', 'in', ['write', 'staff-admin'])
      .execute();
    const key = (staffId: string | null, at: Date | string, recordId: string | null, change: unknown) => `${staffId} ${new Date(at).toISOString()} ${recordId} ${String(change)}`;
    const audited = new Set(
      writes.map((w) => {
        const detail = w.detail as Record<string, unknown>;
        // An onward referral's audit names its own record; its history entry names the episode.
        return key(w.staff_id, w.occurred_at, w.record_kind === 'onward-referral' ? String(detail.episodeId) : w.record_id, detail.change);
      }),
    );
    // Every account but the first administrator's was added by that administrator (addStaffAccount).
    const admin = demo.staff.find((s) => s.homewardRole === 'administrator')!;
    const staff = await db.selectFrom('staff').select(['id', 'created_at', 'created_by']).where('id', '!=', admin.id).execute();
    expect(staff.filter((s) => s.created_by !== admin.id || !audited.has(key(admin.id, s.created_at, s.id, 'added'))).map((s) => s.id)).toEqual([]);
    // Every referral was taken by makeReferral, and decided by triageReferral or rejectReferral, as its history says.
    const referrals = await db.selectFrom('referrals').select(['id', 'status', 'created_by', 'created_at', 'decided_by', 'decided_at']).execute();
    expect(referrals.length).toBeGreaterThan(50);
    expect(referrals.filter((r) => !audited.has(key(r.created_by, r.created_at, r.id, 'received'))).map((r) => r.id)).toEqual([]);
    expect(referrals.filter((r) => r.status === 'rejected' && !audited.has(key(r.decided_by, r.decided_at!, r.id, 'rejected'))).map((r) => r.id)).toEqual([]);
    // Its patient was registered by whoever took it, before they took it: the relationship the referral needs.
    const registrations = new Map((await db.selectFrom('patients').select(['id', 'created_by', 'created_at']).execute()).map((p) => [p.id, p]));
    const patientOf = new Map((await db.selectFrom('referrals').select(['id', 'patient_id']).execute()).map((r) => [r.id, r.patient_id]));
    const registeredLater = referrals.filter((r) => {
      const p = registrations.get(patientOf.get(r.id)!)!;
      return p.created_by !== r.created_by || new Date(p.created_at).getTime() >= new Date(r.created_at).getTime();
    });
    expect(registeredLater.map((r) => r.id)).toEqual([]);
    // Every change in an episode's history (triage, allocation, first contact, hold, hand-over, onward
    // referral, discharge) has the audit its domain function leaves, by the same person at the same time.
    const events = await db
      .selectFrom('episode_events')
      .select(['id', 'episode_id', 'kind', 'staff_id', 'occurred_at'])
      .where('kind', 'in', ['triaged', 'allocated', 'handed-over', 'status-changed', 'discharged', 'onward-referral', 'onward-acknowledged'])
      .execute();
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['triaged', 'allocated', 'handed-over', 'status-changed', 'discharged', 'onward-referral', 'onward-acknowledged']));
    expect(events.filter((e) => !audited.has(key(e.staff_id, e.occurred_at, e.episode_id, e.kind))).map((e) => `${e.kind} ${e.id}`)).toEqual([]);
  });

  it('adds nothing on a second run', async () => {
    const again = await seedDemoRecords(testDb.database.db, { seed, now, teamIds, config });
    expect(again).toMatchObject({ episodes: 0, notes: 0, dischargeSummaries: 0, letters: 0, story: null });
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
      expect(body.entries.some((e) => e.kind === 'episode-change' && e.summary.startsWith('Review recorded on the episode: half-way review, continue as planned; Now: next review'))).toBe(true);
      const page = await t.app.inject({ method: 'GET', url: `/episodes/${seeded.story!.episodeId}/timeline`, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Large print');
    } finally {
      await t?.close();
    }
  });

  it('prints sign-ins that open everything the start-up log points them to, the story patient’s timeline included', async () => {
    const log = demoStartUpLog({ demo, story: seeded.story, visitDay });
    // Today's published plan and a run sheet with visits on it, each for a printed sign-in.
    expect(log.pointers.map((p) => p.path)).toEqual(expect.arrayContaining([`/visits/plan?date=${ukDateOf(now)}`, '/run-sheet']));
    const text = log.lines.join('\n');
    // Every address the log prints is pointed somewhere, and the story patient is pointed to her holder.
    const printed = new Set(text.match(/[\w.'+-]+@[\w.-]+\.[a-z]+/g));
    expect(new Set(log.pointers.map((p) => p.email))).toEqual(printed);
    const story = log.pointers.find((p) => p.path === `/episodes/${seeded.story!.episodeId}/timeline`)!;
    expect(text).toContain(`Sign in as ${story.email} (same password) and open ${story.path}`);
    let t: TestApp | null = null;
    try {
      t = await bootTestApp({ testDb, seed: false, config: { now: () => now } });
      const refused: string[] = [];
      for (const p of log.pointers) {
        const signedIn = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: p.email, password: demoPassword } });
        expect(signedIn.statusCode, p.email).toBe(201);
        const cookie = `hw_session=${signedIn.cookies.find((c) => c.name === 'hw_session')!.value}`;
        const page = await t.app.inject({ method: 'GET', url: p.path, headers: { cookie } });
        if (page.statusCode !== 200) refused.push(`${p.email} ${p.path}: ${page.statusCode}`);
      }
      expect(refused).toEqual([]);
    } finally {
      await t?.close();
    }
  });

  it('shows a discharged episode’s summary, letters and reviews on its timeline, and serves the letters as produced', async () => {
    const db = testDb.database.db;
    const episode = await db
      .selectFrom('episodes')
      .innerJoin('staff', 'staff.id', 'episodes.allocated_to')
      .innerJoin('patients', 'patients.id', 'episodes.patient_id')
      .select(['episodes.id', 'staff.email', 'patients.given_name', 'patients.family_name'])
      .where(({ exists, selectFrom }) => exists(selectFrom('letters').select('letters.id').whereRef('letters.episode_id', '=', 'episodes.id').where('letters.kind', '=', 'discharge-patient')))
      .where(({ exists, selectFrom }) => exists(selectFrom('episode_reviews').select('episode_reviews.id').whereRef('episode_reviews.episode_id', '=', 'episodes.id').where('episode_reviews.kind', '=', 'end-of-episode')))
      .orderBy('episodes.id')
      .executeTakeFirstOrThrow();
    let t: TestApp | null = null;
    try {
      t = await bootTestApp({ testDb, seed: false, config: { now: () => now } });
      const signedIn = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: episode.email, password: demoPassword } });
      expect(signedIn.statusCode).toBe(201);
      const cookie = `hw_session=${signedIn.cookies.find((c) => c.name === 'hw_session')!.value}`;
      const api = await t.app.inject({ method: 'GET', url: `/api/episodes/${episode.id}/timeline?kind=letter&kind=episode-change`, headers: { cookie } });
      expect(api.statusCode).toBe(200);
      const entries = (api.json() as { entries: Array<{ kind: string; summary: string; href: string | null; who: { name: string } | null }> }).entries;
      const summaries = entries.map((e) => e.summary);
      expect(summaries).toEqual(expect.arrayContaining(['Discharge summary drafted', 'Discharge summary finalised', `Discharge letter to the patient produced for ${episode.given_name} ${episode.family_name}`]));
      expect(summaries.some((s) => s.startsWith('Discharge letter to the GP produced for GP, '))).toBe(true);
      expect(summaries.some((s) => s === 'Review recorded on the episode: end-of-episode review, discharge; Now: no further review')).toBe(true);
      expect(entries.filter((e) => e.kind === 'letter').every((e) => e.who !== null)).toBe(true);
      // The PDF the timeline links to is the one stored, byte for byte.
      const href = entries.find((e) => e.summary.startsWith('Discharge letter to the patient'))!.href!;
      const pdf = await t.app.inject({ method: 'GET', url: href, headers: { cookie } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      const stored = await db.selectFrom('letters').select(['sha256']).where('id', '=', href.replace('/letters/', '').replace('.pdf', '')).executeTakeFirstOrThrow();
      expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(stored.sha256);
      expect((await pdfText(pdf.rawPayload)).text).toContain(`${episode.given_name} ${episode.family_name}`);
      const page = await t.app.inject({ method: 'GET', url: `/episodes/${episode.id}/discharge-summary`, headers: { cookie } });
      expect(page.statusCode).toBe(200);
    } finally {
      await t?.close();
    }
  });
});
