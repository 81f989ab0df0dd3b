// The caseload pages: my caseload, the team's caseload with capacity, the waiting list, and the
// first-contact report. Filters are GET parameters; ?print=1 gives the printable view (audited as a print).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf, auditAs } from '../platform/actor.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import { auditListRead, authoriseTeamList, ownCaseloadScope } from './caseload-access.ts';
import { filterValues, parseCaseloadFilter } from './caseload-filter.ts';
import { listCaseload, listCaseloadDue, listTeamCapacity, type CaseloadScope } from './caseload-queries.ts';
import { firstContactReport, reportWindow } from './first-contact-report.ts';
import { formatDuration, isoDateToParts, mayDeliverActivities, parseDateParts, priorities, priorityLabels, serviceLabels, services, ukDateOf, type Service } from '@homeward/clinical';
import { episodeLabels } from './episode-labels.ts';
import { listTeamClinicians } from './episode-queries.ts';

const hidden = { hide: true };
const listQuery = z.record(z.string(), z.string());

const filterOptions = {
  services: services.map((value) => ({ value, text: serviceLabels[value] })),
  priorities: priorities.map((value) => ({ value, text: priorityLabels[value] })),
};

/** Keeps the filters on links (print view, back from print). */
function queryString(values: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...values, ...extra });
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function caseloadPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function renderList(request: FastifyRequest, reply: FastifyReply, kind: 'mine' | 'team' | 'waiting'): Promise<FastifyReply> {
    const q = request.query as Record<string, string>;
    const recordKind = kind === 'waiting' ? 'waiting-list' : 'caseload';
    const access = await authoriseTeamList(app.db, { actor: actorOf(request), recordKind, showsTeamPatients: kind !== 'mine' });
    const print = q.print === '1';
    const values = filterValues(q);
    const filter = parseCaseloadFilter(q);
    const now = app.config.now();
    const scope: CaseloadScope =
      kind === 'mine' ? ownCaseloadScope(access.principal, access.teamId) : kind === 'team' ? { kind: 'team', teamId: access.teamId } : { kind: 'waiting-list', teamId: access.teamId };
    const listed = await listCaseload(app.db, scope, filter, now);
    // Reviews and assessments due, for the page only (one grouped query for these rows), not the API.
    const due = kind === 'waiting' ? new Map() : await listCaseloadDue(app.db, listed, now);
    const rows = listed.map((r) => ({ ...r, due: due.get(r.episodeId) ?? null }));
    const capacity = kind === 'team' ? await listTeamCapacity(app.db, access.teamId, await listTeamClinicians(app.db, access.teamId, { includeSupportWorkers: false })) : null;
    await auditListRead(app.db, {
      actor: access.actor,
      recordKind,
      action: print ? 'print' : 'read',
      episodeIds: rows.map((r) => r.episodeId),
      detail: { scope: kind, teamId: access.teamId, ...(kind === 'mine' ? { staffId: access.principal.staffId } : {}), filters: values },
    });
    const titles = { mine: 'My caseload', team: 'Team caseload', waiting: 'Waiting list' };
    const path = kind === 'mine' ? '/caseload' : kind === 'team' ? '/caseload/team' : '/caseload/waiting';
    return reply.page('caseload/pages/caseload.njk', {
      title: titles[kind],
      section: kind === 'waiting' ? 'waiting' : 'caseload',
      kind,
      path,
      rows,
      capacity,
      print,
      bodyClasses: print ? 'hw-print' : undefined,
      printedAt: now,
      values,
      filtered: Object.keys(values).length > 0,
      printHref: `${path}${queryString(values, { print: '1' })}`,
      screenHref: `${path}${queryString(values)}`,
      options: filterOptions,
      labels: episodeLabels,
      // Rows about to breach (within 4 hours) are flagged on the waiting list as well as breached ones.
      soonMinutes: 4 * 60,
      // Whoever delivers delegated activities is pointed to their list of them (issue 11 #2).
      delegatedWork: kind === 'mine' && mayDeliverActivities(access.principal.role),
    });
  }

  typed.get('/caseload', { schema: { ...hidden, querystring: listQuery } }, (request, reply) => renderList(request, reply, 'mine'));
  typed.get('/caseload/team', { schema: { ...hidden, querystring: listQuery } }, (request, reply) => renderList(request, reply, 'team'));
  typed.get('/caseload/waiting', { schema: { ...hidden, querystring: listQuery } }, (request, reply) => renderList(request, reply, 'waiting'));

  typed.get('/reports/first-contact', { schema: { ...hidden, querystring: listQuery } }, async (request, reply) => {
    const access = await authoriseTeamList(app.db, { actor: actorOf(request), recordKind: 'first-contact-report' });
    const q = request.query as Record<string, string>;
    // Day, month and year fields, as every date in Homeward; a link may still say ?from=yyyy-mm-dd.
    // A real calendar date, not just its shape: 2026-00-10 or 2026-02-30 would make an invalid window.
    const isoDate = { test: (value: string) => z.iso.date().safeParse(value).success };
    const fields: FieldError[] = [];
    const today = ukDateOf(app.config.now());
    const typed = (name: 'from' | 'to') => ({ day: q[`${name}-day`] ?? '', month: q[`${name}-month`] ?? '', year: q[`${name}-year`] ?? '' });
    const dayOf = (name: 'from' | 'to', label: string, example: string): string | undefined => {
      const parts = typed(name);
      if (parts.day || parts.month || parts.year) {
        const parsed = parseDateParts(parts, { label, today, earliestYear: 2000 });
        if (parsed.ok) return parsed.value;
        fields.push({ path: name, message: parsed.message });
        return undefined;
      }
      if (!q[name]) return undefined;
      if (isoDate.test(q[name])) return q[name];
      fields.push({ path: name, message: `${label} must be a date like ${example}` });
      return undefined;
    };
    const window = reportWindow({ from: dayOf('from', 'From', '2026-11-01'), to: dayOf('to', 'To', '2026-11-30') }, app.config.now());
    if (!fields.length && window.from > window.to) fields.push({ path: 'from', message: 'From must be the same as or before To' });
    const rows = fields.length ? [] : await firstContactReport(app.db, access.teamId, window.fromInstant, window.toInstant);
    await auditAs(access.actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'first-contact-report', detail: { teamId: access.teamId, from: window.from, to: window.to, count: rows.reduce((n, r) => n + r.count, 0) } });
    return reply.code(fields.length ? 400 : 200).page('caseload/pages/first-contact-report.njk', {
      title: 'Referral to first contact',
      section: 'reports',
      window,
      // What was typed stays in the fields, beside its error; else the window shown.
      values: Object.fromEntries((['from', 'to'] as const).flatMap((name) => {
        const parts = typed(name);
        const shown = parts.day || parts.month || parts.year ? parts : isoDateToParts(window[name]);
        return [[`${name}-day`, shown.day], [`${name}-month`, shown.month], [`${name}-year`, shown.year]];
      })),
      backHref: '/reports',
      backText: 'Reports',
      rows: rows.map((r) => ({
        ...r,
        serviceLabel: serviceLabels[r.service as Service] ?? r.service,
        median: r.medianMinutes === null ? '–' : formatDuration(r.medianMinutes),
        p90: r.p90Minutes === null ? '–' : formatDuration(r.p90Minutes),
      })),
      // Each problem links to its date's first field (the day), as on every date in Homeward.
      errors: errorList(fields, { from: 'from-day', to: 'to-day' }),
      fieldErrors: errorsByField(fields),
    });
  });
}
