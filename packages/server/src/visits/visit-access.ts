// Who may see and change the team's visits. The list names the team's patients, so it follows the
// team lists' rule (caseload): clinicians who see the whole team (assistant practitioners, registered
// therapists, clinical leads, service managers) see their own team's; support workers and students
// see the visits on their run sheets, not the team's. Changing a visit changes how an episode is
// cared for, so it takes the episode's write grant (caseload's authoriseEpisodeWrite: the roles that
// hold episodes). Every refusal is audited.
import type { Kysely } from 'kysely';
import { hasTeamWideAccess, mayHoldEpisodes } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { authoriseEpisodeWrite, type EpisodeAccess, type EpisodeResponse } from '../caseload/public.ts';
import { findTeamVisit, type TeamVisit } from './visit-queries.ts';

export const visitRecordKind = 'visit';
export const visitNeedsRecordKind = 'visit-needs';

export type VisitsListAccess = { actor: Actor; teamId: string; mayChange: boolean };

async function refuse(db: Kysely<Database>, actor: Actor, recordKind: string, rule: string, message: string, action: 'read' | 'write' = 'read'): Promise<never> {
  await auditAs(actor, db, { action, outcome: 'refused', recordKind, detail: { rule, route: actor.origin.via } });
  throw new HomewardError('forbidden', message);
}

/** The team's visits list: the principal's own team, for clinicians who see the whole team. */
export async function authoriseVisitsList(db: Kysely<Database>, o: { actor: Actor; teamId?: string }): Promise<VisitsListAccess> {
  await requireClinicalActor(db, o.actor);
  const staff = o.actor.staff;
  if (staff.teamId === null) return refuse(db, o.actor, visitRecordKind, 'no-team', 'You are not in a team, so there are no team visits to show');
  if (o.teamId !== undefined && o.teamId !== staff.teamId) return refuse(db, o.actor, visitRecordKind, 'other-team', 'You can only see your own team’s visits');
  if (!hasTeamWideAccess(staff.role)) {
    return refuse(db, o.actor, visitRecordKind, 'sees-own-work-only', 'Support workers and students see their own visits on their run sheet, not the whole team’s');
  }
  return { actor: o.actor, teamId: staff.teamId, mayChange: mayHoldEpisodes(staff.role) };
}

/** Proposing the team's visits: its own team, by a role that holds episodes. */
export async function authoriseVisitsPlanning(db: Kysely<Database>, o: { actor: Actor }): Promise<VisitsListAccess> {
  const access = await authoriseVisitsList(db, o);
  if (!access.mayChange) return refuse(db, o.actor, visitRecordKind, 'role-does-not-hold-episodes', 'Only assistant practitioners, registered therapists and clinical leads can propose, add or change visits', 'write');
  return access;
}

/** A visit and the write grant on its episode; 404 when there is no such visit. */
export async function authoriseVisitWrite(
  db: Kysely<Database>,
  o: { actor: Actor; visitId: string; change: string; loadEpisode: (id: string) => Promise<EpisodeResponse> },
): Promise<{ visit: TeamVisit & { teamId: string }; access: EpisodeAccess<'write'> }> {
  await requireClinicalActor(db, o.actor);
  const visit = await findTeamVisit(db, o.visitId);
  if (!visit) throw notFound('Visit');
  const access = await authoriseEpisodeWrite(db, { actor: o.actor, episode: await o.loadEpisode(visit.episodeId), change: o.change });
  return { visit, access };
}
