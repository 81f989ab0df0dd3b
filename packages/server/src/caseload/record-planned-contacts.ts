// The episode's next planned contact, for the caseload's "Next:". A published visit plan (visits/)
// calls this in the publication's own transaction; the episode row is caseload's to write. Like the
// last contact, it is derived from another record (the plan), so it does not bump the episode's
// version: a clinician's open form on the episode is not made stale by the lead publishing a day.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type RecordPlannedContactsOptions = {
  teamId: string;
  /** The day the plan is for, yyyy-mm-dd (Europe/London). */
  date: string;
  /** When the plan now starts each visit (several visits of one episode: the earliest counts). */
  planned: { episodeId: string; at: Date }[];
  /** Now: a next contact already past is replaced whatever its day. */
  now: Date;
};

/**
 * Each planned episode's next contact becomes its visit on this day when that is sooner than the one
 * recorded, or the one recorded has passed. An episode whose next contact was on this day but which the
 * plan no longer visits has it cleared (the plan took it away). Open episodes of the team only.
 */
export async function recordPlannedContacts(trx: Kysely<Database>, o: RecordPlannedContactsOptions): Promise<void> {
  const earliest = new Map<string, Date>();
  for (const p of o.planned) {
    const seen = earliest.get(p.episodeId);
    if (!seen || p.at < seen) earliest.set(p.episodeId, p.at);
  }
  const ids = [...earliest.keys()];
  const ats = ids.map((id) => earliest.get(id)!.toISOString());
  if (ids.length > 0) {
    await sql`
      update episodes e set next_contact_at = p.at
      from unnest(${ids}::uuid[], ${ats}::timestamptz[]) as p(episode_id, at)
      where e.id = p.episode_id and e.team_id = ${o.teamId} and e.status in ('waiting', 'active')
        and (e.next_contact_at is null or e.next_contact_at < ${o.now} or e.next_contact_at > p.at
          or (e.next_contact_at at time zone 'Europe/London')::date = ${o.date}::date)
    `.execute(trx);
  }
  await sql`
    update episodes e set next_contact_at = null
    where e.team_id = ${o.teamId} and e.status in ('waiting', 'active')
      and (e.next_contact_at at time zone 'Europe/London')::date = ${o.date}::date
      and not (e.id = any(${ids}::uuid[]))
  `.execute(trx);
}
