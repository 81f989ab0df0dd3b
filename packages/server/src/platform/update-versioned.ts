// The one way a versioned record is changed: only if nobody has changed it since the version the
// writer saw, stamping who and when and moving the version on. A stale write is a 409 carrying the
// current state, never a silent overwrite. Every context's writes go through here, so the rule is
// written once.
import type { Expression, Kysely, Selectable, SqlBool, Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from './actor.ts';
import { notFound, versionConflict } from './homeward-error.ts';

/** Tables whose rows carry `id` and `version`. */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends { id: string; version: unknown } ? T : never;
}[keyof Database];

/** A table that also says who changed a row last and when is stamped; one that does not (a table whose rows say it another way) must say so. */
type Stamping<T extends VersionedTable> = Database[T] extends { updated_at: unknown; updated_by: unknown } ? { stamped?: true } : { stamped: false };

export type UpdateVersionedOptions<T extends VersionedTable, C = unknown> = Stamping<T> & {
  actor: AnyActor;
  table: T;
  id: string;
  /** The version the writer saw. */
  version: number;
  set: Updateable<Database[T]>;
  /** And only while the row is still in this state (a referral still incoming), else it is a conflict too. */
  only?: Partial<Selectable<Database[T]>>;
  /** And only while a condition no column can say holds (no rating made yet), as SQL over the row. */
  onlyIf?: Expression<SqlBool>;
  /** The record as it is now, sent back with a 409 (undefined: it does not exist). */
  current: () => Promise<C | null | undefined>;
  /** The refusal to give instead of the plain 409, in words that say what already happened. */
  conflict?: (current: C) => Error;
  /** What the record is called in a 404 ("Episode"). */
  what: string;
  /** The patient a stale write is about, when the current state does not carry `patientId`. */
  patientId?: string;
};

/** Changes the row, or throws 409 with the current state (404 when there is none). Returns the row as changed. */
export async function updateVersioned<T extends VersionedTable, C = unknown>(trx: Kysely<Database>, o: UpdateVersionedOptions<T, C>): Promise<Selectable<Database[T]>> {
  // Kysely cannot type an update over a union of tables; every table here has the columns used.
  const db = trx as unknown as Kysely<Record<string, { id: string; version: number; updated_at: Date; updated_by: string | null }>>;
  const stamps = o.stamped === false ? {} : { updated_at: o.actor.now, updated_by: o.actor.staff?.staffId ?? null };
  let update = db
    .updateTable(o.table as string)
    .set((eb) => ({ ...(o.set as object), version: eb('version', '+', 1), ...stamps }))
    .where('id', '=', o.id)
    .where('version', '=', o.version);
  for (const [column, value] of Object.entries(o.only ?? {})) update = value === null ? update.where(column as 'id', 'is', null) : update.where(column as 'id', '=', value as string);
  if (o.onlyIf) update = update.where(o.onlyIf);
  const updated = await update.returningAll().executeTakeFirst();
  if (updated) return updated as unknown as Selectable<Database[T]>;
  const current = await o.current();
  if (current === undefined || current === null) throw notFound(o.what);
  if (o.conflict) throw o.conflict(current);
  throw versionConflict(current, o.patientId ? { patientId: o.patientId } : {});
}
