// Team lists (caseloads, the waiting list, the first-contact report): clinical staff see their own
// team's lists and the caseloads of colleagues in it; anything else is refused and the refusal audited.
// Lists that name the team's patients follow the record's rule (care-relationship.ts): support workers
// and students see only their own list, of the episodes they work on, not the team's patients.
import type { Kysely } from 'kysely';
import { hasTeamWideAccess } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditAs, requireClinicalActor, type ActingStaff, type Actor } from '../platform/actor.ts';
import { findStaffForAllocation, type StaffForAllocation } from './episode-queries.ts';
import type { CaseloadScope } from './caseload-queries.ts';

export type TeamListAccess = { actor: Actor; principal: ActingStaff; teamId: string; clinician: StaffForAllocation | null };

export type AuthoriseTeamListOptions = {
  actor: Actor;
  recordKind: string;
  /** A team asked for by id; must be the principal's own. */
  teamId?: string;
  /** A colleague whose caseload is asked for; must be in the principal's team. */
  staffId?: string;
  /** The list names patients across the team (team caseload, waiting list, a colleague's caseload). */
  showsTeamPatients?: boolean;
};

/** "My caseload": the episodes a clinician holds, or, for support workers and students, the ones they work on. */
export function ownCaseloadScope(principal: ActingStaff, teamId: string): CaseloadScope {
  return hasTeamWideAccess(principal.role) ? { kind: 'clinician', staffId: principal.staffId } : { kind: 'works-on', staffId: principal.staffId, teamId };
}

export async function authoriseTeamList(db: Kysely<Database>, o: AuthoriseTeamListOptions): Promise<TeamListAccess> {
  await requireClinicalActor(db, o.actor);
  const principal = o.actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: o.recordKind, detail: { rule, teamId: o.teamId ?? null, staffId: o.staffId ?? null } });
    throw new HomewardError('forbidden', message);
  };
  if (principal.teamId === null) return refuse('no-team', 'You are not in a team, so there is no team list to show');
  if (o.teamId !== undefined && o.teamId !== principal.teamId) return refuse('other-team', 'You can only see your own team’s lists');
  if ((o.showsTeamPatients || o.staffId !== undefined) && !hasTeamWideAccess(principal.role)) {
    return refuse('sees-own-work-only', 'Support workers and students see the patients they work on (My caseload), not the whole team’s. Ask the clinician who holds an episode to delegate work or add you to it.');
  }
  let clinician: StaffForAllocation | null = null;
  if (o.staffId !== undefined) {
    clinician = await findStaffForAllocation(db, o.staffId);
    if (!clinician || clinician.teamId !== principal.teamId) return refuse('other-team', 'You can only see the caseloads of people in your own team');
  }
  return { actor: o.actor, principal, teamId: principal.teamId, clinician };
}

/** Lists are audited with the episodes shown, or only their number when the list is long. */
export async function auditListRead(
  db: Kysely<Database>,
  o: { actor: Actor; recordKind: string; action?: 'read' | 'print'; episodeIds: readonly string[]; detail?: Record<string, unknown> },
): Promise<void> {
  const ids = o.episodeIds.length <= 200 ? { episodeIds: o.episodeIds } : {};
  await auditAs(o.actor, db, { action: o.action ?? 'read', outcome: 'allowed', recordKind: o.recordKind, detail: { count: o.episodeIds.length, ...ids, ...(o.detail ?? {}) } });
}
