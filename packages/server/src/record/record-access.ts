// Who may read and write the clinical record of an episode. Every read and write needs the patient's
// legitimate relationship (or break-glass) through authorisePatientAccess, which is told the episode:
// another team's episode is summary-only (its header, final discharge summary and letters) without
// break-glass, and never written in without it (packages/clinical patient-access.ts); writing also needs a role
// that writes notes (not service managers); assessing capacity or recording a best-interests decision
// needs an assistant practitioner, registered therapist or clinical lead; reviewing a note needs a
// supervisor of its author's grade (mayReviewNote) in the episode's team: a support worker's note an
// assistant practitioner, registered therapist or clinical lead, a student's a registered therapist or
// clinical lead. Refusals are audited.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import { mayAssessCapacity, mayReviewNote, mayReviewNotes, mayWriteContactNotes, otherTeamEpisodeMessage, type HomewardRole } from '@homeward/clinical';
import { accessRefusal, authorisePatientAccess, auditReason, type PatientAccessGrant } from '../access/authorise-patient-access.ts';
import { loadEpisode } from '../caseload/episode-access.ts';
import type { EpisodeResponse } from '../caseload/episode-schema.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { audit, requireClinician } from '../platform/request-context.ts';
import { rolesAwaitingReview } from './contact-notes.ts';
import { findContactNote } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type RecordKind = 'consent' | 'contact-note' | 'assessment' | 'goal' | 'programme-of-care' | 'episode-review' | 'discharge-summary' | 'letter' | 'timeline';
export type RecordAccess = { episode: EpisodeResponse; grant: PatientAccessGrant; reason: string | null };

export { loadEpisode };

export async function loadNote(request: FastifyRequest, id: string): Promise<{ note: ContactNoteResponse; episode: EpisodeResponse }> {
  await requireClinician(request);
  const note = await findContactNote(request.server.db, id);
  if (!note) throw notFound('Contact note');
  return { note, episode: await loadEpisode(request, note.episodeId) };
}

export async function authoriseRecordRead(request: FastifyRequest, episode: EpisodeResponse, kind: RecordKind): Promise<RecordAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'read', recordKind: kind, record: { id: episode.id, teamId: episode.teamId } });
  return { episode, grant, reason: auditReason(grant) };
}

/**
 * Another team's discharge summary is part of the summary a receiving team sees once it is final; a
 * draft is still that team's working record. Refused (and audited) like any detail of their episode.
 */
export async function requireFinalForSummary(request: FastifyRequest, access: RecordAccess, summary: { id: string; status: string }): Promise<void> {
  if (access.grant.scope !== 'summary' || summary.status === 'final') return;
  await audit(request, { action: 'read', outcome: 'refused', patientId: access.episode.patientId, recordKind: 'discharge-summary', recordId: summary.id, detail: { rule: 'other-team-episode', status: summary.status } });
  throw accessRefusal('other-team-episode', otherTeamEpisodeMessage, access.episode.patientId);
}

async function refuse(request: FastifyRequest, episode: EpisodeResponse, kind: RecordKind, rule: string, message: string): Promise<never> {
  await audit(request, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: kind, recordId: episode.id, detail: { rule } });
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

export async function authoriseRecordWrite(request: FastifyRequest, episode: EpisodeResponse, kind: RecordKind, o: { assessesCapacity?: boolean } = {}): Promise<RecordAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'write', recordKind: kind, record: { id: episode.id, teamId: episode.teamId } });
  const role = grant.staff.role;
  if (!mayWriteRecord(role)) await refuse(request, episode, kind, 'role-does-not-write-notes', 'Only clinical staff who see patients can write in the clinical record');
  if (o.assessesCapacity && !mayAssessCapacity(role)) {
    await refuse(request, episode, kind, 'role-does-not-assess-capacity', 'Only an assistant practitioner, registered therapist or clinical lead can record a capacity assessment or a best-interests decision. Ask them to assess capacity.');
  }
  return { episode, grant, reason: auditReason(grant) };
}

export async function authoriseNoteReview(request: FastifyRequest, episode: EpisodeResponse, note: ContactNoteResponse): Promise<RecordAccess> {
  const access = await authoriseRecordWrite(request, episode, 'contact-note');
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
    await refuse(request, episode, 'contact-note', 'not-a-supervisor', message);
  }
  return access;
}

export async function auditRecordRead(request: FastifyRequest, access: RecordAccess, kind: RecordKind, recordId: string, detail: Record<string, unknown> = {}): Promise<void> {
  await audit(request, { action: 'read', outcome: 'allowed', patientId: access.episode.patientId, recordKind: kind, recordId, reason: access.reason, detail: { basis: access.grant.basis, ...(access.grant.scope === 'summary' ? { scope: 'summary' } : {}), episodeId: access.episode.id, ...detail } });
}
