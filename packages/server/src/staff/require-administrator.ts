// Only administrators manage staff accounts. Every refusal is audited, so the privacy officer can
// see who tried to reach staff administration without the role.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditAs, type Actor } from '../platform/actor.ts';

const refusal = 'Only administrators can manage staff accounts';

/** Refuses (audited, committed on its own through `db`) anyone but an administrator. */
export async function requireAdministrator(db: Kysely<Database>, actor: Actor): Promise<Actor> {
  if (actor.staff.role !== 'administrator') {
    await auditAs(actor, db, { action: 'staff-admin', outcome: 'refused', recordKind: 'staff', detail: { method: actor.origin.method, route: actor.origin.via, rule: 'role' } });
    throw new HomewardError('forbidden', refusal);
  }
  return actor;
}

/**
 * The same rule inside a write's transaction, as a second line: the routes have refused (and audited)
 * already, and an audit written here would roll back with the refusal.
 */
export function assertAdministrator(actor: Actor): void {
  if (actor.staff.role !== 'administrator') throw new HomewardError('forbidden', refusal);
}
