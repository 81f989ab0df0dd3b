import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  isClinicalRole,
  serviceLabels,
  formatUkDateTime,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { loadAccessFacts } from '../access/relationship-queries.ts';
import type { ReferralDetails } from './check-referral-details.ts';
import { findOpenReferral, findReferral, insertReferral } from './referral-queries.ts';
import type { ReferralResponse } from './referral-schema.ts';

/** A referral names a patient already in the index; an unknown id is refused before anything is written. */
export function unknownPatient(): HomewardError {
  return new HomewardError('not_found', 'There is no patient with this id in the index. Find the patient, or register them, before making the referral. Nothing was saved.');
}

export type ReferralIntakeGrant = { teamId: string; staffId: string; hadRelationship: boolean };

/**
 * May this person take a referral for this patient to their team? Any clinician of a team may, for
 * any patient in the index: the referral is what creates the team's legitimate relationship, so no
 * relationship is needed beforehand. Call it before opening the write's transaction, so a refusal's
 * audit record is not rolled back.
 */
export async function authoriseReferralIntake(request: FastifyRequest, patientId: string): Promise<ReferralIntakeGrant> {
  const principal = requirePrincipal(request);
  if (!isClinicalRole(principal.role)) {
    await audit(request, { action: 'write', outcome: 'refused', patientId, recordKind: 'referral', detail: { rule: 'role-not-clinical' } });
    throw new HomewardError('forbidden', 'Only clinical staff can take referrals. Your role is for other work.');
  }
  if (!principal.teamId) {
    await audit(request, { action: 'write', outcome: 'refused', patientId, recordKind: 'referral', detail: { rule: 'no-team' } });
    throw new HomewardError('forbidden', 'Referrals are made to a team, and you do not belong to one. Ask an administrator to add you to your team.');
  }
  const facts = (await loadAccessFacts(request.server.db, principal, [patientId], request.server.config.now())).get(patientId);
  return { teamId: principal.teamId, staffId: principal.staffId, hadRelationship: facts?.hasRelationship ?? false };
}

export type MakeReferralOptions = {
  id: string;
  patientId: string;
  details: ReferralDetails;
  grant: ReferralIntakeGrant;
  /** The clinician has seen the warning about an open referral to the same service and saves anyway. */
  confirmDuplicate: boolean;
};

/**
 * Records a referral to the clinician's team, unless the patient already has an open referral to the
 * same service with the team and the clinician has not confirmed (409 'duplicate', carrying the open
 * referral). Runs inside the caller's transaction, with its audit.
 */
export async function makeReferral(request: FastifyRequest, trx: Kysely<Database>, o: MakeReferralOptions): Promise<ReferralResponse> {
  const now = request.server.config.now();
  if (await findReferral(trx, o.id)) throw new HomewardError('duplicate', 'A referral with this id already exists');
  const open = await findOpenReferral(trx, { patientId: o.patientId, teamId: o.grant.teamId, service: o.details.service });
  if (open && !o.confirmDuplicate) throw possibleDuplicate(open);
  const referral = await insertReferral(trx, { id: o.id, patientId: o.patientId, teamId: o.grant.teamId, details: o.details, staffId: o.grant.staffId, now });
  await audit(
    request,
    {
      action: 'write',
      outcome: 'allowed',
      patientId: o.patientId,
      recordKind: 'referral',
      recordId: referral.id,
      detail: {
        change: 'received',
        service: referral.service,
        // A referral from outside the team's care is what starts the relationship; the privacy officer can see which.
        basis: o.grant.hadRelationship ? 'relationship' : 'new-referral',
        ...(open ? { confirmedDespiteOpenReferral: open.id } : {}),
      },
    },
    trx,
  );
  return referral;
}

function possibleDuplicate(open: ReferralResponse): HomewardError {
  const what = open.status === 'incoming' ? 'waiting for triage' : 'accepted, with an episode of care still open';
  const message = `This patient already has an open referral to ${serviceLabels[open.service]}, received ${formatUkDateTime(open.receivedAt)} and ${what}. Check it before saving another; if this is a new referral, confirm to save it anyway.`;
  return new HomewardError('duplicate', message, { fields: [{ path: 'confirmDuplicate', message }], current: open });
}
