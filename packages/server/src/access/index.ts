import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/actor.ts';
import { ageOn, breakGlassDurationMinutes, breakGlassOtherReason, breakGlassReasons, postcodeDistrict } from '@homeward/clinical';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { errorResponse } from '../platform/openapi.ts';
import { audit, redirectSeeOther, requireClinician } from '../platform/request-context.ts';
import { findPatient } from '../patients/patient-queries.ts';
import { breakGlass } from './break-glass.ts';
import { supervisionRoutes } from './supervision-routes.ts';

const idParams = z.object({ id: z.uuid('Patient id must be a UUID') });

/** Access to patient records: legitimate relationships, supervision on an episode, and break-glass. */
export const accessContext = fp(async (app: FastifyInstance) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  await supervisionRoutes(app);
  const reasonItems = (selected: string) => breakGlassReasons.map((r) => ({ value: r, text: r, checked: r === selected }));

  typed.post(
    '/api/patients/:id/break-glass',
    {
      schema: {
        tags: ['access'],
        summary: 'Break glass: open a record outside a legitimate relationship, for a stated reason, for a limited time',
        params: idParams,
        body: z.strictObject({ reason: z.string().max(200), detail: z.string().max(2000).default('') }),
        response: { 201: z.object({ id: z.string(), expiresAt: z.string() }), ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const patient = await findPatient(app.db, request.params.id);
      if (!patient) throw notFound('Patient');
      const result = await breakGlass(app.db, { actor: actorOf(request), patientId: patient.id, reason: request.body.reason, detail: request.body.detail });
      return reply.code(201).send({ id: result.id, expiresAt: result.expiresAt.toISOString() });
    },
  );

  const limitedPatient = (p: NonNullable<Awaited<ReturnType<typeof findPatient>>>) => ({
    // Only what tells people apart: the clinician has no access to the rest yet.
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    nhsNumber: p.nhsNumber,
    dateOfBirth: p.dateOfBirth,
    age: ageOn(p.dateOfBirth, app.config.now().toISOString().slice(0, 10)),
    postcodeDistrict: postcodeDistrict(p.postcode),
  });

  /**
   * The form shows who the record is (name, NHS number, date of birth, postcode district) so the right
   * patient is opened: a find-only read, audited like a search result, before anything is shown.
   */
  const auditFindOnly = (request: FastifyRequest, patientId: string) =>
    audit(request, { action: 'read', outcome: 'allowed', patientId, recordKind: 'patient', recordId: patientId, detail: { scope: 'find-only', purpose: 'break-glass' } });

  typed.get('/patients/:id/break-glass', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    await requireClinician(request);
    const patient = await findPatient(app.db, request.params.id);
    if (!patient) throw notFound('Patient');
    await auditFindOnly(request, patient.id);
    return reply.page('access/pages/break-glass.njk', {
      title: 'Emergency access to a record',
      section: 'patients',
      patient: limitedPatient(patient),
      reasons: reasonItems(''),
      otherReason: breakGlassOtherReason,
      hours: Math.round(app.config.breakGlassMinutes / 60) || breakGlassDurationMinutes / 60,
      values: {},
      backHref: '/patients/search',
    });
  });

  typed.post('/patients/:id/break-glass', { schema: { hide: true, params: idParams, body: z.record(z.string(), z.string()) } }, async (request, reply) => {
    await requireClinician(request);
    const patient = await findPatient(app.db, request.params.id);
    if (!patient) throw notFound('Patient');
    const reason = request.body.reason ?? '';
    const detail = request.body.detail ?? '';
    try {
      await breakGlass(app.db, { actor: actorOf(request), patientId: patient.id, reason, detail });
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'validation_failed') {
        await auditFindOnly(request, patient.id);
        return reply.code(400).page('access/pages/break-glass.njk', {
          title: 'Emergency access to a record',
          section: 'patients',
          patient: limitedPatient(patient),
          reasons: reasonItems(reason),
          otherReason: breakGlassOtherReason,
          hours: Math.round(app.config.breakGlassMinutes / 60),
          values: { detail },
          errors: errorList(error.fields, { reason: 'reason' }),
          fieldErrors: errorsByField(error.fields),
          backHref: '/patients/search',
        });
      }
      throw error;
    }
    return redirectSeeOther(reply, `/patients/${patient.id}`);
  });
}, { name: 'access' });
