// STUB (lw-clinician): the contract's signature only; lw-escalation's real file replaces it at merge.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';

export type NoteLateCheckOptions = { actor: AnyActor; sessionId: string; check: 'in' | 'out'; madeAt: Date; receivedAt: Date };

export async function noteLateCheck(trx: Kysely<Database>, o: NoteLateCheckOptions): Promise<void> {
  void trx;
  void o;
}
