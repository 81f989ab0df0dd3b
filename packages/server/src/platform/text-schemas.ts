import { z } from 'zod';

/** Free text, trimmed, with a length limit whose message says the limit. */
export const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`);

/** Optional free text: an empty answer is stored as "not recorded" (null), not as "". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .nullable()
    .transform((v) => (v === '' ? null : v));

/**
 * Why a string cannot be stored, or null if it can. PostgreSQL refuses the NUL character in text and
 * jsonb; a lone surrogate (half of a UTF-16 pair, such as half an emoji) has no UTF-8 form and would
 * be silently replaced. Neither can be typed into a form, so either is a broken or hostile client.
 */
export function unstorableTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'Contains a NUL character (an invisible control character), which cannot be stored: remove it';
  if (!value.isWellFormed()) return 'Contains a broken character (half of an emoji or symbol), which cannot be stored: type it again';
  return null;
}
