// STUB (lw-clinician): the contract's signature only; lw-escalation's real file replaces it at merge.
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';

export type StartAmberAlertOptions = { actor: AnyActor; teamId: string; staffId: string; sessionId: string | null; note: string; minutes: number };

export async function startAmberAlert(trx: Kysely<Database>, o: StartAmberAlertOptions): Promise<{ alertId: string }> {
  void trx;
  void o;
  return { alertId: uuidv7() };
}
