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
  const result = await sql<Row>`
    select n.id as note_id, n.episode_id, e.team_id, e.service, c.kind,
           to_char(c.occurred_at at time zone 'Europe/London', 'YYYY-MM-DD') as day,
           c.duration_minutes, c.therapy_minutes, n.written_by
    from contact_notes n
    join episodes e on e.id = n.episode_id
    cross join lateral (
      select coalesce(a.kind, n.kind) as kind,
             coalesce(a.occurred_at, n.occurred_at) as occurred_at,
             case when a.note_id is null then n.duration_minutes else a.duration_minutes end as duration_minutes,
             coalesce(a.therapy_minutes, n.therapy_minutes) as therapy_minutes
      from (select 1) as one
      left join lateral (
        select am.note_id, am.kind, am.occurred_at, am.duration_minutes, am.therapy_minutes
        from contact_note_amendments am where am.note_id = n.id order by am.note_version desc limit 1
      ) a on true
    ) c
    where n.status = 'final'
      and e.team_id in (${sql.join(o.teamIds)})
      ${services ? sql`and e.service in (${sql.join(services)})` : sql``}
      and c.occurred_at >= ${o.filter.fromInstant} and c.occurred_at < ${o.filter.toInstant}
    order by c.occurred_at, n.id
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
