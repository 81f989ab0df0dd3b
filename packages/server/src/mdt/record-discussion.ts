// What the meeting said and decided about one patient. The decision is also an entry in the episode's
// history (caseload's appendEpisodeEvent, kind 'mdt-decision'), which the record's timeline shows: the
// smaller change than a port into the record. Discussing a flagged episode clears its flag.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import { appendEpisodeEvent, changeEpisode } from '../caseload/public.ts';
import { checkDiscussion, throwIfAny } from './check-mdt.ts';
import type { MeetingAccess } from './mdt-access.ts';
import { findAgendaItem, type MdtAgendaItem } from './mdt-queries.ts';

export type RecordDiscussionOptions = { access: MeetingAccess; grant: WriteGrant; item: MdtAgendaItem; version: number; discussion: string; decision: string };

export function checkRecordDiscussion(o: Pick<RecordDiscussionOptions, 'discussion' | 'decision'>): void {
  const fields: FieldError[] = [];
  checkDiscussion(o, fields);
  throwIfAny(fields);
}

export async function recordDiscussion(trx: Kysely<Database>, o: RecordDiscussionOptions): Promise<MdtAgendaItem> {
  checkRecordDiscussion(o);
  requireGrant(o.grant, o.item.patient.id);
  const actor = o.grant.actor;
  const decision = o.decision.trim() || null;
  const updated = await updateVersioned(trx, {
    actor,
    table: 'mdt_agenda_items',
    id: o.item.id,
    version: o.version,
    set: { discussion: o.discussion.trim() || null, decision, discussed_at: actor.now, discussed_by: actor.staff.staffId },
    current: () => findAgendaItem(trx, o.item.id),
    what: 'Agenda item',
    patientId: o.item.patient.id,
  });
  // Inside the transaction: the row changed must be the granted patient's.
  requireGrant(o.grant, updated.patient_id);
  await auditWrite(o.grant, trx, { recordKind: 'mdt-agenda-item', recordId: o.item.id, detail: { meetingId: o.item.meetingId, version: updated.version } });
  if (decision !== null && decision !== o.item.decision) {
    const event = { kind: 'mdt-decision' as const, reason: null, detail: { note: decision, meetingId: o.item.meetingId, meetingOn: ukDateOf(o.access.meeting.startsAt), agendaItemId: o.item.id } };
    const episode = await trx.selectFrom('episodes').select(['version', 'mdt_flagged_at']).where('id', '=', o.item.episodeId).executeTakeFirstOrThrow();
    if (episode.mdt_flagged_at) {
      // Discussed: the flag has done its work. Read and changed in this transaction, so no one else's change is lost.
      await changeEpisode(trx, { grant: o.grant, episodeId: o.item.episodeId, version: episode.version, set: { mdt_flagged_at: null, mdt_flag_reason: null }, event });
    } else {
      await appendEpisodeEvent(trx, { actor, episodeId: o.item.episodeId, ...event });
    }
  }
  return (await findAgendaItem(trx, o.item.id))!;
}
