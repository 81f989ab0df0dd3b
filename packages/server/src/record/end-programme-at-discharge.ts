// Discharge ends the programme of care (issue 11 #3): every activity still active is ended, or handed
// over to the receiver the clinician named, in the discharge's own transaction. The active activities
// are locked first, so one set or stopped at the same moment cannot slip past the discharge.
import type { Kysely } from 'kysely';
import { decideProgrammeAtDischarge, dischargeEndingReason, type ActivityAtDischarge, type ActivityAtDischargeChoice } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { AccessGrant } from '../access/public.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import { endProgrammeActivity } from './end-programme-activity.ts';

export type ActiveActivityAtDischarge = { id: string; title: string; version: number };

/** The episode's active activities, locked until the transaction ends. */
export async function lockActiveActivities(trx: Kysely<Database>, episodeId: string): Promise<ActiveActivityAtDischarge[]> {
  return trx.selectFrom('programme_activities').select(['id', 'title', 'version']).where('episode_id', '=', episodeId).where('status', '=', 'active').orderBy('created_at').orderBy('id').forUpdate().execute();
}

export type PlanProgrammeAtDischargeOptions = { episodeId: string; choices: readonly ActivityAtDischargeChoice[] };

/** What discharge will do to each active activity, or every problem with the choices. */
export async function planProgrammeAtDischarge(trx: Kysely<Database>, o: PlanProgrammeAtDischargeOptions): Promise<{ ok: true; decisions: ActivityAtDischarge[] } | { ok: false; fields: FieldError[] }> {
  const active = await lockActiveActivities(trx, o.episodeId);
  return decideProgrammeAtDischarge({ active, choices: o.choices });
}

export type EndProgrammeAtDischargeOptions = { grant: AccessGrant; episodeId: string; decisions: readonly ActivityAtDischarge[] };

export async function endProgrammeAtDischarge(trx: Kysely<Database>, o: EndProgrammeAtDischargeOptions): Promise<void> {
  // Locked by planProgrammeAtDischarge in this transaction: still active, at these versions.
  const versions = new Map((await lockActiveActivities(trx, o.episodeId)).map((a) => [a.id, a.version]));
  for (const d of o.decisions) {
    await endProgrammeActivity(trx, {
      grant: o.grant,
      activityId: d.activityId,
      episodeId: o.episodeId,
      status: d.ending === 'end' ? 'stopped' : 'handed-over',
      reason: dischargeEndingReason(d),
      handedOverTo: d.ending === 'hand-over' ? { kind: d.receiverKind, name: d.receiverName } : null,
      atDischarge: true,
      version: versions.get(d.activityId)!,
    });
  }
}
