// Signing in and out, as pages and as JSON. Both use the same password check and session.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { HomewardError } from '../platform/homeward-error.ts';
import { clearSessionCookie, isSecureRequest, setSessionCookie } from '../platform/authentication.ts';
import { clientKey } from '../platform/client-address.ts';
import { audit, redirectSeeOther, requirePrincipal } from '../platform/request-context.ts';
import { sameOriginPath } from '../platform/same-origin-path.ts';
import { endSession, startSession } from '../platform/sessions.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { errorResponse } from '../platform/openapi.ts';

// Before a session exists there is no session CSRF token, so the sign-in form uses a
// double-submit cookie: the form must echo a random value that only our own page could have read.
const signInCsrfCookie = 'hw_sign_in';

// An email address as typed: something@something, nothing invisible. Checked before anything is
// written, so a NUL byte or a line break is a 400 with the field, never a 500 half-way through.
const emailShape = /^[^\s\p{C}@]+@[^\s\p{C}@]+$/u;
const emailFormatMessage = 'Enter your email address in the correct format, like name@nhs.net';

const signInBody = z.strictObject({
  email: z.string().trim().min(1, 'Enter your email address').max(320, 'Email address must be 320 characters or fewer').regex(emailShape, emailFormatMessage),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1024 characters or fewer'),
});

/** Why someone was sent to sign in, as the words the sign-in page shows. */
export const signInReasons = {
  held: 'Your session ended. Sign in again and we will take you back to your form with what you typed. Nothing has been saved yet.',
  ended: 'Your session ended because Homeward was not used for a while. Sign in again to carry on.',
} as const;
type SignInReason = keyof typeof signInReasons;
const reasonOf = (value: unknown): SignInReason | null => (value === 'held' || value === 'ended' ? value : null);

/** Only JSON starts an API session: a cross-site HTML form cannot send it (issue 9, login CSRF). */
function requireJson(request: FastifyRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HomewardError('unsupported_media_type', 'Send the email address and password as JSON (Content-Type: application/json)');
  }
}

async function passwordSignIn(app: FastifyInstance, request: FastifyRequest, email: string, password: string) {
  try {
    const staffId = await signInWithPassword(app.db, {
      email,
      password,
      client: clientKey(request.ip),
      now: app.config.now(),
      maxFailures: app.config.signInMaxFailures,
      clientMaxFailures: app.config.signInClientMaxFailures,
      lockMinutes: app.config.signInLockMinutes,
    });
    request.principal = null;
    // The session and its audit event commit together: no session without its record, or the reverse.
    return await app.db.transaction().execute(async (trx) => {
      const session = await startSession(trx, {
        staffId,
        method: 'password',
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: app.config.now(),
        maxHours: app.config.sessionMaxHours,
      });
      const staff = await trx.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role']).where('id', '=', staffId).executeTakeFirstOrThrow();
      await audit(request, { action: 'sign-in', outcome: 'allowed', recordKind: 'staff', recordId: staffId, detail: { method: 'password', role: staff.homeward_role } }, trx);
      return { ...session, staff };
    });
  } catch (error) {
    if (error instanceof HomewardError) {
      await audit(request, { action: 'sign-in', outcome: 'refused', detail: { method: 'password', code: error.code } });
    }
    throw error;
  }
}

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  function issueFormToken(request: FastifyRequest, reply: FastifyReply): string {
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(signInCsrfCookie, token, { path: '/sign-in', httpOnly: true, sameSite: 'strict', secure: isSecureRequest(request) });
    return token;
  }

  const anyText = z.union([z.string(), z.array(z.string())]).optional();
  typed.get('/sign-in', { schema: { hide: true, querystring: z.object({ next: anyText, reason: anyText }) } }, async (request, reply) => {
    const next = sameOriginPath(request.query.next);
    if (request.principal) return redirectSeeOther(reply, next);
    const reason = reasonOf(request.query.reason);
    return reply.page('staff/pages/sign-in.njk', { title: 'Sign in', signInToken: issueFormToken(request, reply), next, reason, reasonText: reason ? signInReasons[reason] : null, values: {} });
  });

  app.post('/sign-in', { schema: { hide: true } }, async (request, reply) => {
    // Everything is read and checked before anything is written (issue 9: a bad `next` used to
    // fail after the session row and its audit event had been created).
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = sameOriginPath(body.next);
    const reason = reasonOf(body.reason);
    const cookieToken = request.cookies[signInCsrfCookie] ?? '';
    const formToken = typeof body._sign_in === 'string' ? body._sign_in : '';
    const render = (errors: Array<{ text: string; href: string }>, status: number) =>
      reply.code(status).page('staff/pages/sign-in.njk', {
        title: 'Sign in',
        signInToken: issueFormToken(request, reply),
        next,
        reason,
        reasonText: reason ? signInReasons[reason] : null,
        values: { email: email.length <= 320 ? email : '' },
        errors,
      });
    if (!cookieToken || cookieToken.length !== formToken.length || !timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken))) {
      return render([{ text: 'This sign-in form has expired. Enter your details again.', href: '#email' }], 403);
    }
    const errors = [];
    if (!email) errors.push({ text: 'Enter your email address', href: '#email' });
    else if (email.length > 320 || !emailShape.test(email)) errors.push({ text: emailFormatMessage, href: '#email' });
    if (!password) errors.push({ text: 'Enter your password', href: '#password' });
    else if (password.length > 1024) errors.push({ text: 'Password must be 1024 characters or fewer', href: '#password' });
    if (errors.length) return render(errors, 400);
    try {
      const session = await passwordSignIn(app, request, email, password);
      setSessionCookie(request, reply, session.token);
      reply.clearCookie(signInCsrfCookie, { path: '/sign-in' });
      return redirectSeeOther(reply, next);
    } catch (error) {
      if (error instanceof HomewardError && (error.code === 'unauthenticated' || error.code === 'too_many_attempts')) {
        return render([{ text: error.message, href: '#email' }], error.statusCode);
      }
      throw error;
    }
  });

  app.post('/sign-out', { schema: { hide: true } }, async (request, reply) => {
    if (request.principal) {
      const principal = request.principal;
      await app.db.transaction().execute(async (trx) => {
        await endSession(trx, principal.sessionId, app.config.now());
        await audit(request, { action: 'sign-out', outcome: 'allowed', recordKind: 'staff', recordId: principal.staffId }, trx);
      });
    }
    clearSessionCookie(reply);
    return reply.page('staff/pages/signed-out.njk', { title: 'You have signed out' });
  });

  typed.post(
    '/api/sessions',
    {
      preValidation: async (request) => requireJson(request),
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with a password (JSON only); sets the session cookie and returns the CSRF token for writes',
        body: signInBody,
        response: {
          201: z.object({ csrfToken: z.string(), staff: z.object({ id: z.string(), name: z.string(), role: z.string() }) }),
          ...errorResponse(400, 401, 403, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const session = await passwordSignIn(app, request, request.body.email, request.body.password);
      setSessionCookie(request, reply, session.token);
      const { staff } = session;
      return reply.code(201).send({
        csrfToken: session.csrfToken,
        staff: { id: staff.id, name: `${staff.given_name} ${staff.family_name}`, role: staff.homeward_role },
      });
    },
  );

  typed.delete('/api/sessions/current', { schema: { tags: ['sessions'], summary: 'Sign out', response: { 204: z.null(), ...errorResponse(401, 403) } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    await app.db.transaction().execute(async (trx) => {
      await endSession(trx, principal.sessionId, app.config.now());
      await audit(request, { action: 'sign-out', outcome: 'allowed', recordKind: 'staff', recordId: principal.staffId }, trx);
    });
    clearSessionCookie(reply);
    return reply.code(204).send(null);
  });
}
