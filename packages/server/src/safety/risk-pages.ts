// The risk register's pages (issue 17 #3): the register as a table with its filters and the 5x5 heat
// map, adding a risk, one risk (its reviews and actions, and the forms to review, add an action, close),
// changing a risk, and the CSV. Thin: parse, authorise, delegate; every form works without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { spreadsheetCsv } from '../platform/spreadsheet-csv.ts';
import { addCalendarDays, dueStatusOf, dueStatusTags, homewardRoleLabels, riskConsequenceLabels, riskHeatMap, riskLikelihoodLabels, riskRatingLabels, riskRatings, ukDateOf, type HomewardRole, type RiskRating } from '@homeward/clinical';
import { actorOf, auditAs } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, type FieldError } from '../platform/homeward-error.ts';
import { checkRiskAction, checkRiskDetails, checkRiskReview } from './check-risk.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { addRisk } from './add-risk.ts';
import { addRiskAction } from './add-risk-action.ts';
import { changeRisk } from './change-risk.ts';
import { closeRisk } from './close-risk.ts';
import { completeRiskAction } from './complete-risk-action.ts';
import { reviewRisk } from './review-risk.ts';
import { authoriseRiskActionDone, authoriseRiskChange, authoriseRiskRegister, mayChangeRisk, mayCompleteRiskAction } from './risk-access.ts';
import { riskSoonDays } from './risk-due-items.ts';
import { chosenId, dateItems, formDay, formValues, idFromForm } from '../platform/form-fields.ts';
import { dayFields, formScale, riskDetailsFromForm, scaleItems } from './risk-form.ts';
import { findRisk, listRiskActions, listRiskReviews, listRisks, listRiskStaff, listTeams, type Risk, type RiskFilter } from './risk-queries.ts';
import { riskCsvColumns, riskCsvRow, riskView, ratingTag } from './risk-view.ts';

const riskParams = z.object({ riskId: z.uuid('riskId must be a UUID') });
const actionParams = z.object({ riskId: z.uuid('riskId must be a UUID'), actionId: z.uuid('actionId must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });
/** The register's filters, as links and the filter form send them; anything else is a 400 naming it. */
export const registerQuery = z.object({
  team: z.union([z.uuid(), z.literal('service'), z.literal('')]).optional(),
  band: z.union([z.enum(riskRatings), z.literal('')]).optional(),
  status: z.enum(['open', 'closed', 'all']).optional(),
  likelihood: z.coerce.number().int().min(1).max(5).optional(),
  consequence: z.coerce.number().int().min(1).max(5).optional(),
  done: z.string().max(40).optional(),
});
type RegisterQuery = z.infer<typeof registerQuery>;

const flashes: Record<string, string> = {
  added: 'Risk added to the register',
  changed: 'Risk changed',
  reviewed: 'Review recorded. The risk’s score and next review date have moved with it.',
  action: 'Action added. It is on the owner’s home page until it is done.',
  'action-done': 'Action marked done',
  closed: 'Risk closed. It is kept in the register under closed risks.',
};
const flashOf = (done: string | undefined) => (done && Object.hasOwn(flashes, done) ? flashes[done] : null);
const roleText = (role: string) => homewardRoleLabels[role as HomewardRole] ?? role;

export function registerFilter(q: RegisterQuery): RiskFilter {
  const status = q.status ?? 'open';
  return {
    ...(q.team ? { teamId: q.team } : {}),
    ...(q.band ? { rating: q.band as RiskRating } : {}),
    ...(status === 'all' ? {} : { status }),
    ...(q.likelihood ? { likelihood: q.likelihood } : {}),
    ...(q.consequence ? { consequence: q.consequence } : {}),
  };
}

/** The filters as a query string, so the heat map's links and the CSV keep them. */
function queryOf(q: Partial<Record<'team' | 'band' | 'status' | 'likelihood' | 'consequence', string | number | undefined>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function riskPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  async function ownerItems(selected: string | undefined) {
    const [staff, teams] = await Promise.all([listRiskStaff(db, { owners: true }), listTeams(db)]);
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    // A clinical lead owns her own team's risks: her team is named, so the right one is chosen.
    const label = (s: (typeof staff)[number]) => (s.role === 'clinical-lead' && s.teamId && teamName.has(s.teamId) ? `${roleText(s.role)}, ${teamName.get(s.teamId)}` : roleText(s.role));
    return [{ value: '', text: 'Choose the owner' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${label(s)})`, selected: s.id === selected }))];
  }
  async function teamItems(selected: string | undefined) {
    const teams = await listTeams(db);
    return [{ value: 'service', text: 'Whole service', selected: !selected || selected === 'service' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === selected }))];
  }

  // ---- The register: table, filters, heat map ---------------------------------------------------------

  typed.get('/safety/risks', { schema: { hide: true, querystring: registerQuery } }, async (request, reply) => {
    const access = await authoriseRiskRegister(db, { actor: actorOf(request) });
    const q = request.query;
    const today = ukDateOf(access.actor.now);
    const filter = registerFilter(q);
    const risks = await listRisks(db, filter);
    // The heat map shows the same team and open/closed choice without the band or cell, so it always shows the whole spread.
    const { rating: _r, likelihood: _l, consequence: _c, ...mapFilter } = filter;
    const mapped = await listRisks(db, mapFilter);
    const keep = { team: q.team, status: q.status };
    const heatMap = riskHeatMap(mapped).map((row) => ({
      ...row,
      cells: row.cells.map((c) => ({ ...c, ratingLabel: riskRatingLabels[c.rating], consequenceLabel: riskConsequenceLabels[c.consequence - 1], href: `/safety/risks${queryOf({ ...keep, likelihood: c.likelihood, consequence: c.consequence })}#register` })),
    }));
    const teams = await listTeams(db);
    const filtered = !!(q.band || q.likelihood || q.consequence || q.team);
    return reply.page('safety/pages/risk-register.njk', {
      title: 'Risk register',
      section: 'safety',
      risks: risks.map((r) => riskView(r, today)),
      heatMap,
      mapStatusText: { open: 'open risks', closed: 'closed risks', all: 'risks, open and closed,' }[q.status ?? 'open'],
      consequenceLabels: riskConsequenceLabels.map((l, i) => `${i + 1} ${l}`),
      cellFilter: q.likelihood || q.consequence ? `${q.likelihood ? `likelihood ${riskLikelihoodLabels[q.likelihood - 1]}` : ''}${q.likelihood && q.consequence ? ', ' : ''}${q.consequence ? `consequence ${riskConsequenceLabels[q.consequence - 1]}` : ''}` : null,
      filtered,
      teamItems: [{ value: '', text: 'All teams and the service', selected: !q.team }, { value: 'service', text: 'Whole service only', selected: q.team === 'service' }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === q.team }))],
      bandItems: [{ value: '', text: 'Every band', selected: !q.band }, ...riskRatings.map((b) => ({ value: b, text: riskRatingLabels[b], selected: q.band === b }))],
      statusItems: (['open', 'closed', 'all'] as const).map((s) => ({ value: s, text: { open: 'Open', closed: 'Closed', all: 'Open and closed' }[s], selected: (q.status ?? 'open') === s })),
      csvHref: `/safety/risks.csv${queryOf({ team: q.team, band: q.band, status: q.status, likelihood: q.likelihood, consequence: q.consequence })}`,
      flash: flashOf(q.done),
      backHref: '/safety',
      backText: 'Safety',
    });
  });

  typed.get('/safety/risks.csv', { schema: { hide: true, querystring: registerQuery } }, async (request, reply) => {
    const access = await authoriseRiskRegister(db, { actor: actorOf(request) });
    const filter = registerFilter(request.query);
    const risks = await listRisks(db, filter);
    // A register that leaves Homeward is audited as an export: who, which filters, how many rows.
    await auditAs(access.actor, db, { action: 'read', outcome: 'allowed', recordKind: 'risk-register-export', recordId: null, detail: { filter, rows: risks.length } });
    const csv = spreadsheetCsv([riskCsvColumns, ...risks.map(riskCsvRow)]);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="risk-register-${ukDateOf(access.actor.now)}.csv"`).send(csv);
  });

  // ---- Adding a risk -----------------------------------------------------------------------------------

  async function showNew(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; values?: Record<string, string> } = {}) {
    const access = await authoriseRiskRegister(db, { actor: actorOf(request) });
    const fields = o.fields ?? [];
    const values = o.values ?? { formId: uuidv7(), teamId: access.actor.staff.teamId ?? 'service', ...dayFields('reviewOn', addCalendarDays(ukDateOf(access.actor.now), 90)) };
    return reply.code(o.status ?? 200).page('safety/pages/risk-form.njk', await formContext({ title: 'Add a risk', action: '/safety/risks/new', adding: true, values, fields }));
  }

  async function formContext(o: { title: string; action: string; adding: boolean; values: Record<string, string>; fields: FieldError[]; risk?: ReturnType<typeof riskView> }) {
    const byField = errorsByField(o.fields);
    return {
      title: o.title,
      section: 'safety',
      formAction: o.action,
      adding: o.adding,
      risk: o.risk ?? null,
      values: o.values,
      teamItems: await teamItems(o.values.teamId),
      ownerItems: await ownerItems(o.values.ownerId),
      likelihoodItems: scaleItems('likelihood', o.values.likelihood),
      consequenceItems: scaleItems('consequence', o.values.consequence),
      targetLikelihoodItems: scaleItems('likelihood', o.values.targetLikelihood),
      targetConsequenceItems: scaleItems('consequence', o.values.targetConsequence),
      reviewOnItems: dateItems('reviewOn', o.values, !!byField.reviewOn),
      errors: errorList(o.fields, { reviewOn: 'reviewOn-day', likelihood: 'likelihood', consequence: 'consequence', targetLikelihood: 'targetLikelihood', targetConsequence: 'targetConsequence' }),
      fieldErrors: byField,
      backHref: o.risk ? `/safety/risks/${o.risk.id}` : '/safety/risks',
      backText: o.risk ? o.risk.reference : 'Risk register',
    };
  }

  typed.get('/safety/risks/new', { schema: { hide: true } }, async (request, reply) => showNew(request, reply));

  typed.post('/safety/risks/new', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const access = await authoriseRiskRegister(db, { actor: actorOf(request) });
    const body = request.body as FormBody;
    const id = idFromForm(body);
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: async () => {
        // Every problem at once: the date fields' own and the register's rules.
        const fields: FieldError[] = [];
        const details = { ...riskDetailsFromForm(body, today, fields), likelihood: formScale(body, 'likelihood'), consequence: formScale(body, 'consequence') };
        await checkRiskDetails(db, { ...details, now: access.actor.now }, fields);
        return details;
      },
      write: async (trx, details) => {
        const risk = await addRisk(trx, { access, id, ...details });
        return `/safety/risks/${risk.id}?done=added`;
      },
      render: (fields, status) => showNew(request, reply, { fields, status, values: formValues(body) }),
    });
  });

  // ---- One risk ----------------------------------------------------------------------------------------

  async function loadRisk(riskId: string): Promise<Risk> {
    const risk = await findRisk(db, riskId);
    if (!risk) throw notFound('Risk');
    return risk;
  }

  async function showRisk(request: FastifyRequest, reply: FastifyReply, riskId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string; form?: 'review' | 'action' | 'close' } = {}) {
    const access = await authoriseRiskRegister(db, { actor: actorOf(request) });
    const risk = await loadRisk(riskId);
    const today = ukDateOf(access.actor.now);
    const [reviews, actions] = await Promise.all([listRiskReviews(db, risk.id), listRiskActions(db, { riskId: risk.id })]);
    const fields = o.fields ?? [];
    const byField = errorsByField(fields);
    const values: Record<string, string> = { reviewFormId: uuidv7(), actionFormId: uuidv7(), ...(o.values ?? {}) };
    const mayChange = risk.status === 'open' && mayChangeRisk(access.actor, risk);
    const staff = mayChange ? await listRiskStaff(db, { owners: false }) : [];
    return reply.code(o.status ?? 200).page('safety/pages/risk.njk', {
      title: `${risk.reference}: ${risk.title}`,
      section: 'safety',
      risk: riskView(risk, today),
      reviews: reviews.map((v) => ({ ...v, tag: ratingTag(v.rating, v.score) })),
      actions: actions.map((a) => ({
        ...a,
        tag: a.status === 'done' ? { colour: 'grey', text: 'Done' } : dueStatusTags[dueStatusOf({ dueOn: a.dueOn, today, soonDays: riskSoonDays })],
        mayComplete: a.status === 'open' && risk.status === 'open' && mayCompleteRiskAction(access.actor, a, risk),
      })),
      mayChange,
      values,
      form: o.form ?? null,
      likelihoodItems: scaleItems('likelihood', values.likelihood),
      consequenceItems: scaleItems('consequence', values.consequence),
      nextReviewItems: dateItems('nextReviewOn', values, !!byField.nextReviewOn),
      dueItems: dateItems('dueOn', values, !!byField.dueOn),
      actionOwnerItems: [{ value: '', text: 'Choose who owns it' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${roleText(s.role)})`, selected: s.id === values.ownerId }))],
      flash: flashOf(o.done),
      errors: errorList(fields, { nextReviewOn: 'nextReviewOn-day', dueOn: 'dueOn-day', likelihood: 'likelihood', consequence: 'consequence' }),
      fieldErrors: byField,
      backHref: '/safety/risks',
      backText: 'Risk register',
    });
  }

  typed.get('/safety/risks/:riskId', { schema: { hide: true, params: riskParams, querystring: doneQuery } }, async (request, reply) =>
    showRisk(request, reply, request.params.riskId, { done: request.query.done }));

  // ---- Changing a risk ---------------------------------------------------------------------------------

  async function showChange(request: FastifyRequest, reply: FastifyReply, risk: Risk, o: { fields?: FieldError[]; status?: number; values?: Record<string, string> } = {}) {
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk });
    const values = o.values ?? {
      version: String(risk.version), title: risk.title, description: risk.description, cause: risk.cause, effect: risk.effect, teamId: risk.teamId ?? 'service', ownerId: risk.ownerId,
      controls: risk.controls, gapsInControls: risk.gapsInControls ?? '', targetLikelihood: String(risk.targetLikelihood), targetConsequence: String(risk.targetConsequence), ...dayFields('reviewOn', risk.reviewOn),
    };
    const view = riskView(risk, ukDateOf(access.actor.now));
    return reply.code(o.status ?? 200).page('safety/pages/risk-form.njk', await formContext({ title: `Change ${risk.reference}`, action: `/safety/risks/${risk.id}/change`, adding: false, values, fields: o.fields ?? [], risk: view }));
  }

  typed.get('/safety/risks/:riskId/change', { schema: { hide: true, params: riskParams } }, async (request, reply) => showChange(request, reply, await loadRisk(request.params.riskId)));

  typed.post('/safety/risks/:riskId/change', { schema: { hide: true, params: riskParams, body: formBody } }, async (request, reply) => {
    const risk = await loadRisk(request.params.riskId);
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk });
    const body = request.body as FormBody;
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      check: async () => {
        const fields: FieldError[] = [];
        const details = riskDetailsFromForm(body, today, fields);
        const version = formVersion(body.version);
        await checkRiskDetails(db, { ...details, likelihood: risk.likelihood, consequence: risk.consequence, now: access.actor.now }, fields);
        return { details, version };
      },
      write: async (trx, c) => {
        await changeRisk(trx, { access, version: c.version, ...c.details });
        return `/safety/risks/${risk.id}?done=changed`;
      },
      render: async (fields, status) => showChange(request, reply, (await findRisk(db, risk.id)) ?? risk, { fields, status, values: { ...formValues(body), ...(status === 409 ? { version: String((await findRisk(db, risk.id))?.version ?? '') } : {}) } }),
    });
  });

  // ---- Review, action, close ---------------------------------------------------------------------------

  typed.post('/safety/risks/:riskId/review', { schema: { hide: true, params: riskParams, body: formBody } }, async (request, reply) => {
    const risk = await loadRisk(request.params.riskId);
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk });
    const body = request.body as FormBody;
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      check: () => {
        const fields: FieldError[] = [];
        const nextReviewOn = formDay(body, 'nextReviewOn', 'The next review date', today, fields);
        const version = formVersion(body.version);
        const review = { likelihood: formScale(body, 'likelihood'), consequence: formScale(body, 'consequence'), note: formField(body.note), nextReviewOn };
        checkRiskReview({ ...review, target: { likelihood: risk.targetLikelihood, consequence: risk.targetConsequence }, now: access.actor.now }, fields);
        return { review, version };
      },
      write: async (trx, c) => {
        await reviewRisk(trx, { access, id: idFromForm({ formId: formField(body.reviewFormId) }), version: c.version, ...c.review });
        return `/safety/risks/${risk.id}?done=reviewed`;
      },
      render: (fields, status) => showRisk(request, reply, risk.id, { fields, status, values: formValues(body), form: 'review' }),
    });
  });

  typed.post('/safety/risks/:riskId/actions', { schema: { hide: true, params: riskParams, body: formBody } }, async (request, reply) => {
    const risk = await loadRisk(request.params.riskId);
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk });
    const body = request.body as FormBody;
    const today = ukDateOf(access.actor.now);
    const id = idFromForm({ formId: formField(body.actionFormId) });
    return pageWrite(request, reply, {
      formId: formField(body.actionFormId),
      check: async () => {
        const fields: FieldError[] = [];
        const action = { action: formField(body.action), ownerId: chosenId(body, 'ownerId'), dueOn: formDay(body, 'dueOn', 'The due date', today, fields) };
        await checkRiskAction(db, { ...action, now: access.actor.now }, fields);
        return action;
      },
      write: async (trx, action) => {
        await addRiskAction(trx, { access, id, ...action });
        return `/safety/risks/${risk.id}?done=action#actions`;
      },
      render: (fields, status) => showRisk(request, reply, risk.id, { fields, status, values: formValues(body), form: 'action' }),
    });
  });

  typed.post('/safety/risks/:riskId/actions/:actionId/done', { schema: { hide: true, params: actionParams, body: formBody } }, async (request, reply) => {
    const risk = await loadRisk(request.params.riskId);
    const action = (await listRiskActions(db, { id: request.params.actionId, riskId: risk.id }))[0];
    if (!action) throw notFound('Risk action');
    const access = await authoriseRiskActionDone(db, { actor: actorOf(request), action, risk });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      check: () => formVersion(body.version),
      write: async (trx, version) => {
        await completeRiskAction(trx, { access, version });
        return `/safety/risks/${risk.id}?done=action-done#actions`;
      },
      render: (fields, status) => showRisk(request, reply, risk.id, { fields, status }),
    });
  });

  typed.post('/safety/risks/:riskId/close', { schema: { hide: true, params: riskParams, body: formBody } }, async (request, reply) => {
    const risk = await loadRisk(request.params.riskId);
    const access = await authoriseRiskChange(db, { actor: actorOf(request), risk });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      check: () => formVersion(body.version),
      write: async (trx, version) => {
        await closeRisk(trx, { access, version, reason: formField(body.reason) });
        return `/safety/risks/${risk.id}?done=closed`;
      },
      render: (fields, status) => showRisk(request, reply, risk.id, { fields, status, values: formValues(body), form: 'close' }),
    });
  });
}


