// The one way a versioned record is changed: only if nobody has changed it since the version the
// writer saw, stamping who and when and moving the version on. A stale write is a 409 carrying the
// current state, never a silent overwrite. Every context's writes go through here, so the rule is
// written once.
import type { Expression, Kysely, SqlBool, Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from './actor.ts';
import { notFound, versionConflict, type HomewardError } from './homeward-error.ts';

/** Tables whose rows carry `version`, `updated_at` and `updated_by`. */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends { id: string; version: unknown; updated_at: unknown; updated_by: unknown } ? T : never;
}[keyof Database];

export type UpdateVersionedOptions<T extends VersionedTable> = {
  actor: AnyActor;
  table: T;
  id: string;
  /** The version the writer saw. */
  version: number;
  set: Updateable<Database[T]>;
  /** The record as it is now, sent back with a 409 (undefined: it does not exist). */
  current: () => Promise<unknown>;
  /** What the record is called in a 404 ("Episode"). */
  what: string;
  /** The patient a stale write is about, when the current state does not carry `patientId`. */
  patientId?: string;
  /** A further condition the row must meet to be changed (still a draft, not yet rated), as SQL over the table's columns. */
  only?: Expression<SqlBool>;
  /** The refusal when the row exists but was not changed, when it should say more than "changed since" (final, plan fixed). */
  refuse?: (current: unknown) => HomewardError | undefined;
};

/** Changes the row, or throws 409 with the current state (404 when there is none). Returns the new version. */
export async function updateVersioned<T extends VersionedTable>(trx: Kysely<Database>, o: UpdateVersionedOptions<T>): Promise<{ version: number }> {
  // Kysely cannot type an update over a union of tables; every table here has the columns used.
  const db = trx as unknown as Kysely<Record<string, { id: string; version: number; updated_at: Date; updated_by: string | null }>>;
  let update = db
    .updateTable(o.table as string)
    .set((eb) => ({ ...(o.set as object), version: eb('version', '+', 1), updated_at: o.actor.now, updated_by: o.actor.staff?.staffId ?? null }))
    .where('id', '=', o.id)
    .where('version', '=', o.version);
  if (o.only) update = update.where(o.only);
  const updated = await update.returning('version').executeTakeFirst();
  if (updated) return { version: updated.version };
  const current = await o.current();
  if (current === undefined || current === null) throw notFound(o.what);
  throw o.refuse?.(current) ?? versionConflict(current, o.patientId ? { patientId: o.patientId } : {});
}
