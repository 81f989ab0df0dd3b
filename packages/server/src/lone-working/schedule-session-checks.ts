// STUB (lw-clinician): the contract's signature only; lw-escalation's real file replaces it at merge.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function scheduleSessionChecks(trx: Kysely<Database>, o: { sessionId: string; now: Date }): Promise<void> {
  void trx;
  void o;
}
