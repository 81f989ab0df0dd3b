// Signing in and out, as pages and as JSON. Both use the same password check and session.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { HomewardError } from '../platform/homeward-error.ts';
import { clearSessionCookie, setSessionCookie } from '../platform/authentication.ts';
import { audit, redirectSeeOther, requirePrincipal } from '../platform/request-context.ts';
import { endSession, startSession } from './sessions.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { errorResponse } from '../platform/openapi.ts';

// Before a session exists there is no session CSRF token, so the sign-in form uses a
// double-submit cookie: the form must echo a random value that only our own page could have read.
const signInCsrfCookie = 'hw_sign_in';

const signInBody = z.strictObject({
  email: z.string().trim().max(320),
  password: z.string().max(1024),
});

/** Only local paths, so a crafted link cannot send someone off-site after signing in. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

async function passwordSignIn(app: FastifyInstance, request: FastifyRequest, email: string, password: string) {
  try {
    const staffId = await signInWithPassword(app.db, {
      email,
      password,
      now: app.config.now(),
      maxFailures: app.config.signInMaxFailures,
      lockMinutes: app.config.signInLockMinutes,
    });
    const session = await startSession(app.db, {
      staffId,
      method: 'password',
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      now: app.config.now(),
      maxHours: app.config.sessionMaxHours,
    });
    const staff = await app.db.selectFrom('staff').select(['homeward_role']).where('id', '=', staffId).executeTakeFirstOrThrow();
    request.principal = null;
    await audit(request, { action: 'sign-in', outcome: 'allowed', recordKind: 'staff', recordId: staffId, detail: { method: 'password', role: staff.homeward_role } });
    return session;
  } catch (error) {
    if (error instanceof HomewardError) {
      await audit(request, { action: 'sign-in', outcome: 'refused', detail: { method: 'password', code: error.code } });
    }
    throw error;
  }
}

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/sign-in', { schema: { hide: true, querystring: z.object({ next: z.string().optional() }) } }, async (request, reply) => {
    if (request.principal) return redirectSeeOther(reply, safeNext(request.query.next));
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(signInCsrfCookie, token, { path: '/sign-in', httpOnly: true, sameSite: 'strict', secure: app.config.secureCookies });
    return reply.page('staff/pages/sign-in.njk', { title: 'Sign in', signInToken: token, next: safeNext(request.query.next), values: {} });
  });

  app.post('/sign-in', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const cookieToken = request.cookies[signInCsrfCookie] ?? '';
    const formToken = typeof body._sign_in === 'string' ? body._sign_in : '';
    const render = (errors: Array<{ text: string; href: string }>, status: number) => {
      const token = randomBytes(24).toString('base64url');
      reply.setCookie(signInCsrfCookie, token, { path: '/sign-in', httpOnly: true, sameSite: 'strict', secure: app.config.secureCookies });
      return reply.code(status).page('staff/pages/sign-in.njk', { title: 'Sign in', signInToken: token, next, values: { email }, errors });
    };
    if (!cookieToken || cookieToken.length !== formToken.length || !timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken))) {
      return render([{ text: 'This sign-in form has expired. Enter your details again.', href: '#email' }], 403);
    }
    const errors = [];
    if (!email) errors.push({ text: 'Enter your email address', href: '#email' });
    if (!password) errors.push({ text: 'Enter your password', href: '#password' });
    if (errors.length) return render(errors, 400);
    try {
      const session = await passwordSignIn(app, request, email, password);
      setSessionCookie(app, reply, session.token);
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
      await endSession(app.db, request.principal.sessionId, app.config.now());
      await audit(request, { action: 'sign-out', outcome: 'allowed', recordKind: 'staff', recordId: request.principal.staffId });
    }
    clearSessionCookie(reply);
    return reply.page('staff/pages/signed-out.njk', { title: 'You have signed out' });
  });

  typed.post(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with a password; sets the session cookie and returns the CSRF token for writes',
        body: signInBody,
        response: {
          201: z.object({ csrfToken: z.string(), staff: z.object({ id: z.string(), name: z.string(), role: z.string() }) }),
          ...errorResponse(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const session = await passwordSignIn(app, request, request.body.email, request.body.password);
      setSessionCookie(app, reply, session.token);
      const staff = await app.db
        .selectFrom('sessions')
        .innerJoin('staff', 'staff.id', 'sessions.staff_id')
        .select(['staff.id', 'staff.given_name', 'staff.family_name', 'staff.homeward_role'])
        .where('sessions.csrf_token', '=', session.csrfToken)
        .executeTakeFirstOrThrow();
      return reply.code(201).send({
        csrfToken: session.csrfToken,
        staff: { id: staff.id, name: `${staff.given_name} ${staff.family_name}`, role: staff.homeward_role },
      });
    },
  );

  typed.delete('/api/sessions/current', { schema: { tags: ['sessions'], summary: 'Sign out', response: { 204: z.null(), ...errorResponse(401, 403) } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    await endSession(app.db, principal.sessionId, app.config.now());
    await audit(request, { action: 'sign-out', outcome: 'allowed', recordKind: 'staff', recordId: principal.staffId });
    clearSessionCookie(reply);
    return reply.code(204).send(null);
  });
}
