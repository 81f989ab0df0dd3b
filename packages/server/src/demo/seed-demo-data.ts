// Writes the synthetic demo service (teams, staff, patients) into a database. The people are made
// up by generate-demo-data.ts from a seed, so every fresh start shows the same demo.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { loadConfig, type HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { authorisePatientRegistration, checkPatientDetails, registerPatient } from '../patients/public.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { addStaffAccount, hashPassword, staffDetailColumns, type StaffDetailsInput } from '../staff/public.ts';
import { seedDemoPdcAndTraining } from './seed-demo-pdc-training.ts';
import { generateDemoTeam, iteratePatients, demoPassword, type DemoStaff, type GeneratedPatient } from './generate-demo-data.ts';

export type SeededStaff = DemoStaff & { id: string; teamId: string };
export type DemoSeed = { teams: Array<{ id: string; key: string; name: string }>; staff: SeededStaff[]; password: string };

/**
 * Teams and staff, unless they are there already (matched by name and email). The staff accounts are
 * added by the demo's administrator through addStaffAccount (its checks and audit), at `now`.
 */
export type SeedDemoTeamOptions = {
  seed: number;
  now: Date;
  /** The password hasher (scrypt at full strength); a test passes a counting one to see it is not called again. */
  hashPassword?: (password: string) => Promise<string>;
  /** For the administrator's actor, who adds the accounts (the settings of the environment when not given). */
  config?: HomewardConfig;
};

/** A demo member of staff as the staff admin form would send them. */
function staffDetailsOf(s: SeededStaff): StaffDetailsInput {
  return {
    givenName: s.givenName,
    familyName: s.familyName,
    email: s.email.toLowerCase(),
    profession: s.profession,
    registrationNumber: s.registrationNumber,
    band: s.band,
    homewardRole: s.homewardRole,
    teamId: s.teamId,
    baseLocation: s.baseLocation,
    contractedHours: 37.5,
    active: true,
  };
}

export async function seedDemoTeam(db: Kysely<Database>, options: SeedDemoTeamOptions): Promise<DemoSeed> {
  const hashWith = options.hashPassword ?? hashPassword;
  const demo = generateDemoTeam({ seed: options.seed });
  const teams: DemoSeed['teams'] = [];
  for (const t of demo.teams) {
    const existing = await db.selectFrom('teams').select(['id']).where('name', '=', t.name).executeTakeFirst();
    const id = existing?.id ?? uuidv7();
    if (!existing) await db.insertInto('teams').values({ id, name: t.name, base_location: t.baseLocation, phone: t.phone, created_at: options.now }).execute();
    teams.push({ id, key: t.key, name: t.name });
  }
  const teamId = (key: string) => teams.find((t) => t.key === key)!.id;
  // One hash for the shared demo password (these accounts are for demonstration only), made only if an
  // account is missing: scrypt at full strength is the dearest step of a restart, where all exist.
  let hash: Promise<string> | null = null;
  const passwordHash = () => (hash ??= hashWith(demoPassword));
  const existing = new Map(
    (await db.selectFrom('staff').select(['id', 'email']).where('email', 'in', demo.staff.map((s) => s.email.toLowerCase())).execute()).map((s) => [s.email, s.id]),
  );
  const staff: SeededStaff[] = demo.staff.map((s) => ({ ...s, id: existing.get(s.email.toLowerCase()) ?? uuidv7(), teamId: teamId(s.teamKey) }));
  const missing = staff.filter((s) => !existing.has(s.email.toLowerCase()));
  if (missing.length === 0) return { teams, staff, password: demoPassword };

  // The demo's administrator adds everyone else's account through addStaffAccount, with its checks and
  // audit. Someone must make the first administrator: as `npm run create-admin` does, written directly.
  const admin = staff.find((s) => s.homewardRole === 'administrator')!;
  if (!existing.has(admin.email.toLowerCase())) {
    const d = staffDetailsOf(admin);
    await db
      .insertInto('staff')
      .values({
        id: admin.id,
        ...staffDetailColumns(d),
        password_hash: await passwordHash(),
        created_at: options.now,
        updated_at: options.now,
      })
      .execute();
  }
  const actor = staffActor({ staff: { staffId: admin.id, name: `${admin.givenName} ${admin.familyName}`, role: admin.homewardRole, teamId: admin.teamId }, config: options.config ?? loadConfig(), via: 'demo:seed', now: options.now });
  const hashed = await passwordHash();
  await db.transaction().execute(async (trx) => {
    for (const s of missing) if (s !== admin) await addStaffAccount(trx, { actor, id: s.id, details: staffDetailsOf(s), passwordHash: hashed });
  });
  await seedDemoPdcAndTraining(db, { demo: { teams, staff }, now: options.now, config: options.config ?? loadConfig() });
  return { teams, staff, password: demoPassword };
}

/** A demo patient made up but not yet registered, with the id they will be registered under. */
export type PlannedPatient = GeneratedPatient & { id: string };

/** The next `count` demo patients after those already there (so NHS numbers never collide), each with an id. */
export async function planDemoPatients(db: Kysely<Database>, options: { seed: number; count: number; demo: DemoSeed }): Promise<PlannedPatient[]> {
  const existing = await db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const teamIds = options.demo.teams.map((t) => t.id);
  return [...iteratePatients({ seed: options.seed, count: options.count, startIndex: Number(existing.n), teamIds })].map((p) => ({ ...p, id: uuidv7() }));
}

/**
 * Registers one planned patient as a page does: the details checked by the same rules
 * (checkPatientDetails), then registerPatient with its audit, as the actor, at the actor's time.
 */
export async function registerPlannedPatient(trx: Kysely<Database>, o: { actor: Actor; patient: PlannedPatient }): Promise<void> {
  const { registeredTeamId, id, ...details } = o.patient;
  if (o.actor.staff.teamId !== registeredTeamId) throw new HomewardError('forbidden', 'A patient is registered by a clinician of their own team');
  const checked = checkPatientDetails(details, o.actor.now);
  if (!checked.ok) throw validationFailed(checked.fields);
  await registerPatient(trx, { actor: o.actor, id, details: checked.details });
}

/**
 * The demo's planned patients not registered yet (those never referred: the referral taker registers
 * the others just before the referral), registered by a clinician of the patient's team (the clinical
 * lead, else a registered therapist) at `now`. Several patients to a transaction, so a first start
 * stays quick.
 */
export async function registerDemoPatients(
  db: Kysely<Database>,
  options: { planned: readonly PlannedPatient[]; demo: DemoSeed; config: HomewardConfig; now: Date; perTransaction?: number },
): Promise<number> {
  const teamIds = options.demo.teams.map((t) => t.id);
  const registrars = new Map(
    teamIds.map((teamId) => {
      const mine = options.demo.staff.filter((s) => s.teamId === teamId);
      const s = mine.find((x) => x.homewardRole === 'clinical-lead') ?? mine.find((x) => x.homewardRole === 'registered-therapist')!;
      const actor = staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId }, config: options.config, via: 'demo:seed', now: options.now });
      return [teamId, actor] as const;
    }),
  );
  for (const actor of registrars.values()) await authorisePatientRegistration(db, { actor });
  const ids = options.planned.map((p) => p.id);
  const registered = new Set(ids.length ? (await db.selectFrom('patients').select('id').where('id', 'in', ids).execute()).map((p) => p.id) : []);
  const patients = options.planned.filter((p) => !registered.has(p.id));
  const size = options.perTransaction ?? 50;
  for (let i = 0; i < patients.length; i += size) {
    await db.transaction().execute(async (trx) => {
      for (const patient of patients.slice(i, i + size)) {
        const actor = registrars.get(patient.registeredTeamId);
        if (!actor) throw new HomewardError('forbidden', 'No clinician of this team to register the patient');
        await registerPlannedPatient(trx, { actor, patient });
      }
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return patients.length;
}

/**
 * Adds `count` patients after those already there (so NHS numbers never collide), inserted in bulk:
 * for benchmark volumes (npm run seed, 200,000 patients), where registering each through
 * registerPatient would take minutes. The demo of a first start uses registerDemoPatients.
 */
export async function seedDemoPatients(
  db: Kysely<Database>,
  options: { seed: number; count: number; teamIds: string[]; createdBy: string; now: Date; batchSize?: number; onProgress?: (done: number) => void },
): Promise<number> {
  const existing = await db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const startIndex = Number(existing.n);
  const batchSize = options.batchSize ?? 1000;
  let batch: Parameters<ReturnType<typeof db.insertInto<'patients'>>['values']>[0] & unknown[] = [];
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insertInto('patients').values(batch).execute();
    done += batch.length;
    batch = [];
    options.onProgress?.(done);
  };
  for (const p of iteratePatients({ seed: options.seed, count: options.count, startIndex, teamIds: options.teamIds })) {
    batch.push({
      id: uuidv7(),
      nhs_number: p.nhsNumber,
      given_name: p.givenName,
      family_name: p.familyName,
      date_of_birth: p.dateOfBirth,
      sex: p.sex,
      gender_identity: p.genderIdentity,
      address_line1: p.addressLine1,
      address_line2: p.addressLine2,
      town: p.town,
      postcode: p.postcode,
      latitude: p.latitude,
      longitude: p.longitude,
      phone: p.phone,
      gp_practice_code: p.gpPracticeCode,
      gp_practice_name: p.gpPracticeName,
      contacts: JSON.stringify(p.contacts),
      communication_needs: JSON.stringify(p.communicationNeeds),
      lives_alone: p.livesAlone,
      key_safe: p.keySafe,
      access_notes: p.accessNotes,
      risk_flags: JSON.stringify(p.riskFlags),
      risk_notes: p.riskNotes,
      registered_team_id: p.registeredTeamId,
      created_at: options.now,
      created_by: options.createdBy,
      updated_at: options.now,
      updated_by: options.createdBy,
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return done;
}
