// Idempotency-Key for JSON writes: the first request with a key does the work and its response is
// stored in the same transaction; a repeat gets that response back and writes nothing; the same key
// with a different body is refused (422), since it is a client bug, not a retry.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from './homeward-error.ts';
import { audit, requirePrincipal } from './request-context.ts';
import { collectAuditedSubjects, takeAuditedSubjects, type AuditedSubject } from './audited-subjects.ts';
import { stableStringify } from './stable-json.ts';
import { actorOf } from './actor.ts';

export type WriteResult = { status: number; body: unknown };

export async function idempotentWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  write: (trx: Kysely<Database>) => Promise<WriteResult>,
): Promise<FastifyReply> {
  const principal = requirePrincipal(request);
  const db = request.server.db;
  const header = request.headers['idempotency-key'];
  if (header === undefined) {
    const result = await db.transaction().execute(write);
    return reply.code(result.status).send(result.body);
  }
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !/^[\w.:-]{1,200}$/.test(key)) {
    throw new HomewardError('validation_failed', 'Idempotency-Key must be 1 to 200 letters, numbers, dots, colons, hyphens or underscores', {
      fields: [{ path: 'headers.idempotency-key', message: 'Invalid Idempotency-Key' }],
    });
  }
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url} ${stableStringify(request.params)} ${stableStringify(request.body)}`)
    .digest('hex');

  const outcome = await db.transaction().execute(async (trx) => {
    // A concurrent duplicate blocks here on the primary key until the first one commits.
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({ staff_id: principal.staffId, key, request_hash: requestHash, created_at: request.server.config.now() })
      .onConflict((oc) => oc.columns(['staff_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const earlier = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response', 'audit_subjects'])
        .where('staff_id', '=', principal.staffId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (earlier.request_hash !== requestHash) {
        throw new HomewardError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
      }
      // A replay hands back stored patient data: audit it as a read of what the first request wrote.
      const subjects = (earlier.audit_subjects as AuditedSubject[] | null) ?? [];
      const route = request.routeOptions.url;
      if (subjects.length === 0) await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'idempotent-replay', detail: { replayOf: 'idempotency-key', route } }, trx);
      for (const s of subjects) {
        await audit(request, { action: 'read', outcome: 'allowed', recordKind: s.recordKind, recordId: s.recordId, patientId: s.patientId, detail: { replayOf: 'idempotency-key', route } }, trx);
      }
      return { replayed: true, status: earlier.status_code ?? 200, body: earlier.response };
    }
    collectAuditedSubjects(actorOf(request));
    const result = await write(trx);
    const subjects = takeAuditedSubjects(actorOf(request));
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response: JSON.stringify(result.body), audit_subjects: JSON.stringify(subjects) })
      .where('staff_id', '=', principal.staffId)
      .where('key', '=', key)
      .execute();
    return { replayed: false, ...result };
  });
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}
