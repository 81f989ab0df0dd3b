// STUB (lw-clinician): the contract's signature only; lw-escalation's real file replaces it at merge.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';

export type ExtendAmberAlertOptions = { actor: AnyActor; alertId: string; version: number; minutes: number };

export async function extendAmberAlert(trx: Kysely<Database>, o: ExtendAmberAlertOptions): Promise<LoneWorkingAlert> {
  void trx;
  throw new HomewardError('not_found', `No amber alert ${o.alertId}`);
}
