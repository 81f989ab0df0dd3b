// /api: consent and capacity, contact notes and the review queue. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { authorsReviewableBy, earliestDischargeInFollowUp, mayReviewNotes, type ContactNoteInput } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { audit, requireClinician } from '../platform/request-context.ts';
import { actorOf } from '../platform/actor.ts';
import { loadEpisode, loadNote } from './record-route-helpers.ts';
import { amendContactNote } from './amend-contact-note.ts';
import { changeDraftNote } from './change-draft-note.ts';
import { authoriseNoteChange } from './contact-notes.ts';
import { finaliseContactNote } from './finalise-contact-note.ts';
import { reviewContactNote } from './review-contact-note.ts';
import { writeContactNote } from './write-contact-note.ts';
import { auditRecordRead, authoriseNoteReview, authoriseRecordRead, authoriseRecordWrite } from './record-access.ts';
import { checkConsentBody, recordConsent, withdrawConsent } from './record-consent.ts';
import { findContactNotes, listConsents, listReviewQueue } from './record-queries.ts';
import { amendmentBody, changeNoteBody, consentBody, consentResponse, contactNoteResponse, finaliseBody, newNoteBody, reviewBody, withdrawalBody } from './record-schema.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const consentParams = z.object({ id: z.uuid('Episode id must be a UUID'), consentId: z.uuid('Consent id must be a UUID') });
const noteParams = z.object({ noteId: z.uuid('Contact note id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const writeErrors = errorResponse(400, 401, 403, 404, 409, 413, 422);

type NoteFields = { kind: ContactNoteInput['kind']; occurredAt: string; durationMinutes: number | null; place: string | null; staffPresent: string | null; body: string; therapyMinutes: Record<string, number>; firstHolisticAssessment: boolean };
export const noteContentOf = (b: NoteFields): ContactNoteInput => ({
  kind: b.kind,
  occurredAt: new Date(b.occurredAt),
  durationMinutes: b.durationMinutes,
  place: b.place,
  staffPresent: b.staffPresent,
  body: b.body,
  therapyMinutes: b.therapyMinutes,
  firstHolisticAssessment: b.firstHolisticAssessment,
});

export async function recordApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/episodes/:id/consent', { schema: { tags: ['record'], summary: 'Consent and capacity records for an episode, withdrawals included', params: episodeParams, response: { 200: z.object({ consent: z.array(consentResponse) }), ...errorResponse(401, 403, 404) } } }, async (request) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'consent' });
    const consent = await listConsents(app.db, access);
    await auditRecordRead(app.db, access, 'consent', access.episode.id, { count: consent.length });
    return { consent };
  });

  typed.post(
    '/api/episodes/:id/consent',
    { schema: { tags: ['record'], summary: 'Record consent (and the capacity assessment when capacity was in doubt)', params: episodeParams, headers: writeHeaders, body: consentBody, response: { 201: consentResponse, ...writeErrors } } },
    async (request, reply) => {
      const episode = await loadEpisode(request, request.params.id);
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'consent', ...{ assessesCapacity: request.body.capacityInDoubt || request.body.givenBy === 'best-interests' } });
      checkConsentBody(request.body);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await recordConsent(trx, { access, input: request.body }) }));
    },
  );

  typed.post(
    '/api/episodes/:id/consent/:consentId/withdrawal',
    { schema: { tags: ['record'], summary: 'Record that consent was withdrawn: a new entry; the consent itself is kept as it was', params: consentParams, headers: writeHeaders, body: withdrawalBody, response: { 201: consentResponse, ...writeErrors } } },
    async (request, reply) => {
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'consent' });
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await withdrawConsent(trx, { access, consentId: request.params.consentId, note: request.body.note }) }));
    },
  );

  typed.get('/api/episodes/:id/contact-notes', { schema: { tags: ['record'], summary: 'Contact notes for an episode, newest event first, each with every version', params: episodeParams, response: { 200: z.object({ notes: z.array(contactNoteResponse) }), ...errorResponse(401, 403, 404) } } }, async (request) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'contact-note' });
    const notes = await findContactNotes(app.db, access);
    await auditRecordRead(app.db, access, 'contact-note', access.episode.id, { noteIds: notes.map((n) => n.id) });
    return { notes };
  });

  typed.post(
    '/api/episodes/:id/contact-notes',
    { schema: { tags: ['record'], summary: 'Write a contact note as a draft, or final (finalise: true)', params: episodeParams, headers: writeHeaders, body: newNoteBody, response: { 201: contactNoteResponse, ...writeErrors } } },
    async (request, reply) => {
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'contact-note' });
      const content = noteContentOf(request.body);
      return idempotentWrite(request, reply, async (trx) => ({
        status: 201,
        body: await writeContactNote(trx, { access, content, finalise: request.body.finalise, consentMissingReason: request.body.consentMissingReason }),
      }));
    },
  );

  typed.get('/api/contact-notes/:noteId', { schema: { tags: ['record'], summary: 'A contact note with every version', params: noteParams, response: { 200: contactNoteResponse, ...errorResponse(401, 403, 404) } } }, async (request) => {
    const { note, episode } = await loadNote(request, request.params.noteId);
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
    await auditRecordRead(app.db, access, 'contact-note', note.id);
    return note;
  });

  typed.put(
    '/api/contact-notes/:noteId',
    { schema: { tags: ['record'], summary: 'Change your own draft note (send the version you read); someone else’s draft is refused with 403, a final note with 409: amend it instead', params: noteParams, headers: writeHeaders, body: changeNoteBody, response: { 200: contactNoteResponse, ...writeErrors } } },
    async (request, reply) => {
      const { note, episode } = await loadNote(request, request.params.noteId);
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
      await authoriseNoteChange(app.db, { access, note, change: 'change-draft' });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await changeDraftNote(trx, { access, note, content: noteContentOf(request.body), version: request.body.version }) }));
    },
  );

  typed.post(
    '/api/contact-notes/:noteId/finalise',
    { schema: { tags: ['record'], summary: 'Finalise your own draft; a treatment contact needs consent on record or a reason', params: noteParams, headers: writeHeaders, body: finaliseBody, response: { 200: contactNoteResponse, ...writeErrors } } },
    async (request, reply) => {
      const { note, episode } = await loadNote(request, request.params.noteId);
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
      await authoriseNoteChange(app.db, { access, note, change: 'finalise' });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await finaliseContactNote(trx, { access, note, version: request.body.version, consentMissingReason: request.body.consentMissingReason }) }));
    },
  );

  typed.post(
    '/api/contact-notes/:noteId/amendments',
    { schema: { tags: ['record'], summary: 'Amend a final note: a new version with your reason; the original stays visible. Your own notes; a colleague’s only as a registered therapist or clinical lead. A support worker’s or student’s amendment waits for review', params: noteParams, headers: writeHeaders, body: amendmentBody, response: { 201: contactNoteResponse, ...writeErrors } } },
    async (request, reply) => {
      const { note, episode } = await loadNote(request, request.params.noteId);
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
      await authoriseNoteChange(app.db, { access, note, change: 'amend' });
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await amendContactNote(trx, { access, note, content: noteContentOf(request.body), reason: request.body.reason, version: request.body.version }) }));
    },
  );

  typed.post(
    '/api/contact-notes/:noteId/review',
    { schema: { tags: ['record'], summary: 'Mark a note as reviewed: a support worker’s by an assistant practitioner, registered therapist or clinical lead of the team; a student’s by a registered therapist or clinical lead', params: noteParams, headers: writeHeaders, body: reviewBody, response: { 200: contactNoteResponse, ...writeErrors } } },
    async (request, reply) => {
      const { note, episode } = await loadNote(request, request.params.noteId);
      const access = await authoriseNoteReview(app.db, { actor: actorOf(request), episode: episode, note: note });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await reviewContactNote(trx, { access, note, version: request.body.version }) }));
    },
  );

  typed.get(
    '/api/record/review-queue',
    {
      schema: {
        tags: ['record'],
        summary: 'Final notes in your team with something awaiting your review (the note, or an amendment: see versionsAwaitingReview): support workers’, and students’ for registered therapists and clinical leads',
        response: { 200: z.object({ notes: z.array(z.object({ patient: z.object({ id: z.string(), nhsNumber: z.string(), givenName: z.string(), familyName: z.string() }), note: contactNoteResponse })) }), ...errorResponse(401, 403) },
      },
    },
    async (request) => ({ notes: await readReviewQueue(request) }),
  );
}

/**
 * The team's review queue: a team-level list, so supervisors of the team only, audited as one read. Each
 * sees the notes they may review: an assistant practitioner support workers' only, registered staff students' too.
 */
export async function readReviewQueue(request: Parameters<typeof requireClinician>[0]) {
  const principal = await requireClinician(request);
  if (!mayReviewNotes(principal.role) || !principal.teamId) {
    await audit(request, { action: 'read', outcome: 'refused', recordKind: 'review-queue', detail: { rule: 'not-a-supervisor' } });
    throw new HomewardError('forbidden', 'Only assistant practitioners, registered therapists and clinical leads review notes');
  }
  // Notes on episodes the team still cares for: not those discharged beyond the follow-up period.
  const rows = await listReviewQueue(request.server.db, principal.teamId, authorsReviewableBy(principal.role), earliestDischargeInFollowUp(request.server.config.now()));
  await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'review-queue', recordId: principal.teamId, detail: { noteIds: rows.map((r) => r.note.id) } });
  return rows;
}
