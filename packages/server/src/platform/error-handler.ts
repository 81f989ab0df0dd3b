// The one place errors become responses. JSON under /api: { error: { code, message, fields } }.
// Pages: the NHS.UK error page (or the sign-in page when the session has gone).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import { HomewardError, type FieldError } from './homeward-error.ts';
import { isDatabaseUnavailable } from './database-errors.ts';
import { audit, isApiRequest, redirectSeeOther } from './request-context.ts';

function toHomewardError(error: unknown): HomewardError | null {
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
  const fe = error as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HomewardError('payload_too_large', 'What was sent is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HomewardError('unsupported_media_type', 'Send JSON (application/json) or a form');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HomewardError('invalid_json', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HomewardError('invalid_json', 'The request body is empty or malformed');
  }
  if (fe.statusCode === 400 && error instanceof SyntaxError) {
    return new HomewardError('invalid_json', 'The request body is not valid JSON');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new HomewardError('validation_failed', fe.message ?? 'The request could not be understood');
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
    return redirectSeeOther(reply, `/sign-in?next=${encodeURIComponent(request.url)}`);
  }
  return reply.code(error.statusCode).page('views/error.njk', {
    title: titles[error.code] ?? 'Sorry, there is a problem',
    message: error.message,
    code: error.code,
    requestId: request.id,
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
};

/**
 * A conflict answers with the record as it stands now (so a stale writer can see what changed). That
 * is a read of patient data like any other, so it is audited here, in the one place errors are sent.
 */
async function auditDisclosedCurrentState(request: FastifyRequest, error: HomewardError): Promise<boolean> {
  const current = error.current as { id?: unknown; patientId?: unknown } | null | undefined;
  if (!request.principal || !current || typeof current !== 'object' || typeof current.patientId !== 'string') return true;
  try {
    await audit(request, {
      action: 'read',
      outcome: 'allowed',
      patientId: current.patientId,
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

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    const known = toHomewardError(error);
    if (known) {
      if (known.statusCode >= 500) request.log.error({ err: error }, known.message);
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
