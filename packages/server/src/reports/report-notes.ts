// The contact notes the reports count: final notes only, each as it now reads (an amended note's latest
// version), of the chosen teams' episodes, that happened in the window. One query, read by the SSNAP
// and activity reports; the note's author is its writer (an amendment does not change who saw the patient).
import { sql, type Kysely } from 'kysely';
import type { TherapyMinutes } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';

export type CountedNote = {
  noteId: string;
  episodeId: string;
  teamId: string;
  service: string;
  kind: string;
  /** The UK calendar day it happened. */
  day: string;
  durationMinutes: number | null;
  therapyMinutes: TherapyMinutes;
  writtenBy: string;
};

type Row = { note_id: string; episode_id: string; team_id: string; service: string; kind: string; day: string; duration_minutes: number | null; therapy_minutes: unknown; written_by: string };

export async function countedNotes(db: Kysely<Database>, o: { teamIds: readonly string[]; filter: ReportFilter; services?: readonly string[] }): Promise<CountedNote[]> {
  if (o.teamIds.length === 0) return [];
  const services = o.filter.service ? [o.filter.service].filter((s) => !o.services || o.services.includes(s)) : o.services;
  if (services && services.length === 0) return [];
  // Each amended note's latest version in one pass (DISTINCT ON), not a subquery per note: a year of a
  // team's notes is tens of thousands of rows.
  const result = await sql<Row>`
    select n.id as note_id, n.episode_id, e.team_id, e.service,
           coalesce(a.kind, n.kind) as kind,
           to_char(coalesce(a.occurred_at, n.occurred_at) at time zone 'Europe/London', 'YYYY-MM-DD') as day,
           case when a.note_id is null then n.duration_minutes else a.duration_minutes end as duration_minutes,
           coalesce(a.therapy_minutes, n.therapy_minutes) as therapy_minutes, n.written_by
    from contact_notes n
    join episodes e on e.id = n.episode_id
    left join (
      select distinct on (am.note_id) am.note_id, am.kind, am.occurred_at, am.duration_minutes, am.therapy_minutes
      from contact_note_amendments am order by am.note_id, am.note_version desc
    ) a on a.note_id = n.id
    where n.status = 'final'
      and e.team_id in (${sql.join(o.teamIds)})
      ${services ? sql`and e.service in (${sql.join(services)})` : sql``}
      and coalesce(a.occurred_at, n.occurred_at) >= ${o.filter.fromInstant} and coalesce(a.occurred_at, n.occurred_at) < ${o.filter.toInstant}
    order by coalesce(a.occurred_at, n.occurred_at), n.id
  `.execute(db);
  return result.rows.map((r) => ({
    noteId: r.note_id,
    episodeId: r.episode_id,
    teamId: r.team_id,
    service: r.service,
    kind: r.kind,
    day: r.day,
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    therapyMinutes: (typeof r.therapy_minutes === 'string' ? JSON.parse(r.therapy_minutes) : r.therapy_minutes ?? {}) as TherapyMinutes,
    writtenBy: r.written_by,
  }));
}

/** How an episode is named in a report: a reference, not the patient (the record behind the link decides who may see whom). */
export function episodeReference(id: string): string {
  return `EP-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
