// The PDC pages: your PDCs, and your team's for its lead (/pdc); starting one (/pdc/new); one PDC with
// its objectives and plan, where either of the two adds and reviews items and confirms it (/pdc/:id).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { dueStatusOf, dueStatusTags, homewardRoleLabels, mayHoldPdc, parseDateParts, pdcItemKindLabels, pdcItemKinds, pdcItemStatusLabels, pdcItemStatuses, ukDateOf, type PdcItemKind, type PdcItemStatusValue } from '@homeward/clinical';
import { actorOf, type Actor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { addPdcItem } from './add-pdc-item.ts';
import { changePdcItem } from './change-pdc-item.ts';
import { confirmPdc } from './confirm-pdc.ts';
import { auditPdcRead, authorisePdc, authorisePdcHolder, type PdcAccess } from './pdc-access.ts';
import { listPdcs } from './pdc-queries.ts';
import { startPdc } from './start-pdc.ts';
import { listTeamPeople } from './training-queries.ts';
import { authoriseTrainingManager } from './training-access.ts';

const hidden = { hide: true };

/** A day/month/year date from the form: the value, a problem, or null when it may be blank and is. */
function formDate(body: FormBody, name: string, label: string, today: string, optional = false): { value: string | null; problem: FieldError | null } {
  const parts = { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
  if (optional && parts.day === '' && parts.month === '' && parts.year === '') return { value: null, problem: null };
  const parsed = parseDateParts(parts, { label, today, earliestYear: 2000 });
  return parsed.ok ? { value: parsed.value, problem: null } : { value: null, problem: { path: name, message: parsed.message } };
}

export async function pdcPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/pdc', { schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    const today = ukDateOf(actor.now);
    const mine = await listPdcs(app.db, [actor.staff.staffId]);
    const lead = mayHoldPdc(actor.staff.role) && actor.staff.teamId !== null;
    let team: unknown[] = [];
    if (lead) {
      const people = (await listTeamPeople(app.db, actor.staff.teamId!)).filter((p) => p.id !== actor.staff.staffId);
      const pdcs = await listPdcs(app.db, people.map((p) => p.id));
      // Only the latest of each is shown here (dates and status: no content), so no PDC is read.
      team = people.map((p) => {
        const latest = pdcs.find((x) => x.staffId === p.id) ?? null;
        const status = dueStatusOf({ dueOn: latest?.nextReviewOn ?? null, today });
        return { ...p, roleLabel: homewardRoleLabels[p.role], latest, tag: dueStatusTags[status] };
      });
    }
    return reply.page('people/pages/pdc-list.njk', {
      title: 'PDC (appraisal)', section: 'pdc',
      mine: mine.map((p) => ({ ...p, tag: dueStatusTags[dueStatusOf({ dueOn: p.nextReviewOn, today })] })),
      lead, team, backHref: '/', backText: 'Home',
    });
  });

  async function renderNew(reply: FastifyReply, actor: Actor, o: { values?: FormBody; fields?: FieldError[]; status?: number } = {}) {
    const people = (await listTeamPeople(app.db, actor.staff.teamId!)).filter((p) => p.id !== actor.staff.staffId);
    const values: FormBody = { formId: uuidv7(), staffId: '', summary: '', ...(o.values ?? {}) };
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('people/pages/pdc-new.njk', {
      title: 'Start a PDC', section: 'pdc', values,
      staffItems: [{ value: '', text: 'Choose a member of your team' }, ...people.map((p) => ({ value: p.id, text: `${p.name} (${homewardRoleLabels[p.role]})`, selected: values.staffId === p.id }))],
      errors: errorList(fields, { heldOn: 'heldOn-day', nextReviewOn: 'nextReviewOn-day' }), fieldErrors: errorsByField(fields),
      backHref: '/pdc', backText: 'PDC',
    });
  }

  // The same two roles that keep the team's training hold its PDCs (pdcManagerRoles); the refusal is audited there.
  const requireHolder = async (actor: Actor) => (await authoriseTrainingManager(app.db, { actor, what: 'hold a PDC' })).actor;

  typed.get('/pdc/new', { schema: { ...hidden, querystring: z.object({ staffId: z.string().optional() }) } }, async (request, reply) => {
    const actor = await requireHolder(actorOf(request));
    return renderNew(reply, actor, { values: { staffId: request.query.staffId ?? '' } });
  });

  typed.post('/pdc/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const actor = await requireHolder(actorOf(request));
    const body = request.body;
    const today = ukDateOf(actor.now);
    const render = (fields: FieldError[], status: number) => renderNew(reply, actor, { values: body, fields, status });
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: async () => {
        const problems: FieldError[] = [];
        const staffId = formField(body.staffId);
        if (!z.uuid().safeParse(staffId).success) problems.push({ path: 'staffId', message: 'Choose the member of staff' });
        const held = formDate(body, 'heldOn', 'Date of the conversation', today);
        const next = formDate(body, 'nextReviewOn', 'Next review date', '2100-01-01');
        for (const p of [held.problem, next.problem]) if (p) problems.push(p);
        const summary = formField(body.summary);
        if (problems.length) throw validationFailed(problems);
        // Someone no longer in the team (a list gone stale), or nobody: said against the choice, the form
        // back with what was typed (the refusal is audited in authorisePdcHolder).
        await authorisePdcHolder(app.db, { actor, staffId }).catch((error: unknown) => {
          if (!(error instanceof HomewardError)) throw error;
          if (error.code === 'not_found') throw validationFailed([{ path: 'staffId', message: 'Choose a member of your team from the list' }]);
          if (error.code === 'forbidden') throw new HomewardError('forbidden', error.message, { fields: [{ path: 'staffId', message: error.message }] });
          throw error;
        });
        return { staffId, heldOn: held.value!, nextReviewOn: next.value!, summary };
      },
      write: async (trx, c) => `/pdc/${(await startPdc(trx, { actor, ...c })).id}?done=started`,
      render,
    }).catch((error: unknown) => {
      if (error instanceof HomewardError && error.code === 'forbidden' && error.fields.length) return render(error.fields, 403);
      throw error;
    });
  });

  async function renderPdc(reply: FastifyReply, access: PdcAccess, o: { values?: FormBody; fields?: FieldError[]; status?: number; done?: string } = {}) {
    await auditPdcRead(app.db, { access, via: 'page' });
    const p = access.pdc;
    const fields = o.fields ?? [];
    const today = ukDateOf(access.actor.now);
    const myConfirmation = access.role === 'staff' ? p.staffConfirmedAt : access.role === 'manager' ? p.managerConfirmedAt : null;
    const values: FormBody = { formId: uuidv7(), kind: 'objective', text: '', measure: '', ...(o.values ?? {}) };
    return reply.code(o.status ?? 200).page('people/pages/pdc.njk', {
      title: access.role === 'staff' ? 'Your PDC' : `PDC: ${p.staffName}`, section: 'pdc',
      pdc: p, role: access.role, mayChange: access.role !== 'viewer', mayConfirm: access.role !== 'viewer' && myConfirmation === null && p.items.length > 0,
      reviewTag: dueStatusTags[dueStatusOf({ dueOn: p.nextReviewOn, today })],
      items: p.items.map((i) => ({ ...i, kindText: pdcItemKindLabels[i.kind], statusText: pdcItemStatusLabels[i.status] })),
      values, kindItems: pdcItemKinds.map((k) => ({ value: k, text: pdcItemKindLabels[k], checked: values.kind === k })),
      errors: errorList(fields, { reviewOn: 'reviewOn-day', form: 'confirm' }), fieldErrors: errorsByField(fields),
      flash: o.done === 'started' ? 'The PDC is started: add the objectives and the development plan, then both of you confirm it.' : o.done === 'item' ? 'Saved. Both of you confirm the PDC again as it now stands.' : o.done === 'confirmed' ? (p.status === 'agreed' ? 'Confirmed: the PDC is agreed by both of you.' : 'Confirmed. It is agreed once the other confirms too.') : null,
      backHref: '/pdc', backText: 'PDC',
    });
  }

  const pdcParams = z.object({ pdcId: z.uuid() });

  typed.get('/pdc/:pdcId', { schema: { ...hidden, params: pdcParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: false });
    return renderPdc(reply, access, { done: request.query.done });
  });

  typed.post('/pdc/:pdcId/items', { schema: { ...hidden, params: pdcParams, body: formBody } }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    const body = request.body;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const kind = formField(body.kind) as PdcItemKind;
        const review = formDate(body, 'reviewOn', 'Review date', '2100-01-01', true);
        const problems: FieldError[] = [];
        if (!pdcItemKinds.includes(kind)) problems.push({ path: 'kind', message: 'Choose objective or development plan' });
        if (review.problem) problems.push(review.problem);
        if (problems.length) throw validationFailed(problems);
        return { kind, text: formField(body.text), measure: formField(body.measure), reviewOn: review.value };
      },
      write: async (trx, c) => {
        await addPdcItem(trx, { access, ...c });
        return `/pdc/${access.pdc.id}?done=item`;
      },
      render: async (fields, status) => renderPdc(reply, access, { values: body, fields, status }),
    });
  });

  typed.post('/pdc/:pdcId/confirm', { schema: { ...hidden, params: pdcParams, body: formBody } }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    return pageWrite(request, reply, {
      check: () => formVersion(request.body.version),
      write: async (trx, version) => {
        await confirmPdc(trx, { access, version });
        return `/pdc/${access.pdc.id}?done=confirmed`;
      },
      render: async (fields, status) => renderPdc(reply, await authorisePdc(app.db, { actor: access.actor, pdcId: access.pdc.id, write: false }), { fields, status }),
    });
  });

  const itemParams = pdcParams.extend({ itemId: z.uuid() });

  async function renderItem(reply: FastifyReply, access: PdcAccess, itemId: string, o: { values?: FormBody; fields?: FieldError[]; status?: number } = {}) {
    const item = access.pdc.items.find((i) => i.id === itemId);
    if (!item) throw notFound('PDC item');
    await auditPdcRead(app.db, { access, via: 'page' });
    const review = item.reviewOn ? item.reviewOn.split('-') : ['', '', ''];
    const values: FormBody = {
      version: String(item.version), text: item.text, measure: item.measure, status: item.status, progress: item.progress,
      'reviewOn-day': review[2] ?? '', 'reviewOn-month': review[1] ?? '', 'reviewOn-year': review[0] ?? '', ...(o.values ?? {}),
    };
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('people/pages/pdc-item.njk', {
      title: `Review: ${pdcItemKindLabels[item.kind].toLowerCase()}`, section: 'pdc', pdc: access.pdc, item, values,
      statusItems: pdcItemStatuses.map((s) => ({ value: s, text: pdcItemStatusLabels[s], checked: values.status === s })),
      errors: errorList(fields, { reviewOn: 'reviewOn-day', status: 'status', version: 'text', form: 'text' }), fieldErrors: errorsByField(fields),
      backHref: `/pdc/${access.pdc.id}`, backText: 'The PDC',
    });
  }

  typed.get('/pdc/:pdcId/items/:itemId', { schema: { ...hidden, params: itemParams } }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    return renderItem(reply, access, request.params.itemId);
  });

  typed.post('/pdc/:pdcId/items/:itemId', { schema: { ...hidden, params: itemParams, body: formBody } }, async (request, reply) => {
    const access = await authorisePdc(app.db, { actor: actorOf(request), pdcId: request.params.pdcId, write: true });
    const body = request.body;
    return pageWrite(request, reply, {
      check: () => {
        const version = formVersion(body.version);
        const review = formDate(body, 'reviewOn', 'Review date', '2100-01-01', true);
        const status = formField(body.status) as PdcItemStatusValue;
        const problems: FieldError[] = [];
        if (!pdcItemStatuses.includes(status)) problems.push({ path: 'status', message: 'Choose where this stands' });
        if (review.problem) problems.push(review.problem);
        if (problems.length) throw validationFailed(problems);
        return { version, status, reviewOn: review.value, text: formField(body.text), measure: formField(body.measure), progress: formField(body.progress) };
      },
      write: async (trx, c) => {
        await changePdcItem(trx, { access, itemId: request.params.itemId, ...c });
        return `/pdc/${access.pdc.id}?done=item`;
      },
      render: async (fields, status, error) => {
        if (error.code !== 'version_conflict') return renderItem(reply, access, request.params.itemId, { values: body, fields, status });
        // A stale form: what was typed stays, against the item as it is now, so the next Save works.
        const now = await authorisePdc(app.db, { actor: access.actor, pdcId: access.pdc.id, write: true });
        const item = now.pdc.items.find((i) => i.id === request.params.itemId);
        return renderItem(reply, now, request.params.itemId, { values: item ? { ...body, version: String(item.version) } : body, fields, status });
      },
    });
  });
}
