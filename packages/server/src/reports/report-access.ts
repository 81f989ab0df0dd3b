// Who may see a report, and of which teams. Reports are for the roles that see the whole team's work,
// of their own team; the service manager may choose any team, or all. Every refusal is audited with the
// rule, as the team lists' are. Reports count and sum; the one that lists patients row by row (SSNAP)
// names episodes, not people, and the record behind each link decides access as always.
import type { Kysely } from 'kysely';
import { maySeeEveryTeamsReports, maySeeReports } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import type { ReportId } from './report-model.ts';

export const reportRecordKind = 'report';

export type ReportAccess = {
  actor: Actor;
  /** The teams the report covers. */
  teamIds: string[];
  teamNames: string;
  /** The teams the user may choose between (the service manager's list); empty for everyone else. */
  teamChoices: Array<{ id: string; name: string }>;
};

export async function authoriseReport(db: Kysely<Database>, o: { actor: Actor; report: ReportId | null; team: string | null }): Promise<ReportAccess> {
  await requireClinicalActor(db, o.actor);
  const staff = o.actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: reportRecordKind, detail: { rule, report: o.report, team: o.team } });
    throw new HomewardError('forbidden', message);
  };
  if (staff.teamId === null) return refuse('no-team', 'You are not in a team, so there are no team reports to show');
  if (!maySeeReports(staff.role)) return refuse('sees-own-work-only', 'Support workers and students see their own work, not the team’s reports');
  const everyTeam = maySeeEveryTeamsReports(staff.role);
  const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
  const own = teams.find((t) => t.id === staff.teamId)!;
  if (o.team === null || o.team === staff.teamId) {
    return { actor: o.actor, teamIds: [own.id], teamNames: own.name, teamChoices: everyTeam ? teams : [] };
  }
  if (!everyTeam) return refuse('other-team', 'You can only see your own team’s reports');
  if (o.team === 'all') return { actor: o.actor, teamIds: teams.map((t) => t.id), teamNames: 'All teams', teamChoices: teams };
  const chosen = teams.find((t) => t.id === o.team);
  if (!chosen) throw new HomewardError('validation_failed', 'Choose a team from the list', { fields: [{ path: 'team', message: 'Choose a team from the list' }] });
  return { actor: o.actor, teamIds: [chosen.id], teamNames: chosen.name, teamChoices: teams };
}

/** A report read or exported, with the filters, audited before the figures are sent. */
export async function auditReport(db: Kysely<Database>, o: { access: ReportAccess; report: ReportId; action: 'read' | 'export'; filters: Record<string, unknown>; rows: number; episodeIds: readonly string[] }): Promise<void> {
  const episodes = o.episodeIds.length <= 200 ? { episodeIds: o.episodeIds } : { episodeCount: o.episodeIds.length };
  await auditAs(o.access.actor, db, {
    action: o.action,
    outcome: 'allowed',
    recordKind: reportRecordKind,
    recordId: null,
    detail: { report: o.report, teamIds: o.access.teamIds, filters: o.filters, rows: o.rows, ...episodes, ...(o.action === 'export' ? { format: 'csv' } : {}) },
  });
}
