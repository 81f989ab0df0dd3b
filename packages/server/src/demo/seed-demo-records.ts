// Writes clinical records (made up by generate-demo-records.ts) for the demo teams' active and recently
// discharged episodes, so a first start shows notes, scores, goals, programmes and reviews (each in the
// episode's history too), the discharged episodes' final discharge summaries and letters, and a
// "Mrs B" to follow. Episodes that already have notes or consent are left alone, so it can run again.
// What is made is decided here; it is written by write-demo-records.ts through the domain functions.
import type { Kysely } from 'kysely';
import { type CommunicationNeeds, type HomewardRole, type PatientContact, type Profession, type Service, type Setting, type Sex } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { dischargeRecordedAfterRecords, planDemoDischarges } from './generate-demo-discharges.ts';
import { generateDemoRecords, type RecordEpisodeInput } from './generate-demo-records.ts';
import type { PendingDischarge } from './seed-demo-episodes.ts';
import { writeDemoRecords } from './write-demo-records.ts';

export type SeedDemoRecordsOptions = {
  seed: number;
  now: Date;
  teamIds: readonly string[];
  /** For the actors the records are written as (their clocks are set to each record's time). */
  config: HomewardConfig;
  /**
   * Recently discharged episodes that seedDemoEpisodes left open, so their records are written while
   * they were open and the discharge itself goes through dischargeEpisode, at its time.
   */
  pendingDischarges?: readonly PendingDischarge[];
  /** The last visit planned for each episode (seedDemoEpisodes), when the episode itself does not yet say it. */
  plannedLastContact?: ReadonlyMap<string, Date>;
  /** Episodes written per transaction (each episode's records in time order). */
  episodesPerTransaction?: number;
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
    // Open episodes only: a discharged one is written in no more. Those discharged recently that
    // get records were left open by seedDemoEpisodes (pendingDischarges) and are discharged here.
    .where('episodes.status', 'in', ['active', 'on-hold'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('contact_notes').select('contact_notes.id').whereRef('contact_notes.episode_id', '=', 'episodes.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('consent_records').select('consent_records.id').whereRef('consent_records.episode_id', '=', 'episodes.id'))))
    .orderBy('episodes.id')
    .execute();
  if (rows.length === 0) return none;

  const pending = new Map((options.pendingDischarges ?? []).map((d) => [d.episodeId, d]));
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
  const dischargeRecordedAt = new Map([...events.filter((ev) => ev.kind === 'discharged').map((ev) => [ev.episode_id, new Date(ev.occurred_at)] as const), ...[...pending.values()].map((d) => [d.episodeId, d.at] as const)]);
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
    const discharge = pending.get(r.id);
    return {
      id: r.id,
      teamId: r.team_id,
      service: r.service as Service,
      setting: r.setting as Setting,
      status: discharge ? 'discharged' : (r.status as RecordEpisodeInput['status']),
      complexity: r.complexity,
      skillsNeeded: (json(r.skills_needed) as string[]) ?? [],
      reason: r.reason,
      firstContactAt: new Date(r.first_contact_at!),
      firstAssessmentAt: r.first_assessment_at ? new Date(r.first_assessment_at) : null,
      lastContactAt: options.plannedLastContact?.get(r.id) ?? new Date(r.last_contact_at ?? r.first_contact_at!),
      plannedEndOn: r.planned_end_on ? iso(r.planned_end_on) : null,
      reviewDueOn: r.review_due_on ? iso(r.review_due_on) : null,
      visitsPerWeek: Number(r.visits_per_week),
      dischargedOn: discharge ? discharge.dischargedOn : r.discharged_on ? iso(r.discharged_on) : null,
      dischargeOutcome: discharge ? discharge.outcome : r.discharge_outcome,
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
  for (const [id, d] of pending) {
    const at = dischargeRecordedAfterRecords(records, id, d.at, options.now);
    pending.set(id, { ...d, at });
    dischargeRecordedAt.set(id, at);
  }
  const plans = planDemoDischarges({ seed: options.seed, now: options.now, episodes: episodes.filter((e) => withRecords.has(e.id)), records, staff, dischargeRecordedAt });
  const discharges = await writeDemoRecords(db, { config: options.config, now: options.now, records, plans, staff, pending, episodesPerTransaction: options.episodesPerTransaction ?? 8 });

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

