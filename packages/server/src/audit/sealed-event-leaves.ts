// What a seal covers: every column of an event, exactly as PostgreSQL stores it, read back as text by
// the database itself. The sealer and the verifier both read events through this one function, so
// what is hashed can never differ from what is stored: a UUID is the database's lower-case text
// however the caller spelt it, a time has the database's microseconds whatever JavaScript's Date
// could hold, and the detail is jsonb's own text (its key order, its numbers: 1e21 is stored and
// read back as 1000000000000000000000, -0 as 0), whatever the session's time zone or the driver.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { merkleLeafHash } from './merkle-tree.ts';

/** Every column of audit_events, in the order they are hashed (a test checks none is left out). */
export const sealedEventColumns = [
  'seq',
  'id',
  'occurred_at',
  'staff_id',
  'staff_role',
  'action',
  'outcome',
  'patient_id',
  'record_kind',
  'record_id',
  'reason',
  'ip',
  'user_agent',
  'request_id',
  'request_id_claimed',
  'detail',
  'prev_hash',
  'hash',
] as const;

export type SealedEventLeaf = {
  seq: number;
  /** The canonical text: a JSON array of the stored values as text (or null), in column order. */
  data: string;
  hash: Buffer;
};

/** SQL for a timestamptz as UTC text with all six digits of the microseconds PostgreSQL keeps. */
export const utcMicrosecondsText = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const columnAliases = sealedEventColumns.map((_, i) => `c${i}`);
const storedAsText = sql.raw(
  sealedEventColumns.map((c, i) => `${c === 'occurred_at' ? utcMicrosecondsText(c) : `${c}::text`} as c${i}`).join(', '),
);

export function leafOf(values: Array<string | null>): SealedEventLeaf {
  const data = JSON.stringify(values);
  return { seq: Number(values[0]), data, hash: merkleLeafHash(data) };
}

/**
 * Events with afterSeq < seq <= throughSeq, in seq order. Callers keep the range to a page: a range
 * of n numbers holds at most n events, and reading by range (not ORDER BY ... LIMIT) keeps the plan an
 * index range scan however stale the table's statistics are.
 */
export async function readSealedEventLeaves(db: Kysely<Database>, range: { afterSeq: number; throughSeq: number }): Promise<SealedEventLeaf[]> {
  const { rows } = await sql<Record<string, string | null>>`
    select ${storedAsText} from audit_events
    where seq > ${range.afterSeq} and seq <= ${range.throughSeq}
    order by audit_events.seq
  `.execute(db);
  return rows.map((row) => leafOf(columnAliases.map((alias) => row[alias] ?? null)));
}

/** The highest event number in the table (0 when empty). */
export async function highestEventSeq(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string | null }>`select max(seq)::text as n from audit_events`.execute(db);
  return Number(rows[0]!.n ?? 0);
}

/** Pages through the events after afterSeq through throughSeq (default: the highest there is now), a page at a time. */
export async function* streamSealedEventLeaves(
  db: Kysely<Database>,
  range: { afterSeq: number; throughSeq?: number; pageSize: number },
): AsyncGenerator<SealedEventLeaf> {
  const end = range.throughSeq ?? (await highestEventSeq(db));
  for (let after = range.afterSeq; after < end; ) {
    const through = Math.min(after + range.pageSize, end);
    const page = await readSealedEventLeaves(db, { afterSeq: after, throughSeq: through });
    for (const leaf of page) yield leaf;
    // An empty range skips to the next event, so a far-off number (only an INSERT with the triggers
    // disabled can make one) costs one query, not a page query per range in between.
    after = page.length ? through : (await nextEventSeqAfter(db, through, end)) - 1;
  }
}

async function nextEventSeqAfter(db: Kysely<Database>, after: number, end: number): Promise<number> {
  const { rows } = await sql<{ n: string | null }>`select min(seq)::text as n from audit_events where seq > ${after} and seq <= ${end}`.execute(db);
  return rows[0]!.n === null ? end + 1 : Number(rows[0]!.n);
}
