import { z } from 'zod';

/**
 * A browser form post as it arrives: every field a string, or a list of strings for a group of
 * checkboxes. Pages parse it further themselves, so they can re-show the form with every problem.
 */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type FormBody = z.infer<typeof formBody>;
