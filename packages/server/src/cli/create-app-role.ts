// npm run db:app-role: on PostgreSQL, create (or bring back into line) the role the application runs as:
// it owns nothing, may SELECT, INSERT, UPDATE and DELETE, and can neither TRUNCATE nor disable triggers.
// Run it with DATABASE_URL naming the role that owns the schema and runs `npm run migrate` (it needs
// CREATEROLE), or pass --print to get the SQL for a DBA to run.
//   npm run db:app-role -- [--role homeward_app] [--print]
// The password comes from HOMEWARD_APP_DB_PASSWORD, or one is generated and printed once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { appRoleStatements, checkAppRole } from '../db/app-role.ts';
import { argValue } from './open-configured-database.ts';

const args = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the PostgreSQL database, connecting as the role that owns the schema (the embedded database has no roles).');
  process.exit(2);
}
const role = argValue(args, '--role') ?? 'homeward_app';
const given = process.env.HOMEWARD_APP_DB_PASSWORD;
const password = given || randomBytes(24).toString('base64url');
const database = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
const statements = appRoleStatements({ role, password, database });

if (args.includes('--print')) {
  console.log(statements.map((s) => `${s};`).join('\n'));
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
    const problems = await checkAppRole(client, role);
    const appUrl = new URL(url);
    appUrl.username = role;
    appUrl.password = given ? '***' : password;
    console.log(`Role ${role} is ready: SELECT, INSERT, UPDATE and DELETE on every table, no TRUNCATE, owns nothing.`);
    console.log(`Run the application with DATABASE_URL=${appUrl.toString()}`);
    if (problems.length) {
      console.error(`But it can still get round the database's guards:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
}
