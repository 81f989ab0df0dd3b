// A visit called off after it was planned (cancelled, or no access recorded): each session still
// expected for it is cancelled with the reason, in the same transaction, so no missed check-in is
// raised for a visit nobody is going to. One already checked in stays as it is: the clinician is there
// (no access is recorded at the door) and checks out as usual. The port app.ts gives visits.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type AnyActor } from '../platform/actor.ts';
import { sessionKind } from './sync-sessions-from-plan.ts';

export async function cancelSessionsOfVisit(trx: Kysely<Database>, e: { actor: AnyActor; visitId: string; reason: string }): Promise<void> {
  const cancelled = await trx.updateTable('lone_working_sessions')
    .set({ status: 'cancelled', cancelled_reason: e.reason.slice(0, 1000), version: sql`version + 1`, updated_at: e.actor.now, ...(e.actor.staff ? { updated_by: e.actor.staff.staffId } : {}) })
    .where('visit_id', '=', e.visitId)
    .where('status', '=', 'expected')
    .returning(['id', 'patient_id'])
    .execute();
  for (const s of cancelled) {
    await auditAs(e.actor, trx, { action: 'write', outcome: 'allowed', recordKind: sessionKind, recordId: s.id, patientId: s.patient_id, detail: { change: 'cancelled-visit-called-off' } });
  }
}
