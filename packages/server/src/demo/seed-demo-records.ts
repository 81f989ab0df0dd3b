// Writes clinical records (made up by generate-demo-records.ts) for the demo teams' active and recently
// discharged episodes, so a first start shows notes, scores, goals, programmes and reviews (each in the
// episode's history too), the discharged episodes' final discharge summaries and letters, and a
// "Mrs B" to follow. Episodes that already have notes or consent are left alone, so it can run again.
import type { Kysely } from 'kysely';
import { addCalendarDays, ukDateOf, type CommunicationNeeds, type HomewardRole, type PatientContact, type Profession, type Service, type Setting, type Sex } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { planDemoDischarges } from './generate-demo-discharges.ts';
import { generateDemoRecords, type DemoRecords, type RecordEpisodeInput } from './generate-demo-records.ts';
import { seedDemoDischarges } from './seed-demo-discharges.ts';

export type SeedDemoRecordsOptions = {
  seed: number;
  now: Date;
  teamIds: readonly string[];
  /** Discharged episodes get records when discharged within this many days. */
  recentlyDischargedDays?: number;
  batchSize?: number;
};

export type SeededRecords = {
  episodes: number;
  notes: number;
  assessments: number;
  goals: number;
  activities: number;
  completions: number;
  reviews: number;
  /** Final discharge summaries, and the letters produced from them. */
  dischargeSummaries: number;
  letters: number;
  /** Mrs B: her episode, and who holds it (whose sign-in the start-up log prints beside her). */
  story: { episodeId: string; patientId: string; patientName: string; nhsNumber: string; heldBy: string; heldById: string } | null;
};

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
const iso = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export async function seedDemoRecords(db: Kysely<Database>, options: SeedDemoRecordsOptions): Promise<SeededRecords> {
  const none: SeededRecords = { episodes: 0, notes: 0, assessments: 0, goals: 0, activities: 0, completions: 0, reviews: 0, dischargeSummaries: 0, letters: 0, story: null };
  const teamIds = [...options.teamIds];
  if (teamIds.length === 0) return none;
  const since = addCalendarDays(ukDateOf(options.now), -(options.recentlyDischargedDays ?? 28));

  const rows = await db
    .selectFrom('episodes')
    .innerJoin('referrals', 'referrals.id', 'episodes.referral_id')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .select([
      'episodes.id',
      'episodes.team_id',
      'episodes.service',
      'episodes.setting',
      'episodes.status',
      'episodes.complexity',
      'episodes.skills_needed',
      'episodes.first_contact_at',
      'episodes.first_assessment_at',
      'episodes.last_contact_at',
      'episodes.planned_end_on',
      'episodes.review_due_on',
      'episodes.visits_per_week',
      'episodes.discharged_on',
      'episodes.discharge_outcome',
      'episodes.allocated_to',
      'episodes.allocated_at',
      'episodes.updated_at',
      'referrals.reason',
      'patients.id as patient_id',
      'patients.given_name',
      'patients.family_name',
      'patients.sex',
      'patients.date_of_birth',
      'patients.contacts',
      'patients.communication_needs',
      'patients.lives_alone',
    ])
    .where('episodes.team_id', 'in', teamIds)
    .where('episodes.first_contact_at', 'is not', null)
    .where('episodes.allocated_to', 'is not', null)
    .where((eb) => eb.or([eb('episodes.status', 'in', ['active', 'on-hold']), eb.and([eb('episodes.status', '=', 'discharged'), eb('episodes.discharged_on', '>=', since)])]))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('contact_notes').select('contact_notes.id').whereRef('contact_notes.episode_id', '=', 'episodes.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('consent_records').select('consent_records.id').whereRef('consent_records.episode_id', '=', 'episodes.id'))))
    .orderBy('episodes.id')
    .execute();
  if (rows.length === 0) return none;

  const ids = rows.map((r) => r.id);
  const events = await db
    .selectFrom('episode_events')
    .select(['episode_id', 'occurred_at', 'kind', 'detail'])
    .where('episode_id', 'in', ids)
    .where('kind', 'in', ['allocated', 'handed-over', 'reallocated', 'discharged'])
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  const handovers = events.filter((ev) => ev.kind !== 'discharged');
  const dischargeRecordedAt = new Map(events.filter((ev) => ev.kind === 'discharged').map((ev) => [ev.episode_id, new Date(ev.occurred_at)]));
  const staffRows = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'profession', 'team_id', 'active']).where('team_id', 'in', teamIds).orderBy('email').execute();
  const staff = staffRows.map((s) => ({ id: s.id, name: `${s.given_name} ${s.family_name}`, role: s.homeward_role as HomewardRole, profession: s.profession as Profession, teamId: s.team_id!, active: s.active }));
  const known = new Set(staff.map((s) => s.id));
  const competencesHeld = (
    await db.selectFrom('staff_competences').select(['staff_id', 'competence']).where('staff_id', 'in', staff.map((s) => s.id)).where('withdrawn_at', 'is', null).execute()
  ).map((c) => ({ staffId: c.staff_id, competence: c.competence }));

  const episodes: RecordEpisodeInput[] = rows.map((r) => {
    // Who held it when: the allocation and any hand-over, as the history says (else the holder now).
    const history = handovers
      .filter((h) => h.episode_id === r.id)
      .map((h) => ({ staffId: String((json(h.detail) as Record<string, unknown>).toStaffId ?? ''), from: new Date(h.occurred_at) }))
      .filter((h) => known.has(h.staffId));
    const holders = history.length ? history : [{ staffId: r.allocated_to!, from: new Date(r.allocated_at ?? r.first_contact_at!) }];
    return {
      id: r.id,
      teamId: r.team_id,
      service: r.service as Service,
      setting: r.setting as Setting,
      status: r.status as RecordEpisodeInput['status'],
      complexity: r.complexity,
      skillsNeeded: (json(r.skills_needed) as string[]) ?? [],
      reason: r.reason,
      firstContactAt: new Date(r.first_contact_at!),
      firstAssessmentAt: r.first_assessment_at ? new Date(r.first_assessment_at) : null,
      lastContactAt: new Date(r.last_contact_at ?? r.first_contact_at!),
      plannedEndOn: r.planned_end_on ? iso(r.planned_end_on) : null,
      reviewDueOn: r.review_due_on ? iso(r.review_due_on) : null,
      visitsPerWeek: Number(r.visits_per_week),
      dischargedOn: r.discharged_on ? iso(r.discharged_on) : null,
      dischargeOutcome: r.discharge_outcome,
      holders,
      patient: {
        id: r.patient_id,
        givenName: r.given_name,
        familyName: r.family_name,
        sex: r.sex as Sex,
        dateOfBirth: iso(r.date_of_birth),
        contacts: (json(r.contacts) as PatientContact[]) ?? [],
        communicationNeeds: (json(r.communication_needs) as CommunicationNeeds) ?? { needs: [], interpreterLanguage: null, notes: null },
        livesAlone: r.lives_alone,
      },
    };
  });

  const records = generateDemoRecords({ seed: options.seed, now: options.now, episodes, staff, competencesHeld });
  const withRecords = new Set(records.notes.map((n) => n.episode_id));
  const plans = planDemoDischarges({ seed: options.seed, now: options.now, episodes: episodes.filter((e) => withRecords.has(e.id)), records, staff, dischargeRecordedAt });
  const updatedAt = new Map(rows.map((r) => [r.id, new Date(r.updated_at)]));
  // One transaction: the summaries are drafted from the records just written, and a failure leaves nothing half-seeded.
  const discharges = await db.transaction().execute(async (trx) => {
    await insertDemoRecords(trx, records, options.batchSize ?? 500);
    await moveEpisodesOnAfterReviews(trx, records, updatedAt);
    return seedDemoDischarges(trx, { now: options.now, plans });
  });

  let story: SeededRecords['story'] = null;
  if (records.story) {
    const e = episodes.find((x) => x.id === records.story!.episodeId)!;
    const nhs = await db.selectFrom('patients').select('nhs_number').where('id', '=', e.patient.id).executeTakeFirstOrThrow();
    const holder = staff.find((s) => s.id === e.holders.at(-1)!.staffId)!;
    story = { episodeId: e.id, patientId: e.patient.id, patientName: `${e.patient.givenName} ${e.patient.familyName}`, nhsNumber: nhs.nhs_number, heldBy: holder.name, heldById: holder.id };
  }
  return {
    episodes: withRecords.size,
    notes: records.notes.length,
    assessments: records.assessments.length,
    goals: records.goals.length,
    activities: records.activities.length,
    completions: records.completions.length,
    reviews: records.reviews.length,
    dischargeSummaries: discharges.summaries,
    letters: discharges.letters,
    story,
  };
}

/** In foreign-key order, in batches; JSON columns as text. */
async function insertDemoRecords(db: Kysely<Database>, r: DemoRecords, size: number): Promise<void> {
  const inBatches = async <T>(values: readonly T[], insert: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < values.length; i += size) await insert(values.slice(i, i + size));
  };
  if (r.story) {
    // Mrs B reads large print: her therapist added it to her details at the first visit, when consent
    // was recorded (a new version of her record, as the database keeps every one).
    const consent = r.consents.find((c) => c.episode_id === r.story!.episodeId);
    if (consent) {
      await db
        .updateTable('patients')
        .set((eb) => ({ communication_needs: JSON.stringify(r.story!.communicationNeeds), version: eb('version', '+', 1), updated_at: consent.recorded_at, updated_by: consent.recorded_by }))
        .where('id', '=', r.story.patientId)
        .execute();
    }
  }
  await inBatches(r.competences, (b) => db.insertInto('staff_competences').values(b).execute());
  await inBatches(r.consents, (b) => db.insertInto('consent_records').values(b).execute());
  await inBatches(r.notes, (b) => db.insertInto('contact_notes').values(b.map((n) => ({ ...n, therapy_minutes: JSON.stringify(n.therapy_minutes) }))).execute());
  await inBatches(r.amendments, (b) => db.insertInto('contact_note_amendments').values(b.map((a) => ({ ...a, therapy_minutes: JSON.stringify(a.therapy_minutes) }))).execute());
  await inBatches(r.assessments, (b) => db.insertInto('assessments').values(b.map((a) => ({ ...a, responses: JSON.stringify(a.responses), subscales: JSON.stringify(a.subscales) }))).execute());
  await inBatches(r.goals, (b) => db.insertInto('goals').values(b.map((g) => ({ ...g, levels: JSON.stringify(g.levels) }))).execute());
  await inBatches(r.attainments, (b) => db.insertInto('goal_attainments').values(b).execute());
  await inBatches(r.activities, (b) => db.insertInto('programme_activities').values(b).execute());
  await inBatches(r.completions, (b) => db.insertInto('programme_completions').values(b).execute());
  await inBatches(r.reviews, (b) => db.insertInto('episode_reviews').values(b).execute());
  await inBatches(r.reviewEvents, (b) => db.insertInto('episode_events').values(b.map((ev) => ({ ...ev, detail: JSON.stringify(ev.detail) }))).execute());
}

/**
 * Each review changed its episode as recording one in the app does (through changeEpisode): the next
 * review date is the last review's (so Mrs B's end review is next once her half-way review is held),
 * the version counts the change and the last change says who made it and when.
 */
async function moveEpisodesOnAfterReviews(db: Kysely<Database>, r: DemoRecords, updatedAt: ReadonlyMap<string, Date>): Promise<void> {
  const byEpisode = new Map<string, DemoRecords['reviewEvents']>();
  for (const ev of r.reviewEvents) byEpisode.set(ev.episode_id, [...(byEpisode.get(ev.episode_id) ?? []), ev]);
  for (const [episodeId, events] of byEpisode) {
    const last = events.at(-1)!;
    const later = last.occurred_at > (updatedAt.get(episodeId) ?? new Date(0));
    await db
      .updateTable('episodes')
      .set((eb) => ({ review_due_on: last.detail.to.reviewDueOn, version: eb('version', '+', events.length), ...(later ? { updated_at: last.occurred_at, updated_by: last.staff_id } : {}) }))
      .where('id', '=', episodeId)
      .execute();
  }
}
