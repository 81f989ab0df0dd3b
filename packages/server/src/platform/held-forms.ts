// Nothing a clinician types is lost to a session ending (issue 9). When a form arrives after its
// session has ended (idle time-out, sign-out in another tab, a tab left open overnight), or from a
// stale tab whose CSRF token belongs to an earlier session, what was typed is held: sealed with
// AES-256-GCM (platform/form-seal.ts), for the person whose form it was, for a day. After they sign
// in again, the form's page is shown with what they typed put back; they check it and press Save.
// Its formId and version travel with it, so a save that already happened is not made twice and a
// record changed meanwhile is a conflict, not an overwrite. Saving the form deletes the held copy.
// A form is held only for the person its CSRF token was issued to: a cross-site or forged post holds
// nothing, and nobody else who signs in on that browser ever sees it. The content is never logged
// or audited, only that a form was held and shown again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { crossSiteReason, isSecureRequest, sentCsrfToken, signInRoutes } from './authentication.ts';
import { createFormSealer, loadHeldFormKey, type FormSealer } from './form-seal.ts';
import { audit } from './request-context.ts';

/** A hint that this browser has held a form, so pages look for one only when there may be one. */
export const heldFormCookie = 'hw_held';

export type HeldFormFields = Record<string, string | string[]>;
export type HeldForm = { id: string; staffId: string; action: string; returnPath: string; fields: HeldFormFields };

declare module 'fastify' {
  interface FastifyRequest {
    /** A held form for the signed-in person to be shown again on this page. */
    heldForm: HeldForm | null;
  }
}

const sealers = new WeakMap<FastifyInstance, Promise<FormSealer>>();
function sealerOf(app: FastifyInstance): Promise<FormSealer> {
  let sealer = sealers.get(app);
  if (!sealer) {
    sealer = loadHeldFormKey(app.config).then(createFormSealer);
    sealers.set(app, sealer);
  }
  return sealer;
}

const boundTo = (id: string, staffId: string, action: string) => `held-form:${id}:${staffId}:${action}`;
const pathOf = (url: string) => url.split('?')[0]!.split('#')[0]!;

/**
 * Fields never held, nor given back: secrets typed into a form (a lone worker's check-out and duress
 * codes, a password). A form given back asks for them again; a day-long copy of a duress code is a risk.
 */
export function isSecretField(name: string): boolean {
  return /^(_csrf|code|checkOutCode(Again)?|duressCode(Again)?)$/.test(name) || /password/i.test(name);
}

/** Browser form fields only, without the CSRF token or a secret. Null for anything else (JSON, files, odd shapes). */
function formFields(request: FastifyRequest): HeldFormFields | null {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const fields: HeldFormFields = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (isSecretField(name)) continue;
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[name] = value as string[];
    else return null;
  }
  return fields;
}

/**
 * The page that shows this form again: the form's own address when it has a page (most forms post
 * to the page they are on), else its parent (a note's Finalise button posts to /finalise from the
 * note's page). Null when there is neither.
 */
function returnPathFor(app: FastifyInstance, request: FastifyRequest): string | null {
  const pattern = request.routeOptions.url;
  if (!pattern) return null;
  const path = pathOf(request.url);
  if (app.hasRoute({ method: 'GET', url: pattern })) return path;
  const parentPattern = pattern.replace(/\/[^/]+$/, '');
  const parentPath = path.replace(/\/[^/]+$/, '');
  if (parentPattern && parentPath && app.hasRoute({ method: 'GET', url: parentPattern })) return parentPath;
  return null;
}

/** Whose form this was: the staff member the form's CSRF token was issued to, in any session. */
async function ownerOf(app: FastifyInstance, request: FastifyRequest): Promise<string | null> {
  const token = sentCsrfToken(request);
  if (!token || token.length > 200) return null;
  const session = await app.db.selectFrom('sessions').select('staff_id').where('csrf_token', '=', token).executeTakeFirst();
  return session?.staff_id ?? null;
}

export type HoldOutcome = { held: HeldForm; ownerIsSignedIn: boolean } | null;

/**
 * Holds a page form that could not be saved because its session had ended or its token was stale.
 * Null (nothing held) for anything that is not a same-site browser form with a token Homeward issued.
 */
export async function holdForm(request: FastifyRequest, reply: FastifyReply, why: 'session-ended' | 'stale-form'): Promise<HoldOutcome> {
  const app = request.server;
  if (request.method !== 'POST') return null;
  const route = request.routeOptions.url ?? '';
  if (signInRoutes.has(route) || route === '/sign-out') return null;
  if (crossSiteReason(request)) return null;
  const fields = formFields(request);
  if (!fields) return null;
  const returnPath = returnPathFor(app, request);
  if (!returnPath) return null;
  const staffId = await ownerOf(app, request);
  if (!staffId) return null;

  const now = app.config.now();
  const id = uuidv7();
  const action = pathOf(request.url);
  const sealed = (await sealerOf(app)).seal(JSON.stringify(fields), boundTo(id, staffId, action));
  await app.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('held_forms').where('expires_at', '<=', now).execute();
    await trx
      .insertInto('held_forms')
      .values({ id, staff_id: staffId, action, return_path: returnPath, sealed, created_at: now, expires_at: new Date(now.getTime() + app.config.heldFormHours * 3_600_000) })
      .execute();
    await audit(request, { action: 'write', outcome: 'refused', recordKind: 'held-form', recordId: id, detail: { rule: why, route, heldFor: staffId } }, trx);
  });
  reply.setCookie(heldFormCookie, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureRequest(request), maxAge: app.config.heldFormHours * 3600 });
  return { held: { id, staffId, action, returnPath, fields }, ownerIsSignedIn: request.principal?.staffId === staffId };
}

/** The newest live held form for the signed-in person on this page, opened; null when there is none. */
export async function findHeldForm(request: FastifyRequest): Promise<HeldForm | null> {
  const app = request.server;
  const principal = request.principal;
  if (!principal) return null;
  const returnPath = pathOf(request.url);
  const row = await app.db
    .selectFrom('held_forms')
    .select(['id', 'staff_id', 'action', 'return_path', 'sealed'])
    .where('staff_id', '=', principal.staffId)
    .where('return_path', '=', returnPath)
    .where('expires_at', '>', app.config.now())
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const plain = (await sealerOf(app)).open(row.sealed, boundTo(row.id, row.staff_id, row.action));
  if (plain === null) {
    // Sealed under another key (a key file lost, or instances with different keys): it cannot be read.
    request.log.warn({ heldForm: row.id }, 'a held form could not be opened and was deleted');
    await app.db.deleteFrom('held_forms').where('id', '=', row.id).execute();
    return null;
  }
  await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'held-form', recordId: row.id, detail: { route: request.routeOptions.url } });
  return { id: row.id, staffId: row.staff_id, action: row.action, returnPath: row.return_path, fields: JSON.parse(plain) as HeldFormFields };
}

/**
 * Deletes the signed-in person's held copies of a form once that form has been saved, and drops the
 * browser's hint when they have none left.
 */
export async function releaseHeldForms(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const principal = request.principal;
  if (!principal) return;
  const db = request.server.db;
  await db.deleteFrom('held_forms').where('staff_id', '=', principal.staffId).where('action', '=', pathOf(request.url)).execute();
  const left = await db.selectFrom('held_forms').select('id').where('staff_id', '=', principal.staffId).where('expires_at', '>', request.server.config.now()).limit(1).execute();
  if (left.length === 0) reply.clearCookie(heldFormCookie, { path: '/' });
}

const notPages = ['/api/', '/assets/', '/static/', '/nhsuk-assets/'];

/** Request hooks: look for a held form on pages, and let it go when its form is saved. */
export async function heldFormHooks(app: FastifyInstance): Promise<void> {
  app.decorateRequest('heldForm', null);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.principal || !request.cookies[heldFormCookie] || notPages.some((p) => request.url.startsWith(p))) return;
    request.heldForm = await findHeldForm(request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // A page form that was saved answers with a redirect to its confirmation.
    if (request.method === 'POST' && request.principal && request.cookies[heldFormCookie] && reply.statusCode >= 300 && reply.statusCode < 400) {
      await releaseHeldForms(request, reply);
    }
    return payload;
  });
}

