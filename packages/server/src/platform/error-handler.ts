// The one place errors become responses. JSON under /api: { error: { code, message, fields } }.
// Pages: the NHS.UK error page (or the sign-in page when the session has gone).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import { HomewardError, type FieldError } from './homeward-error.ts';
import { isDatabaseDataError, isDatabaseUnavailable } from './database-errors.ts';
import { audit, isApiRequest, redirectSeeOther } from './request-context.ts';
import { sameOriginPath } from './same-origin-path.ts';
import { sessionCookie } from './authentication.ts';
import { holdForm } from './held-forms.ts';

/** What the backstop says when the database refused a value: tests look for it to find a missed validation. */
export const missedValidationMessage = 'Something in what was sent cannot be stored. Nothing was saved. Check the details and try again.';

/** Anything thrown, as a Homeward error when it is one a client caused (the FHIR plugin answers with it too), else null. */
export function toHomewardError(error: unknown): HomewardError | null {
  if (error instanceof HomewardError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldError[] = error.validation.map((v) => ({
      path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: v.message ?? 'Invalid value',
    }));
    return new HomewardError('validation_failed', fields.length === 1 && fields[0] ? fields[0].message : 'There is a problem with what was sent', { fields });
  }
  if (isDatabaseUnavailable(error)) {
    return new HomewardError('database_unavailable', 'Homeward cannot reach its database just now. Nothing was saved. Try again in a few minutes.');
  }
  if (isDatabaseDataError(error)) {
    // The backstop, not the fix: input the schemas should have refused reached the database, which
    // refused it in turn (so nothing was written). It is a 400, and logged loudly so the schema is mended.
    return new HomewardError('validation_failed', missedValidationMessage, {
      fields: [{ path: 'body', message: 'A value cannot be stored (for example a number too large, or a date that does not exist)' }],
    });
  }
  const fe = error as Partial<FastifyError> & { validationContext?: string };
  const bodyProblem = (code: 'invalid_json' | 'validation_failed', message: string) => new HomewardError(code, message, { fields: [{ path: 'body', message }] });
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HomewardError('payload_too_large', 'What was sent is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HomewardError('unsupported_media_type', 'Send JSON (application/json) or a form');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return bodyProblem('invalid_json', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return bodyProblem('invalid_json', 'The request body is empty or malformed');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HomewardError('validation_failed', 'The address is not valid', { fields: [{ path: 'url', message: 'The address has characters that are not allowed' }] });
  }
  if (fe.statusCode === 400 && error instanceof SyntaxError) {
    return bodyProblem('invalid_json', 'The request body is not valid JSON');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const message = fe.message ?? 'The request could not be understood';
    return new HomewardError('validation_failed', message, { fields: [{ path: fe.validationContext ?? 'request', message }] });
  }
  return null;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: HomewardError): FastifyReply {
  if (isApiRequest(request)) {
    return reply.code(error.statusCode).send({
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields.length ? { fields: error.fields } : {}),
        ...(error.current !== undefined ? { current: error.current } : {}),
      },
      requestId: request.id,
    });
  }
  if (error.code === 'unauthenticated') {
    // Say why they are signing in again when a session was there and has ended.
    const ended = request.cookies[sessionCookie] ? '&reason=ended' : '';
    return redirectSeeOther(reply, `/sign-in?next=${encodeURIComponent(sameOriginPath(request.url))}${ended}`);
  }
  // Bad input that never reached a form (a changed address, a hand-made post): the page still says
  // what was wrong in the NHS.UK error summary, field by field.
  const errors = error.code === 'validation_failed' || error.code === 'invalid_json' ? error.fields.map((f) => ({ text: `${f.message} (${f.path})` })) : [];
  return reply.code(error.statusCode).page('views/error.njk', {
    title: titles[error.code] ?? 'Sorry, there is a problem',
    message: error.message,
    code: error.code,
    requestId: request.id,
    errors: errors.length ? errors : error.statusCode === 400 ? [{ text: error.message }] : [],
    // No dead ends: a refused record offers break-glass, which asks for a reason and is audited.
    breakGlassHref: error.breakGlassPatientId ? `/patients/${error.breakGlassPatientId}/break-glass` : undefined,
  });
}

const titles: Partial<Record<HomewardError['code'], string>> = {
  forbidden: 'You cannot open this page',
  no_legitimate_relationship: 'You do not have access to this record',
  not_found: 'Page not found',
  csrf_token_invalid: 'This form has expired',
  database_unavailable: 'Sorry, Homeward is not available just now',
  payload_too_large: 'What you sent is too large',
  validation_failed: 'There is a problem with what was sent',
  invalid_json: 'There is a problem with what was sent',
};

/**
 * A conflict answers with the record as it stands now (so a stale writer can see what changed). That
 * is a read of patient data like any other, so it is audited here, in the one place errors are sent.
 */
async function auditDisclosedCurrentState(request: FastifyRequest, error: HomewardError): Promise<boolean> {
  const current = error.current as { id?: unknown; patientId?: unknown } | null | undefined;
  const patientId = error.currentPatientId ?? current?.patientId;
  if (!request.principal || !current || typeof current !== 'object' || typeof patientId !== 'string') return true;
  try {
    await audit(request, {
      action: 'read',
      outcome: 'allowed',
      patientId,
      recordKind: 'current-state',
      recordId: typeof current.id === 'string' ? current.id : null,
      detail: { disclosedWith: error.code },
    });
    return true;
  } catch (auditError) {
    request.log.error({ err: auditError }, 'could not audit the current state sent with a conflict');
    return false;
  }
}

/**
 * A page form that arrived after its session ended (or from a stale tab) is held for its author, not
 * lost (platform/held-forms.ts): they sign in and get the form back with what they typed. Null when
 * nothing was held, and the refusal is sent as usual.
 */
async function holdUnsavedForm(request: FastifyRequest, reply: FastifyReply, error: HomewardError): Promise<FastifyReply | null> {
  if (isApiRequest(request) || request.method !== 'POST') return null;
  if (error.code !== 'unauthenticated' && error.code !== 'csrf_token_invalid') return null;
  const outcome = await holdForm(request, reply, error.code === 'unauthenticated' ? 'session-ended' : 'stale-form');
  if (!outcome) return null;
  if (error.code === 'unauthenticated') {
    return redirectSeeOther(reply, `/sign-in?next=${encodeURIComponent(outcome.held.returnPath)}&reason=held`);
  }
  // A stale tab of the person signed in now: straight back to the form. Someone else's stale tab
  // (a shared computer) is held for its author and this person sees only the refusal.
  return outcome.ownerIsSignedIn ? redirectSeeOther(reply, outcome.held.returnPath) : null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    const known = toHomewardError(error);
    if (known) {
      const held = await holdUnsavedForm(request, reply, known).catch((holdError: unknown) => {
        request.log.error({ err: holdError }, 'could not hold a form whose session had ended');
        return null;
      });
      if (held) return held;
      if (known.statusCode >= 500) request.log.error({ err: error }, known.message);
      if (isDatabaseDataError(error)) request.log.error({ err: error, missedValidation: true }, 'MISSED VALIDATION: the database refused input that the schema let through');
      if (!(await auditDisclosedCurrentState(request, known))) {
        // Unaudited patient data never leaves: send the refusal without the current state.
        return sendError(request, reply, new HomewardError(known.code, known.message, { fields: known.fields }));
      }
      return sendError(request, reply, known);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, new HomewardError('internal_error', 'Sorry, something went wrong. Nothing was saved. Try again, and tell the service desk if it happens again.'));
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new HomewardError('not_found', 'The page or resource')));
}

/**
 * Errors Fastify raises before a route is found (an address with bytes that are not UTF-8, such as
 * %FF or %C0%80): the same error format as everything else. Set as Fastify's `frameworkErrors`.
 * No hook or page decorator runs this early, so a page request gets a fixed NHS.UK page, written
 * here with its own headers; nothing from the request is echoed in it.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = toHomewardError(error) ?? new HomewardError('validation_failed', 'The request could not be understood', { fields: [{ path: 'request', message: error.message }] });
  void reply.code(known.statusCode).header('cache-control', 'no-store').header('x-request-id', request.id);
  if (isApiRequest(request)) {
    void reply.send({ error: { code: known.code, message: known.message, fields: known.fields }, requestId: request.id });
    return;
  }
  void reply
    .header('content-security-policy', "default-src 'self'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(badAddressPage(request.id));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function badAddressPage(requestId: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Error: There is a problem with the address – Homeward</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/assets/nhsuk-frontend.min.css">
</head>
<body>
  <div class="nhsuk-width-container">
    <main class="nhsuk-main-wrapper" id="maincontent">
      <div class="nhsuk-error-summary" data-module="nhsuk-error-summary">
        <div role="alert">
          <h2 class="nhsuk-error-summary__title">There is a problem</h2>
          <div class="nhsuk-error-summary__body">
            <ul class="nhsuk-list nhsuk-error-summary__list">
              <li>The address has characters that are not allowed (url)</li>
            </ul>
          </div>
        </div>
      </div>
      <h1>There is a problem with the address</h1>
      <p>The address of this page has been changed or cut short. Go back and use the link again, or start from the home page.</p>
      <p><a href="/">Go to the Homeward home page</a></p>
      <p class="nhsuk-body-s">Reference: ${escapeHtml(requestId)}</p>
    </main>
  </div>
</body>
</html>
`;
}
