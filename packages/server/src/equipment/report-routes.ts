// Equipment reports: on loan by category and cost, overdue inspections, uncollected after discharge, loan
// durations; CSV (issue 15 #9). For the clinicians who see the whole team's work and its managers, of
// their own team. Each report shown is audited as read; each CSV that leaves is audited as an export
// (who, which report, how many rows).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { hasTeamWideAccess, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { actorOf, auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { errorResponse } from '../platform/openapi.ts';
import { spreadsheetCsv } from '../platform/spreadsheet-csv.ts';
import { equipmentReports, equipmentReportTitles, readEquipmentReport, type EquipmentReport, type ReportTable } from './report-queries.ts';

const tags = ['equipment'];
const hidden = { hide: true };
export const reportRecordKind = 'equipment-report';

/** Who may see the team's equipment reports (pages offer them by this rule). */
export function maySeeEquipmentReports(role: Parameters<typeof hasTeamWideAccess>[0]): boolean {
  return hasTeamWideAccess(role);
}

async function authoriseReports(db: Kysely<Database>, actor: Actor, report: EquipmentReport | null): Promise<string> {
  await requireClinicalActor(db, actor);
  const staff = actor.staff;
  const refuse = async (rule: string, message: string): Promise<never> => {
    await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: reportRecordKind, detail: { rule, report } });
    throw new HomewardError('forbidden', message);
  };
  if (staff.teamId === null) return refuse('no-team', 'You are not in a team, so there are no team equipment reports to show');
  if (!maySeeEquipmentReports(staff.role)) return refuse('sees-own-work-only', 'Support workers and students cannot see the team’s equipment reports');
  return staff.teamId;
}

const reportParam = z.enum(equipmentReports, { error: `report must be one of ${equipmentReports.join(', ')}` });
const tableResponse = z.object({ report: reportParam, title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))) });

export function reportCsv(table: ReportTable): string {
  return spreadsheetCsv([table.columns, ...table.rows]);
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/equipment/reports/:report', {
    schema: {
      tags,
      summary: 'An equipment report of your team, as a table: on loan by category and cost, overdue inspections, not collected after discharge, loan durations',
      description: 'For assistant practitioners, registered therapists, clinical leads and service managers. No patient is named. Audited as read.',
      params: z.object({ report: reportParam }),
      response: { 200: tableResponse, ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const teamId = await authoriseReports(app.db, actor, request.params.report);
    const table = await readEquipmentReport(app.db, { report: request.params.report, teamId, now: actor.now });
    await auditAs(actor, app.db, { action: 'read', outcome: 'allowed', recordKind: reportRecordKind, recordId: null, detail: { report: table.report, rows: table.rows.length, teamId } });
    return table;
  });

  typed.get('/equipment/reports', { schema: hidden }, async (request, reply) => {
    await authoriseReports(app.db, actorOf(request), null);
    return reply.page('equipment/pages/reports.njk', { section: 'equipment', title: 'Equipment reports', reports: equipmentReports.map((r) => ({ id: r, title: equipmentReportTitles[r] })) });
  });

  typed.get('/equipment/reports/:report', { schema: { ...hidden, params: z.object({ report: reportParam }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const teamId = await authoriseReports(app.db, actor, request.params.report);
    const table = await readEquipmentReport(app.db, { report: request.params.report, teamId, now: actor.now });
    await auditAs(actor, app.db, { action: 'read', outcome: 'allowed', recordKind: reportRecordKind, recordId: null, detail: { report: table.report, rows: table.rows.length, teamId } });
    return reply.page('equipment/pages/report.njk', { section: 'equipment', title: table.title, table, csvHref: `/equipment/reports/${table.report}.csv`, backHref: '/equipment/reports', backText: 'Back to equipment reports' });
  });

  typed.get('/equipment/reports/:report.csv', { schema: { ...hidden, params: z.object({ report: reportParam }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const teamId = await authoriseReports(app.db, actor, request.params.report);
    const table = await readEquipmentReport(app.db, { report: request.params.report, teamId, now: actor.now });
    const csv = reportCsv(table);
    // What left Homeward, and who took it: audited before it is sent.
    await auditAs(actor, app.db, { action: 'export', outcome: 'allowed', recordKind: reportRecordKind, recordId: null, detail: { report: table.report, rows: table.rows.length, teamId, format: 'csv' } });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="equipment-${table.report}-${ukDateOf(actor.now)}.csv"`)
      .send(csv);
  });
}
