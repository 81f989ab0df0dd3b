// One line of an alert's history (lone_working_alert_events, append-only): what happened, by whom
// (the actor; null for Homeward's own timers), at the actor's time. The rungs are climb-alert.ts's own
// (written once each, under their unique index).
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, LoneWorkingAlertEventKind } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';

export type AppendAlertEventOptions = { actor: AnyActor; alertId: string; kind: LoneWorkingAlertEventKind; dueAt?: Date | null; detail?: Record<string, unknown> };

export async function appendAlertEvent(trx: Kysely<Database>, o: AppendAlertEventOptions): Promise<void> {
  await trx
    .insertInto('lone_working_alert_events')
    .values({ id: uuidv7(), alert_id: o.alertId, at: o.actor.now, kind: o.kind, level: null, by_staff_id: o.actor.staff?.staffId ?? null, due_at: o.dueAt ?? null, detail: JSON.stringify(o.detail ?? {}) })
    .execute();
}
