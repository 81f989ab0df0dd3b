// What the FHIR context keeps of its own: which ServiceRequest each referral received by FHIR came from.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type ReceivedReferral = { referralId: string; identifierSystem: string | null; identifierValue: string | null; authoredOn: string | null };

const columns = ['referral_id', 'identifier_system', 'identifier_value', 'authored_on'] as const;
const toReceived = (r: { referral_id: string; identifier_system: string | null; identifier_value: string | null; authored_on: string | null }): ReceivedReferral => ({
  referralId: r.referral_id, identifierSystem: r.identifier_system, identifierValue: r.identifier_value, authoredOn: r.authored_on,
});

/** The referral made from a ServiceRequest with this identifier, if one was received. */
export async function findReceivedByIdentifier(db: Kysely<Database>, o: { system: string; value: string }): Promise<ReceivedReferral | null> {
  const row = await db.selectFrom('fhir_received_referrals').select(columns).where('identifier_system', '=', o.system).where('identifier_value', '=', o.value).executeTakeFirst();
  return row ? toReceived(row) : null;
}

/** How each of these referrals was received by FHIR (those that were). */
export async function receivedReferrals(db: Kysely<Database>, referralIds: readonly string[]): Promise<Map<string, ReceivedReferral>> {
  if (referralIds.length === 0) return new Map();
  const rows = await db.selectFrom('fhir_received_referrals').select(columns).where('referral_id', 'in', referralIds).execute();
  return new Map(rows.map((r) => [r.referral_id, toReceived(r)]));
}

export async function insertReceivedReferral(trx: Kysely<Database>, o: { id: string; referralId: string; identifier: { system: string; value: string } | null; authoredOn: string | null; now: Date; staffId: string }): Promise<void> {
  await trx.insertInto('fhir_received_referrals').values({
    id: o.id,
    referral_id: o.referralId,
    identifier_system: o.identifier?.system ?? null,
    identifier_value: o.identifier?.value ?? null,
    authored_on: o.authoredOn,
    received_at: o.now,
    received_by: o.staffId,
  }).execute();
}
