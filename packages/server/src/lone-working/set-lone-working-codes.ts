// A clinician's own check-out code and covert duress code (issue 14 #4): 4 to 8 digits each, and not
// the same (nor one the start of the other, so a slip of a finger cannot turn one into the other
// unnoticed). Hashed as passwords are; setting them again starts the wrong-code count afresh.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, versionConflict, type FieldError } from '../platform/homeward-error.ts';
import { hashCode } from './code-hash.ts';

export type LoneWorkingCodesInput = { checkOutCode: string; checkOutCodeAgain: string; duressCode: string; duressCodeAgain: string };

export function checkLoneWorkingCodes(i: LoneWorkingCodesInput): FieldError[] {
  const problems: FieldError[] = [];
  const digits = (value: string, path: string, name: string) => {
    if (value === '') problems.push({ path, message: `Enter your ${name}` });
    else if (!/^\d{4,8}$/.test(value)) problems.push({ path, message: `Your ${name} must be 4 to 8 digits, numbers only` });
    else return true;
    return false;
  };
  const checkOutOk = digits(i.checkOutCode, 'checkOutCode', 'check-out code');
  const duressOk = digits(i.duressCode, 'duressCode', 'duress code');
  if (checkOutOk && i.checkOutCodeAgain !== i.checkOutCode) problems.push({ path: 'checkOutCodeAgain', message: 'The check-out codes you entered do not match' });
  if (duressOk && i.duressCodeAgain !== i.duressCode) problems.push({ path: 'duressCodeAgain', message: 'The duress codes you entered do not match' });
  if (checkOutOk && duressOk && (i.checkOutCode.startsWith(i.duressCode) || i.duressCode.startsWith(i.checkOutCode))) {
    problems.push({ path: 'duressCode', message: 'Your duress code must be different from your check-out code (and not start the same way)' });
  }
  return problems;
}

export type SetLoneWorkingCodesOptions = { actor: Actor; checkOutCode: string; duressCode: string; /** The codes' version the form was shown with; null when none were set. */ version: number | null };

export async function setLoneWorkingCodes(trx: Kysely<Database>, o: SetLoneWorkingCodesOptions): Promise<{ version: number }> {
  const problems = checkLoneWorkingCodes({ checkOutCode: o.checkOutCode, checkOutCodeAgain: o.checkOutCode, duressCode: o.duressCode, duressCodeAgain: o.duressCode });
  if (problems.length) throw new HomewardError('validation_failed', problems[0]!.message, { fields: problems });
  const [checkOutHash, duressHash] = await Promise.all([hashCode(o.checkOutCode), hashCode(o.duressCode)]);
  const staffId = o.actor.staff.staffId;
  const now = o.actor.now;
  const current = await trx.selectFrom('lone_working_codes').select(['version']).where('staff_id', '=', staffId).forUpdate().executeTakeFirst();
  const stale = () => versionConflict({ version: current?.version ?? null });
  let version: number;
  if (!current) {
    if (o.version !== null) throw stale();
    const row = await trx.insertInto('lone_working_codes').values({
      staff_id: staffId, check_out_code_hash: checkOutHash, duress_code_hash: duressHash, created_at: now, created_by: staffId, updated_at: now, updated_by: staffId,
    }).onConflict((oc) => oc.column('staff_id').doNothing()).returning('version').executeTakeFirst();
    if (!row) throw stale();
    version = row.version;
  } else {
    if (o.version !== current.version) throw stale();
    const row = await trx.updateTable('lone_working_codes')
      .set((eb) => ({ check_out_code_hash: checkOutHash, duress_code_hash: duressHash, wrong_attempts: 0, locked_until: null, version: eb('version', '+', 1), updated_at: now, updated_by: staffId }))
      .where('staff_id', '=', staffId)
      .returning('version')
      .executeTakeFirstOrThrow();
    version = row.version;
  }
  // Never the codes themselves, nor which is which.
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'lone-working-codes', recordId: staffId, detail: { change: current ? 'changed' : 'set' } });
  return { version };
}
