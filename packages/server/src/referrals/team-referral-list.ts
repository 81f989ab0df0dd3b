// The team's referral lists are a team-level read: the roles that see every patient in the team's
// care see their own team's (support workers and students, who see only the patients they work on, are
// refused), and the read is audited once for the list (with the referrals shown), not once per patient.
import type { Kysely } from 'kysely';
import { hasTeamWideAccess } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import type { ReferralListItem } from './referral-schema.ts';

/** Enough for a team's incoming list; more than this is a backlog to work through oldest first anyway. */
export const referralListLimit = 500;

// Listing every id keeps the audit answerable ("who saw Mrs B on a list?") without bloating it.
const auditIdLimit = 200;

export type TeamReferralListOptions = { actor: Actor; status: string };

export async function auditTeamReferralList(db: Kysely<Database>, o: TeamReferralListOptions & { referrals: readonly ReferralListItem[] }): Promise<void> {
  const { status, referrals } = o;
  await auditAs(o.actor, db, {
    action: 'read',
    outcome: 'allowed',
    recordKind: 'referral-list',
    detail:
      referrals.length <= auditIdLimit
        ? { status, count: referrals.length, referralIds: referrals.map((r) => r.id), patientIds: referrals.map((r) => r.patient.id) }
        : { status, count: referrals.length },
  });
}

/** Who may see the team's referral lists; refusals are audited. */
export async function authoriseTeamReferralList(db: Kysely<Database>, o: TeamReferralListOptions): Promise<{ teamId: string }> {
  const { actor, status } = o;
  await requireClinicalActor(db, actor);
  const principal = actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: 'referral-list', detail: { rule, status } });
    throw new HomewardError('forbidden', message);
  };
  if (!principal.teamId) return refuse('no-team', 'You do not belong to a team, so there is no incoming list to show. Ask an administrator to add you to your team.');
  if (!hasTeamWideAccess(principal.role)) {
    return refuse('sees-own-work-only', 'Support workers and students see the patients they work on, not the team’s referrals. A registered colleague triages referrals.');
  }
  return { teamId: principal.teamId };
}
