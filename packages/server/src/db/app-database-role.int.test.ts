// The role the application runs as on PostgreSQL (npm run db:app-role): it owns nothing, so the
// triggers that keep the record append-only are out of its reach. The operator makes it with the
// command, the application runs as it (sign-in, a patient registered and changed, all audited), and
// what would get round the guards is refused: TRUNCATE (with CASCADE too), disabling or dropping a
// trigger, switching triggers off for its session.
//
// PostgreSQL only. PGlite has no roles to speak of: the embedded database runs inside the application's
// own process as its one superuser, so there is no second role to run as; there the guards are the
// triggers, and the data directory's file permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { checkAppRole } from '../db/app-role.ts';
import { openDatabase, type HomewardDatabase } from '../db/database.ts';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-database.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const adminUrl = process.env.HOMEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A command line as an operator runs it: npm run db:app-role (as the role that owns the schema), npm run migrate. */
function runCommand(script: 'create-app-role' | 'migrate', env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/node'), [`packages/server/src/cli/${script}.ts`, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function asOwner<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(testEngine === 'pglite')('the application database role on PostgreSQL (PGlite has no roles: it runs in-process as its one superuser)', () => {
  const role = `homeward_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  let owner: TestDatabase;
  let appUrl: URL;
  let appDatabase: HomewardDatabase;
  let t: TestApp;
  let made: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    owner = await createTestDatabase();
    made = await runCommand('create-app-role', { DATABASE_URL: owner.url!, HOMEWARD_APP_DB_PASSWORD: password }, ['--role', role]);
    appUrl = new URL(owner.url!);
    appUrl.username = role;
    appUrl.password = password;
    appDatabase = await openDatabase({ engine: 'postgres', url: appUrl.toString(), poolSize: 3 });
    t = await bootTestApp({ testDb: { database: appDatabase, url: appUrl.toString(), open: () => Promise.reject(new Error('not needed')), drop: async () => {} } });
  });
  afterAll(async () => {
    await t?.close();
    await appDatabase?.close();
    await owner?.drop();
    await asOwner(adminUrl, (c) => c.query(`drop role if exists ${pg.escapeIdentifier(role)}`));
  });

  it('is made by npm run db:app-role: owns nothing, holds no TRUNCATE or TRIGGER, is no superuser', async () => {
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`Role ${role} is ready`);
    expect(made.stdout).not.toContain(password);
    expect(await asOwner(owner.url!, (c) => checkAppRole(c, role))).toEqual([]);
  });

  it('runs the application: a therapist signs in, registers a patient and changes her address, all audited', async () => {
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const created = await therapist.post('/api/patients', patientDetails());
    expect(created.statusCode).toBe(201);
    const patient = created.json() as { id: string; version: number };
    const changed = await therapist.put(`/api/patients/${patient.id}`, { ...patientDetails({ town: 'Tunstall' }), version: patient.version });
    expect(changed.statusCode).toBe(200);
    expect((await therapist.get(`/api/patients/${patient.id}`)).json()).toMatchObject({ town: 'Tunstall', version: 2 });
    const audited = await t.db.selectFrom('audit_events').select(['action', 'record_id']).where('patient_id', '=', patient.id).orderBy('seq').execute();
    expect(audited.map((a) => a.action)).toEqual(['write', 'write', 'read']);
    const versions = await t.db.selectFrom('patient_versions').select('version').where('patient_id', '=', patient.id).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('cannot TRUNCATE a table, with CASCADE or without: it holds no such privilege', async () => {
    for (const statement of [sql`truncate letters`, sql`truncate consent_records`, sql`truncate audit_events`, sql`truncate teams cascade`, sql`truncate sessions`]) {
      await expect(statement.execute(t.db)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied for table/) });
    }
  });

  it('cannot disable, drop or sidestep a trigger: it owns no table and is no superuser', async () => {
    const refused = [
      sql`alter table contact_notes disable trigger contact_notes_final_is_final`,
      sql`alter table audit_events disable trigger user`,
      sql`alter table consent_records disable trigger all`,
      sql`drop trigger letters_append_only on letters`,
      sql`set session_replication_role = replica`,
      sql`create table shadow_notes (id uuid)`,
    ];
    for (const statement of refused) {
      await expect(statement.execute(t.db)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('is still held by the triggers where it has the privilege: DELETE is granted, and refused', async () => {
    const [first] = await t.db.selectFrom('audit_events').select('seq').orderBy('seq').limit(1).execute();
    await expect(sql`delete from audit_events where seq = ${first!.seq}`.execute(t.db)).rejects.toMatchObject({ code: 'HW001' });
  });

  it('is checked: a TRUNCATE granted by hand is reported, and running the command again takes it away', async () => {
    await asOwner(owner.url!, (c) => c.query(`grant truncate on letters to ${pg.escapeIdentifier(role)}`));
    expect(await asOwner(owner.url!, (c) => checkAppRole(c, role))).toEqual([`${role} holds TRUNCATE on letters`]);
    const again = await runCommand('create-app-role', { DATABASE_URL: owner.url!, HOMEWARD_APP_DB_PASSWORD: password }, ['--role', role]);
    expect(again.code).toBe(0);
    expect(await asOwner(owner.url!, (c) => checkAppRole(c, role))).toEqual([]);
  });

  it('is checked: membership of the owning role is reported, since it would inherit the ownership', async () => {
    const ownerRole = (await asOwner(owner.url!, (c) => c.query<{ o: string }>(`select pg_get_userbyid(relowner) as o from pg_class where relname = 'letters'`))).rows[0]!.o;
    const member = `homeward_member_${randomBytes(4).toString('hex')}`;
    await asOwner(owner.url!, async (c) => {
      await c.query(`create role ${member} nologin`);
      await c.query(`alter table letters owner to ${member}`);
      await c.query(`grant ${member} to ${pg.escapeIdentifier(role)}`);
    });
    try {
      expect(await asOwner(owner.url!, (c) => checkAppRole(c, role))).toContain(`${role} owns table letters (through ${member}), so it can disable its triggers`);
    } finally {
      await asOwner(owner.url!, async (c) => {
        await c.query(`alter table letters owner to ${pg.escapeIdentifier(ownerRole)}`);
        await c.query(`drop role ${member}`);
      });
    }
  });

  it('cannot apply a migration, and says who can: npm run migrate as the role that owns the schema', async () => {
    const last = (await asOwner(owner.url!, (c) => c.query<{ name: string; timestamp: Date }>('select name, timestamp from schema_migrations order by name desc limit 1'))).rows[0]!;
    await asOwner(owner.url!, (c) => c.query('delete from schema_migrations where name = $1', [last.name]));
    try {
      const run = await runCommand('migrate', { DATABASE_URL: appUrl.toString() });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('this database role may not apply them');
      expect(run.stderr).toContain('npm run migrate');
    } finally {
      await asOwner(owner.url!, (c) => c.query('insert into schema_migrations (name, timestamp) values ($1, $2)', [last.name, last.timestamp]));
    }
  });
});
