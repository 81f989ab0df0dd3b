// Writes referrals and episodes of care (made up by generate-demo-episodes.ts) into a database: for the
// demo teams on first start through the domain functions (write-demo-episodes.ts), and bulk-inserted
// for scale runs (npm run seed, the caseload benchmark), together with the extra teams a scale run
// needs and the demo staff's skills.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { mayHoldEpisodes, type HomewardRole, type Profession, type Skill } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../staff/public.ts';
import { demoPassword } from './generate-demo-data.ts';
import {
  demoStaffSkills,
  episodeChangingEventKinds,
  generateDemoEpisodes,
  generateScaleTeams,
  shareOpenEpisodes,
  type DemoEpisodes,
  type EpisodeEventRow,
  type EpisodeRow,
  type EpisodeTeamInput,
  type OnwardReferralRow,
} from './generate-demo-episodes.ts';
import type { DemoSeed, PlannedPatient } from './seed-demo-data.ts';
import { deriveSeed } from './seeded-random.ts';
import { writeDemoEpisodes, type RegisterPatient } from './write-demo-episodes.ts';

/** Gives the demo staff their skills (hoist competence), unless someone has set them already. */
export async function seedDemoStaffSkills(db: Kysely<Database>, demo: DemoSeed): Promise<void> {
  for (const s of demo.staff) {
    const skills = demoStaffSkills(s.key);
    if (skills.length === 0) continue;
    await db.updateTable('staff').set({ skills: JSON.stringify(skills) }).where('id', '=', s.id).where(sql<boolean>`skills = '[]'::jsonb`).execute();
  }
}

export type ScaleTeamsSeed = { teams: Array<{ id: string; key: string; name: string }>; staff: Array<{ id: string; email: string; teamId: string; homewardRole: HomewardRole }> };

/**
 * Teams beyond the two demo teams, for scale runs, each with `clinicians` staff who can see patients
 * (and the demo password). Teams and staff already there (by name and email) are kept as they are.
 */
export async function seedScaleTeams(db: Kysely<Database>, options: { seed: number; count: number; clinicians: number; now: Date }): Promise<ScaleTeamsSeed> {
  const generated = generateScaleTeams({ seed: options.seed, count: options.count, clinicians: options.clinicians });
  const teams: ScaleTeamsSeed['teams'] = [];
  for (const t of generated.teams) {
    const existing = await db.selectFrom('teams').select(['id']).where('name', '=', t.name).executeTakeFirst();
    const id = existing?.id ?? uuidv7();
    if (!existing) await db.insertInto('teams').values({ id, name: t.name, base_location: t.baseLocation, created_at: options.now }).execute();
    teams.push({ id, key: t.key, name: t.name });
  }
  const teamId = new Map(teams.map((t) => [t.key, t.id]));
  const existingStaff = new Map(
    (await db.selectFrom('staff').select(['id', 'email']).where('team_id', 'in', teams.length ? teams.map((t) => t.id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((s) => [s.email, s.id]),
  );
  const hash = await hashPassword(demoPassword);
  const staff: ScaleTeamsSeed['staff'] = [];
  const rows = [];
  for (const s of generated.staff) {
    const email = s.email.toLowerCase();
    const id = existingStaff.get(email) ?? uuidv7();
    staff.push({ id, email, teamId: teamId.get(s.teamKey)!, homewardRole: s.homewardRole });
    if (existingStaff.has(email)) continue;
    rows.push({
      id,
      email,
      given_name: s.givenName,
      family_name: s.familyName,
      profession: s.profession,
      registration_number: s.profession === 'none' ? null : `${s.profession}${String(700000 + rows.length)}`,
      band: s.band,
      homeward_role: s.homewardRole,
      team_id: teamId.get(s.teamKey)!,
      base_location: s.baseLocation,
      password_hash: hash,
      skills: JSON.stringify(s.skills),
      created_at: options.now,
      updated_at: options.now,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('staff').values(rows.slice(i, i + 500)).execute();
  return { teams, staff };
}

export type SeedDemoEpisodesOptions = {
  seed: number;
  /** The reference time: clocks are set so they stand as wanted at this instant. */
  now: Date;
  teamIds: readonly string[];
  /** Open (not discharged) episodes across the teams; discharged ones and referrals follow in proportion. */
  openEpisodes: number;
  batchSize?: number;
  onProgress?: (message: string) => void;
  /**
   * Episodes discharged on or after this day (yyyy-mm-dd), seen and allocated, are written as they
   * stood before their discharge and returned as pending: the demo's records seeder writes their
   * records while they were open, then discharges them through dischargeEpisode at the time.
   */
  leaveOpenDischargedSince?: string;
  /**
   * Given (the demo's first start), everything is written through the domain functions as the staff
   * who did it, at the time (write-demo-episodes.ts). Without it, rows are bulk-inserted: for the
   * benchmark volumes of `npm run seed`, where one domain call per change would take minutes.
   */
  config?: HomewardConfig;
  /**
   * Patients made up but not yet registered (with `config` only): each one referred is registered by
   * the member of staff who takes the referral, a minute before they take it, as the intake pages do.
   */
  unregistered?: { patients: readonly PlannedPatient[]; register: RegisterPatient };
};

/** A discharge seedDemoEpisodes left for the records seeder to make through dischargeEpisode. */
export type PendingDischarge = {
  episodeId: string;
  at: Date;
  staffId: string;
  outcome: string;
  destination: string;
  dischargedOn: string;
  note: string | null;
};

export type SeededEpisodes = {
  referrals: number;
  episodes: number;
  openEpisodes: number;
  events: number;
  onwardReferrals: number;
  perTeam: Map<string, number>;
  pendingDischarges: PendingDischarge[];
  /**
   * The last visit the generator planned for each seen episode. Through the rules only a finalised
   * contact note moves an episode's last contact, so the records seeder writes the notes up to it.
   */
  plannedLastContact: Map<string, Date>;
};

/**
 * Referrals and episodes for the teams' staff and patients as they are in the database. Only patients
 * with no referral yet are referred, so a second run adds to the first without duplicate referrals.
 */
export async function seedDemoEpisodes(db: Kysely<Database>, options: SeedDemoEpisodesOptions): Promise<SeededEpisodes> {
  const teamIds = [...options.teamIds];
  const empty: SeededEpisodes = { referrals: 0, episodes: 0, openEpisodes: 0, events: 0, onwardReferrals: 0, perTeam: new Map(), pendingDischarges: [], plannedLastContact: new Map() };
  if (teamIds.length === 0 || options.openEpisodes <= 0) return empty;

  const staffRows = await db
    .selectFrom('staff')
    .select(['id', 'given_name', 'family_name', 'homeward_role', 'profession', 'skills', 'active', 'team_id'])
    .where('team_id', 'in', teamIds)
    .orderBy('email')
    .execute();
  // In NHS number order, so the same data gives the same picks on either database.
  if (options.unregistered && !options.config) throw new Error('Unregistered patients are registered through the rules, which need a config');
  const registeredRows = await db
    .selectFrom('patients')
    .select(['id', 'registered_team_id', 'risk_flags', 'date_of_birth', 'nhs_number'])
    .where('registered_team_id', 'in', teamIds)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('referrals').select('referrals.id').whereRef('referrals.patient_id', '=', 'patients.id'))))
    .orderBy('nhs_number')
    .execute();
  const planned = (options.unregistered?.patients ?? []).map((p) => ({ id: p.id, registered_team_id: p.registeredTeamId, risk_flags: p.riskFlags as unknown, date_of_birth: p.dateOfBirth as Date | string, nhs_number: p.nhsNumber }));
  const patientRows = [...registeredRows, ...planned].sort((a, b) => (a.nhs_number < b.nhs_number ? -1 : a.nhs_number > b.nhs_number ? 1 : 0));
  const existing = await db.selectFrom('referrals').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();

  const teams: EpisodeTeamInput[] = teamIds.map((id) => ({
    id,
    staff: staffRows
      .filter((s) => s.team_id === id)
      .map((s) => ({
        id: s.id,
        name: `${s.given_name} ${s.family_name}`,
        role: s.homeward_role as HomewardRole,
        profession: s.profession as Profession,
        skills: jsonArray(s.skills) as Skill[],
        active: s.active,
      })),
    patients: patientRows.filter((p) => p.registered_team_id === id).map((p) => ({ id: p.id, riskFlags: jsonArray(p.risk_flags) })),
    openEpisodes: 0,
  }));
  const shares = shareOpenEpisodes(
    options.openEpisodes,
    teams.map((t) => ({ holders: t.staff.filter((s) => s.active && mayHoldEpisodes(s.role)).length, patients: t.patients.length })),
  );
  teams.forEach((t, i) => (t.openEpisodes = shares[i]!));
  // A later run draws afresh (new ids, other patients) rather than repeating the first.
  const seed = Number(existing.n) === 0 ? options.seed : deriveSeed(options.seed, Number(existing.n));
  const generated = generateDemoEpisodes({ seed, now: options.now, teams: teams.filter((t) => t.openEpisodes > 0) });
  const pendingDischarges = options.leaveOpenDischargedSince ? leaveDischargesPending(generated, options.leaveOpenDischargedSince) : [];
  if (options.config) {
    const staff = new Map(staffRows.map((s) => [s.id, { staffId: s.id, name: `${s.given_name} ${s.family_name}`, role: s.homeward_role as HomewardRole, teamId: s.team_id }]));
    const bornOn = new Map(patientRows.map((p) => [p.id, isoDay(p.date_of_birth)]));
    await writeDemoEpisodes(db, { config: options.config, rows: generated, staff, bornOn, ...(options.unregistered ? { register: options.unregistered.register } : {}) });
  } else {
    await insertDemoEpisodes(db, generated, options);
  }
  return {
    pendingDischarges,
    plannedLastContact: new Map(generated.episodes.flatMap((e) => (e.last_contact_at ? [[e.id, e.last_contact_at] as const] : []))),
    referrals: generated.referrals.length,
    episodes: generated.episodes.length,
    openEpisodes: generated.episodes.filter((e) => e.status !== 'discharged').length,
    events: generated.events.length,
    onwardReferrals: generated.onwardReferrals.length,
    perTeam: new Map(teams.map((t) => [t.id, t.openEpisodes])),
  };
}

/**
 * Takes the discharge back off the episodes discharged since `since` (seen and allocated): each is left
 * as it stood before (its status, version and last change as the history before the discharge says),
 * without the discharge in its history, and the discharge is returned to be made through the rules.
 */
function leaveDischargesPending(rows: DemoEpisodes, since: string): PendingDischarge[] {
  const pending: PendingDischarge[] = [];
  for (const e of rows.episodes) {
    if (e.status !== 'discharged' || (e.discharged_on ?? '') < since || !e.first_contact_at || !e.allocated_to) continue;
    const discharged = rows.events.find((ev) => ev.episode_id === e.id && ev.kind === 'discharged')!;
    pending.push({ episodeId: e.id, at: discharged.occurred_at, staffId: discharged.staff_id, outcome: e.discharge_outcome!, destination: e.discharge_destination!, dischargedOn: e.discharged_on!, note: e.discharge_note });
    rows.events.splice(rows.events.indexOf(discharged), 1);
    const before = rows.events.filter((ev) => ev.episode_id === e.id && episodeChangingEventKinds.includes(ev.kind)).reduce((a, b) => (b.occurred_at > a.occurred_at ? b : a));
    Object.assign(e, {
      status: String(discharged.detail.from ?? 'active'),
      discharged_on: null,
      discharge_outcome: null,
      discharge_destination: null,
      discharge_note: null,
      version: e.version - 1,
      updated_at: before.occurred_at,
      updated_by: before.staff_id,
    });
  }
  return pending;
}

const isoDay = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

function jsonArray(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

/** In batches, in foreign-key order, letting the event loop turn between them (PGlite never yields otherwise). */
async function insertDemoEpisodes(db: Kysely<Database>, rows: DemoEpisodes, options: SeedDemoEpisodesOptions): Promise<void> {
  const size = options.batchSize ?? 500;
  const inBatches = async <T>(what: string, values: readonly T[], insert: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < values.length; i += size) {
      await insert(values.slice(i, i + size));
      await new Promise((resolve) => setImmediate(resolve));
    }
    options.onProgress?.(`${values.length} ${what}`);
  };
  await inBatches('referrals', rows.referrals, (batch) => db.insertInto('referrals').values(batch).execute());
  await inBatches('episodes', rows.episodes, (batch) =>
    db
      .insertInto('episodes')
      .values(batch.map((e: EpisodeRow) => ({ ...e, skills_needed: JSON.stringify(e.skills_needed) })))
      .execute(),
  );
  await inBatches('episode events', rows.events, (batch) =>
    db
      .insertInto('episode_events')
      .values(batch.map((e: EpisodeEventRow) => ({ ...e, detail: JSON.stringify(e.detail) })))
      .execute(),
  );
  await inBatches('onward referrals', rows.onwardReferrals, (batch: OnwardReferralRow[]) => db.insertInto('onward_referrals').values(batch).execute());
}
