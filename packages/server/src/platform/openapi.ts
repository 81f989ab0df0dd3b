import { z } from 'zod';
import { errorStatus } from './homeward-error.ts';

/** The one error shape every /api route may answer with. */
export const errorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    current: z.unknown().optional(),
  }),
  requestId: z.string(),
});

/** Response schemas for the error statuses a route can answer with, for the OpenAPI document. */
export function errorResponse(...statuses: number[]): Record<number, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody]));
}
