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
  /** What the publication before this one planned: a next contact it set, and this one drops, is cleared. */
  previouslyPlanned: { episodeId: string; at: Date }[];
  /** Now: a next contact already past is replaced whatever its day. */
  now: Date;
};

/**
 * Each planned episode's next contact becomes its visit on this day when that is sooner than the one
 * recorded, or the one recorded has passed, or it is on this day (the plan says when). An episode the
 * plan no longer visits has its next contact cleared only when the previous publication set it to exactly
 * that time: a next contact a clinician typed is never taken away. Open episodes of the team only.
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
  const dropped = new Map<string, Date>();
  for (const p of o.previouslyPlanned) {
    const seen = dropped.get(p.episodeId);
    if (!earliest.has(p.episodeId) && (!seen || p.at < seen)) dropped.set(p.episodeId, p.at);
  }
  if (dropped.size === 0) return;
  const droppedIds = [...dropped.keys()];
  const droppedAts = droppedIds.map((id) => dropped.get(id)!.toISOString());
  await sql`
    update episodes e set next_contact_at = null
    from unnest(${droppedIds}::uuid[], ${droppedAts}::timestamptz[]) as p(episode_id, at)
    where e.id = p.episode_id and e.team_id = ${o.teamId} and e.status in ('waiting', 'active') and e.next_contact_at = p.at
  `.execute(trx);
}
