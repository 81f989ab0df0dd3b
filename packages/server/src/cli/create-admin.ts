// npm run create-admin -- --email a.admin@trust.nhs.uk --given-name Alex --family-name Admin
// Makes the first administrator. The password comes from HOMEWARD_ADMIN_PASSWORD, or one is made up
// and printed once.
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { hashPassword, passwordError } from '../staff/public.ts';
import { argValue, openConfiguredDatabase } from './open-configured-database.ts';

const args = process.argv.slice(2);
const email = (argValue(args, '--email') ?? '').trim().toLowerCase();
const givenName = argValue(args, '--given-name') ?? 'Homeward';
const familyName = argValue(args, '--family-name') ?? 'Administrator';
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
  console.error('Usage: npm run create-admin -- --email name@example.nhs.uk [--given-name G] [--family-name F]');
  process.exit(2);
}
const password = process.env.HOMEWARD_ADMIN_PASSWORD ?? randomBytes(15).toString('base64url');
const problem = passwordError(password);
if (problem) {
  console.error(problem);
  process.exit(2);
}
const { database, config } = await openConfiguredDatabase();
const existing = await database.db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirst();
if (existing) {
  console.error(`There is already an account for ${email}.`);
  await database.close();
  process.exit(1);
}
const now = config.now();
await database.db
  .insertInto('staff')
  .values({
    id: uuidv7(),
    email,
    given_name: givenName,
    family_name: familyName,
    profession: 'none',
    registration_number: null,
    band: 'none',
    homeward_role: 'administrator',
    team_id: null,
    base_location: null,
    password_hash: await hashPassword(password),
    created_at: now,
    updated_at: now,
  })
  .execute();
await database.close();
console.log(`Administrator ${email} created.`);
if (!process.env.HOMEWARD_ADMIN_PASSWORD) console.log(`Password (shown once, change it after signing in): ${password}`);
