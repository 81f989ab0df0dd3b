import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { HomewardError, type FieldError } from './homeward-error.ts';
import { isStoredVersion } from './number-schemas.ts';
import { redirectSeeOther } from './request-context.ts';
import { writeOnce } from './write-once.ts';

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

export type PageWriteOptions<Checked> = {
  /**
   * Parsing and the checks that may refuse (auditing a refusal on the database handle, so it stands),
   * before the write's transaction opens: a refused form writes nothing. What it returns is handed to
   * the write. Skipped for a repeat of a form already saved.
   */
  check?: () => Checked | Promise<Checked>;
  /** The write, in one transaction (never the app's handle inside it); returns the confirmation's address. */
  write: (trx: Kysely<Database>, checked: Checked) => Promise<string>;
  /**
   * Shows the form again with its problems (the NHS.UK error summary), nothing saved. The refusal comes
   * too, for a page that shows a 409's current record (`error.current`) or words it its own way.
   */
  render: (fields: FieldError[], status: number, error: HomewardError) => Promise<FastifyReply>;
  /**
   * A form that creates something: the formId it was shown with, claimed in the write's own
   * transaction (writeOnce), so sending it twice saves it once.
   */
  formId?: string;
};

/**
 * Runs a page's write: on success, 303 to the confirmation; a form problem re-renders the form, nothing
 * saved.
 */
export async function pageWrite<Checked = void>(request: FastifyRequest, reply: FastifyReply, o: PageWriteOptions<Checked>): Promise<FastifyReply> {
  let checked: Checked;
  const steps = {
    check: async () => {
      checked = (await o.check?.()) as Checked;
    },
    write: (trx: Kysely<Database>) => o.write(trx, checked),
  };
  let done: string;
  try {
    if (o.formId === undefined) {
      await steps.check();
      done = await request.server.db.transaction().execute(steps.write);
    } else {
      done = await writeOnce(request, o.formId, steps);
    }
  } catch (error) {
    const problem = formProblem(error);
    if (problem) return o.render(problem.fields, problem.status, problem.error);
    throw error;
  }
  return redirectSeeOther(reply, done);
}
