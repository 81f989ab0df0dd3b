// Report pages, their CSV exports and the JSON (issue 18 #1). Each report is one page with the filters
// (team, service, dates), a chart where a picture reads faster (with its data table), every table, and a
// CSV download. A report shown is audited as read, a CSV as an export (who, which report, which filters).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { serviceLabels, services, ukDateOf } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { errorResponse } from '../platform/openapi.ts';
import { auditReport, authoriseReport } from './report-access.ts';
import { readReport } from './report-catalogue.ts';
import { describeFilter, filterQueryString, parseReportFilter, reportQuery, type ReportQuery } from './report-filter.ts';
import { reportCsv, reportDescriptions, reportIds, reportTitles, type ReportId } from './report-model.ts';

const hidden = { hide: true };
const choices = (chosen: string, items: Array<{ value: string; text: string }>) => items.map((i) => ({ ...i, selected: i.value === chosen }));
const reportParam = z.enum(reportIds, { error: `report must be one of ${reportIds.join(', ')}` });
const cell = z.union([z.string(), z.number(), z.null()]);
const reportResponse = z.object({
  report: reportParam,
  title: z.string(),
  filters: z.object({ teamIds: z.array(z.string()), service: z.string().nullable(), from: z.string(), to: z.string() }),
  tables: z.array(z.object({ id: z.string(), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(cell)), note: z.string().optional() })),
});

/** Bad filters in the JSON or the CSV: a 400 naming each query field, as the schema's own refusals do. */
function filterRefusal(fields: FieldError[]): HomewardError {
  const named = fields.map((f) => ({ path: `querystring.${f.path}`, message: f.message }));
  return new HomewardError('validation_failed', named.length === 1 ? named[0]!.message : 'There is a problem with the filters', { fields: named });
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  /** Filters checked, access decided (refusals audited), the report read; bad filters are field errors. */
  async function run(request: FastifyRequest, report: ReportId, q: ReportQuery) {
    const actor = actorOf(request);
    const parsed = parseReportFilter(q, actor.now);
    const access = await authoriseReport(app.db, { actor, report, team: parsed.filter.team });
    if (parsed.fields.length) return { actor, access, parsed, result: null };
    const result = await readReport(app.db, report, { access, filter: parsed.filter, now: actor.now });
    return { actor, access, parsed, result };
  }

  const filtersOf = (f: ReturnType<typeof parseReportFilter>['filter']) => ({ team: f.team, service: f.service, from: f.from, to: f.to });

  typed.get('/api/reports/:report', {
    schema: {
      tags: ['reports'],
      summary: 'A report as tables: SSNAP therapy, waiting, D2A and intermediate care, activity, outcomes',
      description: 'For assistant practitioners, registered therapists, clinical leads (their team) and service managers (any team, or team=all). Dates as day, month and year fields. Audited as read.',
      params: z.object({ report: reportParam }),
      querystring: reportQuery,
      response: { 200: reportResponse, ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    const { access, parsed, result } = await run(request, request.params.report, request.query);
    if (!result) throw filterRefusal(parsed.fields);
    await auditReport(app.db, { access, report: result.report, action: 'read', filters: filtersOf(parsed.filter), rows: result.tables.reduce((n, t) => n + t.rows.length, 0), episodeIds: result.episodeIds });
    return {
      report: result.report,
      title: result.title,
      filters: { teamIds: access.teamIds, service: parsed.filter.service, from: parsed.filter.from, to: parsed.filter.to },
      tables: result.tables.map(({ id, title, columns, rows, note }) => ({ id, title, columns, rows, ...(note ? { note } : {}) })),
    };
  });

  typed.get('/reports', { schema: hidden }, async (request, reply) => {
    await authoriseReport(app.db, { actor: actorOf(request), report: null, team: null });
    return reply.page('reports/pages/reports.njk', {
      section: 'reports',
      title: 'Reports',
      reports: reportIds.map((id) => ({ id, title: reportTitles[id], description: reportDescriptions[id] })),
    });
  });

  async function page(request: FastifyRequest, reply: FastifyReply, report: ReportId, q: ReportQuery) {
    const { access, parsed, result } = await run(request, report, q);
    if (result) await auditReport(app.db, { access, report, action: 'read', filters: filtersOf(parsed.filter), rows: result.tables.reduce((n, t) => n + t.rows.length, 0), episodeIds: result.episodeIds });
    return reply.code(parsed.fields.length ? 400 : 200).page('reports/pages/report.njk', {
      section: 'reports',
      title: reportTitles[report],
      description: reportDescriptions[report],
      reportId: report,
      result,
      teamNames: access.teamNames,
      teamChoices: access.teamChoices.length ? choices(parsed.values.team ?? '', [{ value: '', text: 'My team' }, { value: 'all', text: 'All teams' }, ...access.teamChoices.map((t) => ({ value: t.id, text: t.name }))]) : [],
      serviceChoices: choices(parsed.values.service ?? '', [{ value: '', text: 'All services' }, ...services.map((s) => ({ value: s, text: serviceLabels[s] }))]),
      values: parsed.values,
      window: { from: parsed.filter.from, to: parsed.filter.to },
      csvHref: `/reports/${report}.csv?${filterQueryString(parsed.filter)}`,
      errors: errorList(parsed.fields, { from: 'from-day', to: 'to-day' }),
      fieldErrors: errorsByField(parsed.fields),
      backHref: '/reports',
      backText: 'Back to reports',
    });
  }

  typed.get('/reports/:report', { schema: { ...hidden, params: z.object({ report: reportParam }), querystring: reportQuery } }, async (request, reply) => page(request, reply, request.params.report, request.query));

  typed.get('/reports/:report.csv', { schema: { ...hidden, params: z.object({ report: reportParam }), querystring: reportQuery } }, async (request, reply) => {
    const { actor, access, parsed, result } = await run(request, request.params.report, request.query);
    if (!result) throw filterRefusal(parsed.fields);
    const csv = reportCsv(result, describeFilter(parsed.filter, access.teamNames));
    // What left Homeward, and who took it: audited before it is sent.
    await auditReport(app.db, { access, report: result.report, action: 'export', filters: filtersOf(parsed.filter), rows: result.tables.reduce((n, t) => n + t.rows.length, 0), episodeIds: result.episodeIds });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${result.report}-${parsed.filter.from}-to-${parsed.filter.to}-${ukDateOf(actor.now)}.csv"`)
      .send(csv);
  });
}
