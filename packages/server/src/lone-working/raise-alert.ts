// STUB (lw-clinician): the contract's signature only; lw-escalation's real file replaces it at merge.
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';

export type RaiseAlertOptions = { actor: AnyActor; kind: 'red' | 'duress'; teamId: string; staffId: string; sessionId: string | null; note?: string | null };

export async function raiseAlert(trx: Kysely<Database>, o: RaiseAlertOptions): Promise<{ alertId: string }> {
  void trx;
  void o;
  return { alertId: uuidv7() };
}
