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
