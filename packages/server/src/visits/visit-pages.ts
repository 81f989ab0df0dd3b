// The team's visits as pages: a day (/visits?date=) and a week (/visits/week), the proposal of the
// next 7 days, a visit's own page, and adding, changing (pins too), unpinning and cancelling one.
// Same rules as the JSON API; POST/redirect/GET with a confirmation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { addCalendarDays, ageOn, hasTeamWideAccess, formatDisplayDate, lastBookableDay, serviceLabels, skillLabels, ukDateOf, visitPlaceLabels, visitPurposeLabels, visitPurposes, type VisitPurpose } from '@homeward/clinical';
import { auditRead } from '../access/public.ts';
import { auditListRead, authoriseEpisodeRead, authoriseEpisodeWrite, loadEpisode, type EpisodeAccess } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { addVisit } from './add-visit.ts';
import { cancelVisit } from './cancel-visit.ts';
import { changeVisit } from './change-visit.ts';
import { visitFieldErrors } from './check-visit.ts';
import { proposalsForHorizon, proposeVisitsForHorizon } from './propose-visits-for-horizon.ts';
import { listTeamVisitors } from './team-visitors.ts';
import { authoriseVisitsList, authoriseVisitsPlanning, authoriseVisitWrite, visitRecordKind } from './visit-access.ts';
import { dateItems, dateValues, formDate, formMinutes, formTime, formValues, type Form } from './visit-form-fields.ts';
import { findTeamVisit, listEpisodesForVisits, listTeamVisits, type TeamVisit } from './visit-queries.ts';
import type { VisitCalledOffPort } from './visit-ports.ts';

const hidden = { hide: true };
const visitParams = z.object({ id: z.uuid() });
const dayQuery = z.object({ date: z.iso.date().optional().catch(undefined), proposed: z.string().optional() });
const labels = { purpose: visitPurposeLabels, place: visitPlaceLabels, skill: skillLabels as Record<string, string> };

const doneMessages: Record<string, string> = {
  added: 'Visit added.',
  changed: 'Visit changed.',
  unpinned: 'Visit unpinned: the planner may give it to anyone qualified, at any time in its window.',
  cancelled: 'Visit cancelled. It stays on the list with the reason.',
};

/** One visit, as the list shows it, with its words. */
function visitRow(v: TeamVisit) {
  const who = [v.staffNeeded === 2 ? `Two staff${v.staffNeededReason ? ` (${v.staffNeededReason})` : ''}` : 'One', v.registeredRequired ? 'registered therapist' : null, ...v.skills.map((s) => labels.skill[s] ?? s)].filter(Boolean).join(', ');
  return { ...v, purposeText: visitPurposeLabels[v.purpose], whoText: who, windowText: v.window ? `${v.window.start} to ${v.window.end}` : 'Any time', dueText: v.dueBy ? formatDisplayDate(v.dueBy) : null };
}

export async function visitPages(app: FastifyInstance, visitCalledOff: VisitCalledOffPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  async function renderDays(request: FastifyRequest, reply: FastifyReply, kind: 'day' | 'week') {
    const q = request.query as z.infer<typeof dayQuery>;
    const access = await authoriseVisitsList(app.db, { actor: actorOf(request) });
    // A week is the next 7 days from the day asked for (today by default), as proposals are.
    const from = q.date ?? today();
    const to = kind === 'week' ? addCalendarDays(from, 6) : from;
    const visits = await listTeamVisits(app.db, { teamId: access.teamId, from, to });
    // Just after proposing: the open episodes that got nothing, or less than they need, and why.
    const notes = kind === 'week' && q.proposed !== undefined
      ? (await proposalsForHorizon(app.db, { teamId: access.teamId, from, to })).filter((d) => d.proposal.cannotVisit !== null || d.proposal.warnings.length > 0).map((d) => ({ episodeId: d.episodeId, patientName: d.patientName, reasons: [...(d.proposal.cannotVisit ? [d.proposal.cannotVisit.message] : []), ...d.proposal.warnings] }))
      : [];
    await auditListRead(app.db, { actor: access.actor, recordKind: 'visits', episodeIds: [...new Set([...visits.map((v) => v.episodeId), ...notes.map((n) => n.episodeId)])], detail: { teamId: access.teamId, from, to, visitIds: visits.map((v) => v.id), view: kind } });
    const days = Array.from({ length: kind === 'week' ? 7 : 1 }, (_, i) => addCalendarDays(from, i)).map((date) => ({ date, visits: visits.filter((v) => v.date === date).map(visitRow) }));
    const proposed = q.proposed !== undefined && /^\d{1,4}$/.test(q.proposed) ? Number(q.proposed) : null;
    return reply.page('visits/pages/visits.njk', {
      title: kind === 'week' ? `Visits from ${formatDisplayDate(from)} to ${formatDisplayDate(to)}` : `Visits on ${formatDisplayDate(from)}`,
      section: 'visits',
      kind,
      days,
      from,
      count: visits.filter((v) => v.status !== 'cancelled').length,
      notes,
      mayChange: access.mayChange,
      formId: uuidv7(),
      flash: proposed === null ? null : proposed === 0 ? 'No new visits: every open episode already has the visits it is due in the next 7 days.' : `${proposed} ${proposed === 1 ? 'visit' : 'visits'} proposed for the next 7 days.`,
      links: {
        previous: kind === 'week' ? `/visits/week?date=${addCalendarDays(from, -7)}` : `/visits?date=${addCalendarDays(from, -1)}`,
        next: kind === 'week' ? `/visits/week?date=${addCalendarDays(from, 7)}` : `/visits?date=${addCalendarDays(from, 1)}`,
        other: kind === 'week' ? `/visits?date=${from}` : `/visits/week?date=${from}`,
      },
    });
  }

  typed.get('/visits', { schema: { ...hidden, querystring: dayQuery } }, async (request, reply) => renderDays(request, reply, 'day'));
  typed.get('/visits/week', { schema: { ...hidden, querystring: dayQuery } }, async (request, reply) => renderDays(request, reply, 'week'));

  typed.post('/visits/proposals', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await authoriseVisitsPlanning(app.db, { actor: actorOf(request) });
    const from = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      formId: formField((request.body as Form).formId),
      write: async (trx) => {
        const result = await proposeVisitsForHorizon(trx, { actor: access.actor, teamId: access.teamId, from, to: addCalendarDays(from, 6) });
        return `/visits/week?date=${from}&proposed=${result.proposed}`;
      },
      render: async (_fields, _status, error) => {
        throw error;
      },
    });
  });

  async function patientBanner(patientId: string) {
    const patient = await findPatient(app.db, patientId);
    if (!patient) throw notFound('Patient');
    return { ...patient, age: ageOn(patient.dateOfBirth, today()) };
  }

  async function renderVisit(reply: FastifyReply, visit: TeamVisit, access: EpisodeAccess, o: { done?: string; fields?: FieldError[]; status?: number }) {
    const role = access.grant.actor.staff.role;
    const mayChange = access.grant.scope !== 'summary' && ['assistant-practitioner', 'registered-therapist', 'clinical-lead'].includes(role) && visit.status === 'to-plan';
    return reply.code(o.status ?? 200).page('visits/pages/visit.njk', {
      title: `${visitPurposeLabels[visit.purpose]} visit on ${formatDisplayDate(visit.date)}`,
      section: 'visits',
      patient: await patientBanner(visit.patientId),
      breakGlass: access.grant.breakGlass,
      episode: access.episode,
      serviceLabels,
      visit: visitRow(visit),
      labels,
      mayChange,
      errors: errorList(o.fields ?? [], { form: 'unpin' }),
      flash: doneMessages[o.done ?? ''] ?? null,
      teamWide: hasTeamWideAccess(role),
      backHref: hasTeamWideAccess(role) ? `/visits?date=${visit.date}` : `/episodes/${visit.episodeId}`,
    });
  }

  typed.get('/visits/:id', { schema: { ...hidden, params: visitParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const visit = await findTeamVisit(app.db, request.params.id);
    if (!visit) throw notFound('Visit');
    const access = await authoriseEpisodeRead(app.db, { actor, episode: await loadEpisode(request, visit.episodeId) });
    await auditRead(access.grant, app.db, { recordKind: visitRecordKind, recordId: visit.id, detail: { episodeId: visit.episodeId } });
    return renderVisit(reply, visit, access, { done: request.query.done });
  });

  // -- Adding and changing: one form.
  async function renderForm(reply: FastifyReply, o: { mode: 'add' | 'change'; teamId: string; values: Form; fields?: FieldError[]; status?: number; access?: EpisodeAccess; visit?: TeamVisit; episodes?: Awaited<ReturnType<typeof listEpisodesForVisits>> }) {
    const fields = o.fields ?? [];
    const visitors = await listTeamVisitors(app.db, o.teamId);
    const v = o.values;
    const anchors = { date: 'date-day', 'window.start': 'windowStart', 'window.end': 'windowEnd', episodeId: 'episodeId', form: 'main-form', version: 'main-form' };
    const byField = errorsByField(fields.map((f) => ({ ...f, path: f.path === 'window.start' ? 'windowStart' : f.path === 'window.end' ? 'windowEnd' : f.path })));
    return reply.code(o.status ?? 200).page('visits/pages/visit-form.njk', {
      title: o.mode === 'add' ? 'Add a visit' : 'Change a visit',
      section: 'visits',
      mode: o.mode,
      action: o.mode === 'add' ? '/visits/new' : `/visits/${o.visit!.id}/change`,
      patient: o.access ? await patientBanner(o.access.episode.patientId) : null,
      breakGlass: o.access?.grant.breakGlass ?? null,
      episode: o.access?.episode ?? null,
      serviceLabels,
      values: v,
      lastDay: formatDisplayDate(lastBookableDay(today())),
      errors: errorList(fields, anchors),
      fieldErrors: byField,
      episodeItems: o.episodes ? [{ value: '', text: 'Choose a patient' }, ...o.episodes.map((e) => ({ value: e.episodeId, text: `${e.patientName} (${e.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')})`, selected: v.episodeId === e.episodeId }))] : null,
      dateItems: dateItems('date', v, fields.some((f) => f.path === 'date')),
      purposeItems: visitPurposes.map((p) => ({ value: p, text: visitPurposeLabels[p], checked: v.purpose === p })),
      staffItems: [{ value: '', text: 'Not pinned: whoever the planner finds' }, ...visitors.map((s) => ({ value: s.id, text: s.name, selected: v.pinnedStaffId === s.id }))],
      backHref: o.visit ? `/visits/${o.visit.id}` : '/visits',
    });
  }

  /** The form's answers, checked as far as a form can be; the rules come after (visitFieldErrors). */
  function parseVisitForm(body: Form, fields: FieldError[]) {
    const date = formDate(body, 'date', 'Date of the visit', today(), fields);
    const purpose = formField(body.purpose);
    if (!(visitPurposes as readonly string[]).includes(purpose)) fields.push({ path: 'purpose', message: 'Choose what the visit is for' });
    const durationMinutes = formField(body.durationMinutes) === '' ? null : formMinutes(body, 'durationMinutes', fields);
    const start = formTime(body, 'windowStart', 'window.start', 'the start of the window', fields);
    const end = formTime(body, 'windowEnd', 'window.end', 'the end of the window', fields);
    if ((start === null) !== (end === null) && !fields.some((f) => f.path.startsWith('window'))) fields.push({ path: start === null ? 'window.start' : 'window.end', message: 'Enter both times of the window, or neither' });
    const pinnedStart = formTime(body, 'pinnedStart', 'pinnedStart', 'the pinned time', fields);
    return {
      date,
      purpose: purpose as VisitPurpose,
      durationMinutes,
      window: start !== null && end !== null ? { start, end } : null,
      pinnedStaffId: formField(body.pinnedStaffId) || null,
      pinnedStart,
    };
  }

  typed.get('/visits/new', { schema: { ...hidden, querystring: z.object({ episodeId: z.uuid().optional().catch(undefined) }) } }, async (request, reply) => {
    const list = await authoriseVisitsPlanning(app.db, { actor: actorOf(request) });
    const episodes = await listEpisodesForVisits(app.db, list.teamId);
    await auditListRead(app.db, { actor: list.actor, recordKind: 'visits', episodeIds: episodes.map((e) => e.episodeId), detail: { purpose: 'add-visit' } });
    return renderForm(reply, { mode: 'add', teamId: list.teamId, episodes, values: { formId: uuidv7(), episodeId: request.query.episodeId ?? '', purpose: 'therapy', ...dateValues('date', addCalendarDays(today(), 1)) } });
  });

  typed.post('/visits/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const list = await authoriseVisitsPlanning(app.db, { actor: actorOf(request) });
    const body = request.body as Form;
    const values = formValues(body);
    const episodeId = formField(body.episodeId);
    const episodes = await listEpisodesForVisits(app.db, list.teamId);
    let access: EpisodeAccess<'write'> | undefined;
    const render = (fields: FieldError[], status: number) => renderForm(reply, { mode: 'add', teamId: list.teamId, episodes, values, fields, status });
    if (!z.uuid().safeParse(episodeId).success) return render([{ path: 'episodeId', message: 'Choose the patient the visit is for' }], 400);
    try {
      access = await authoriseEpisodeWrite(app.db, { actor: list.actor, episode: await loadEpisode(request, episodeId), change: 'visit' });
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'not_found') return render([{ path: 'episodeId', message: 'Choose the patient the visit is for' }], 400);
      throw error;
    }
    const granted = access;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: async () => {
        const fields: FieldError[] = [];
        const v = parseVisitForm(body, fields);
        if (v.date !== null) {
          const domain = await visitFieldErrors(app.db, { actor: list.actor, teamId: granted.episode.teamId, episodeStatus: granted.episode.status, details: { date: v.date, durationMinutes: v.durationMinutes ?? 45, window: v.window, pinnedStart: v.pinnedStart }, pinnedStaffId: v.pinnedStaffId });
          fields.push(...domain.filter((d) => !fields.some((f) => f.path === d.path)));
        }
        if (fields.length) throw validationFailed(fields);
        return { ...v, date: v.date! };
      },
      write: async (trx, v) => `/visits/${(await addVisit(trx, { access: granted, visit: v })).id}?done=added`,
      render: (fields, status) => render(fields, status),
    });
  });

  const changeValues = (v: TeamVisit): Form => ({
    version: String(v.version),
    purpose: v.purpose,
    durationMinutes: String(v.durationMinutes),
    windowStart: v.window?.start ?? '',
    windowEnd: v.window?.end ?? '',
    pinnedStaffId: v.pinnedStaffId ?? '',
    pinnedStart: v.pinnedStart ?? '',
    ...dateValues('date', v.date),
  });

  typed.get('/visits/:id/change', { schema: { ...hidden, params: visitParams } }, async (request, reply) => {
    const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: (id) => loadEpisode(request, id) });
    await auditRead(access.grant, app.db, { recordKind: visitRecordKind, recordId: visit.id, detail: { purpose: 'change-visit' } });
    return renderForm(reply, { mode: 'change', teamId: visit.teamId, access, visit, values: changeValues(visit) });
  });

  typed.post('/visits/:id/change', { schema: { ...hidden, params: visitParams, body: formBody } }, async (request, reply) => {
    const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: (id) => loadEpisode(request, id) });
    const body = request.body as Form;
    const values = formValues(body);
    return pageWrite(request, reply, {
      check: async () => {
        const version = formVersion(body.version);
        const fields: FieldError[] = [];
        const v = parseVisitForm(body, fields);
        if (v.date !== null) {
          const domain = await visitFieldErrors(app.db, { actor: access.grant.actor, teamId: visit.teamId, episodeStatus: access.episode.status, details: { date: v.date, durationMinutes: v.durationMinutes ?? visit.durationMinutes, window: v.window, pinnedStart: v.pinnedStart }, pinnedStaffId: v.pinnedStaffId });
          fields.push(...domain.filter((d) => !fields.some((f) => f.path === d.path)));
        }
        if (fields.length) throw validationFailed(fields);
        return { version, change: { date: v.date!, purpose: v.purpose, durationMinutes: v.durationMinutes ?? visit.durationMinutes, window: v.window, pinnedStaffId: v.pinnedStaffId, pinnedStart: v.pinnedStart } };
      },
      write: async (trx, c) => `/visits/${(await changeVisit(trx, { access, visit, version: c.version, change: c.change })).id}?done=changed`,
      render: (fields, status, error) => {
        if (status === 409) {
          const current = (error.current as TeamVisit | undefined) ?? visit;
          return renderForm(reply, { mode: 'change', teamId: visit.teamId, access, visit: current, values: changeValues(current), fields: [{ path: 'form', message: `${error.message} The form shows the visit as it is now.` }], status });
        }
        return renderForm(reply, { mode: 'change', teamId: visit.teamId, access, visit, values, fields, status });
      },
    });
  });

  typed.post('/visits/:id/unpin', { schema: { ...hidden, params: visitParams, body: formBody } }, async (request, reply) => {
    const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: (id) => loadEpisode(request, id) });
    const version = formVersion((request.body as Form).version);
    return pageWrite(request, reply, {
      write: async (trx) => `/visits/${(await changeVisit(trx, { access, visit, version, change: { pinnedStaffId: null, pinnedStart: null }, what: 'unpinned' })).id}?done=unpinned`,
      render: async (fields, status, error) => renderVisit(reply, (error.current as TeamVisit | undefined) ?? visit, access, { fields, status }),
    });
  });

  async function cancelPage(visit: TeamVisit, access: EpisodeAccess) {
    return { title: 'Cancel a visit', section: 'visits', patient: await patientBanner(visit.patientId), breakGlass: access.grant.breakGlass, episode: access.episode, serviceLabels, visit: visitRow(visit), backHref: `/visits/${visit.id}` };
  }

  typed.get('/visits/:id/cancel', { schema: { ...hidden, params: visitParams } }, async (request, reply) => {
    const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: (id) => loadEpisode(request, id) });
    await auditRead(access.grant, app.db, { recordKind: visitRecordKind, recordId: visit.id, detail: { purpose: 'cancel-visit' } });
    return reply.page('visits/pages/visit-cancel.njk', { ...(await cancelPage(visit, access)), values: { version: String(visit.version) }, errors: [], fieldErrors: {} });
  });

  typed.post('/visits/:id/cancel', { schema: { ...hidden, params: visitParams, body: formBody } }, async (request, reply) => {
    const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: (id) => loadEpisode(request, id) });
    const body = request.body as Form;
    const values = formValues(body);
    return pageWrite(request, reply, {
      check: () => {
        const version = formVersion(body.version);
        const reason = formField(body.reason);
        if (reason === '') throw validationFailed([{ path: 'reason', message: 'Say why the visit is cancelled' }]);
        if (reason.length > 500) throw validationFailed([{ path: 'reason', message: 'The reason must be 500 characters or fewer' }]);
        return { version, reason };
      },
      write: async (trx, c) => `/visits/${(await cancelVisit(trx, { access, visit, version: c.version, reason: c.reason, visitCalledOff })).id}?done=cancelled`,
      render: async (fields, status) => reply.code(status).page('visits/pages/visit-cancel.njk', { ...(await cancelPage(visit, access)), values, errors: errorList(fields, { form: 'reason', version: 'reason' }), fieldErrors: errorsByField(fields) }),
    });
  });
}
