// Errors that mean "the database cannot be reached", as opposed to a bad query. They become 503.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableCodes.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    if (/Connection terminated|timeout exceeded when trying to connect|PGlite is closed|driver has already been destroyed|Cannot use a pool after calling end/i.test(message)) {
      return true;
    }
  }
  const errors = (error as { errors?: unknown }).errors; // AggregateError from a dual-stack connect
  return Array.isArray(errors) && errors.some(isDatabaseUnavailable);
}

/** Postgres unique violation, e.g. a second patient with the same NHS number. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== '23505') return false;
  if (!constraint) return true;
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}

/**
 * The database refused a value as data: SQLSTATE class 22 (a number out of range, text with a NUL,
 * an impossible date or time, invalid text for a type) or a value a column's NOT NULL or CHECK
 * constraint refuses (23502, 23514). Each means bad input got past the schemas; the statement failed,
 * so nothing was written.
 */
export function isDatabaseDataError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (/^22[0-9A-Z]{3}$/.test(code) || code === '23502' || code === '23514');
}
