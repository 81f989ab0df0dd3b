// STUB (lw-clinician): the contract's signature only; lw-escalation's real file replaces it at merge.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';

export async function findAlert(trx: Kysely<Database>, id: string): Promise<LoneWorkingAlert | null> {
  void trx;
  void id;
  return null;
}

export async function listOpenAlertsForStaff(trx: Kysely<Database>, o: { staffId: string }): Promise<LoneWorkingAlert[]> {
  void trx;
  void o;
  return [];
}
