import { z } from 'zod';

/**
 * The largest value a PostgreSQL `integer` column holds (2^31 - 1). Versions are bounded here; minutes,
 * counts and scores are bounded far tighter by their clinical rules in packages/clinical.
 */
export const largestStoredInteger = 2_147_483_647;

/**
 * The `version` of a record a client read and is changing (optimistic concurrency). One schema for
 * every record: a whole number from 1 to what the 32-bit column holds, so a version of 2^31 is a
 * 400 naming the field, never a database error.
 */
export const recordVersion = (message = 'Send the version of the record you read, as a whole number') =>
  z.number(message).int(message).min(1, message).max(largestStoredInteger, 'No record has this version: send the version of the record you read');

export const version = recordVersion();

/** Whether a number can be the version of a stored record (for forms, which carry it as text). */
export const isStoredVersion = (n: number): boolean => version.safeParse(n).success;
