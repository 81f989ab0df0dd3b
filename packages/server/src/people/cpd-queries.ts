// Reading CPD log entries. Rows are snake_case; everything leaving this file is camelCase. Who may read
// whose log is cpd-access.ts's: these queries are called once it has decided.
import type { Kysely } from 'kysely';
import { cpdKindLabels, type CpdKind, type HomewardRole } from '@homeward/clinical';
import { supervisesOn } from './supervision-queries.ts';
import type { Database } from '../db/schema.ts';
import type { CpdEntryResponse } from './cpd-schema.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const standardsOf = (value: unknown): number[] => (Array.isArray(value) ? value.filter((s): s is number => typeof s === 'number') : []);

function selectEntries(db: Kysely<Database>) {
  return db.selectFrom('cpd_entries').selectAll();
}
type Row = Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirstOrThrow']>>;

function toResponse(r: Row): CpdEntryResponse {
  return {
    id: r.id,
    version: r.version,
    staffId: r.staff_id,
    activity: r.activity,
    doneOn: r.done_on,
    hours: Number(r.hours),
    kind: r.kind,
    kindLabel: cpdKindLabels[r.kind as CpdKind] ?? r.kind,
    learned: r.learned,
    practiceChange: r.practice_change,
    reflection: r.reflection,
    hcpcStandards: standardsOf(r.hcpc_standards),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** An entry by its id (to find whose log it is, before the read is authorised). */
export async function findCpdEntryWhere(db: Kysely<Database>, id: string): Promise<CpdEntryResponse | null> {
  const row = await selectEntries(db).where('id', '=', id).executeTakeFirst();
  return row ? toResponse(row) : null;
}

/** One person's log, newest activity first. */
export async function listCpdEntries(db: Kysely<Database>, staffId: string): Promise<CpdEntryResponse[]> {
  const rows = await selectEntries(db).where('staff_id', '=', staffId).orderBy('done_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toResponse);
}

export type CpdOwner = { staffId: string; name: string; role: HomewardRole; teamId: string | null; profession: string; band: string; active: boolean };

export async function findCpdOwner(db: Kysely<Database>, staffId: string): Promise<CpdOwner | null> {
  const r = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'profession', 'band', 'active']).where('id', '=', staffId).executeTakeFirst();
  return r ? { staffId: r.id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role as HomewardRole, teamId: r.team_id, profession: r.profession, band: r.band, active: r.active } : null;
}

/** Whether the reader is the owner's supervisor now: an arrangement not ended before today. */
export async function supervisesNow(db: Kysely<Database>, o: { supervisorId: string; superviseeId: string; today: string }): Promise<boolean> {
  // Supervision's one rule for who supervises whom on a day.
  return supervisesOn(db, o);
}
