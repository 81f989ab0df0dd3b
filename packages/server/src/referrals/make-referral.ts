import type { Kysely } from 'kysely';
import { formatUkDateTime, isClinicalRole, serviceLabels } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { authorisePatientAccess, auditWrite, type AccessGrant } from '../access/authorise-patient-access.ts';
import type { ReferralDetails } from './check-referral-details.ts';
import { findOpenReferral, findReferral, insertReferral } from './referral-queries.ts';
import type { ReferralResponse } from './referral-schema.ts';

/** A referral names a patient already in the index; an unknown id is refused before anything is written. */
export function unknownPatient(): HomewardError {
  return new HomewardError('not_found', 'There is no patient with this id in the index. Find the patient, or register them, before making the referral. Nothing was saved.');
}

export type ReferralIntakeGrant = {
  /** Access to refer this patient (which writes the referral, and may record their GP practice). */
  access: AccessGrant<'refer'>;
  teamId: string;
  /** How the maker could see the patient: their team's relationship (registering them included), or their own live break-glass. */
  basis: 'relationship' | 'break-glass';
  /** The break-glass reason, audited with the referral, when that is the basis. */
  reason: string | null;
  breakGlass: AccessGrant['breakGlass'];
};

/**
 * May this person make a referral for this patient to their team? A referral brings the patient into
 * the team's care and opens the record to the whole team, so (packages/clinical, decidePatientAccess
 * 'refer') only a role that takes referrals, and only for a patient the maker can already see: through
 * their team's relationship (a patient their team registered for this referral counts), or their own
 * live break-glass. Refusals are audited. Call it with the database, before opening the write's
 * transaction, so a refusal's audit record is not rolled back.
 */
export async function authoriseReferralIntake(db: Kysely<Database>, o: { actor: Actor; patientId: string }): Promise<ReferralIntakeGrant> {
  const { actor, patientId } = o;
  const staff = actor.staff;
  const refuse = async (rule: string, error: HomewardError): Promise<never> => {
    await auditAs(actor, db, { action: 'write', outcome: 'refused', patientId, recordKind: 'referral', detail: { rule } });
    throw error;
  };
  if (!isClinicalRole(staff.role)) return refuse('role-not-clinical', new HomewardError('forbidden', 'Only clinical staff can take referrals. Your role is for other work.'));
  if (!staff.teamId) {
    return refuse('no-team', new HomewardError('forbidden', 'Referrals are made to a team, and you do not belong to one. Ask an administrator to add you to your team.'));
  }
  const access = await authorisePatientAccess(db, { actor, patientId, action: 'refer', recordKind: 'referral' });
  return { access, teamId: staff.teamId, basis: access.basis, reason: access.reason, breakGlass: access.breakGlass };
}

export type MakeReferralOptions = {
  id: string;
  details: ReferralDetails;
  grant: ReferralIntakeGrant;
  /** The clinician has seen the warning about an open referral to the same service and saves anyway. */
  confirmDuplicate: boolean;
};

/**
 * Records a referral to the clinician's team for the granted patient, unless the patient already has
 * an open referral to the same service with the team and the clinician has not confirmed (409
 * 'duplicate', carrying the open referral). Runs inside the caller's transaction, with its audit.
 */
export async function makeReferral(trx: Kysely<Database>, o: MakeReferralOptions): Promise<ReferralResponse> {
  const access = o.grant.access;
  const patientId = access.patientId;
  const now = access.actor.now;
  if (await findReferral(trx, o.id)) throw new HomewardError('duplicate', 'A referral with this id already exists');
  const open = await findOpenReferral(trx, { patientId, teamId: o.grant.teamId, service: o.details.service });
  if (open && !o.confirmDuplicate) throw possibleDuplicate(open);
  const referral = await insertReferral(trx, { id: o.id, patientId, teamId: o.grant.teamId, details: o.details, staffId: access.staff.staffId, now });
  // A referral made under break-glass starts a relationship: the privacy officer sees which (basis), and why.
  await auditWrite(access, trx, {
    recordKind: 'referral',
    recordId: referral.id,
    detail: { change: 'received', service: referral.service, ...(open ? { confirmedDespiteOpenReferral: open.id } : {}) },
  });
  return referral;
}

function possibleDuplicate(open: ReferralResponse): HomewardError {
  const what = open.status === 'incoming' ? 'waiting for triage' : 'accepted, with an episode of care still open';
  const message = `This patient already has an open referral to ${serviceLabels[open.service]}, received ${formatUkDateTime(open.receivedAt)} and ${what}. Check it before saving another; if this is a new referral, confirm to save it anyway.`;
  return new HomewardError('duplicate', message, { fields: [{ path: 'confirmDuplicate', message }], current: open });
}
