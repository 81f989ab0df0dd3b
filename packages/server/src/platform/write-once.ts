// A browser form that creates something carries a formId minted when the form was shown. Sending it
// twice (a double click, a retry after a dropped connection, the back button and Send again) must not
// create it twice: the first send claims the formId and, once saved, records where its confirmation is;
// a repeat is sent to that confirmation. The claim lives in idempotency_keys, as the API's keys do.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HomewardError } from './homeward-error.ts';
import { requirePrincipal } from './request-context.ts';
import { stableStringify } from './stable-json.ts';

const formIdSchema = z.uuid();
const waitForFirstMs = 5_000;

/** A form's own fields without the ones that differ between two sends of the same form. */
function hashOf(request: FastifyRequest): string {
  const { _csrf: _ignored, ...fields } = (request.body ?? {}) as Record<string, unknown>;
  return createHash('sha256').update(`${request.routeOptions.url} ${stableStringify(request.params)} ${stableStringify(fields)}`).digest('hex');
}

/**
 * Runs `write` (which returns the confirmation's address) at most once per formId. Without a valid
 * formId (an old form, a hand-made post) the write simply runs. A failed write releases the claim, so
 * the corrected form can be sent again with the same formId.
 */
export async function writeOnce(request: FastifyRequest, formId: string, write: () => Promise<string>): Promise<string> {
  if (!formIdSchema.safeParse(formId).success) return write();
  const principal = requirePrincipal(request);
  const db = request.server.db;
  const key = `form:${formId}`;
  const requestHash = hashOf(request);
  const deadline = Date.now() + waitForFirstMs;
  for (;;) {
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ staff_id: principal.staffId, key, request_hash: requestHash, created_at: request.server.config.now() })
      .onConflict((oc) => oc.columns(['staff_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) break;
    const earlier = await db.selectFrom('idempotency_keys').select(['request_hash', 'response']).where('staff_id', '=', principal.staffId).where('key', '=', key).executeTakeFirst();
    // Gone: the first send failed and released its claim, so this one is not a repeat: claim it.
    if (!earlier) continue;
    const location = (earlier.response as { location?: unknown } | null)?.location;
    if (typeof location === 'string') {
      if (earlier.request_hash !== requestHash) {
        throw new HomewardError('duplicate', 'This form was already sent and saved, with different answers. Nothing more was saved. Open the record to check what was saved; to add another, start a new form.');
      }
      return location;
    }
    if (Date.now() > deadline) throw new HomewardError('duplicate', 'This form is still being saved from an earlier send. Open the record in a moment to check it was saved.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let location: string;
  try {
    location = await write();
  } catch (error) {
    await db.deleteFrom('idempotency_keys').where('staff_id', '=', principal.staffId).where('key', '=', key).execute();
    throw error;
  }
  await db.updateTable('idempotency_keys').set({ status_code: 303, response: JSON.stringify({ location }) }).where('staff_id', '=', principal.staffId).where('key', '=', key).execute();
  return location;
}
