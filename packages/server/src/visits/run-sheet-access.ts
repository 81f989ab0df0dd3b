// Who may see a run sheet: the clinician whose day it is, and the clinical lead of their team (who plans
// the day and covers for absence). Anyone else is refused, and the refusal audited, before any patient
// is read. Support workers and students see their own run sheet too: the plan sent them to those homes.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { authoriseEpisodeWrite, type EpisodeAccess, type EpisodeResponse } from '../caseload/public.ts';
import { findPlannedStop, type VisitForOutcome } from './run-sheet-queries.ts';

export type RunSheetAccess = { actor: Actor; staff: { id: string; name: string; teamId: string }; own: boolean };

export type AuthoriseRunSheetOptions = { actor: Actor; staffId: string };

export const runSheetKind = 'run-sheet';

export async function authoriseRunSheet(db: Kysely<Database>, o: AuthoriseRunSheetOptions): Promise<RunSheetAccess> {
  await requireClinicalActor(db, o.actor);
  const me = o.actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: runSheetKind, detail: { rule, staffId: o.staffId } });
    throw new HomewardError('forbidden', message);
  };
  if (me.teamId === null) return refuse('no-team', 'You are not in a team, so you have no run sheet');
  if (o.staffId === me.staffId) return { actor: o.actor, staff: { id: me.staffId, name: me.name, teamId: me.teamId }, own: true };
  if (me.role !== 'clinical-lead') return refuse('not-own-run-sheet', 'You can only see your own run sheet. The clinical lead can see everyone’s in the team.');
  const staff = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'team_id']).where('id', '=', o.staffId).executeTakeFirst();
  if (!staff) throw notFound('Member of staff');
  if (staff.team_id !== me.teamId) return refuse('other-team', 'You can only see the run sheets of people in your own team');
  return { actor: o.actor, staff: { id: staff.id, name: `${staff.given_name} ${staff.family_name}`, teamId: staff.team_id }, own: false };
}

export type AuthoriseVisitWriteOptions = { actor: Actor; episode: EpisodeResponse; visit: VisitForOutcome; change: string };

/**
 * Recording what happened on a visit: the episode's write grant (caseload's rule: a relationship to the
 * patient and a role that holds episodes), and the visit on this person's published run sheet, or the
 * person the clinical lead of its team. Refusals are audited.
 */
export async function authoriseVisitWrite(db: Kysely<Database>, o: AuthoriseVisitWriteOptions): Promise<EpisodeAccess<'write'>> {
  if (o.visit.episodeId !== o.episode.id) throw new Error('The visit is not of this episode');
  const access = await authoriseEpisodeWrite(db, { actor: o.actor, episode: o.episode, change: o.change });
  const me = o.actor.staff;
  if (me.role === 'clinical-lead' && me.teamId === o.visit.teamId) return access;
  const stop = await findPlannedStop(db, o.visit);
  if (stop?.staffIds.includes(me.staffId)) return access;
  await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: o.visit.patientId, recordKind: 'visit', recordId: o.visit.id, detail: { change: o.change, rule: 'not-on-run-sheet' } });
  throw new HomewardError('forbidden', 'This visit is not on your run sheet. The clinician it is planned for, or the team’s clinical lead, records what happened.');
}
