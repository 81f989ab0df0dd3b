// The training pages: your own training (/training), a person's (/training/staff/:id), the team's
// compliance with its chart and table (/training/team), the courses and matrix (/training/courses), and
// the ESR import: paste or choose the file, see exactly what would change, confirm (/training/imports).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { dueStatusTags, worstDueStatus, esrMaxFileCharacters, homewardRoleLabels, homewardRoles, mayManageTraining, trainingStateLabels, ukDateOf, type HomewardRole } from '@homeward/clinical';
import { actorOf, auditAs, type Actor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { abandonTrainingImport } from './abandon-training-import.ts';
import { addTrainingCourse } from './add-training-course.ts';
import { buildComplianceChart } from './compliance-chart.ts';
import { summariseCompliance } from './compliance-summary.ts';
import { confirmTrainingImport } from './confirm-training-import.ts';
import { previewTrainingImport } from './preview-training-import.ts';
import { auditStaffRead, authoriseStaffRecord, authoriseTrainingManager, type StaffRecordAccess } from './training-access.ts';
import { findTrainingImport, type TrainingImport } from './training-import-queries.ts';
import { listTrainingCourses, readPersonTraining, readTeamTraining } from './training-queries.ts';

const hidden = { hide: true };
// Bytes, not characters: UTF-8 takes up to 4 bytes a character, so a file the character limit allows
// always arrives whole and is refused (or not) by the one rule; past this it is not even read.
const esrMaxFileBytes = esrMaxFileCharacters * 4;
const sourceLabels = { 'esr-import': 'ESR import', recorded: 'Recorded' } as const;

export async function trainingPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function showPerson(reply: FastifyReply, access: StaffRecordAccess) {
    const data = await readPersonTraining(app.db, { person: access.person, today: ukDateOf(access.actor.now) });
    await auditStaffRead(app.db, { access, recordKind: 'training', via: 'page' });
    const own = access.basis === 'self';
    return reply.page('people/pages/training-person.njk', {
      title: own ? 'Your training' : `Training: ${access.person.name}`,
      section: 'training',
      own,
      person: access.person,
      roleLabel: homewardRoleLabels[access.person.role],
      standing: data.standing.courses.map((c) => ({ ...c, tag: dueStatusTags[c.status], stateText: trainingStateLabels[c.state] })),
      completions: data.completions.map((c) => ({ ...c, sourceText: sourceLabels[c.source] })),
      manager: own && mayManageTraining(access.actor.staff.role),
      backHref: own ? '/' : '/training/team',
      backText: own ? 'Home' : 'Team training',
    });
  }

  typed.get('/training', { schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    return showPerson(reply, await authoriseStaffRecord(app.db, { actor, staffId: actor.staff.staffId, recordKind: 'training' }));
  });

  typed.get('/training/staff/:staffId', { schema: { ...hidden, params: z.object({ staffId: z.uuid() }) } }, async (request, reply) => {
    return showPerson(reply, await authoriseStaffRecord(app.db, { actor: actorOf(request), staffId: request.params.staffId, recordKind: 'training' }));
  });

  typed.get('/training/team', { schema: hidden }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'see the team’s training compliance' });
    const people = await readTeamTraining(app.db, { teamId: manager.teamId, today: ukDateOf(manager.actor.now) });
    await auditAs(manager.actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'training-compliance', detail: { teamId: manager.teamId, staffIds: people.map((p) => p.staffId), via: 'page' } });
    const summary = summariseCompliance(people);
    return reply.page('people/pages/training-team.njk', {
      title: 'Team training compliance',
      section: 'training',
      summary,
      chart: summary.courses.length ? buildComplianceChart(summary.courses, summary.overall) : null,
      people: people.map((p) => {
        const worst = worstDueStatus(p.courses.map((c) => c.status));
        return {
          ...p, roleLabel: homewardRoleLabels[p.role], tag: dueStatusTags[worst],
          problems: p.courses.filter((c) => c.status !== 'in-date').map((c) => ({ ...c, tag: dueStatusTags[c.status], stateText: trainingStateLabels[c.state] })),
        };
      }),
      tags: dueStatusTags,
      backHref: '/',
      backText: 'Home',
    });
  });

  // -- Courses and the matrix.
  async function renderCourses(reply: FastifyReply, actor: Actor, o: { values?: FormBody; fields?: FieldError[]; status?: number; done?: boolean } = {}) {
    const courses = await listTrainingCourses(app.db);
    const values: FormBody = { formId: uuidv7(), code: '', name: '', renewalMonths: '', ...(o.values ?? {}) };
    const chosen = new Set(Array.isArray(values.roles) ? values.roles : values.roles ? [values.roles] : []);
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('people/pages/training-courses.njk', {
      title: 'Training courses and who needs them',
      section: 'training',
      courses: courses.map((c) => ({ ...c, roleText: c.roles.map((r) => homewardRoleLabels[r]).join(', ') || 'No role yet', renewalText: c.renewalMonths === null ? 'Once only' : c.renewalMonths % 12 === 0 ? `Every ${c.renewalMonths / 12} ${c.renewalMonths === 12 ? 'year' : 'years'}` : `Every ${c.renewalMonths} months` })),
      mayKeep: mayManageTraining(actor.staff.role) && actor.staff.teamId !== null,
      values,
      roleItems: homewardRoles.map((r) => ({ value: r, text: homewardRoleLabels[r], checked: chosen.has(r) })),
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      flash: o.done ? 'The course is added to the matrix.' : null,
      backHref: '/training',
      backText: 'Your training',
    });
  }

  typed.get('/training/courses', { schema: { ...hidden, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    return renderCourses(reply, actorOf(request), { done: request.query.done === 'added' });
  });

  typed.post('/training/courses', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'keep the training matrix' });
    const body = request.body;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const renewalText = formField(body.renewalMonths);
        const renewalMonths = renewalText === '' ? null : /^\d{1,3}$/.test(renewalText) ? Number(renewalText) : Number.NaN;
        const roles = (Array.isArray(body.roles) ? body.roles : body.roles ? [body.roles] : []).filter((r): r is HomewardRole => (homewardRoles as readonly string[]).includes(r));
        if (Number.isNaN(renewalMonths)) throw validationFailed([{ path: 'renewalMonths', message: 'Renewal must be a whole number of months from 1 to 120, or blank for a course done once' }]);
        return { code: formField(body.code), name: formField(body.name), renewalMonths, roles };
      },
      write: async (trx, c) => {
        await addTrainingCourse(trx, { manager, ...c });
        return '/training/courses?done=added';
      },
      render: async (fields, status) => renderCourses(reply, manager.actor, { values: body, fields, status }),
    });
  });

  // -- Imports.
  async function renderNewImport(reply: FastifyReply, o: { values?: FormBody; fields?: FieldError[]; status?: number } = {}) {
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('people/pages/training-import-new.njk', {
      title: 'Import training completions from ESR',
      section: 'training',
      values: { formId: uuidv7(), fileName: '', csv: '', ...(o.values ?? {}) },
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: '/training/team',
      backText: 'Team training',
    });
  }

  typed.get('/training/imports/new', { schema: hidden }, async (request, reply) => {
    await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'import training completions' });
    return renderNewImport(reply);
  });

  // The chosen file (multipart, platform/form-files.ts) or the pasted text (an ordinary form post).
  typed.post('/training/imports/new', { schema: { ...hidden, body: formBody }, config: { formFile: { field: 'csvFile', maxBytes: esrMaxFileBytes } } }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'import training completions' });
    const body = request.body;
    // The CSV keeps its own spacing (formField trims): only the text itself.
    const textOf = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
    const chosenName = formField(body.csvFileName);
    const chosen = chosenName !== '' || formField(body.csvFileTooLarge) === 'yes';
    const csv = chosen ? textOf(body.csvFile) : textOf(body.csv);
    // What the form shows again: never the chosen file's text (a browser cannot put a file back).
    const { csvFile: _file, csvFileName: _name, csvFileTooLarge: _tooLarge, ...values } = body;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        if (formField(body.csvFileTooLarge) === 'yes') throw validationFailed([{ path: 'csvFile', message: `The file is too large: an export for one team is at most ${esrMaxFileCharacters.toLocaleString('en-GB')} characters. Export your team only.` }]);
      },
      write: async (trx) => {
        try {
          const { id } = await previewTrainingImport(trx, { manager, fileName: formField(body.fileName) || chosenName, csv });
          return `/training/imports/${id}`;
        } catch (error) {
          // A chosen file's problems belong beside the file input, not the textarea.
          if (chosen && error instanceof HomewardError) throw new HomewardError(error.code, error.message, { fields: error.fields.map((f) => (f.path === 'csv' ? { ...f, path: 'csvFile' } : f)) });
          throw error;
        }
      },
      render: async (fields, status) => renderNewImport(reply, { values, fields, status }),
    });
  });

  async function renderImport(reply: FastifyReply, actor: Actor, found: TrainingImport, o: { fields?: FieldError[]; status?: number; done?: string } = {}) {
    await auditAs(actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'training-import', recordId: found.id, detail: { via: 'page' } });
    const fields = o.fields ?? [];
    const rows = found.preview.rows;
    return reply.code(o.status ?? 200).page('people/pages/training-import.njk', {
      title: found.status === 'confirmed' ? 'Training completions imported' : found.status === 'abandoned' ? 'Import cancelled' : 'Check the import before confirming',
      section: 'training',
      imp: found,
      adds: rows.flatMap((r) => (r.outcome === 'add' ? [r] : [])),
      unchanged: rows.flatMap((r) => (r.outcome === 'no-change' ? [r] : [])),
      problems: rows.flatMap((r) => (r.outcome === 'problem' ? [r] : [])),
      errors: errorList(fields),
      flash: o.done === 'confirmed' ? `${found.added} ${found.added === 1 ? 'completion was' : 'completions were'} added to the team’s training records.` : o.done === 'cancelled' ? 'The import was cancelled: nothing was imported.' : null,
      backHref: '/training/team',
      backText: 'Team training',
    });
  }

  const importParams = z.object({ importId: z.uuid() });

  async function loadImport(actor: Actor, importId: string) {
    const manager = await authoriseTrainingManager(app.db, { actor, what: 'import training completions' });
    const found = await findTrainingImport(app.db, importId);
    if (!found || found.teamId !== manager.teamId) throw notFound('Import');
    return { manager, found };
  }

  typed.get('/training/imports/:importId', { schema: { ...hidden, params: importParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const { manager, found } = await loadImport(actorOf(request), request.params.importId);
    return renderImport(reply, manager.actor, found, { done: request.query.done });
  });

  for (const step of ['confirm', 'cancel'] as const) {
    typed.post(`/training/imports/:importId/${step}`, { schema: { ...hidden, params: importParams, body: formBody } }, async (request, reply) => {
      const { manager, found } = await loadImport(actorOf(request), request.params.importId);
      return pageWrite(request, reply, {
        check: () => formVersion(request.body.version),
        write: async (trx, version) => {
          if (step === 'confirm') await confirmTrainingImport(trx, { manager, importId: found.id, version });
          else await abandonTrainingImport(trx, { manager, importId: found.id, version });
          return `/training/imports/${found.id}?done=${step === 'confirm' ? 'confirmed' : 'cancelled'}`;
        },
        render: async (fields, status) => renderImport(reply, manager.actor, (await findTrainingImport(app.db, found.id))!, { fields, status }),
      });
    });
  }
}
