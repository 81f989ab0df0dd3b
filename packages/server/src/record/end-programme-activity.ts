// Ending an activity of a programme of care: stopped, completed, or handed over to someone who carries
// it on. The activity row takes its final status (the database keeps it so), and how it ended is
// appended to programme_activity_endings (who, when, why, to whom, whether at discharge), so the
// history survives whatever the row shows. Row, history and audit share the caller's transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { HandOverReceiver } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditWrite, requireWriteGrant, type AccessGrant } from '../access/public.ts';

export type EndProgrammeActivityOptions = {
  /** Access to write the patient's record (a write grant; checked when it runs). */
  grant: AccessGrant;
  activityId: string;
  episodeId: string;
  status: 'stopped' | 'completed' | 'handed-over';
  reason: string;
  handedOverTo: { kind: HandOverReceiver; name: string | null } | null;
  atDischarge: boolean;
  /** The version the caller saw; null when the caller holds the row locked (discharge). */
  expectedVersion: number | null;
};

/** Ends the activity if it is still active (and at the version seen). False when it was not: the caller reports the conflict. */
export async function endProgrammeActivity(trx: Kysely<Database>, o: EndProgrammeActivityOptions): Promise<boolean> {
  const grant = requireWriteGrant(o.grant);
  const principal = grant.staff;
  const now = grant.actor.now;
  let update = trx
    .updateTable('programme_activities')
    .set((eb) => ({
      status: o.status,
      status_reason: o.reason,
      handed_over_to_kind: o.handedOverTo?.kind ?? null,
      handed_over_to_name: o.handedOverTo?.name ?? null,
      version: eb('version', '+', 1),
      updated_at: now,
      updated_by: principal.staffId,
    }))
    .where('id', '=', o.activityId)
    .where('status', '=', 'active');
  if (o.expectedVersion !== null) update = update.where('version', '=', o.expectedVersion);
  const updated = await update.returning('id').executeTakeFirst();
  if (!updated) return false;
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
  return true;
}
