// Who plans the team's visit day: its clinical lead and service manager. The plan names the team's
// patients and says where each clinician will be, so everyone else is refused (and the refusal
// audited), deny by default; the run sheets give each clinician their own day.
import type { Kysely } from 'kysely';
import { mayPlanVisits } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

export { mayPlanVisits };

export type PlanningAccess = { actor: Actor; teamId: string };

export async function authorisePlanning(db: Kysely<Database>, o: { actor: Actor; teamId?: string; what: string }): Promise<PlanningAccess> {
  const staff = o.actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: 'visit-plan', detail: { route: o.actor.origin.via, rule, teamId: o.teamId ?? null } });
    throw new HomewardError('forbidden', message);
  };
  if (!mayPlanVisits(staff.role)) return refuse('role', `Only the team’s clinical lead or service manager can ${o.what}`);
  if (staff.teamId === null) return refuse('no-team', 'You are not in a team, so there is no visit plan to show');
  if (o.teamId !== undefined && o.teamId !== staff.teamId) return refuse('other-team', 'You can only plan your own team’s visits');
  return { actor: o.actor, teamId: staff.teamId };
}
