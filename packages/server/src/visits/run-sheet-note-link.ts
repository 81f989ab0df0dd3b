// A contact note started from a visit on the run sheet: the record's new-note form is prefilled from the
// visit (its planned time, the place, the staff the plan sends, its length and the kind of note its
// purpose usually makes), and the note, once saved, is linked
// to the visit (visits.contact_note_id); a note finalised there marks the visit done. The record calls
// these through the port app.ts gives its plugin (record/index.ts), so neither context imports the other.
import type { Kysely } from 'kysely';
import { fromUkWallClock, type ContactNoteKind, type VisitPurpose } from '@homeward/clinical';
import { auditWrite, requireGrant, requireWriteGrant, type AccessGrant } from '../access/public.ts';
import type { Database } from '../db/schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { findPlannedStop, findVisit } from './run-sheet-queries.ts';
import { readVisitResponse } from './record-visit-outcome.ts';

const placeWords = { home: 'Patient’s home', clinic: 'Clinic', ward: 'Ward' } as const;

/** The kind of note a visit usually makes (to check and change); none where it could be several. */
const noteKindOfPurpose: Record<VisitPurpose, ContactNoteKind | null> = {
  'first-contact': 'assessment',
  therapy: 'treatment',
  review: 'review',
  equipment: null,
  discharge: null,
  other: null,
};

export type NotePrefillFromVisitOptions = { grant: AccessGrant; episodeId: string; visitId: string };
export type NotePrefill = { occurredAt: Date | null; place: string | null; staffPresent: string | null; kind: ContactNoteKind | null; durationMinutes: number | null };

/** What a note written at this visit starts with; 404 for a visit that is not of the granted episode. */
export async function prefillNoteFromVisit(db: Kysely<Database>, o: NotePrefillFromVisitOptions): Promise<NotePrefill> {
  const visit = await findVisit(db, o.visitId);
  if (!visit || visit.episodeId !== o.episodeId || visit.patientId !== requireGrant(o.grant).patientId) throw notFound('Visit');
  const stop = await findPlannedStop(db, visit);
  const staff = stop ? await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', stop.staffIds).execute() : [];
  const names = (stop?.staffIds ?? []).map((id) => staff.find((s) => s.id === id)).filter((s) => s !== undefined).map((s) => `${s.given_name} ${s.family_name}`);
  return {
    occurredAt: stop ? fromUkWallClock(visit.date, stop.start) : null,
    place: placeWords[visit.place],
    staffPresent: names.length ? names.join(', ') : null,
    kind: noteKindOfPurpose[visit.purpose],
    durationMinutes: visit.durationMinutes,
  };
}

export type LinkNoteToVisitOptions = { grant: AccessGrant; episodeId: string; visitId: string; noteId: string; finalised: boolean };

/**
 * In the note's transaction: the visit remembers its note (the first one written from it), and a note
 * finalised there means the visit happened. A visit of another episode is left alone: the note stands.
 */
export async function linkNoteToVisit(trx: Kysely<Database>, o: LinkNoteToVisitOptions): Promise<void> {
  const grant = requireWriteGrant(o.grant);
  const visit = await findVisit(trx, o.visitId);
  if (!visit || visit.episodeId !== o.episodeId || visit.patientId !== grant.patientId) return;
  const set = { ...(visit.contactNoteId === null ? { contact_note_id: o.noteId } : {}), ...(o.finalised && visit.status === 'to-plan' ? { status: 'done' as const, finished_at: grant.actor.now } : {}) };
  if (Object.keys(set).length === 0) return;
  await updateVersioned(trx, { actor: grant.actor, table: 'visits', id: visit.id, version: visit.version, set, current: () => readVisitResponse(trx, visit.id), what: 'Visit', patientId: visit.patientId });
  await auditWrite(grant, trx, { recordKind: 'visit', recordId: visit.id, detail: { episodeId: visit.episodeId, contactNoteId: o.noteId, ...('status' in set ? { outcome: 'done' } : {}) } });
}

export type NoteFinalisedOptions = { grant: AccessGrant; episodeId: string; noteId: string };

/** A draft written from a visit and finalised later, on the note's own page: the visit it was written from is done. */
export async function markVisitOfNoteDone(trx: Kysely<Database>, o: NoteFinalisedOptions): Promise<void> {
  const visit = await trx.selectFrom('visits').select('id').where('contact_note_id', '=', o.noteId).where('episode_id', '=', o.episodeId).executeTakeFirst();
  if (visit) await linkNoteToVisit(trx, { ...o, visitId: visit.id, finalised: true });
}
