// Ending an activity of a programme of care: stopped, completed, or handed over to someone who carries
// it on. The activity row takes its final status (the database keeps it so), and how it ended is
// appended to programme_activity_endings (who, when, why, to whom, whether at discharge), so the
// history survives whatever the row shows. Row, history and audit share the caller's transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { ukDateOf, type HandOverReceiver } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditWrite, requireWriteGrant, type AccessGrant } from '../access/public.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { programmeOfEpisode } from './programme-queries.ts';

export type EndProgrammeActivityOptions = {
  /** Access to write the patient's record: whose it is, who acts, and the audit's reason. */
  grant: AccessGrant;
  activityId: string;
  episodeId: string;
  status: 'stopped' | 'completed' | 'handed-over';
  reason: string;
  handedOverTo: { kind: HandOverReceiver; name: string | null } | null;
  atDischarge: boolean;
  /** The version the caller saw (at discharge: the version of the row the discharge holds locked). */
  version: number;
};

/** Ends the activity if it is still active at the version seen; else 409 with the activity as it stands. */
export async function endProgrammeActivity(trx: Kysely<Database>, o: EndProgrammeActivityOptions): Promise<void> {
  const grant = requireWriteGrant(o.grant);
  const actor = grant.actor;
  const principal = actor.staff;
  const now = actor.now;
  await updateVersioned(trx, {
    actor,
    table: 'programme_activities',
    id: o.activityId,
    version: o.version,
    set: { status: o.status, status_reason: o.reason, handed_over_to_kind: o.handedOverTo?.kind ?? null, handed_over_to_name: o.handedOverTo?.name ?? null },
    only: { status: 'active' },
    current: async () => (await programmeOfEpisode(trx, o.episodeId, { activityId: o.activityId, today: ukDateOf(now) }))[0],
    what: 'Activity',
  });
  await trx
    .insertInto('programme_activity_endings')
    .values({
      id: uuidv7(),
      activity_id: o.activityId,
      episode_id: o.episodeId,
      patient_id: grant.patientId,
      status: o.status,
      reason: o.reason,
      handed_over_to_kind: o.handedOverTo?.kind ?? null,
      handed_over_to_name: o.handedOverTo?.name ?? null,
      at_discharge: o.atDischarge,
      recorded_at: now,
      recorded_by: principal.staffId,
      recorded_by_role: principal.role,
    })
    .execute();
  await auditWrite(grant, trx, {
    recordKind: 'programme-of-care',
    recordId: o.activityId,
    detail: {
      episodeId: o.episodeId,
      change: `activity-${o.status}`,
      reason: o.reason,
      atDischarge: o.atDischarge,
      ...(o.handedOverTo ? { handedOverTo: o.handedOverTo.kind } : {}),
    },
  });
}
