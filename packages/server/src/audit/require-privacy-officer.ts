import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditAs, type Actor } from '../platform/actor.ts';

export type RequirePrivacyOfficerOptions = {
  actor: Actor;
  /** The patient whose access history was asked for, if any: named in the refusal's audit. */
  patientId: string | null;
};

/**
 * The access audit is for the privacy officer alone. Anyone else is refused, and the attempt is itself
 * audited (with the patient, when it was a patient's access history they tried to see). Runs before
 * validation, so a refusal never depends on how well-formed the request was.
 */
export async function requirePrivacyOfficer(db: Kysely<Database>, o: RequirePrivacyOfficerOptions): Promise<Actor> {
  if (o.actor.staff.role !== 'privacy-officer') {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: 'audit', patientId: o.patientId, detail: { route: o.actor.origin.via, rule: 'role' } });
    throw new HomewardError('forbidden', 'Only the privacy officer can see the access audit');
  }
  return o.actor;
}
