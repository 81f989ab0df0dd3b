// /api/staff and /api/teams: staff administration as JSON. Thin: parse, authorise, delegate, audit.
// Only administrators reach these (see staff-admin-routes.ts). No response carries a password hash.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { addStaffAccount } from './add-staff-account.ts';
import { changeStaffAccount } from './change-staff-account.ts';
import { checkNewPassword, checkStaffDetails } from './check-staff-details.ts';
import { hashPassword } from './password.ts';
import { resetStaffPassword } from './reset-staff-password.ts';
import { findStaffAccount, listStaffAccounts, listTeams } from './staff-queries.ts';
import { createStaffBody, setPasswordBody, staffAccountResponse, teamResponse, updateStaffBody } from './staff-schema.ts';

const idParams = z.object({ id: z.uuid('Staff id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const tags = ['staff'];

export async function staffAdminApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Every staff account, by team (administrators only)',
        response: { 200: z.object({ staff: z.array(staffAccountResponse) }), ...errorResponse(401, 403) },
      },
    },
    async () => ({ staff: await listStaffAccounts(app.db) }),
  );

  typed.post(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Add a staff account with a first password (administrators only)',
        description: 'Email addresses are stored in lower case and must be unique. OTs and PTs need their HCPC registration number; clinical roles need a team.',
        headers: writeHeaders,
        body: createStaffBody,
        response: { 201: staffAccountResponse, ...errorResponse(400, 401, 403, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { password, ...details } = request.body;
      const problems = [...checkStaffDetails(details), ...checkNewPassword(password)];
      if (problems.length) throw validationFailed(problems);
      const passwordHash = await hashPassword(password);
      return idempotentWrite(request, reply, async (trx) => {
        const account = await addStaffAccount(trx, { actor: actorOf(request), id: uuidv7(), details, passwordHash });
        return { status: 201, body: account };
      });
    },
  );

  typed.get(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: 'One staff account (administrators only)',
        params: idParams,
        response: { 200: staffAccountResponse, ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const account = await findStaffAccount(app.db, request.params.id);
      if (!account) throw notFound('Staff account');
      return account;
    },
  );

  typed.put(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: "Change a staff account's details, role, team or whether it is active; send the version you read (409 with the current account if it is stale)",
        description: 'Deactivating an account ends all of its sessions at once.',
        params: idParams,
        headers: writeHeaders,
        body: updateStaffBody,
        response: { 200: staffAccountResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { version, ...details } = request.body;
      return idempotentWrite(request, reply, async (trx) => {
        const account = await changeStaffAccount(trx, { actor: actorOf(request), id: request.params.id, version, details });
        return { status: 200, body: account };
      });
    },
  );

  typed.put(
    '/api/staff/:id/password',
    {
      schema: {
        tags,
        summary: "Set a new password for someone (administrators only); ends that person's sessions",
        params: idParams,
        body: setPasswordBody,
        response: { 204: z.null(), ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const problems = checkNewPassword(request.body.password);
      if (problems.length) throw validationFailed(problems);
      if (!(await findStaffAccount(app.db, request.params.id))) throw notFound('Staff account');
      const passwordHash = await hashPassword(request.body.password);
      await app.db.transaction().execute((trx) => resetStaffPassword(trx, { actor: actorOf(request), id: request.params.id, passwordHash }));
      return reply.code(204).send(null);
    },
  );

  typed.get(
    '/api/teams',
    {
      schema: {
        tags,
        summary: 'The teams staff can belong to (administrators only)',
        response: { 200: z.object({ teams: z.array(teamResponse) }), ...errorResponse(401, 403) },
      },
    },
    async () => ({ teams: await listTeams(app.db) }),
  );
}
