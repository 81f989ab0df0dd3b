// Who sees the team's lone-working board: its clinical lead and service manager, who answer for the
// team's safety and cover as responders. The board says where each clinician is and which patient
// they are with, so everyone else is refused (and the refusal audited), deny by default.
import type { Kysely } from 'kysely';
import { mayPlanVisits } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

export type BoardAccess = { actor: Actor; teamId: string };

export const boardKind = 'lone-working-board';

/** The same roles that plan the team's day (clinical lead, service manager) watch over it. */
export const mayWatchBoard = mayPlanVisits;

export async function authoriseBoard(db: Kysely<Database>, o: { actor: Actor }): Promise<BoardAccess> {
  const staff = o.actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: boardKind, detail: { route: o.actor.origin.via, rule } });
    throw new HomewardError('forbidden', message);
  };
  if (!mayWatchBoard(staff.role)) return refuse('role', 'Only the team’s clinical lead or service manager can see the lone working board');
  if (staff.teamId === null) return refuse('no-team', 'You are not in a team, so there is no lone working board to show');
  return { actor: o.actor, teamId: staff.teamId };
}
