// One error currency for the whole application. Every refusal a client can see has a stable code,
// an HTTP status, a message written for people, and (for bad input) the path of each field at fault.

export type FieldError = { path: string; message: string };

export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  csrf_token_invalid: 403,
  forbidden: 403,
  no_legitimate_relationship: 403,
  not_found: 404,
  version_conflict: 409,
  duplicate: 409,
  /** One planner run per team: a different run asked for while one is under way. */
  planner_busy: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  too_many_attempts: 429,
  internal_error: 500,
  database_unavailable: 503,
  /** A service outside Homeward that a Trust configured (the postcode lookup) did not answer. */
  lookup_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class HomewardError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly fields: FieldError[];
  /** For a version conflict: the record as it stands now, so the client can merge. */
  readonly current: unknown;
  /** Whose record `current` is, when it does not say so itself (a patient record): sending it is an audited read. */
  readonly currentPatientId: string | undefined;
  /** For a refusal that break-glass can answer: the patient whose record it would open (pages offer it). */
  readonly breakGlassPatientId: string | undefined;

  constructor(code: ErrorCode, message: string, options: { fields?: FieldError[]; current?: unknown; currentPatientId?: string; breakGlassPatientId?: string } = {}) {
    super(message);
    this.name = 'HomewardError';
    this.code = code;
    this.statusCode = errorStatus[code];
    this.fields = options.fields ?? [];
    this.current = options.current;
    this.currentPatientId = options.currentPatientId;
    this.breakGlassPatientId = options.breakGlassPatientId;
  }
}

export function validationFailed(fields: FieldError[]): HomewardError {
  const first = fields[0];
  const message = fields.length === 1 && first ? first.message : 'There is a problem with what was sent';
  return new HomewardError('validation_failed', message, { fields });
}

export function notFound(what: string): HomewardError {
  return new HomewardError('not_found', `${what} was not found`);
}

export function versionConflict(current: unknown, o: { patientId?: string } = {}): HomewardError {
  return new HomewardError(
    'version_conflict',
    'Someone else changed this record after you opened it. Your changes were not saved; check the current version and try again.',
    { current, currentPatientId: o.patientId },
  );
}
