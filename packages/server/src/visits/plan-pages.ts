// The plan pages: /visits/plan?date= (the day's plan, per clinician, with the unplanned visits and
// totals, and the lead's forms to move, swap and pin), the planner run's progress page (refreshes
// itself, no dead end), publishing with its confirmation, and re-planning the rest of a day.
import { buildRouteMap } from './route-map.ts';
import { loadRouteMapFacts } from './route-map-queries.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { addCalendarDays, isoDateToParts, parseDateParts, parseTimeOfDay, toUkWallClock, ukDateOf, ukDayHeading } from '@homeward/clinical';
import { planDate } from './plan-schema.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formProblem, formVersion, type FormBody } from '../platform/form-body.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { findLiveJob } from '../platform/jobs.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { adjustVisitPlan } from './adjust-visit-plan.ts';
import { authorisePlanning, type PlanningAccess } from './plan-access.ts';
import { datesFrom, findPlanJob } from './plan-api-routes.ts';
import type { PlanAdjustment } from './plan-adjust.ts';
import { changedVisitCount, planChanges } from './plan-changes.ts';
import { visitPlanJobKind, type VisitPlanJobPayload, type VisitPlanJobProgress, type VisitPlanJobResult } from './plan-job.ts';
import { readPlanView, type PlanView } from './plan-view.ts';
import { publishVisitPlan } from './publish-visit-plan.ts';
import type { PlanPublishedPort } from './visit-ports.ts';
import { startVisitPlanning } from './start-visit-planning.ts';
import type { UnplannedReason, VisitDayPlan } from './visit-day-types.ts';

const hidden = { hide: true };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const unplannedReasonLabels: Record<UnplannedReason, string> = {
  'no-one-qualified': 'No one qualified',
  'no-time': 'No time',
  'window-outside-shifts': 'Window outside shifts',
  'no-location': 'No location',
  'no-one-working': 'No one working',
  other: 'Could not be placed',
};

const purposeLabels: Record<string, string> = { 'first-contact': 'First contact', therapy: 'Therapy', review: 'Review', equipment: 'Equipment', discharge: 'Discharge', other: 'Other' };

/** Tomorrow's calendar day in London (not now + 24 hours, which a clock change moves by a day). */
function tomorrow(now: Date): string {
  return addCalendarDays(ukDateOf(now), 1);
}

/** A real calendar day as yyyy-mm-dd (Date.parse would take 2026-02-31 as 3 March). */
const isRealDate = (date: string) => planDate.safeParse(date).success;

/** The date a page is about: ?date=yyyy-mm-dd, or the day/month/year fields of the date form. */
function dateOf(query: Record<string, string | undefined>, now: Date): { date: string; fields: FieldError[]; typed?: { day: string; month: string; year: string } } {
  if (query['date-day'] !== undefined || query['date-month'] !== undefined || query['date-year'] !== undefined) {
    const typed = { day: query['date-day'] ?? '', month: query['date-month'] ?? '', year: query['date-year'] ?? '' };
    const parsed = parseDateParts(typed, { label: 'Date', today: toUkWallClock(now).date });
    // A date that is not one is shown back as typed, beside its error, with tomorrow's plan below it.
    return parsed.ok ? { date: parsed.value, fields: [] } : { date: tomorrow(now), fields: [{ path: 'date', message: parsed.message }], typed };
  }
  const date = query.date;
  if (date === undefined || date === '') return { date: tomorrow(now), fields: [] };
  if (!isRealDate(date)) return { date: tomorrow(now), fields: [{ path: 'date', message: 'Enter a real date' }] };
  return { date, fields: [] };
}

function formDate(body: FormBody): string {
  const date = formField(body.date);
  if (!isRealDate(date)) {
    throw new HomewardError('validation_failed', 'The form is missing the plan’s date; reload the page', { fields: [{ path: 'form', message: 'The form is missing the plan’s date; reload the page' }] });
  }
  return date;
}

/** The version a planning form carries: '' when the day had no plan yet. */
function formPlanVersion(body: FormBody): number | null {
  return formField(body.version) === '' ? null : formVersion(body.version);
}

function routesForPage(plan: VisitDayPlan, view: PlanView) {
  const names = new Map(view.staffDays.map((d) => [d.staffId, d.name]));
  const visits = new Map(view.visits.map((v) => [v.id, v]));
  return plan.routes.map((r) => {
    const rows: Array<Record<string, unknown>> = [];
    const breaks = [...r.breaks];
    for (const s of r.stops) {
      while (breaks.length && breaks[0]!.start <= s.start) {
        const b = breaks.shift()!;
        rows.push({ kind: 'break', start: b.start, end: b.end });
      }
      const v = visits.get(s.visitId);
      rows.push({
        kind: 'visit',
        visitId: s.visitId,
        start: s.start,
        end: s.end,
        patientName: v?.patientName ?? 'A visit no longer on this day',
        episodeId: v?.episodeId ?? null,
        purpose: v ? (purposeLabels[v.purpose] ?? v.purpose) : '',
        window: v?.window ? `${v.window.start}–${v.window.end}` : null,
        travelMinutes: s.travelMinutes,
        distanceKm: s.distanceKm,
        lateMinutes: s.lateMinutes,
        withName: s.withStaffId ? (names.get(s.withStaffId) ?? 'a colleague') : null,
        pinned: v?.pinnedStaffId || v?.pinnedStart ? [v.pinnedStaffId ? (names.get(v.pinnedStaffId) ?? 'someone') : null, v.pinnedStart].filter(Boolean).join(' at ') : null,
      });
    }
    for (const b of breaks) rows.push({ kind: 'break', start: b.start, end: b.end });
    return { staffId: r.staffId, name: names.get(r.staffId) ?? 'Someone no longer on the rota', leave: r.leave, return: r.return, travelMinutes: r.travelMinutes, distanceKm: r.distanceKm, rows, visitCount: r.stops.length };
  });
}

export async function planPages(app: FastifyInstance, planPublished: PlanPublishedPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function renderPlan(reply: FastifyReply, access: PlanningAccess, date: string, o: { fields?: FieldError[]; status?: number; flash?: string; values?: Record<string, string>; typedDate?: { day: string; month: string; year: string } } = {}) {
    const view = await readPlanView(app.db, { access, date, purpose: 'plan-page' });
    const draft = view.plan?.draft ?? null;
    const live = await findLiveJob<VisitPlanJobPayload>(app.db, visitPlanJobKind, `team:${access.teamId}`);
    const names = new Map(view.staffDays.map((d) => [d.staffId, d.name]));
    const visitNames = new Map(view.visits.map((v) => [v.id, v.patientName]));
    const plannedIds = new Set(draft?.routes.flatMap((r) => r.stops.map((s) => s.visitId)) ?? []);
    const working = view.staffDays.filter((d) => d.shift);
    const visitChoices = view.visits
      .filter((v) => v.status === 'to-plan')
      .map((v) => ({ value: v.id, text: `${v.patientName}${plannedIds.has(v.id) ? '' : ' (unplanned)'}` }))
      .sort((a, b) => a.text.localeCompare(b.text));
    // The draft's map (its patients are those readPlanView has just audited as listed).
    const routeMap = draft ? buildRouteMap({ plan: draft, ...(await loadRouteMapFacts(app.db, { teamId: access.teamId, plan: draft })) }) : null;
    const fields = o.fields ?? [];
    const anchors = { visitId: 'move-visit', toStaffId: 'move-staff', otherVisitId: 'swap-other', staffId: 'pin-staff', start: 'pin-start', version: 'adjust', form: 'adjust', date: 'date-day', beforeVisitId: 'move-visit' };
    return reply.code(o.status ?? 200).page('visits/pages/plan-day.njk', {
      title: `Visit plan for ${ukDayHeading(date)}`,
      section: 'visit-plan',
      date,
      dateParts: o.typedDate ?? isoDateToParts(date),
      previousDate: addCalendarDays(date, -1),
      nextDate: addCalendarDays(date, 1),
      plan: view.plan,
      draft,
      routes: draft ? routesForPage(draft, view) : [],
      routeMap,
      mapTiles: app.config.mapTileUrl ? { url: app.config.mapTileUrl, attribution: app.config.mapTileAttribution } : null,
      unplanned: (draft?.unplanned ?? []).map((u) => ({ ...u, patientName: visitNames.get(u.visitId) ?? 'A visit no longer on this day', reasonLabel: unplannedReasonLabels[u.reason] })),
      toPlanCount: view.visits.filter((v) => v.status === 'to-plan').length,
      working: working.map((d) => ({ staffId: d.staffId, name: d.name, shift: d.shift })),
      notWorking: view.staffDays.filter((d) => !d.shift).map((d) => d.name),
      staffLeftOut: draft?.staffLeftOut ?? [],
      liveJob: live ? { id: live.id, dates: live.payload.dates } : null,
      changedVisits: view.changedVisitsSincePublished,
      publishedBy: view.plan?.publishedBy ? (names.get(view.plan.publishedBy) ?? null) : null,
      visitItems: [{ value: '', text: 'Choose a visit' }, ...visitChoices.map((c) => ({ ...c, selected: o.values?.visitId === c.value }))],
      otherVisitItems: [{ value: '', text: 'Choose a visit' }, ...visitChoices.filter((c) => plannedIds.has(c.value)).map((c) => ({ ...c, selected: o.values?.otherVisitId === c.value }))],
      staffItems: [{ value: '', text: 'Choose a person' }, ...working.map((d) => ({ value: d.staffId, text: d.name, selected: o.values?.toStaffId === d.staffId }))],
      pinStaffItems: [{ value: '', text: 'Anyone (pin the time only)' }, ...working.map((d) => ({ value: d.staffId, text: d.name, selected: o.values?.staffId === d.staffId }))],
      values: o.values ?? {},
      flash: o.flash,
      errors: errorList(fields, anchors),
      fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/visits/plan', { schema: { ...hidden, querystring: z.record(z.string(), z.string()) } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'see the team’s visit plan' });
    const { date, fields, typed } = dateOf(request.query, access.actor.now);
    const flashes: Record<string, string> = { planned: 'The plan is ready', changed: 'The plan was changed', published: 'The plan was published: the run sheets show it now' };
    const flash = Object.keys(flashes).find((k) => request.query[k] !== undefined);
    return renderPlan(reply, access, date, { fields, status: fields.length ? 400 : 200, ...(flash ? { flash: flashes[flash] } : {}), ...(typed ? { typedDate: typed } : {}) });
  });

  // Start planning: a day, the week from it, or again around the pins. Enqueued as the team's job.
  typed.post('/visits/plan/start', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'plan the team’s visits' });
    const body = request.body as FormBody;
    const date = formDate(body);
    const days = formField(body.days) === '7' ? 7 : 1;
    try {
      const version = formPlanVersion(body);
      const { job } = await app.db.transaction().execute((trx) => startVisitPlanning(trx, { actor: access.actor, teamId: access.teamId, dates: datesFrom(date, days), mode: 'plan', ...(days === 1 ? { version } : {}) }));
      return redirectSeeOther(reply, `/visits/plan/jobs/${job.id}`);
    } catch (error) {
      return formRefused(error, reply, access, date);
    }
  });

  async function formRefused(error: unknown, reply: FastifyReply, access: PlanningAccess, date: string, values: Record<string, string> = {}) {
    const problem = formProblem(error);
    if (!problem) throw error;
    const fields = busy(error) ?? (problem.status === 409
      ? [{ path: 'form', message: 'Someone else changed this plan while you were looking at it. Here it is as it is now: check it, then make your change again.' }]
      : problem.fields);
    return renderPlan(reply, access, date, { fields, status: problem.status, values });
  }

  // The planner run: refreshes itself until it is done, then goes to the plan.
  typed.get('/visits/plan/jobs/:jobId', { schema: { ...hidden, params: z.object({ jobId: z.string() }) } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'see the team’s planner runs' });
    if (!uuid.test(request.params.jobId)) throw new HomewardError('not_found', 'The planner run was not found');
    const job = await findPlanJob(app, access, request.params.jobId);
    const result = job.result as VisitPlanJobResult | null;
    if (job.status === 'done' && result && !result.days.some((d) => d.conflict)) {
      return redirectSeeOther(reply, `/visits/plan?date=${job.payload.dates[0]}&planned=1`);
    }
    const progress = job.progress as VisitPlanJobProgress | null;
    return reply.page('visits/pages/plan-progress.njk', {
      title: job.status === 'failed' ? 'The planner could not finish' : job.status === 'done' ? 'Planned, with a change made meanwhile' : 'Planning the visits',
      section: 'visit-plan',
      job: { id: job.id, status: job.status, error: job.error, dates: job.payload.dates.map(ukDayHeading), firstDate: job.payload.dates[0], replan: job.payload.mode === 'replan' },
      progress: progress ? { ...progress, day: progress.dayIndex + 1, dateWords: ukDayHeading(progress.date) } : null,
      conflicts: (result?.days ?? []).filter((d) => d.conflict).map((d) => ({ date: d.date, words: ukDayHeading(d.date) })),
      refresh: job.status === 'queued' || job.status === 'running',
      backHref: `/visits/plan?date=${job.payload.dates[0]}`,
    });
  });

  // Move, swap or pin: version-checked; a stale form shows the plan as it is now (409), nothing lost.
  typed.post('/visits/plan/adjust', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'change the team’s visit plan' });
    const body = request.body as FormBody;
    const date = formDate(body);
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
    try {
      const version = formVersion(body.version);
      const change = adjustmentOf(body);
      await app.db.transaction().execute((trx) => adjustVisitPlan(trx, { actor: access.actor, teamId: access.teamId, date, version, change }));
      return redirectSeeOther(reply, `/visits/plan?date=${date}&changed=1#staff-${change.kind === 'move' ? change.toStaffId : ''}`);
    } catch (error) {
      return formRefused(error, reply, access, date, values);
    }
  });

  // Publishing: first a confirmation with what it changes.
  typed.get('/visits/plan/publish', { schema: { ...hidden, querystring: z.record(z.string(), z.string()) } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'publish the team’s visit plan' });
    const { date, fields } = dateOf(request.query, access.actor.now);
    if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
    return renderPublish(reply, access, date);
  });

  async function renderPublish(reply: FastifyReply, access: PlanningAccess, date: string, fields: FieldError[] = [], status = 200) {
    const view = await readPlanView(app.db, { access, date, purpose: 'publish-confirmation' });
    if (!view.plan?.draft) return redirectSeeOther(reply, `/visits/plan?date=${date}`);
    const names = new Map(view.staffDays.map((d) => [d.staffId, d.name]));
    const visitNames = new Map(view.visits.map((v) => [v.id, v.patientName]));
    const changes = planChanges(view.plan.published, view.plan.draft);
    const kinds = { added: 'Added', removed: 'Taken off', 'time-changed': 'New time' };
    return reply.code(status).page('visits/pages/plan-publish.njk', {
      title: `Publish the plan for ${ukDayHeading(date)}?`,
      section: 'visit-plan',
      date,
      version: view.plan.version,
      firstPublication: view.plan.published === null,
      changedVisits: changedVisitCount(changes),
      unplanned: view.plan.draft.unplanned.length,
      changes: changes.map((c) => ({ who: names.get(c.staffId) ?? 'Someone', patient: visitNames.get(c.visitId) ?? 'A visit', kind: kinds[c.kind], before: c.before, after: c.after })),
      errors: errorList(fields, { form: 'publish', version: 'publish' }),
      backHref: `/visits/plan?date=${date}`,
    });
  }

  typed.post('/visits/plan/publish', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'publish the team’s visit plan' });
    const body = request.body as FormBody;
    const date = formDate(body);
    try {
      const version = formVersion(body.version);
      await app.db.transaction().execute((trx) => publishVisitPlan(trx, { actor: access.actor, teamId: access.teamId, date, version, planPublished }));
      return redirectSeeOther(reply, `/visits/plan?date=${date}&published=1`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const fields = problem.status === 409 ? [{ path: 'form', message: 'Someone else changed this plan since you opened this page. Here is what publishing it now would change.' }] : problem.fields;
      return renderPublish(reply, access, date, fields, problem.status);
    }
  });

  // Re-planning the rest of a day: someone off sick from a time, or an urgent visit added.
  async function renderReplan(request: FastifyRequest, reply: FastifyReply, access: PlanningAccess, date: string, values: Record<string, string>, fields: FieldError[] = [], status = 200) {
    const view = await readPlanView(app.db, { access, date, purpose: 're-plan' });
    return reply.code(status).page('visits/pages/plan-replan.njk', {
      title: `Re-plan the rest of ${ukDayHeading(date)}`,
      section: 'visit-plan',
      date,
      version: view.plan?.version ?? '',
      hasPlan: Boolean(view.plan?.published ?? view.plan?.draft),
      offItems: [
        { value: '', text: 'No one: an urgent visit has been added', checked: !values.offStaffId },
        ...view.staffDays.filter((d) => d.shift).map((d) => ({ value: d.staffId, text: `${d.name} (${d.shift!.start}–${d.shift!.end})`, checked: values.offStaffId === d.staffId })),
      ],
      values,
      errors: errorList(fields, { from: 'from', offStaffId: 'offStaffId', form: 'replan', version: 'replan' }),
      fieldErrors: errorsByField(fields),
      backHref: `/visits/plan?date=${date}`,
    });
  }

  typed.get('/visits/plan/replan', { schema: { ...hidden, querystring: z.record(z.string(), z.string()) } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 're-plan the team’s visits' });
    const now = access.actor.now;
    const { date, fields } = dateOf({ date: request.query.date ?? toUkWallClock(now).date }, now);
    if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
    return renderReplan(request, reply, access, date, { from: toUkWallClock(now).time });
  });

  typed.post('/visits/plan/replan', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 're-plan the team’s visits' });
    const body = request.body as FormBody;
    const date = formDate(body);
    const values = { from: formField(body.from), offStaffId: formField(body.offStaffId) };
    try {
      const version = formVersion(body.version, 'Nothing has been planned for this day yet: plan it first');
      const from = parseTimeOfDay(values.from);
      if (!from) throw new HomewardError('validation_failed', 'Enter the time to re-plan from, for example 10:00', { fields: [{ path: 'from', message: 'Enter the time to re-plan from, for example 10:00' }] });
      if (values.offStaffId && !uuid.test(values.offStaffId)) throw new HomewardError('validation_failed', 'Choose who is off, or no one', { fields: [{ path: 'offStaffId', message: 'Choose who is off, or no one' }] });
      const { job } = await app.db.transaction().execute((trx) => startVisitPlanning(trx, { actor: access.actor, teamId: access.teamId, dates: [date], mode: 'replan', version, from, offStaffId: values.offStaffId || null }));
      return redirectSeeOther(reply, `/visits/plan/jobs/${job.id}`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const fields = busy(error) ?? (problem.status === 409 ? [{ path: 'form', message: 'Someone else changed this plan since you opened this page. Check it, then re-plan again.' }] : problem.fields);
      return renderReplan(request, reply, access, date, values, fields, problem.status);
    }
  });
}

/** A planner run already under way for the team: its own words, not a stale plan's. */
function busy(error: unknown): FieldError[] | null {
  return error instanceof HomewardError && error.code === 'planner_busy' ? [{ path: 'form', message: error.message }] : null;
}

/** The lead's change from the plan page's forms (which form: the `action` button). */
function adjustmentOf(body: FormBody): PlanAdjustment {
  const action = formField(body.action);
  const id = (name: string, message: string) => {
    const value = formField(body[name]);
    if (!uuid.test(value)) throw new HomewardError('validation_failed', message, { fields: [{ path: name, message }] });
    return value;
  };
  if (action === 'move') return { kind: 'move', visitId: id('visitId', 'Choose the visit to move'), toStaffId: id('toStaffId', 'Choose who it goes to') };
  if (action === 'swap') return { kind: 'swap', visitId: id('visitId', 'Choose the first visit to swap'), otherVisitId: id('otherVisitId', 'Choose the visit to swap it with') };
  if (action === 'pin' || action === 'unpin') {
    const visitId = id('visitId', 'Choose the visit to pin');
    if (action === 'unpin') return { kind: 'pin', visitId, staffId: null, start: null };
    const staffText = formField(body.staffId);
    const startText = formField(body.start);
    const start = startText === '' ? null : parseTimeOfDay(startText);
    if (startText !== '' && !start) throw new HomewardError('validation_failed', 'Enter the time as 24-hour clock, for example 09:30', { fields: [{ path: 'start', message: 'Enter the time as 24-hour clock, for example 09:30' }] });
    if (staffText === '' && !start) throw new HomewardError('validation_failed', 'Choose a person or a time to pin the visit to', { fields: [{ path: 'staffId', message: 'Choose a person or a time to pin the visit to' }] });
    return { kind: 'pin', visitId, staffId: staffText === '' ? null : id('staffId', 'Choose someone working that day'), start };
  }
  throw new HomewardError('validation_failed', 'Choose what to do: move, swap or pin', { fields: [{ path: 'form', message: 'Choose what to do: move, swap or pin' }] });
}

