// Idempotency-Key for JSON writes (the pages' form ids are the same mechanism: once-only.ts): the
// first request with a key does the work and its response is stored in the same transaction; a repeat gets that response back and writes nothing; the same key
// with a different body is refused (422), since it is a client bug, not a retry.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from './homeward-error.ts';
import { requirePrincipal } from './request-context.ts';
import { collectAuditedSubjects, takeAuditedSubjects } from './audited-subjects.ts';
import { stableStringify } from './stable-json.ts';
import { actorOf, auditAs } from './actor.ts';
import { claimOnce, storeOutcome } from './once-only.ts';

export type WriteResult = { status: number; body: unknown };

export async function idempotentWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  write: (trx: Kysely<Database>) => Promise<WriteResult>,
): Promise<FastifyReply> {
  requirePrincipal(request);
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

  const actor = actorOf(request);
  const claim = { actor, key, requestHash };
  const outcome = await db.transaction().execute(async (trx) => {
    // A concurrent duplicate blocks here on the primary key until the first one commits.
    const earlier = await claimOnce(trx, claim);
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new HomewardError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
      }
      // A replay hands back stored patient data: audit it as a read of what the first request wrote.
      const route = request.routeOptions.url;
      const subjects = earlier.auditedSubjects;
      if (subjects.length === 0) await auditAs(actor, trx, { action: 'read', outcome: 'allowed', recordKind: 'idempotent-replay', detail: { replayOf: 'idempotency-key', route } });
      for (const s of subjects) {
        await auditAs(actor, trx, { action: 'read', outcome: 'allowed', recordKind: s.recordKind, recordId: s.recordId, patientId: s.patientId, detail: { replayOf: 'idempotency-key', route } });
      }
      return { replayed: true, status: earlier.status ?? 200, body: earlier.response };
    }
    collectAuditedSubjects(actor);
    const result = await write(trx);
    const auditedSubjects = takeAuditedSubjects(actor);
    await storeOutcome(trx, { actor, key, status: result.status, response: result.body, auditedSubjects });
    return { replayed: false, ...result };
  });
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}
