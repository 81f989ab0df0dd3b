import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { auditRead, type ReadGrant } from '../access/authorise-patient-access.ts';
import { findReferral } from './referral-queries.ts';
import type { ReferralResponse } from './referral-schema.ts';

export type ReadReferralOptions = { grant: ReadGrant; referralId: string; detail?: Record<string, unknown> };

/** One referral about the granted patient, audited (committed) before it is returned. */
export async function readReferral(db: Kysely<Database>, o: ReadReferralOptions): Promise<ReferralResponse> {
  const referral = await findReferral(db, o.referralId);
  if (!referral || referral.patientId !== o.grant.patientId) throw notFound('Referral');
  await auditRead(o.grant, db, { recordKind: 'referral', recordId: referral.id, detail: o.detail ?? {} });
  return referral;
}
