// Who may read and write the clinical record of an episode. Every read and write needs the patient's
// legitimate relationship (or break-glass) through authorisePatientAccess, which is told the episode:
// another team's episode is summary-only (its header, final discharge summary and letters) without
// break-glass, and never written in without it (packages/clinical patient-access.ts); writing also needs a role
// that writes notes (not service managers); assessing capacity or recording a best-interests decision
// needs an assistant practitioner, registered therapist or clinical lead; reviewing a note needs a
// supervisor of its author's grade (mayReviewNote) in the episode's team: a support worker's note an
// assistant practitioner, registered therapist or clinical lead, a student's a registered therapist or
// clinical lead. Refusals are audited.
import type { Kysely } from 'kysely';
import { mayAssessCapacity, mayReviewNote, mayReviewNotes, mayWriteContactNotes, otherTeamEpisodeMessage, type HomewardRole } from '@homeward/clinical';
import { accessRefusal, auditRead, auditWrite, authorisePatientAccess, requireGrant } from '../access/public.ts';
import { accessFactsReadWith, type EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { rolesAwaitingReview } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';
import type { RecordAccess, RecordWriteAccess } from './record-access-grant.ts';

export type RecordKind = 'consent' | 'contact-note' | 'assessment' | 'goal' | 'programme-of-care' | 'episode-review' | 'discharge-summary' | 'letter' | 'timeline';

export type { RecordAccess, RecordWriteAccess } from './record-access-grant.ts';

export type AuthoriseRecordOptions = { actor: Actor; episode: EpisodeResponse; kind: RecordKind };

export async function authoriseRecordRead(db: Kysely<Database>, o: AuthoriseRecordOptions): Promise<RecordAccess<'read'>> {
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: o.episode.patientId, action: 'read', recordKind: o.kind, record: { id: o.episode.id, teamId: o.episode.teamId }, facts: accessFactsReadWith(o.episode) });
  return { episode: o.episode, grant, reason: grant.reason };
}

/** The actor a write is made as: the grant's, once the grant is checked to be real and for this episode's patient. */
export function writerOf(access: RecordWriteAccess): Actor {
  return requireGrant(access.grant, access.episode.patientId).actor;
}

/** The audit of an allowed write, through the grant, inside the write's transaction so neither lands without the other. */
export async function auditRecordWrite(trx: Kysely<Database>, access: RecordWriteAccess, kind: RecordKind, recordId: string, detail: Record<string, unknown> = {}): Promise<void> {
  await auditWrite(access.grant, trx, { recordKind: kind, recordId, detail: { episodeId: access.episode.id, ...detail } });
}

/** A refusal by a rule after the grant (a role, the note's author, the sign-off), audited on its own. */
export async function auditRecordRefusal(db: Kysely<Database>, access: RecordAccess, kind: RecordKind, recordId: string, detail: Record<string, unknown>, o: { withReason?: boolean } = {}): Promise<void> {
  await auditAs(access.grant.actor, db, { action: 'write', outcome: 'refused', patientId: access.episode.patientId, recordKind: kind, recordId, ...(o.withReason ? { reason: access.reason } : {}), detail });
}

/**
 * Another team's discharge summary is part of the summary a receiving team sees once it is final; a
 * draft is still that team's working record. Refused (and audited) like any detail of their episode.
 */
export async function requireFinalForSummary(db: Kysely<Database>, access: RecordAccess, summary: { id: string; status: string }): Promise<void> {
  if (access.grant.scope !== 'summary' || summary.status === 'final') return;
  await auditAs(access.grant.actor, db, { action: 'read', outcome: 'refused', patientId: access.episode.patientId, recordKind: 'discharge-summary', recordId: summary.id, detail: { rule: 'other-team-episode', status: summary.status } });
  throw accessRefusal('other-team-episode', otherTeamEpisodeMessage, access.episode.patientId);
}

async function refuse(db: Kysely<Database>, actor: Actor, episode: EpisodeResponse, kind: RecordKind, rule: string, message: string): Promise<never> {
  await auditAs(actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: kind, recordId: episode.id, detail: { rule } });
  throw new HomewardError('forbidden', message);
}

/**
 * Whether this role writes in the clinical record at all (notes, consent, assessments): the rule
 * authoriseRecordWrite applies, exported so pages offer a link to a record form only to those the
 * form's route would let through.
 */
export function mayWriteRecord(role: HomewardRole): boolean {
  return mayWriteContactNotes(role);
}

export async function authoriseRecordWrite(db: Kysely<Database>, o: AuthoriseRecordOptions & { assessesCapacity?: boolean }): Promise<RecordWriteAccess> {
  const { episode, kind } = o;
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: episode.patientId, action: 'write', recordKind: kind, record: { id: episode.id, teamId: episode.teamId }, facts: accessFactsReadWith(episode) });
  const role = grant.staff.role;
  if (!mayWriteRecord(role)) await refuse(db, o.actor, episode, kind, 'role-does-not-write-notes', 'Only clinical staff who see patients can write in the clinical record');
  if (o.assessesCapacity && !mayAssessCapacity(role)) {
    await refuse(db, o.actor, episode, kind, 'role-does-not-assess-capacity', 'Only an assistant practitioner, registered therapist or clinical lead can record a capacity assessment or a best-interests decision. Ask them to assess capacity.');
  }
  return { episode, grant, reason: grant.reason };
}

export async function authoriseNoteReview(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse; note: ContactNoteResponse }): Promise<RecordWriteAccess> {
  const { episode, note } = o;
  const access = await authoriseRecordWrite(db, { actor: o.actor, episode, kind: 'contact-note' });
  const principal = access.grant.staff;
  // The author's role when each waiting version was written: a student who has since qualified still had
  // a student's supervisor. Nothing waiting is left to reviewContactNote to say so, to any supervisor.
  const authors = note.versionsAwaitingReview.length ? rolesAwaitingReview(note) : note.needsReview ? [note.writtenByRole as HomewardRole] : [];
  const author = authors.includes('student') ? 'student' : (authors[0] ?? (note.writtenByRole as HomewardRole));
  const supervises = authors.length ? authors.every((a) => mayReviewNote({ reviewer: principal.role, author: a })) : mayReviewNotes(principal.role);
  if (!supervises || principal.teamId !== episode.teamId) {
    const message =
      author === 'student'
        ? 'Only a registered therapist or clinical lead of the patient’s team can review a student’s notes: a student’s practice educator is registered'
        : 'Only an assistant practitioner, registered therapist or clinical lead of the patient’s team can review support workers’ notes';
    await refuse(db, o.actor, episode, 'contact-note', 'not-a-supervisor', message);
  }
  return access;
}

/** Audits a read of the record through the grant: committed before the data is shown. */
export async function auditRecordRead(db: Kysely<Database>, access: RecordAccess, kind: RecordKind, recordId: string, detail: Record<string, unknown> = {}): Promise<void> {
  await auditRead(access.grant, db, { recordKind: kind, recordId, detail: { episodeId: access.episode.id, ...detail } });
}
