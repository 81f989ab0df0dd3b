// /api/patients: the JSON API over the patient index. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { actorOf } from '../platform/actor.ts';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { nhsNumberError, normaliseNhsNumber } from '@homeward/clinical';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { authorisePatientAccess } from '../access/authorise-patient-access.ts';
import { readPatient, readPatientHistory } from './read-patient.ts';
import { checkPatientDetails } from './check-patient-details.ts';
import { findPatient } from './patient-queries.ts';
import { createPatientBody, findOnlyResult, fullResult, patientResponse, searchQuery, updatePatientBody } from './patient-schema.ts';
import { authorisePatientRegistration, registerPatient } from './register-patient.ts';
import { changePatientDetails } from './change-patient-details.ts';
import { findPatients, nameSearchProblems } from './find-patients.ts';

const idParams = z.object({ id: z.uuid('Patient id must be a UUID') });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export async function patientApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Find patients by NHS number, by part of a name (narrowed by date of birth, year of birth or postcode), or by family name with date of birth',
        description:
          'name: the start of the family name, a given name, or both, in any order; accents, hyphens and apostrophes are ignored, and a family name that sounds alike is found too. Each result says why it matched (matchedBecause). Outside a legitimate relationship, results show only what is needed to find the right person.',
        querystring: searchQuery,
        response: { 200: z.object({ results: z.array(z.union([fullResult, findOnlyResult])) }), ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      let search;
      if (q.nhsNumber !== undefined) {
        const problem = nhsNumberError(q.nhsNumber);
        if (problem) throw validationFailed([{ path: 'querystring.nhsNumber', message: problem }]);
        search = { kind: 'nhs-number' as const, nhsNumber: normaliseNhsNumber(q.nhsNumber) };
      } else if (q.name !== undefined) {
        const fields = nameSearchProblems({ name: q.name, postcode: q.postcode ?? null }).map((f) => ({ ...f, path: `querystring.${f.path}` }));
        if (fields.length) throw validationFailed(fields);
        search = { kind: 'name' as const, name: q.name, dateOfBirth: q.dateOfBirth ?? null, yearOfBirth: q.yearOfBirth ?? null, postcode: q.postcode || null };
      } else if (q.familyName && q.dateOfBirth) {
        search = { kind: 'name-and-birth' as const, familyName: q.familyName, givenName: q.givenName || null, dateOfBirth: q.dateOfBirth };
      } else {
        throw validationFailed([{ path: 'querystring', message: 'Search by NHS number, or by part of a name (name), or by family name and date of birth' }]);
      }
      const results = await findPatients(app.db, { actor: actorOf(request), search });
      return { results };
    },
  );

  typed.post(
    '/api/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Register a patient in the index (registered to your team)',
        headers: idempotencyHeader,
        body: createPatientBody,
        response: { 201: patientResponse, ...errorResponse(400, 401, 403, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await authorisePatientRegistration(app.db, { actor });
      const { id, ...input } = request.body;
      const checked = checkPatientDetails(input, app.config.now());
      if (!checked.ok) throw validationFailed(checked.fields);
      return idempotentWrite(request, reply, async (trx) => {
        const patient = await registerPatient(trx, { actor, id: id ?? uuidv7(), details: checked.details });
        return { status: 201, body: patient };
      });
    },
  );

  typed.get(
    '/api/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary: "A patient's record (needs a legitimate relationship or break-glass)",
        params: idParams,
        response: { 200: patientResponse, ...errorResponse(401, 403, 404) },
      },
    },
    async (request) => {
      const found = await findPatient(app.db, request.params.id);
      if (!found) throw notFound('Patient');
      const grant = await authorisePatientAccess(app.db, { actor: actorOf(request), patientId: found.id, action: 'read' });
      return readPatient(app.db, { grant });
    },
  );

  typed.put(
    '/api/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary: "Change a patient's details; send the version you read (409 with the current record if it is stale)",
        params: idParams,
        headers: idempotencyHeader,
        body: updatePatientBody,
        response: { 200: patientResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      const existing = await findPatient(app.db, request.params.id);
      if (!existing) throw notFound('Patient');
      const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: existing.id, action: 'write' });
      const checked = checkPatientDetails(input, app.config.now());
      if (!checked.ok) throw validationFailed(checked.fields);
      return idempotentWrite(request, reply, async (trx) => {
        const patient = await changePatientDetails(trx, { grant, version, details: checked.details });
        return { status: 200, body: patient };
      });
    },
  );

  typed.get(
    '/api/patients/:id/versions',
    {
      schema: {
        tags: ['patients'],
        summary: 'Every version of the patient record, newest first',
        params: idParams,
        response: {
          200: z.object({ versions: z.array(z.object({ version: z.number(), recordedAt: z.string(), recordedBy: z.string(), recordedByName: z.string().nullable(), patient: patientResponse })) }),
          ...errorResponse(401, 403, 404),
        },
      },
    },
    async (request) => {
      const patient = await findPatient(app.db, request.params.id);
      if (!patient) throw notFound('Patient');
      const grant = await authorisePatientAccess(app.db, { actor: actorOf(request), patientId: patient.id, action: 'read', recordKind: 'patient-history' });
      const versions = await readPatientHistory(app.db, { grant });
      return { versions };
    },
  );

}
