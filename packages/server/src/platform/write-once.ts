// A browser form that creates something carries a formId minted when the form was shown. Sending it
// twice (a double click, a retry after a dropped connection, the back button and Send again) must not
// create it twice: the form id is an idempotency key (once-only.ts), claimed in the write's own
// transaction with where its confirmation is; a repeat is sent to that confirmation, and the same
// form id with different answers is refused.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { HomewardError } from './homeward-error.ts';
import { actorOf, type Actor } from './actor.ts';
import { stableStringify } from './stable-json.ts';
import { claimOnce, findEarlierOutcome, storeOutcome, type EarlierOutcome } from './once-only.ts';

const formIdSchema = z.uuid();

/** A form's own fields without the ones that differ between two sends of the same form. */
function hashOf(request: FastifyRequest): string {
  const { _csrf: _ignored, ...fields } = (request.body ?? {}) as Record<string, unknown>;
  return createHash('sha256').update(`${request.routeOptions.url} ${stableStringify(request.params)} ${stableStringify(fields)}`).digest('hex');
}

export type WriteOnceOptions = {
  /**
   * Checks that may refuse (and audit the refusal) before the write's transaction opens. Skipped for
   * a repeat of a form already saved, which goes straight to its confirmation.
   */
  check?: () => Promise<void>;
  /** The write, in the transaction that claims the form id; returns the confirmation's address. */
  write: (trx: Kysely<Database>) => Promise<string>;
};

function repeatOf(earlier: EarlierOutcome, requestHash: string): string {
  const location = (earlier.response as { location?: unknown } | null)?.location;
  // A claim without an outcome: left by the claim-then-write of earlier versions, never by this one.
  if (typeof location !== 'string') throw new HomewardError('duplicate', 'This form is still being saved from an earlier send. Open the record in a moment to check it was saved.');
  if (earlier.requestHash !== requestHash) {
    throw new HomewardError('duplicate', 'This form was already sent and saved, with different answers. Nothing more was saved. Open the record to check what was saved; to add another, start a new form.');
  }
  return location;
}

/** Runs the write at most once per form id, as the actor: the mechanism without the request. */
export async function writeOnceAs(db: Kysely<Database>, o: WriteOnceOptions & { actor: Actor; formId: string; requestHash: string }): Promise<string> {
  // Without a valid formId (an old form, a hand-made post) the write simply runs.
  if (!formIdSchema.safeParse(o.formId).success) {
    await o.check?.();
    return db.transaction().execute(o.write);
  }
  const claim = { actor: o.actor, key: `form:${o.formId}`, requestHash: o.requestHash };
  const earlier = await findEarlierOutcome(db, claim);
  if (earlier) return repeatOf(earlier, o.requestHash);
  await o.check?.();
  return db.transaction().execute(async (trx) => {
    const first = await claimOnce(trx, claim);
    // Sent twice at once: this one waited for the first to commit, and goes where it went.
    if (first) return repeatOf(first, o.requestHash);
    const location = await o.write(trx);
    await storeOutcome(trx, { actor: o.actor, key: claim.key, status: 303, response: { location } });
    return location;
  });
}

/** Runs a page's write at most once per formId (see writeOnceAs). */
export async function writeOnce(request: FastifyRequest, formId: string, o: WriteOnceOptions): Promise<string> {
  return writeOnceAs(request.server.db, { ...o, actor: actorOf(request), formId, requestHash: hashOf(request) });
}
