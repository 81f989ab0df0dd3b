// Who may read, set and rate goals. Reading is the record's rule (a legitimate relationship or
// break-glass). Writing is the record's rule too, and then goal setting and rating are the assessing
// clinician's job: support workers deliver the programme towards the goals but are refused here, with
// the refusal audited like every other.
import type { Kysely } from 'kysely';
import { maySetGoals } from '@homeward/clinical';
import type { EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditRecordWrite, authoriseRecordWrite, type RecordKind, type RecordWriteAccess } from './record-access.ts';

export const goalKind: RecordKind = 'goal';

export const goalSettersMessage = 'Goals are set and rated by the assessing clinician: an assistant practitioner, registered therapist or clinical lead. Ask one of them to do this.';

/** `change` names what was attempted, for the audit of a refusal: set, refine, status, rate. */
export async function authoriseGoalWrite(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse; change: string }): Promise<RecordWriteAccess> {
  const { episode, change } = o;
  const access = await authoriseRecordWrite(db, { actor: o.actor, episode, kind: goalKind });
  if (!maySetGoals(access.grant.staff.role)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: goalKind, recordId: episode.id, detail: { change, rule: 'role-does-not-set-goals' } });
    throw new HomewardError('forbidden', goalSettersMessage);
  }
  return access;
}

/** The audit of an allowed write, inside the write's transaction so neither lands without the other. */
export async function auditGoalWrite(trx: Kysely<Database>, access: RecordWriteAccess, goalId: string, change: string, detail: Record<string, unknown> = {}): Promise<void> {
  await auditRecordWrite(trx, access, goalKind, goalId, { change, ...detail });
}
