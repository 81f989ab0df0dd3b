// /api/rota: the team's rota as JSON. Thin: parse, authorise, delegate; the rules are in
// packages/clinical and the domain functions beside this file.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { addCalendarDays, englandBankHolidays, ukDateOf, weekOf } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { authoriseRotaEdit, authoriseRotaView } from './authorise-rota.ts';
import { addRotaException } from './add-rota-exception.ts';
import { cancelRotaException } from './cancel-rota-exception.ts';
import { changeRotaPattern } from './change-rota-pattern.ts';
import { checkRotaPattern, rotaPersonProblems } from './check-rota-pattern.ts';
import { findRotaException, maxRotaDays, readOnCall, readOnCallForDates, readRotaExceptions, readRotaForDates, readStaffPattern } from './rota-queries.ts';
import {
  onCallBody,
  onCallResponse,
  rotaExceptionBody,
  rotaExceptionCancelBody,
  rotaExceptionResponse,
  rotaPatternBody,
  rotaPatternResponse,
  rotaRangeResponse,
  staffRotaResponse,
} from './rota-schema.ts';
import { onCallProblems, setOnCall } from './set-on-call.ts';

const tags = ['rota'];
const staffParams = z.object({ staffId: z.uuid('Staff id must be a UUID') });
const exceptionParams = z.object({ exceptionId: z.uuid('Exception id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const rangeQuery = z.object({
  from: z.iso.date('from must be a date, yyyy-mm-dd').optional(),
  to: z.iso.date('to must be a date, yyyy-mm-dd').optional(),
});
// The role is checked before the body is parsed: someone who may not change the rota learns nothing from validation messages.
const mayEdit = { preValidation: async (request: FastifyRequest) => void (await authoriseRotaEdit(request.server.db, { actor: actorOf(request) })) };

/** How far back the person's exceptions are listed: a month, so recent sickness is in view. */
export const exceptionsLookBackDays = 31;
export const exceptionsLookAheadDays = 2 * 366;

export async function rotaApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  typed.get(
    '/api/rota',
    {
      schema: {
        tags,
        summary: `The team’s rota, day by day (every clinical member of your team each day, working or why not), with exceptions, on call and bank holidays; from and to inclusive, ${maxRotaDays} days at most, the current week by default (clinical staff of the team)`,
        querystring: rangeQuery,
        response: { 200: rotaRangeResponse, ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const viewer = await authoriseRotaView(app.db, { actor: actorOf(request) });
      const week = weekOf(today());
      const from = request.query.from ?? week[0]!;
      const to = request.query.to ?? (request.query.from ? addCalendarDays(from, 6) : week[6]!);
      if (to < from) throw validationFailed([{ path: 'querystring.to', message: 'to must be on or after from' }]);
      if (addCalendarDays(from, maxRotaDays - 1) < to) throw validationFailed([{ path: 'querystring.to', message: `The rota is read ${maxRotaDays} days at a time at most` }]);
      const days = await readRotaForDates(app.db, { teamId: viewer.teamId, from, to });
      const staffIds = [...new Set(days.map((d) => d.staffId))];
      return {
        teamId: viewer.teamId,
        from,
        to,
        days,
        onCall: await readOnCallForDates(app.db, { teamId: viewer.teamId, from, to }),
        bankHolidays: englandBankHolidays.filter((h) => h.date >= from && h.date <= to).map((h) => ({ ...h })),
        exceptions: await readRotaExceptions(app.db, { staffIds, from, to }),
      };
    },
  );

  typed.get(
    '/api/rota/staff/:staffId',
    {
      schema: {
        tags,
        summary: 'A member of staff’s working pattern and their exceptions from a month ago on, cancelled ones included (clinical staff of their team)',
        params: staffParams,
        response: { 200: staffRotaResponse, ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const person = await readStaffPattern(app.db, request.params.staffId);
      if (!person) throw notFound('Staff member');
      await authoriseRotaView(app.db, { actor: actorOf(request), teamId: person.teamId, recordKind: 'rota-pattern', staffId: person.staffId });
      const from = addCalendarDays(today(), -exceptionsLookBackDays);
      const exceptions = await readRotaExceptions(app.db, { staffIds: [person.staffId], from, to: addCalendarDays(today(), exceptionsLookAheadDays), includeCancelled: true });
      return { pattern: person, exceptions };
    },
  );

  typed.put(
    '/api/rota/staff/:staffId/pattern',
    {
      ...mayEdit,
      schema: {
        tags,
        summary: 'Set a member of staff’s working pattern (the clinical lead or service manager of their team): send the version you read, or none when they have no pattern yet',
        params: staffParams,
        headers: writeHeaders,
        body: rotaPatternBody,
        response: { 200: rotaPatternResponse, ...errorResponse(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const person = await readStaffPattern(app.db, request.params.staffId);
      if (!person) throw notFound('Staff member');
      const actor = actorOf(request);
      await authoriseRotaEdit(app.db, { actor, teamId: person.teamId, recordKind: 'rota-pattern', staffId: person.staffId });
      const { version, ...input } = request.body;
      // Refuse bad input before a transaction opens, so a refusal writes nothing.
      const problems = [...rotaPersonProblems(person), ...checkRotaPattern(input)];
      if (problems.length) throw validationFailed(problems);
      return app.db.transaction().execute((trx) => changeRotaPattern(trx, { actor, staffId: person.staffId, input, version: version ?? null }));
    },
  );

  typed.post(
    '/api/rota/staff/:staffId/exceptions',
    {
      ...mayEdit,
      schema: {
        tags,
        summary: 'Add leave, sickness, training, another absence, or an extra shift (cover) for a member of staff (the clinical lead or service manager of their team); Idempotency-Key makes a retry safe',
        params: staffParams,
        headers: writeHeaders,
        body: rotaExceptionBody,
        response: { 201: rotaExceptionResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const person = await readStaffPattern(app.db, request.params.staffId);
      if (!person) throw notFound('Staff member');
      const actor = actorOf(request);
      await authoriseRotaEdit(app.db, { actor, teamId: person.teamId, recordKind: 'rota-exception', staffId: person.staffId });
      // The rota's checks run inside the write, after the key is claimed: a retry of leave already
      // booked gets its first answer, not "this overlaps" (the leave it overlaps is itself).
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await addRotaException(trx, { actor, staffId: person.staffId, input: request.body }) }));
    },
  );

  typed.post(
    '/api/rota/exceptions/:exceptionId/cancel',
    {
      ...mayEdit,
      schema: {
        tags,
        summary: 'Cancel an exception (send the version you read): it stays on record, stamped, and no longer changes the rota',
        params: exceptionParams,
        headers: writeHeaders,
        body: rotaExceptionCancelBody,
        response: { 200: rotaExceptionResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const exception = await findRotaException(app.db, request.params.exceptionId);
      if (!exception) throw notFound('Rota exception');
      await authoriseRotaEdit(app.db, { actor: actorOf(request), teamId: exception.teamId, recordKind: 'rota-exception', staffId: exception.staffId });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await cancelRotaException(trx, { actor: actorOf(request), exception, version: request.body.version }) }));
    },
  );

  typed.get(
    '/api/rota/on-call',
    {
      schema: {
        tags,
        summary: 'Who is on call for your team on a date, and the manager on call (null when nobody is set)',
        querystring: z.object({ date: z.iso.date('date must be a date, yyyy-mm-dd') }),
        response: { 200: z.object({ onCall: onCallResponse.nullable() }), ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const viewer = await authoriseRotaView(app.db, { actor: actorOf(request) });
      return { onCall: await readOnCall(app.db, { teamId: viewer.teamId, date: request.query.date }) };
    },
  );

  typed.put(
    '/api/rota/on-call',
    {
      ...mayEdit,
      schema: {
        tags,
        summary: 'Set who is on call for your team on a date, and the manager on call (the clinical lead or service manager): send the version you read, or none when nobody is set yet',
        headers: writeHeaders,
        body: onCallBody,
        response: { 200: onCallResponse, ...errorResponse(400, 401, 403, 409, 413) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const problems = await onCallProblems(app.db, { actor, input: request.body });
      if (problems.length) throw validationFailed(problems);
      return app.db.transaction().execute((trx) => setOnCall(trx, { actor, input: request.body }));
    },
  );
}
