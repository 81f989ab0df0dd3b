// Writes the synthetic demo service (teams, staff, patients) into a database. The people are made
// up by generate-demo-data.ts from a seed, so every fresh start shows the same demo.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { authorisePatientRegistration, checkPatientDetails, registerPatient } from '../patients/public.ts';
import { staffActor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { hashPassword } from '../staff/public.ts';
import { generateDemoTeam, iteratePatients, demoPassword, type DemoStaff } from './generate-demo-data.ts';

export type SeededStaff = DemoStaff & { id: string; teamId: string };
export type DemoSeed = { teams: Array<{ id: string; key: string; name: string }>; staff: SeededStaff[]; password: string };

/** Teams and staff, unless they are there already (matched by name and email). */
export type SeedDemoTeamOptions = {
  seed: number;
  now: Date;
  /** The password hasher (scrypt at full strength); a test passes a counting one to see it is not called again. */
  hashPassword?: (password: string) => Promise<string>;
};

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
  const staff: SeededStaff[] = [];
  for (const s of demo.staff) {
    const existing = await db.selectFrom('staff').select(['id']).where('email', '=', s.email.toLowerCase()).executeTakeFirst();
    const id = existing?.id ?? uuidv7();
    if (!existing) {
      await db
        .insertInto('staff')
        .values({
          id,
          email: s.email.toLowerCase(),
          given_name: s.givenName,
          family_name: s.familyName,
          profession: s.profession,
          registration_number: s.profession === 'none' ? null : `${s.profession}${String(100000 + staff.length * 7919).slice(0, 6)}`,
          band: s.band,
          homeward_role: s.homewardRole,
          team_id: teamId(s.teamKey),
          base_location: s.baseLocation,
          password_hash: await (hash ??= hashWith(demoPassword)),
          created_at: options.now,
          updated_at: options.now,
        })
        .execute();
    }
    staff.push({ ...s, id, teamId: teamId(s.teamKey) });
  }
  return { teams, staff, password: demoPassword };
}

/**
 * The demo's patients, registered as a page registers one: by a clinician of the patient's team (the
 * clinical lead, else a registered therapist), whose details are checked by the same rules
 * (checkPatientDetails) and written by registerPatient with its audit, at `now`. Adds `count` after
 * those already there. Several patients to a transaction, so a first start stays quick.
 */
export async function registerDemoPatients(
  db: Kysely<Database>,
  options: { seed: number; count: number; demo: DemoSeed; config: HomewardConfig; now: Date; perTransaction?: number },
): Promise<number> {
  const existing = await db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
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
  const patients = [...iteratePatients({ seed: options.seed, count: options.count, startIndex: Number(existing.n), teamIds })];
  const size = options.perTransaction ?? 50;
  for (let i = 0; i < patients.length; i += size) {
    await db.transaction().execute(async (trx) => {
      for (const { registeredTeamId, ...details } of patients.slice(i, i + size)) {
        const checked = checkPatientDetails(details, options.now);
        if (!checked.ok) throw validationFailed(checked.fields);
        const actor = registrars.get(registeredTeamId);
        if (!actor) throw new HomewardError('forbidden', 'No clinician of this team to register the patient');
        await registerPatient(trx, { actor, id: uuidv7(), details: checked.details });
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
