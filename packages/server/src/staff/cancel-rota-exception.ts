// Cancelling leave, sickness, training or an extra shift: the row stays, stamped with who and when,
// so the rota's history is never lost (the table refuses deletes).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { rotaExceptionRecordKind } from './add-rota-exception.ts';
import { findRotaException, type RotaExceptionRecord } from './rota-queries.ts';

export type CancelRotaExceptionOptions = { actor: Actor; exception: RotaExceptionRecord; version: number };

export async function cancelRotaException(trx: Kysely<Database>, o: CancelRotaExceptionOptions): Promise<RotaExceptionRecord> {
  if (o.exception.teamId !== o.actor.staff.teamId) throw new HomewardError('forbidden', 'You can change the rota of your own team only');
  const current = () => findRotaException(trx, o.exception.id);
  await updateVersioned(trx, {
    actor: o.actor,
    table: 'rota_exceptions',
    id: o.exception.id,
    version: o.version,
    only: { cancelled_at: null },
    set: { cancelled_at: o.actor.now, cancelled_by: o.actor.staff.staffId },
    current,
    conflict: (now) => new HomewardError('version_conflict', now.cancelled ? 'This has already been cancelled' : 'Someone else changed this after you opened it. Nothing was cancelled; check it and try again.', { current: now }),
    what: 'Rota exception',
  });
  await auditAs(o.actor, trx, {
    action: 'staff-admin',
    outcome: 'allowed',
    recordKind: rotaExceptionRecordKind,
    recordId: o.exception.id,
    detail: { change: 'cancelled', staffId: o.exception.staffId, kind: o.exception.kind, startsOn: o.exception.startsOn, endsOn: o.exception.endsOn },
  });
  return (await current())!;
}
