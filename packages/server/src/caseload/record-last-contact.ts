// The episode's last contact, for the caseload's "days since last contact". Contact notes (record/) call
// this when a note is finalised, in the note's own transaction; the episode row is caseload's to write.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type RecordLastContactOptions = { contactNoteId: string };

/**
 * Moves the episode's last contact on to a finalised note's time (never back). Only a contact with the
 * patient counts: not-seen visits and MDT discussions are not contact.
 */
export async function recordLastContact(trx: Kysely<Database>, o: RecordLastContactOptions): Promise<void> {
  await sql`
    update episodes set last_contact_at = greatest(coalesce(episodes.last_contact_at, n.occurred_at), n.occurred_at)
    from contact_notes n
    where n.id = ${o.contactNoteId} and episodes.id = n.episode_id
      and n.kind not in ('did-not-attend', 'no-access', 'mdt-discussion')
  `.execute(trx);
}
