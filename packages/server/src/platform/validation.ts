import type { z } from 'zod';
import { validationFailed, type FieldError } from './homeward-error.ts';

export function fieldsFromZodIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses input with a schema, or throws the one validation error with every field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(fieldsFromZodIssues(result.error.issues));
  return result.data;
}
