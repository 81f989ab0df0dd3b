// /api/training/...: the courses and the matrix per role, ESR-style imports (preview, then confirm), the
// team's compliance and one person's training. Thin: parse, authorise, delegate. Writes take an
// Idempotency-Key; changes are version-checked.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { homewardRoles, ukDateOf } from '@homeward/clinical';
import { actorOf, auditAs } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { version } from '../platform/number-schemas.ts';
import { errorResponse } from '../platform/openapi.ts';
import { abandonTrainingImport } from './abandon-training-import.ts';
import { addTrainingCourse } from './add-training-course.ts';
import { changeTrainingCourse } from './change-training-course.ts';
import { summariseCompliance } from './compliance-summary.ts';
import { confirmTrainingImport } from './confirm-training-import.ts';
import { previewTrainingImport } from './preview-training-import.ts';
import { auditStaffRead, authoriseStaffRecord, authoriseTrainingManager } from './training-access.ts';
import { findTrainingImport, type TrainingImport } from './training-import-queries.ts';
import { findTrainingCourse, listTrainingCourses, readPersonTraining, readTeamTraining, type TrainingCourse } from './training-queries.ts';

const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const courseParams = z.object({ courseId: z.uuid('courseId must be a UUID') });
const importParams = z.object({ importId: z.uuid('importId must be a UUID') });
const staffParams = z.object({ staffId: z.uuid('staffId must be a UUID') });
const role = z.enum(homewardRoles, { error: 'roles must be Homeward roles' });
const renewalMonths = z.number().int('renewalMonths must be a whole number').min(1, 'renewalMonths must be 1 to 120').max(120, 'renewalMonths must be 1 to 120').nullable();

const courseResponse = z.object({ id: z.string(), version: z.number(), code: z.string(), name: z.string(), renewalMonths: z.number().nullable(), active: z.boolean(), roles: z.array(z.string()) });
const standingResponse = z.object({ courseId: z.string(), courseName: z.string(), status: z.enum(['overdue', 'due-soon', 'in-date']), state: z.string(), dueOn: z.string().nullable(), latestCompletedOn: z.string().nullable() });
const personResponse = z.object({ staffId: z.string(), name: z.string(), role: z.string(), courses: z.array(standingResponse) });
const countsResponse = z.object({ courseId: z.string(), courseName: z.string(), inDate: z.number(), dueSoon: z.number(), overdue: z.number(), percent: z.number() });
const importResponse = z.object({
  id: z.string(), version: z.number(), fileName: z.string(), sha256: z.string(), status: z.enum(['previewed', 'confirmed', 'abandoned']), createdAt: z.string(), confirmedAt: z.string().nullable(), added: z.number(),
  summary: z.object({ add: z.number(), noChange: z.number(), problems: z.number() }),
  sameFileConfirmedAt: z.string().nullable(),
  rows: z.array(z.record(z.string(), z.unknown())).describe('Each data row (line 2 on): outcome add, no-change, or problem with its reason'),
});

const courseJson = (c: TrainingCourse) => ({ id: c.id, version: c.version, code: c.code, name: c.name, renewalMonths: c.renewalMonths, active: c.active, roles: c.roles });
const importJson = (i: TrainingImport) => ({ id: i.id, version: i.version, fileName: i.fileName, sha256: i.sha256, status: i.status, createdAt: i.createdAt, confirmedAt: i.confirmedAt, added: i.added, summary: i.preview.summary, sameFileConfirmedAt: i.preview.sameFileConfirmedAt, rows: i.preview.rows });

export async function trainingApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/training/courses', {
    schema: { tags: ['training'], summary: 'The training courses, their renewal periods and the roles that must hold each (the matrix)', response: { 200: z.object({ courses: z.array(courseResponse) }), ...errorResponse(401) } },
  }, async (request) => {
    actorOf(request);
    return { courses: (await listTrainingCourses(app.db)).map(courseJson) };
  });

  typed.post('/api/training/courses', {
    schema: {
      tags: ['training'], summary: 'Add a course to the matrix (clinical lead or service manager)', headers: writeHeaders,
      body: z.object({ id: z.uuid('id must be a UUID').optional(), code: z.string().max(60, 'code must be 60 characters or fewer'), name: z.string().max(200, 'name must be 200 characters or fewer'), renewalMonths, roles: z.array(role).max(20) }).strict(),
      response: { 201: z.object({ course: courseResponse }), ...errorResponse(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'keep the training matrix' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const { id } = await addTrainingCourse(trx, { manager, ...(b.id ? { id: b.id } : {}), code: b.code, name: b.name, renewalMonths: b.renewalMonths, roles: b.roles });
      return { status: 201, body: { course: courseJson((await findTrainingCourse(trx, id))!) } };
    });
  });

  typed.put('/api/training/courses/:courseId', {
    schema: {
      tags: ['training'], summary: 'Change a course: name, renewal period, still required, roles (version-checked)', params: courseParams, headers: writeHeaders,
      body: z.object({ version, name: z.string().max(200, 'name must be 200 characters or fewer'), renewalMonths, active: z.boolean(), roles: z.array(role).max(20) }).strict(),
      response: { 200: z.object({ course: courseResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'keep the training matrix' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      await changeTrainingCourse(trx, { manager, id: request.params.courseId, version: b.version, name: b.name, renewalMonths: b.renewalMonths, active: b.active, roles: b.roles });
      return { status: 200, body: { course: courseJson((await findTrainingCourse(trx, request.params.courseId))!) } };
    });
  });

  typed.post('/api/training/imports', {
    schema: {
      tags: ['training'], summary: 'Preview an ESR-style CSV export of completions: what each row would do, and why a row cannot be used. Nothing is imported until it is confirmed.',
      description: 'Columns (by heading, any order): Email Address, Competence Name (course code or name), Achievement Date (03/03/2026, 03-MAR-2026 or 2026-03-03). At most 200,000 characters and 5,000 rows.',
      headers: writeHeaders,
      body: z.object({ id: z.uuid('id must be a UUID').optional(), fileName: z.string().max(200, 'fileName must be 200 characters or fewer'), csv: z.string() }).strict(),
      response: { 201: z.object({ import: importResponse }), ...errorResponse(400, 401, 403, 409, 413, 422) },
    },
  }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'import training completions' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const { id } = await previewTrainingImport(trx, { manager, ...(b.id ? { id: b.id } : {}), fileName: b.fileName, csv: b.csv });
      return { status: 201, body: { import: importJson((await findTrainingImport(trx, id))!) } };
    });
  });

  typed.get('/api/training/imports/:importId', {
    schema: { tags: ['training'], summary: 'An import: its preview and whether it was confirmed', params: importParams, response: { 200: z.object({ import: importResponse }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'see training imports' });
    const found = await findTrainingImport(app.db, request.params.importId);
    if (!found || found.teamId !== manager.teamId) throw notFound('Import');
    // The preview names the team's people with their training: a read of their staff records.
    await auditAs(manager.actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'training-import', recordId: found.id, detail: { via: 'api' } });
    return { import: importJson(found) };
  });

  typed.post('/api/training/imports/:importId/confirm', {
    schema: {
      tags: ['training'], summary: 'Confirm a previewed import: the rows it said it would add are added, once', params: importParams, headers: writeHeaders,
      body: z.object({ version }).strict(),
      response: { 200: z.object({ import: importResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'import training completions' });
    return idempotentWrite(request, reply, async (trx) => {
      await confirmTrainingImport(trx, { manager, importId: request.params.importId, version: request.body.version });
      return { status: 200, body: { import: importJson((await findTrainingImport(trx, request.params.importId))!) } };
    });
  });

  typed.post('/api/training/imports/:importId/cancel', {
    schema: {
      tags: ['training'], summary: 'Cancel a previewed import: nothing is imported', params: importParams, headers: writeHeaders,
      body: z.object({ version }).strict(),
      response: { 200: z.object({ import: importResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'import training completions' });
    return idempotentWrite(request, reply, async (trx) => {
      await abandonTrainingImport(trx, { manager, importId: request.params.importId, version: request.body.version });
      return { status: 200, body: { import: importJson((await findTrainingImport(trx, request.params.importId))!) } };
    });
  });

  typed.get('/api/training/compliance', {
    schema: {
      tags: ['training'], summary: 'The team’s compliance: each person’s standing on each required course, and counts per course (clinical lead or service manager)',
      response: { 200: z.object({ overall: countsResponse, courses: z.array(countsResponse), people: z.array(personResponse) }), ...errorResponse(401, 403) },
    },
  }, async (request) => {
    const manager = await authoriseTrainingManager(app.db, { actor: actorOf(request), what: 'see the team’s training compliance' });
    const people = await readTeamTraining(app.db, { teamId: manager.teamId, today: ukDateOf(manager.actor.now) });
    await auditAs(manager.actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'training-compliance', detail: { teamId: manager.teamId, staffIds: people.map((p) => p.staffId), via: 'api' } });
    return { ...summariseCompliance(people), people: people.map(personJson) };
  });

  typed.get('/api/training/staff/:staffId', {
    schema: {
      tags: ['training'], summary: 'One person’s training: their standing on each required course and every completion (theirs, their supervisor’s, their team lead’s)',
      params: staffParams,
      response: {
        200: z.object({ standing: personResponse, completions: z.array(z.object({ id: z.string(), courseId: z.string(), courseName: z.string(), completedOn: z.string(), expiresOn: z.string().nullable(), source: z.string() })) }),
        ...errorResponse(400, 401, 403, 404),
      },
    },
  }, async (request) => {
    const access = await authoriseStaffRecord(app.db, { actor: actorOf(request), staffId: request.params.staffId, recordKind: 'training' });
    const data = await readPersonTraining(app.db, { person: access.person, today: ukDateOf(access.actor.now) });
    await auditStaffRead(app.db, { access, recordKind: 'training', via: 'api' });
    return { standing: personJson(data.standing), completions: data.completions.map((c) => ({ id: c.id, courseId: c.courseId, courseName: c.courseName, completedOn: c.completedOn, expiresOn: c.expiresOn, source: c.source })) };
  });
}

function personJson(p: Awaited<ReturnType<typeof readTeamTraining>>[number]) {
  return { staffId: p.staffId, name: p.name, role: p.role, courses: p.courses.map((c) => ({ courseId: c.courseId, courseName: c.courseName, status: c.status, state: c.state, dueOn: c.dueOn, latestCompletedOn: c.latestCompletedOn })) };
}

