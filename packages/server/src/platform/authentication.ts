// Reads the session cookie on every request and checks the CSRF token on every cookie-authenticated
// write. Feature code only ever sees request.principal.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession } from '../staff/sessions.ts';
import { HomewardError } from './homeward-error.ts';
import { timingSafeEqual } from 'node:crypto';

export const sessionCookie = 'hw_session';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Routes that start a session cannot carry a session's token; they are guarded differently
// (see staff/sign-in-pages.ts).
const csrfExempt = new Set(['/sign-in', '/api/sessions']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
    maxAge: app.config.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}

export const authentication = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const token = request.cookies[sessionCookie];
    if (!token) return;
    request.principal = await resolveSession(app.db, token, {
      now: app.config.now(),
      idleMinutes: app.config.sessionIdleMinutes,
    });
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!unsafeMethods.has(request.method) || !request.principal) return;
    if (csrfExempt.has(request.routeOptions.url ?? '')) return;
    const body = request.body as Record<string, unknown> | undefined;
    const fromForm = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
    const fromHeader = request.headers['x-csrf-token'];
    const sent = fromForm ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
    if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
    if (!sent || !sameToken(sent, request.principal.csrfToken)) {
      throw new HomewardError(
        'csrf_token_invalid',
        'This form has expired or did not come from Homeward. Go back, reload the page and try again.',
      );
    }
  });
});
