// Ending an activity of a programme of care: stopped, completed, or handed over to someone who carries
// it on. The activity row takes its final status (the database keeps it so), and how it ended is
// appended to programme_activity_endings (who, when, why, to whom, whether at discharge), so the
// history survives whatever the row shows. Row, history and audit share the caller's transaction.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { ukDateOf, type HandOverReceiver } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { listProgramme } from './programme-queries.ts';

export type EndProgrammeActivityOptions = {
  actor: Actor;
  activityId: string;
  episodeId: string;
  patientId: string;
  status: 'stopped' | 'completed' | 'handed-over';
  reason: string;
  handedOverTo: { kind: HandOverReceiver; name: string | null } | null;
  atDischarge: boolean;
  /** The version the caller saw (at discharge: the version of the row the discharge holds locked). */
  version: number;
  accessReason: string | null;
};

/** Ends the activity if it is still active at the version seen; else 409 with the activity as it stands. */
export async function endProgrammeActivity(trx: Kysely<Database>, o: EndProgrammeActivityOptions): Promise<void> {
  const principal = o.actor.staff;
  const now = o.actor.now;
  await updateVersioned(trx, {
    actor: o.actor,
    table: 'programme_activities',
    id: o.activityId,
    version: o.version,
    set: { status: o.status, status_reason: o.reason, handed_over_to_kind: o.handedOverTo?.kind ?? null, handed_over_to_name: o.handedOverTo?.name ?? null },
    only: sql<boolean>`status = 'active'`,
    current: async () => (await listProgramme(trx, o.episodeId, { activityId: o.activityId, today: ukDateOf(now) }))[0],
    what: 'Activity',
  });
  await trx
    .insertInto('programme_activity_endings')
    .values({
      id: uuidv7(),
      activity_id: o.activityId,
      episode_id: o.episodeId,
      patient_id: o.patientId,
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
  await auditAs(
    o.actor,
    trx,
    {
      action: 'write',
      outcome: 'allowed',
      patientId: o.patientId,
      recordKind: 'programme-of-care',
      recordId: o.activityId,
      reason: o.accessReason,
      detail: {
        episodeId: o.episodeId,
        change: `activity-${o.status}`,
        reason: o.reason,
        atDischarge: o.atDischarge,
        ...(o.handedOverTo ? { handedOverTo: o.handedOverTo.kind } : {}),
      },
    },
  );
}
