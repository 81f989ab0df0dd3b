// Staff administration as pages: the staff list, add, view, change, and set a new password.
// Same rules as the JSON API. Only administrators reach these (see staff-admin-routes.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { formBody } from '../platform/form-body.ts';
import { uuidv7 } from 'uuidv7';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther, requirePrincipal } from '../platform/request-context.ts';
import { addStaffAccount } from './add-staff-account.ts';
import { changeStaffAccount, changedStaffFields } from './change-staff-account.ts';
import { checkNewPassword } from './check-staff-details.ts';
import { hashPassword } from './password.ts';
import { resetStaffPassword } from './reset-staff-password.ts';
import {
  formValuesFromStaff,
  newStaffFormValues,
  parseStaffForm,
  staffFieldAnchors,
  staffFormOptions,
  typedStaffFormValues,
  type StaffFormValues,
} from './staff-form.ts';
import { findStaffAccount, listStaffAccounts, listTeams } from './staff-queries.ts';
import type { StaffAccount } from './staff-schema.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';

const idParams = z.object({ id: z.uuid() });
const hidden = { hide: true };
const section = 'staff';

/** Errors from the domain that belong beside a field are shown on the form, not as an error page. */
const isFieldProblem = (error: unknown): error is HomewardError =>
  error instanceof HomewardError && (error.code === 'validation_failed' || error.code === 'duplicate') && error.fields.length > 0;

const fullName = (s: StaffAccount) => `${s.givenName} ${s.familyName}`;

export async function staffAdminPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const loadAccount = async (id: string) => {
    const account = await findStaffAccount(app.db, id);
    if (!account) throw notFound('Staff account');
    return account;
  };

  typed.get('/staff', { schema: hidden }, async (_request, reply) => {
    const staff = await listStaffAccounts(app.db);
    // Grouped by team, in the list's order (team name, no team last).
    const groups: Array<{ teamId: string | null; teamName: string; staff: StaffAccount[] }> = [];
    for (const s of staff) {
      const last = groups.at(-1);
      if (last && last.teamId === s.teamId) last.staff.push(s);
      else groups.push({ teamId: s.teamId, teamName: s.teamName ?? 'No team', staff: [s] });
    }
    return reply.page('staff/pages/list.njk', { title: 'Staff accounts', section, groups, total: staff.length, backHref: '/' });
  });

  async function renderForm(
    reply: FastifyReply,
    status: number,
    context: { mode: 'new' | 'edit'; values: StaffFormValues; fields?: FieldError[]; account?: StaffAccount; formId?: string; version?: number },
  ) {
    const fields = context.fields ?? [];
    const account = context.account;
    return reply.code(status).page('staff/pages/form.njk', {
      title: context.mode === 'new' ? 'Add a staff member' : 'Change staff details',
      section,
      mode: context.mode,
      action: account ? `/staff/${account.id}/edit` : '/staff/new',
      formId: context.formId,
      version: context.version,
      account,
      values: context.values,
      options: staffFormOptions(await listTeams(app.db)),
      errors: errorList(fields, staffFieldAnchors(fields)),
      fieldErrors: errorsByField(fields),
      backHref: account ? `/staff/${account.id}` : '/staff',
    });
  }

  typed.get('/staff/new', { schema: hidden }, async (_request, reply) => renderForm(reply, 200, { mode: 'new', values: newStaffFormValues, formId: uuidv7() }));

  typed.post('/staff/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const body = request.body as StaffFormValues;
    const given = typeof body.formId === 'string' && z.uuid({ version: 'v7' }).safeParse(body.formId).success ? body.formId : null;
    const formId = given ?? uuidv7();
    const rerender = (fields: FieldError[], status: number) => renderForm(reply, status, { mode: 'new', values: typedStaffFormValues(body), fields, formId });
    const parsed = parseStaffForm(body, 'new');
    if (!parsed.ok) return rerender(parsed.fields, 400);
    // The form's id becomes the account's id, so pressing the button twice adds one person.
    const already = given ? await findStaffAccount(app.db, given) : null;
    if (already && already.createdBy === principal.staffId) return redirectSeeOther(reply, `/staff/${already.id}?created=1`);
    const id = already ? uuidv7() : formId;
    const passwordHash = await hashPassword(parsed.password);
    try {
      await app.db.transaction().execute((trx) => addStaffAccount(trx, { actor: actorOf(request), id, details: parsed.details, passwordHash }));
    } catch (error) {
      if (isFieldProblem(error)) return rerender(error.fields, error.statusCode);
      throw error;
    }
    return redirectSeeOther(reply, `/staff/${id}?created=1`);
  });

  typed.get(
    '/staff/:id',
    { schema: { ...hidden, params: idParams, querystring: z.object({ created: z.string().optional(), saved: z.string().optional(), password: z.string().optional() }) } },
    async (request, reply) => {
      const account = await loadAccount(request.params.id);
      const q = request.query;
      const flash = q.created
        ? `${fullName(account)} has been added. Give them their email address and first password securely.`
        : q.saved
          ? 'Changes saved'
          : q.password
            ? `A new password has been set for ${fullName(account)}. Give it to them securely.`
            : null;
      return reply.page('staff/pages/account.njk', { title: fullName(account), section, account, flash, backHref: '/staff', backText: 'All staff' });
    },
  );

  typed.get('/staff/:id/edit', { schema: { ...hidden, params: idParams } }, async (request, reply) => {
    const account = await loadAccount(request.params.id);
    return renderForm(reply, 200, { mode: 'edit', values: formValuesFromStaff(account), account, version: account.version });
  });

  typed.post('/staff/:id/edit', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const account = await loadAccount(request.params.id);
    const body = request.body as StaffFormValues;
    const version = Number(body.version);
    const parsed = parseStaffForm(body, 'edit');
    if (!parsed.ok) return renderForm(reply, 400, { mode: 'edit', values: typedStaffFormValues(body), fields: parsed.fields, account, version });
    if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the record version; reload the page');
    try {
      await app.db.transaction().execute((trx) => changeStaffAccount(trx, { actor: actorOf(request), id: account.id, version, details: parsed.details }));
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'version_conflict') {
        const current = error.current as StaffAccount;
        // A double press of Save: the account already says exactly this, so nothing is lost.
        if (changedStaffFields(current, parsed.details).length === 0) return redirectSeeOther(reply, `/staff/${account.id}?saved=1`);
        return renderForm(reply, 409, {
          mode: 'edit',
          values: formValuesFromStaff(current),
          account: current,
          version: current.version,
          fields: [{ path: 'version', message: 'Someone else changed these details while you were editing. Their changes are shown below: check them and make your changes again.' }],
        });
      }
      if (isFieldProblem(error)) return renderForm(reply, error.statusCode, { mode: 'edit', values: typedStaffFormValues(body), fields: error.fields, account, version });
      throw error;
    }
    return redirectSeeOther(reply, `/staff/${account.id}?saved=1`);
  });

  const renderPassword = (reply: FastifyReply, status: number, account: StaffAccount, fields: FieldError[] = []) =>
    reply.code(status).page('staff/pages/password.njk', {
      title: 'Set a new password',
      section,
      account,
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: `/staff/${account.id}`,
    });

  typed.get('/staff/:id/password', { schema: { ...hidden, params: idParams } }, async (request, reply) => renderPassword(reply, 200, await loadAccount(request.params.id)));

  typed.post('/staff/:id/password', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const account = await loadAccount(request.params.id);
    const password = typeof request.body.password === 'string' ? request.body.password : '';
    const problems = checkNewPassword(password);
    if (problems.length) return renderPassword(reply, 400, account, problems);
    const passwordHash = await hashPassword(password);
    await app.db.transaction().execute((trx) => resetStaffPassword(trx, { actor: actorOf(request), id: account.id, passwordHash }));
    return redirectSeeOther(reply, `/staff/${account.id}?password=1`);
  });
}
