import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HomewardError, type FieldError } from './homeward-error.ts';
import { isStoredVersion } from './number-schemas.ts';
import { redirectSeeOther } from './request-context.ts';
import { writeOnceBeforeTransaction } from './write-once.ts';

/**
 * A browser form post as it arrives: every field a string, or a list of strings for a group of
 * checkboxes. Pages parse it further themselves, so they can re-show the form with every problem.
 */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type FormBody = z.infer<typeof formBody>;

/** One field's answer, trimmed; the first when a field came more than once; '' when absent. */
export function formField(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/**
 * The version of the record a form changes, from its hidden field: a whole number a version column
 * can hold, or a 400 naming the field (a hand-edited or truncated form), never a database error.
 */
export function formVersion(value: string | string[] | undefined, message = 'The form is missing the version of the record it changes; reload the page'): number {
  const text = formField(value);
  const version = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!isStoredVersion(version)) throw new HomewardError('validation_failed', message, { fields: [{ path: 'version', message }] });
  return version;
}

/**
 * What the form should show again when a write is refused for something the person can put right:
 * bad input (400), or a record someone else changed or already made (409). Null for anything else,
 * which goes to the error page.
 */
export function formProblem(error: unknown): { fields: FieldError[]; status: 400 | 409; error: HomewardError } | null {
  if (!(error instanceof HomewardError)) return null;
  if (error.code === 'validation_failed') return { fields: error.fields.length ? error.fields : [{ path: 'form', message: error.message }], status: 400, error };
  if (error.code === 'version_conflict' || error.code === 'duplicate') return { fields: error.fields.length ? error.fields : [{ path: 'form', message: error.message }], status: 409, error };
  return null;
}

/**
 * Runs a page's write: on success, 303 to the confirmation; a form problem re-renders the form, nothing
 * saved. A form that creates something passes `once` with its formId, so sending it twice saves it once.
 */
export async function pageWrite(
  reply: FastifyReply,
  write: () => Promise<string>,
  render: (fields: FieldError[], status: number) => Promise<FastifyReply>,
  once?: { request: FastifyRequest; formId: string },
): Promise<FastifyReply> {
  let done: string;
  try {
    done = once ? await writeOnceBeforeTransaction(once.request, once.formId, write) : await write();
  } catch (error) {
    const problem = formProblem(error);
    if (problem) return render(problem.fields, problem.status);
    throw error;
  }
  return redirectSeeOther(reply, done);
}
