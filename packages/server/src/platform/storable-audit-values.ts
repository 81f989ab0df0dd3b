// The audit must record whatever a request carried, so a value PostgreSQL cannot store must not make
// the audit (and so the request) fail. Text keeps what was sent, except the two things no Postgres
// text or jsonb can hold: NUL (U+0000) and unpaired UTF-16 surrogates, each replaced by U+FFFD.
// Nothing else is normalised: the seal hashes what is stored, as read back, so it never needs to.


export function storableText(value: string): string;
export function storableText(value: string | null | undefined): string | null;
export function storableText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/**
 * The detail as JSON text Postgres accepts: strings and keys made storable, bigints as decimal text
 * (JSON has no bigint), anything JSON.stringify drops or nulls (undefined, functions, NaN) as it does.
 */
export function storableDetailJson(detail: Record<string, unknown>): string {
  return JSON.stringify(detail, function (this: unknown, _key, value: unknown) {
    if (typeof value === 'string') return storableText(value);
    if (typeof value === 'bigint') return value.toString();
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      const plain = value as Record<string, unknown>;
      if (Object.keys(plain).some((k) => storableText(k) !== k)) {
        return Object.fromEntries(Object.entries(plain).map(([k, v]) => [storableText(k), v]));
      }
    }
    return value;
  });
}
