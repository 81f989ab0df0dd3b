// A page form that sends a file (multipart/form-data), such as the ESR export a clinical lead chooses.
// @fastify/multipart reads it; this hook runs before the CSRF check (authentication.ts), so the form's
// `_csrf` field and formId reach the same checks as any other form post. Only a route that says so in
// its config (`formFile`) takes multipart: any other refuses it (415), so no other form grows a way in.
// The file arrives as two plain string fields: its text (`<field>`) and its name (`<field>Name`), and
// `<field>TooLarge` = 'yes' when it was over the route's limit: what was read past it was discarded
// unread, never kept or parsed, and the page says so with its error summary.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import { HomewardError } from './homeward-error.ts';
import { refuseUnstorableInput } from './validation.ts';

export type FormFileConfig = { field: string; maxBytes: number };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This page form may send one file in the named field, at most maxBytes. */
    formFile?: FormFileConfig;
  }
}

async function readFormWithFile(request: FastifyRequest, o: FormFileConfig): Promise<Record<string, string | string[]>> {
  const body: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const earlier = body[name];
    body[name] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  };
  // Small forms: a handful of fields of a few kilobytes, one file; anything more is not this form.
  const parts = request.parts({ limits: { files: 1, fields: 50, fieldSize: 64 * 1024, fileSize: o.maxBytes, parts: 52 } });
  for await (const part of parts) {
    if (part.type === 'field') {
      add(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
    } else if (part.fieldname === o.field) {
      const content = await part.toBuffer();
      body[o.field] = part.file.truncated ? '' : content.toString('utf8');
      body[`${o.field}Name`] = part.filename ?? '';
      if (part.file.truncated) body[`${o.field}TooLarge`] = 'yes';
    } else {
      // A file in a field the form does not have: read to nothing, then refused.
      await part.toBuffer();
      throw new HomewardError('validation_failed', 'The form sent a file it does not ask for', { fields: [{ path: part.fieldname, message: 'The form sent a file it does not ask for' }] });
    }
  }
  return body;
}

export const formFiles = fp(async (app: FastifyInstance) => {
  // A file over its limit is cut short and flagged (truncated), not an error: the page says why.
  await app.register(multipart, { throwFileSizeLimit: false });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const o = request.routeOptions.config.formFile;
    if (!o) throw new HomewardError('unsupported_media_type', 'This address does not take files');
    // Nobody signed in: no file is read at all (every form that takes one needs a person behind it).
    if (!request.principal) throw new HomewardError('unauthenticated', 'Sign in to continue');
    request.body = await readFormWithFile(request, o);
    // The same check every other form's text gets (app.ts ran it before the body was read).
    await refuseUnstorableInput(request);
  });
});
