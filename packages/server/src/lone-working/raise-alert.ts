// A red alert (the clinician's emergency button) or a duress alert (the covert check-out code): raised
// at once, at the responder's rung; the clinician is never prompted.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { auditAlertWrite } from './alert-audit.ts';
import { raiseLockedAlert } from './climb-alert.ts';
import { lockAlertRow } from './read-alerts.ts';

export type RaiseAlertOptions = { actor: AnyActor; kind: 'red' | 'duress'; teamId: string; staffId: string; sessionId: string | null; note?: string | null };

export async function raiseAlert(trx: Kysely<Database>, o: RaiseAlertOptions): Promise<{ alertId: string }> {
  const now = o.actor.now;
  const id = uuidv7();
  const by = o.actor.staff?.staffId ?? null;
  await trx
    .insertInto('lone_working_alerts')
    .values({ id, team_id: o.teamId, staff_id: o.staffId, session_id: o.sessionId, kind: o.kind, status: 'raised', note: o.note?.trim() || null, due_at: now, raised_at: now, created_at: now, created_by: by, updated_at: now, updated_by: by })
    .execute();
  const row = (await lockAlertRow(trx, id))!;
  await raiseLockedAlert(trx, { actor: o.actor, row, dueAt: now });
  await auditAlertWrite(trx, { actor: o.actor, alertId: id, sessionId: o.sessionId, change: 'raised', detail: { kind: o.kind } });
  return { alertId: id };
}
