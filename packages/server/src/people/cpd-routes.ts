// A personal CPD log and the HCPC-shaped CPD profile as a PDF (issue 16 #3). Thin: parse, authorise
// (cpd-access.ts), delegate to the domain functions, audit. JSON under /api (in the OpenAPI document);
// pages (hidden from it) under /cpd and /staff/:id/cpd.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { cpdKindLabels, cpdKinds, hcpcCpdStandards, hcpcCpdStandardTexts, isoDateToParts, parseDateParts, ukDateOf } from '@homeward/clinical';
import { actorOf, auditAs, type Actor } from '../platform/actor.ts';
import { isClinicalRole } from '@homeward/clinical';
import { formBody, formField, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { renderPdfDocument } from '../platform/pdf-document.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { auditCpdRead, authoriseCpdRead, authoriseCpdWrite, loadCpdOwner, type CpdAccess } from './cpd-access.ts';
import { buildCpdChart } from './cpd-chart.ts';
import { buildCpdProfile } from './cpd-profile.ts';
import { findCpdEntryWhere, listCpdEntries } from './cpd-queries.ts';
import { cpdEntryBody, cpdEntryChangeBody, cpdEntryResponse, cpdLogResponse, type CpdEntryInput, type CpdEntryResponse } from './cpd-schema.ts';
import { changeCpdEntry } from './change-cpd-entry.ts';
import { checkCpdEntry, logCpdEntry } from './log-cpd-entry.ts';
import { listTeamCpd } from './cpd-team.ts';

const tags = ['people'];
const staffParams = z.object({ id: z.uuid('Staff id must be a UUID') });
const entryParams = z.object({ id: z.uuid('CPD entry id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const hidden = { hide: true };
const doneQuery = z.object({ done: z.string().optional() });
const flashes: Record<string, string> = { logged: 'CPD activity added to your log', changed: 'CPD activity changed' };
type Form = Record<string, string | string[]>;

/** An entry, once the owner's log has been authorised for the reader. */
async function loadEntry(request: FastifyRequest, id: string, o: { write: boolean }): Promise<{ access: CpdAccess; entry: CpdEntryResponse }> {
  const db = request.server.db;
  const entry = await findCpdEntryWhere(db, id);
  if (!entry) throw notFound('CPD entry');
  const owner = await loadCpdOwner(db, entry.staffId);
  const actor = actorOf(request);
  const access = o.write ? await authoriseCpdWrite(db, { actor, owner }) : await authoriseCpdRead(db, { actor, owner });
  return { access, entry };
}

function profileJson(entries: CpdEntryResponse[], today: string, access: CpdAccess) {
  const { summary } = buildCpdProfile({ owner: access.owner, entries, today, summaryOfPractice: '' });
  return {
    from: summary.from,
    to: summary.to,
    totalHours: summary.totalHours,
    hoursByKind: summary.hoursByKind,
    standards: summary.standards.map((s) => ({ standard: s.standard, text: s.text, entryIds: s.entries.map((e) => e.id) })),
    gaps: summary.gaps,
  };
}

/** Who keeps a CPD log in Homeward: clinical staff (administrators and privacy officers do not). */
async function requireCpdKeeper(db: FastifyInstance['db'], actor: Actor): Promise<Actor> {
  if (!isClinicalRole(actor.staff.role)) {
    await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: 'cpd-log', detail: { route: actor.origin.via, rule: 'role-not-clinical' } });
    throw new HomewardError('forbidden', 'CPD logs are kept by clinical staff. Your role is for other work.');
  }
  return actor;
}

export async function cpdRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  // --- JSON API -----------------------------------------------------------------------------------

  typed.get(
    '/api/staff/:id/cpd',
    {
      schema: {
        tags,
        summary: 'A member of staff’s CPD log, newest first, with the two-year profile HCPC asks for (them, their supervisor, their team’s clinical lead and service manager; audited when not your own)',
        params: staffParams,
        response: { 200: cpdLogResponse, ...errorResponse(401, 403, 404) },
      },
    },
    async (request) => {
      const access = await authoriseCpdRead(db, { actor: actorOf(request), owner: await loadCpdOwner(db, request.params.id) });
      const entries = await listCpdEntries(db, access.owner.staffId);
      await auditCpdRead(db, access, { what: 'log' });
      return { staff: { id: access.owner.staffId, name: access.owner.name, role: access.owner.role }, entries, profile: profileJson(entries, ukDateOf(access.actor.now), access) };
    },
  );

  typed.post(
    '/api/staff/:id/cpd',
    {
      schema: {
        tags,
        summary: 'Add an activity to your own CPD log (activity, date, hours, type, what you learned, how it changed your practice, reflection, HCPC standards 1-5)',
        params: staffParams,
        headers: writeHeaders,
        body: cpdEntryBody,
        response: { 201: cpdEntryResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const access = await authoriseCpdWrite(db, { actor: actorOf(request), owner: await loadCpdOwner(db, request.params.id) });
      const { id, ...input } = request.body;
      checkCpdEntry(input, ukDateOf(access.actor.now));
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await logCpdEntry(trx, { access, input, id }) }));
    },
  );

  typed.get(
    '/api/cpd/:id',
    { schema: { tags, summary: 'One CPD log entry (whoever may see the log; audited when not your own)', params: entryParams, response: { 200: cpdEntryResponse, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const { access, entry } = await loadEntry(request, request.params.id, { write: false });
      await auditCpdRead(db, access, { what: 'entry', recordId: entry.id });
      return entry;
    },
  );

  typed.put(
    '/api/cpd/:id',
    {
      schema: {
        tags,
        summary: 'Change an entry of your own CPD log (send the version you read; a stale one is a 409 with the entry as it is)',
        params: entryParams,
        headers: writeHeaders,
        body: cpdEntryChangeBody,
        response: { 200: cpdEntryResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { access, entry } = await loadEntry(request, request.params.id, { write: true });
      const { version, ...input } = request.body;
      checkCpdEntry(input, ukDateOf(access.actor.now));
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await changeCpdEntry(trx, { access, entryId: entry.id, input, version }) }));
    },
  );

  // --- Pages --------------------------------------------------------------------------------------

  typed.get('/cpd', { schema: hidden }, async (request, reply) => {
    const actor = await requireCpdKeeper(db, actorOf(request));
    return redirectSeeOther(reply, `/staff/${actor.staff.staffId}/cpd`);
  });

  typed.get('/staff/:id/cpd', { schema: { ...hidden, params: staffParams, querystring: doneQuery } }, async (request, reply) => {
    const access = await authoriseCpdRead(db, { actor: actorOf(request), owner: await loadCpdOwner(db, request.params.id) });
    const entries = await listCpdEntries(db, access.owner.staffId);
    await auditCpdRead(db, access, { what: 'log' });
    const today = ukDateOf(access.actor.now);
    const own = access.basis === 'own';
    const { summary } = buildCpdProfile({ owner: access.owner, entries, today, summaryOfPractice: '' });
    return reply.page('people/pages/cpd-log.njk', {
      title: own ? 'Your CPD log' : `${access.owner.name}: CPD log`,
      section: 'cpd',
      owner: access.owner,
      own,
      entries,
      summary,
      seesTeam: own && (access.actor.staff.role === 'clinical-lead' || access.actor.staff.role === 'service-manager'),
      flash: request.query.done && Object.hasOwn(flashes, request.query.done) ? flashes[request.query.done] : null,
      backHref: own ? '/' : '/cpd/team',
      backText: own ? 'Home' : 'The team’s CPD',
    });
  });

  // The team's CPD at a glance, for the clinical lead and service manager (each person's hours; their logs one link away).
  typed.get('/cpd/team', { schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    const team = await listTeamCpd(db, { actor });
    const chart = buildCpdChart(team.map((p) => ({ name: p.name, hours: p.hours })));
    return reply.page('people/pages/cpd-team.njk', { title: 'The team’s CPD', section: 'cpd', team, chart, backHref: '/', backText: 'Home' });
  });

  function entryFormContext(o: { values: Form; fields?: FieldError[]; action: string; title: string; submit: string; cancelHref: string }) {
    const fields = o.fields ?? [];
    const chosen = new Set(Array.isArray(o.values.hcpcStandards) ? o.values.hcpcStandards : o.values.hcpcStandards ? [o.values.hcpcStandards] : []);
    return {
      title: o.title,
      section: 'cpd',
      action: o.action,
      submit: o.submit,
      cancelHref: o.cancelHref,
      values: o.values,
      kindItems: cpdKinds.map((k) => ({ value: k, text: cpdKindLabels[k], checked: o.values.kind === k })),
      standardItems: hcpcCpdStandards.map((s) => ({ value: String(s), text: `Standard ${s}: ${hcpcCpdStandardTexts[s]}`, checked: chosen.has(String(s)) })),
      errors: errorList(fields, { activity: 'activity', doneOn: 'doneOn-day', hours: 'hours', kind: 'kind', hcpcStandards: 'hcpcStandards', learned: 'learned', practiceChange: 'practiceChange', reflection: 'reflection', form: 'activity', version: 'activity' }),
      fieldErrors: errorsByField(fields),
      backHref: o.cancelHref,
    };
  }

  /** A form's answers as an entry, or every problem with them (nothing saved). */
  function parseEntryForm(body: Form, today: string): CpdEntryInput {
    const fields: FieldError[] = [];
    const date = parseDateParts({ day: formField(body['doneOn-day']), month: formField(body['doneOn-month']), year: formField(body['doneOn-year']) }, { label: 'Date of the activity', today });
    if (!date.ok) fields.push({ path: 'doneOn', message: date.message });
    const hoursText = formField(body.hours).trim();
    const hours = /^\d{1,3}(\.\d{1,2})?$/.test(hoursText) ? Number(hoursText) : Number.NaN;
    if (!hoursText) fields.push({ path: 'hours', message: 'Enter how many hours the activity took' });
    else if (Number.isNaN(hours)) fields.push({ path: 'hours', message: 'Enter the hours as a number, like 1.5' });
    const raw = body.hcpcStandards;
    const standards = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((s) => (/^\d$/.test(s) ? Number(s) : Number.NaN));
    const text = (name: string, max: number, label: string) => {
      const value = formField(body[name]).trim();
      if (value.length > max) fields.push({ path: name, message: `${label} must be ${max} characters or fewer` });
      return value;
    };
    const input: CpdEntryInput = {
      activity: text('activity', 300, 'The activity'),
      doneOn: date.ok ? date.value : today,
      hours: Number.isNaN(hours) ? 1 : hours,
      kind: formField(body.kind) as CpdEntryInput['kind'],
      learned: text('learned', 8000, 'What you learned'),
      practiceChange: text('practiceChange', 8000, 'How it changed your practice'),
      reflection: text('reflection', 16000, 'Your reflection'),
      hcpcStandards: standards,
    };
    // The rules' own problems, except those already said about a field the form could not read.
    const said = new Set(fields.map((f) => f.path));
    for (const p of checkProblems(input, today)) if (!said.has(p.path)) fields.push(p);
    if (fields.length) throw validationFailed(fields);
    return input;
  }

  function checkProblems(input: CpdEntryInput, today: string): FieldError[] {
    try {
      checkCpdEntry(input, today);
      return [];
    } catch (error) {
      if (error instanceof HomewardError) return error.fields;
      throw error;
    }
  }

  const ownAccess = async (request: FastifyRequest) => {
    const actor = await requireCpdKeeper(db, actorOf(request));
    return authoriseCpdWrite(db, { actor, owner: await loadCpdOwner(db, actor.staff.staffId) });
  };

  typed.get('/cpd/new', { schema: hidden }, async (request, reply) => {
    const access = await ownAccess(request);
    const today = isoDateToParts(ukDateOf(access.actor.now));
    return reply.page('people/pages/cpd-entry-form.njk', entryFormContext({ values: { formId: uuidv7(), 'doneOn-day': today.day, 'doneOn-month': today.month, 'doneOn-year': today.year }, action: '/cpd/new', title: 'Add a CPD activity', submit: 'Add to my log', cancelHref: '/cpd' }));
  });

  typed.post('/cpd/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await ownAccess(request);
    const body = request.body as Form;
    const values: Form = { ...body };
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => parseEntryForm(body, ukDateOf(access.actor.now)),
      write: async (trx, input) => {
        const entry = await logCpdEntry(trx, { access, input });
        return `/cpd/${entry.id}?done=logged`;
      },
      render: async (fields, status) => reply.code(status).page('people/pages/cpd-entry-form.njk', entryFormContext({ values, fields, action: '/cpd/new', title: 'Add a CPD activity', submit: 'Add to my log', cancelHref: '/cpd' })),
    });
  });

  typed.get('/cpd/:id', { schema: { ...hidden, params: entryParams, querystring: doneQuery } }, async (request, reply) => {
    const { access, entry } = await loadEntry(request, request.params.id, { write: false });
    await auditCpdRead(db, access, { what: 'entry', recordId: entry.id });
    return reply.page('people/pages/cpd-entry.njk', {
      title: entry.activity,
      section: 'cpd',
      entry,
      owner: access.owner,
      own: access.basis === 'own',
      standardTexts: hcpcCpdStandardTexts,
      flash: request.query.done && Object.hasOwn(flashes, request.query.done) ? flashes[request.query.done] : null,
      backHref: `/staff/${access.owner.staffId}/cpd`,
      backText: 'CPD log',
    });
  });

  function valuesOfEntry(entry: CpdEntryResponse): Form {
    const d = isoDateToParts(entry.doneOn);
    return {
      activity: entry.activity,
      'doneOn-day': d.day,
      'doneOn-month': d.month,
      'doneOn-year': d.year,
      hours: String(entry.hours),
      kind: entry.kind,
      learned: entry.learned,
      practiceChange: entry.practiceChange,
      reflection: entry.reflection,
      hcpcStandards: entry.hcpcStandards.map(String),
      version: String(entry.version),
    };
  }

  typed.get('/cpd/:id/change', { schema: { ...hidden, params: entryParams } }, async (request, reply) => {
    const { entry } = await loadEntry(request, request.params.id, { write: true });
    return reply.page('people/pages/cpd-entry-form.njk', entryFormContext({ values: valuesOfEntry(entry), action: `/cpd/${entry.id}/change`, title: 'Change a CPD activity', submit: 'Save the changes', cancelHref: `/cpd/${entry.id}` }));
  });

  typed.post('/cpd/:id/change', { schema: { ...hidden, params: entryParams, body: formBody } }, async (request, reply) => {
    const { access, entry } = await loadEntry(request, request.params.id, { write: true });
    const body = request.body as Form;
    const values: Form = { ...body };
    return pageWrite(request, reply, {
      check: () => ({ input: parseEntryForm(body, ukDateOf(access.actor.now)), version: formVersion(body.version) }),
      write: async (trx, checked) => {
        await changeCpdEntry(trx, { access, entryId: entry.id, input: checked.input, version: checked.version });
        return `/cpd/${entry.id}?done=changed`;
      },
      render: async (fields, status, error) => {
        // A stale form: what was typed stays, against the entry's version now (the summary says it was
        // changed), so the next Save works and nothing typed is thrown away.
        const now = error.code === 'version_conflict' ? (await loadEntry(request, entry.id, { write: true })).entry : null;
        const shown: Form = now ? { ...values, version: String(now.version) } : values;
        return reply.code(status).page('people/pages/cpd-entry-form.njk', entryFormContext({ values: shown, fields, action: `/cpd/${entry.id}/change`, title: 'Change a CPD activity', submit: 'Save the changes', cancelHref: `/cpd/${entry.id}` }));
      },
    });
  });

  // The HCPC profile: what it will hold, the summary of practice written here, then the PDF.
  async function profilePage(request: FastifyRequest, reply: FastifyReply, staffId: string) {
    const access = await authoriseCpdRead(db, { actor: actorOf(request), owner: await loadCpdOwner(db, staffId) });
    const entries = await listCpdEntries(db, access.owner.staffId);
    await auditCpdRead(db, access, { what: 'log' });
    const { summary } = buildCpdProfile({ owner: access.owner, entries, today: ukDateOf(access.actor.now), summaryOfPractice: '' });
    return reply.page('people/pages/cpd-profile.njk', { title: 'CPD profile for an HCPC audit', section: 'cpd', owner: access.owner, own: access.basis === 'own', summary, backHref: `/staff/${access.owner.staffId}/cpd`, backText: 'CPD log' });
  }

  typed.get('/staff/:id/cpd/profile', { schema: { ...hidden, params: staffParams } }, async (request, reply) => profilePage(request, reply, request.params.id));

  typed.post('/staff/:id/cpd/profile', { schema: { ...hidden, params: staffParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseCpdRead(db, { actor: actorOf(request), owner: await loadCpdOwner(db, request.params.id) });
    const summaryOfPractice = formField((request.body as Form).summaryOfPractice).slice(0, 8000);
    const entries = await listCpdEntries(db, access.owner.staffId);
    const profile = buildCpdProfile({ owner: access.owner, entries, today: ukDateOf(access.actor.now), summaryOfPractice });
    await auditCpdRead(db, access, { what: 'profile' });
    const pdf = await renderPdfDocument(profile.document);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${profile.filename}"`).header('cache-control', 'no-store').send(pdf);
  });
}
