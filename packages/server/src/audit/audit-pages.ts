// The privacy officer's pages: every break-glass, one patient's access history, recent refusals.
// The privacy officer only (enforced for the whole scope in index.ts), and every look is audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { formatNhsNumber, nhsNumberError, normaliseNhsNumber } from '@homeward/clinical';
import { notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { audit, redirectSeeOther } from '../platform/request-context.ts';
import { countRefusalsSince, findPatientHeader, listBreakGlass, listPatientAccess, listRefusals, type AuditEntry } from './audit-queries.ts';

const pageSize = 50;
const refusalsCountDays = 7;
const refusalsListDays = 30;
const day = 24 * 60 * 60_000;

const hidden = { hide: true };
const pageQuery = z.record(z.string(), z.string());
const idParams = z.object({ id: z.uuid() });

/** Paging numbers come from links people can edit: anything odd means "the first page". */
function positiveInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/** Enough of a user agent to tell a ward PC from a phone; the full text is on the API. */
export function shortenUserAgent(userAgent: string | null, max = 40): string {
  if (!userAgent) return '';
  return userAgent.length > max ? `${userAgent.slice(0, max - 1).trimEnd()}…` : userAgent;
}

const recordKindLabels: Record<string, string> = {
  patient: 'Patient details',
  'patient-history': 'Changes to patient details',
  'patient-index': 'Patient search',
  audit: 'Access audit',
};

function entryView(e: AuditEntry) {
  return {
    ...e,
    recordKindLabel: e.recordKind ? (recordKindLabels[e.recordKind] ?? e.recordKind) : '',
    userAgentShort: shortenUserAgent(e.userAgent),
    rule: typeof e.detail.rule === 'string' ? e.detail.rule : null,
    clinicalTextLabel: e.clinicalTextWithheld.length ? `${e.clinicalTextWithheld.includes('reason') ? 'A reason was' : 'Notes were'} recorded (clinical content, not shown here)` : '',
  };
}

export async function auditPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/audit', { schema: { ...hidden, querystring: pageQuery } }, async (request, reply) => {
    const q = request.query;
    const fields: FieldError[] = [];
    if (q.nhsNumber !== undefined) {
      const problem = nhsNumberError(q.nhsNumber);
      if (problem) {
        fields.push({ path: 'nhsNumber', message: problem });
      } else {
        const nhsNumber = normaliseNhsNumber(q.nhsNumber);
        const patient = await findPatientHeader(app.db, { nhsNumber });
        // Looking a patient up is itself a search of the index, and audited as one.
        await audit(request, {
          action: 'search',
          outcome: 'allowed',
          recordKind: 'patient-index',
          detail: { by: 'nhs-number', purpose: 'audit', results: patient ? 1 : 0, patientIds: patient ? [patient.id] : [] },
        });
        if (patient) return redirectSeeOther(reply, `/audit/patients/${patient.id}`);
        fields.push({ path: 'nhsNumber', message: `No patient has NHS number ${formatNhsNumber(nhsNumber)}. Check the number and try again.` });
      }
    }
    const page = positiveInt(q.page) ?? 1;
    const now = app.config.now();
    const [{ entries, total }, refusals] = await Promise.all([
      listBreakGlass(app.db, { now, page, pageSize }),
      countRefusalsSince(app.db, new Date(now.getTime() - refusalsCountDays * day)),
    ]);
    await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'audit', detail: { view: 'break-glass', page } });
    const pages = Math.max(1, Math.ceil(total / pageSize));
    return reply.code(fields.length ? 400 : 200).page('audit/pages/start.njk', {
      title: 'Access audit',
      section: 'audit',
      breakGlass: entries,
      total,
      page,
      pages,
      previousHref: page > 1 ? `/audit?page=${Math.min(page - 1, pages)}` : null,
      nextHref: page < pages ? `/audit?page=${page + 1}` : null,
      refusals,
      refusalsCountDays,
      values: { nhsNumber: q.nhsNumber ?? '' },
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
    });
  });

  typed.get('/audit/patients/:id', { schema: { ...hidden, params: idParams, querystring: pageQuery } }, async (request, reply) => {
    const patient = await findPatientHeader(app.db, { id: request.params.id });
    if (!patient) throw notFound('Patient');
    const before = positiveInt(request.query.before);
    const { entries, nextBefore } = await listPatientAccess(app.db, { patientId: patient.id, before, limit: pageSize });
    await audit(request, { action: 'read', outcome: 'allowed', patientId: patient.id, recordKind: 'audit', recordId: patient.id, detail: { view: 'patient-access', before } });
    return reply.page('audit/pages/patient.njk', {
      title: `Access history: ${patient.givenName} ${patient.familyName}`,
      section: 'audit',
      patient,
      events: entries.map(entryView),
      newestHref: before !== null ? `/audit/patients/${patient.id}` : null,
      olderHref: nextBefore !== null ? `/audit/patients/${patient.id}?before=${nextBefore}` : null,
      backHref: '/audit',
      backText: 'Access audit',
    });
  });

  typed.get('/audit/refusals', { schema: { ...hidden, querystring: pageQuery } }, async (request, reply) => {
    const before = positiveInt(request.query.before);
    const since = new Date(app.config.now().getTime() - refusalsListDays * day);
    const { entries, nextBefore } = await listRefusals(app.db, { since, before, limit: pageSize });
    await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'audit', detail: { view: 'refusals', days: refusalsListDays, before } });
    return reply.page('audit/pages/refusals.njk', {
      title: 'Refusals',
      section: 'audit',
      refusals: entries.map((e) => ({ ...entryView(e), patient: e.patient })),
      days: refusalsListDays,
      newestHref: before !== null ? '/audit/refusals' : null,
      olderHref: nextBefore !== null ? `/audit/refusals?before=${nextBefore}` : null,
      backHref: '/audit',
      backText: 'Access audit',
    });
  });
}
