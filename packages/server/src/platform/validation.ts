import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { validationFailed, type FieldError } from './homeward-error.ts';
import { unstorableTextProblem } from './text-schemas.ts';

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

/** How deep a request's JSON may nest: no Homeward body goes past a handful of levels. */
export const maxInputDepth = 32;

/**
 * Walks a parsed request part (params, query or body, whatever its shape) and reports each string,
 * object key included, that the database cannot store, and any nesting deeper than a real request has.
 */
export function unstorableInput(value: unknown, path: Array<string | number> = [], problems: Array<{ path: Array<string | number>; message: string }> = []): typeof problems {
  if (problems.length >= 20) return problems;
  if (typeof value === 'string') {
    const problem = unstorableTextProblem(value);
    if (problem) problems.push({ path, message: problem });
  } else if (typeof value === 'object' && value !== null) {
    if (path.length >= maxInputDepth) {
      problems.push({ path, message: `Nested too deeply (more than ${maxInputDepth} levels)` });
      return problems;
    }
    if (Array.isArray(value)) value.forEach((v, i) => unstorableInput(v, [...path, i], problems));
    else {
      for (const [k, v] of Object.entries(value)) {
        const keyProblem = unstorableTextProblem(k);
        if (keyProblem) problems.push({ path: [...path, k], message: `The name of this field: ${keyProblem.charAt(0).toLowerCase()}${keyProblem.slice(1)}` });
        unstorableInput(v, [...path, k], problems);
      }
    }
  }
  return problems;
}

/**
 * Refuses, before any route's schema or handler runs, a request whose params, query or body holds a
 * string the database cannot store: a NUL byte (PostgreSQL refuses it in text and jsonb) or a lone
 * surrogate (half a UTF-16 pair, which has no UTF-8 form), at any depth, object keys included. A
 * preValidation hook on the whole app, so it holds for every route, with a schema or without; the
 * refusal names each field, like any schema error.
 */
export async function refuseUnstorableInput(request: FastifyRequest): Promise<void> {
  const fields: FieldError[] = [];
  const parts: Array<[string, unknown]> = [['params', request.params], ['querystring', request.query], ['body', request.body]];
  for (const [part, value] of parts) for (const p of unstorableInput(value)) fields.push({ path: [part, ...p.path].join('.'), message: p.message });
  if (fields.length) throw validationFailed(fields);
}
