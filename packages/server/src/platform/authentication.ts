// Reads the session cookie on every request and checks the CSRF token on every cookie-authenticated
// write (POST, PUT, PATCH and DELETE alike). Feature code only ever sees request.principal.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { resolveSession } from './sessions.ts';
import { HomewardError } from './homeward-error.ts';
import { audit } from './request-context.ts';

export const sessionCookie = 'hw_session';
export const unsafeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Routes that start a session cannot carry a session's token; they are guarded differently (a
// double-submit cookie on the page, JSON only on the API, and a cross-site check on both).
export const signInRoutes: ReadonlySet<string> = new Set(['/sign-in', '/api/sessions']);

export const csrfRefusedMessage = 'This form has expired or did not come from Homeward. Go back, reload the page and try again.';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when the request came over HTTPS: directly, or through the proxy HOMEWARD_TRUST_PROXY names
 * (Fastify reads its X-Forwarded-Proto only then). HOMEWARD_SECURE_COOKIES=true forces it.
 */
export function isSecureRequest(request: FastifyRequest): boolean {
  return request.server.config.secureCookies || request.protocol === 'https';
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request),
    maxAge: request.server.config.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}

/**
 * Why a request to a sign-in route looks cross-site, or null. Browsers say where a request came from
 * (Sec-Fetch-Site, Origin) and a page cannot forge either; clients that send neither (curl, tests) are
 * not browsers, so cannot be a victim's browser being used for login CSRF.
 */
export function crossSiteReason(request: FastifyRequest): string | null {
  // Sec-Fetch-Site, where the browser sends it, is the whole answer. Origin is only a fallback, and
  // "null" there proves nothing: under our Referrer-Policy (no-referrer) browsers send "null" for a
  // form posted from our own page. Those posts are guarded by the CSRF tokens instead.
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none' ? null : `sec-fetch-site-${site}`;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return sameOrigin(origin, `${request.protocol}://${request.host}`) ? null : 'origin-other-site';
  return null;
}

/** Compares two origins as a browser does (scheme, host, port; a default port written or not). */
function sameOrigin(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    return x.origin !== 'null' && x.origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** The CSRF token a write carries: the `_csrf` form field, or the X-CSRF-Token header. */
export function sentCsrfToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromForm = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  const fromHeader = request.headers['x-csrf-token'];
  return fromForm ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
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

  // HSTS whenever the request came over HTTPS, so a deployment behind TLS gets it without a setting.
  app.addHook('onSend', async (request, reply) => {
    if (isSecureRequest(request)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!unsafeMethods.has(request.method)) return;
    const route = request.routeOptions.url ?? '';
    if (signInRoutes.has(route)) {
      const reason = crossSiteReason(request);
      if (reason) {
        // Login CSRF: a page elsewhere must not sign this browser in as someone else.
        await audit(request, { action: 'sign-in', outcome: 'refused', detail: { method: 'password', code: 'csrf_token_invalid', rule: reason } });
        throw new HomewardError('csrf_token_invalid', 'Sign in from the Homeward sign-in page.');
      }
      return;
    }
    if (!request.principal) return;
    const sent = sentCsrfToken(request);
    const body = request.body as Record<string, unknown> | undefined;
    if (!sent || !sameToken(sent, request.principal.csrfToken)) {
      // Audited without what was sent: the route's pattern and the method, never the body or ids.
      await audit(request, { action: 'write', outcome: 'refused', detail: { rule: 'csrf', reason: sent ? 'token-mismatch' : 'token-missing', method: request.method, route } });
      throw new HomewardError('csrf_token_invalid', csrfRefusedMessage);
    }
    if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  });
});
