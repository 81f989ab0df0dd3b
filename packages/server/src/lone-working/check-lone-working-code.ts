// The code a clinician gives at check-out, once they have set codes: their check-out code, or their
// covert duress code (which checks out the same way and raises a silent alert). Both hashes are always
// verified, so the time taken does not say which matched. Wrong codes are counted on their own
// statement (committed whatever follows): five in a row and codes are refused for 15 minutes, so
// 10,000 four-digit codes cannot be tried. The missed check-out alert is the safety net meanwhile.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { verifyCode } from './code-hash.ts';

export const wrongCodesAllowed = 5;
export const codeLockMinutes = 15;
export const wrongCodeMessage = 'That code is not right';

/** 'duress-locked': the duress code given while codes are refused: refused all the same, and the alert raised. */
export type CodeOutcome = 'no-codes' | 'check-out' | 'duress' | 'duress-locked';

export const codesLocked = () =>
  new HomewardError('too_many_attempts', `Too many wrong codes. Try again after ${codeLockMinutes} minutes, or call your team. If you are not safe, call 999.`, {
    fields: [{ path: 'code', message: 'Too many wrong codes' }],
  });

export async function checkLoneWorkingCode(db: Kysely<Database>, o: { staffId: string; code: string; now: Date }): Promise<CodeOutcome> {
  const codes = await db.selectFrom('lone_working_codes').selectAll().where('staff_id', '=', o.staffId).executeTakeFirst();
  if (!codes) return 'no-codes';
  const fail = (message: string) => new HomewardError('validation_failed', message, { fields: [{ path: 'code', message }] });
  if (codes.locked_until && codes.locked_until > o.now) {
    // Someone made to check out after a lock-out still raises their duress alert, seen by nobody else.
    if (o.code !== '' && (await verifyCode(o.code, codes.duress_code_hash))) return 'duress-locked';
    throw codesLocked();
  }
  if (o.code === '') throw fail('Enter your check-out code');
  const [checkOut, duress] = await Promise.all([verifyCode(o.code, codes.check_out_code_hash), verifyCode(o.code, codes.duress_code_hash)]);
  if (checkOut || duress) {
    if (codes.wrong_attempts > 0) await db.updateTable('lone_working_codes').set({ wrong_attempts: 0, locked_until: null }).where('staff_id', '=', o.staffId).execute();
    return duress ? 'duress' : 'check-out';
  }
  const lockUntil = new Date(o.now.getTime() + codeLockMinutes * 60_000);
  await db.updateTable('lone_working_codes')
    .set({
      wrong_attempts: sql`case when wrong_attempts + 1 >= ${wrongCodesAllowed} then 0 else wrong_attempts + 1 end`,
      locked_until: sql`case when wrong_attempts + 1 >= ${wrongCodesAllowed} then ${lockUntil}::timestamptz else locked_until end`,
    })
    .where('staff_id', '=', o.staffId)
    .execute();
  throw fail(wrongCodeMessage);
}

/** Whether the clinician has set codes (then check-out asks for one). */
export async function hasLoneWorkingCodes(db: Kysely<Database>, staffId: string): Promise<boolean> {
  return (await db.selectFrom('lone_working_codes').select('staff_id').where('staff_id', '=', staffId).executeTakeFirst()) !== undefined;
}
