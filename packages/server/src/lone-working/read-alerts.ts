// Alerts as the rest of Homeward sees them (issue 14): one by id, a clinician's open ones, a team's open ones.
import type { Kysely, Selectable } from 'kysely';
import type { Database, LoneWorkingAlertsTable } from '../db/schema.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';

export const openAlertStatuses = ['running', 'raised', 'acknowledged'] as const;

export function toAlert(r: Selectable<LoneWorkingAlertsTable>): LoneWorkingAlert {
  return {
    id: r.id,
    version: r.version,
    teamId: r.team_id,
    staffId: r.staff_id,
    sessionId: r.session_id,
    kind: r.kind,
    status: r.status,
    note: r.note,
    dueAt: new Date(r.due_at),
    level: r.level,
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    outcome: r.outcome,
  };
}

export async function findAlert(trx: Kysely<Database>, id: string): Promise<LoneWorkingAlert | null> {
  const row = await trx.selectFrom('lone_working_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAlert(row) : null;
}

/** The alert's row, locked for the rest of the transaction: a timer and a responder never change it at once. */
export async function lockAlertRow(trx: Kysely<Database>, id: string): Promise<Selectable<LoneWorkingAlertsTable> | null> {
  return (await trx.selectFrom('lone_working_alerts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
}

/**
 * The clinician's alerts still running (an amber) or raised and not yet closed, newest first. A duress
 * alert is left out unless asked for: it is silent, and the clinician's own screen must never show it.
 */
export async function listOpenAlertsForStaff(trx: Kysely<Database>, o: { staffId: string; includeDuress?: boolean }): Promise<LoneWorkingAlert[]> {
  let q = trx.selectFrom('lone_working_alerts').selectAll().where('staff_id', '=', o.staffId).where('status', 'in', openAlertStatuses);
  if (!o.includeDuress) q = q.where('kind', '<>', 'duress');
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toAlert);
}

/**
 * The team's alerts raised and not yet closed (and ambers running), most urgent first, as `viewerStaffId`
 * sees them: a duress alert about the viewer themself is left out (a lead goes out alone too, and whoever
 * forced the code may be watching her screen); her own red alert is hers to see.
 */
export async function listOpenAlertsForTeam(trx: Kysely<Database>, o: { teamId: string; viewerStaffId: string }): Promise<LoneWorkingAlert[]> {
  const rows = await trx
    .selectFrom('lone_working_alerts')
    .selectAll()
    .where('team_id', '=', o.teamId)
    .where('status', 'in', openAlertStatuses)
    .where((eb) => eb.not(eb.and([eb('kind', '=', 'duress'), eb('staff_id', '=', o.viewerStaffId)])))
    .orderBy('level', 'desc')
    .orderBy('due_at')
    .orderBy('id')
    .execute();
  return rows.map(toAlert);
}
