// /api: the discharge summary and its letters. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { findPatient } from '../patients/public.ts';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import {
  authoriseDischargeFinalise,
  authoriseDischargeWrite,
  changeDischargeSummary,
  checkSectionEdits,
  createDischargeSummary,
  findDischargeSummary,
  finaliseDischargeSummary,
  redraftDischargeSummary,
  sectionEditsFrom,
} from './discharge-summaries.ts';
import {
  changeDischargeSummaryBody,
  dischargeSummaryResponse,
  dischargeSummaryWithLetters,
  versionBody,
  letterBody,
  letterProducedResponse,
  letterResponse,
} from './discharge-schema.ts';
import { loadDischargeSummary, loadEpisode, loadLetter } from './record-route-helpers.ts';
import { checkLetterRequest, listLetters, produceDischargeLetter } from './letters.ts';
import { auditRecordRead, authoriseRecordRead, requireFinalForSummary } from './record-access.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const summaryParams = z.object({ id: z.uuid('Discharge summary id must be a UUID') });
const letterParams = z.object({ id: z.uuid('Letter id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export async function dischargeApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/episodes/:id/discharge-summary',
    { schema: { tags: ['record'], summary: 'The episode’s discharge summary with the letters produced from it', params: episodeParams, response: { 200: dischargeSummaryWithLetters, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'discharge-summary' });
      const summary = await findDischargeSummary(app.db, access);
      if (summary) await requireFinalForSummary(app.db, access, summary);
      await auditRecordRead(app.db, access, 'discharge-summary', summary?.id ?? access.episode.id, { found: summary !== null });
      if (!summary) throw notFound('A discharge summary for this episode');
      const letters = await listLetters(app.db, access);
      return { ...summary, letters };
    },
  );

  typed.post(
    '/api/episodes/:id/discharge-summary',
    {
      schema: {
        tags: ['record'],
        summary: 'Draft the discharge summary from the record (referral, contact notes, goals, assessments, programme of care, onward referrals, discharge). One per episode: a second draft is refused with the existing one.',
        params: episodeParams,
        headers: writeHeaders,
        response: { 201: dischargeSummaryResponse, ...errorResponse(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await createDischargeSummary(trx, { access }) }));
    },
  );

  typed.get(
    '/api/discharge-summaries/:id',
    { schema: { tags: ['record'], summary: 'A discharge summary with the letters produced from it', params: summaryParams, response: { 200: dischargeSummaryWithLetters, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const { summary, episode } = await loadDischargeSummary(request, request.params.id);
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: episode, kind: 'discharge-summary' });
      await requireFinalForSummary(app.db, access, summary);
      await auditRecordRead(app.db, access, 'discharge-summary', summary.id);
      return { ...summary, letters: await listLetters(app.db, access) };
    },
  );

  typed.patch(
    '/api/discharge-summaries/:id',
    {
      schema: {
        tags: ['record'],
        summary: 'Edit the draft’s sections (clinical text and the patient’s wording). Send the version you edited; a stale one gets 409 with the summary as it stands.',
        params: summaryParams,
        headers: writeHeaders,
        body: changeDischargeSummaryBody,
        response: { 200: dischargeSummaryResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { summary, episode } = await loadDischargeSummary(request, request.params.id);
      const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: episode });
      const edits = sectionEditsFrom(summary, request.body.sections);
      checkSectionEdits(edits);
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await changeDischargeSummary(trx, { access, summary, edits, version: request.body.version }) }));
    },
  );

  typed.post(
    '/api/discharge-summaries/:id/finalise',
    {
      schema: {
        tags: ['record'],
        summary: 'Finalise (sign off) the discharge summary: it can no longer change, and letters can be produced from it. The clinician who holds the episode, or a registered therapist or clinical lead of its team',
        params: summaryParams,
        headers: writeHeaders,
        body: versionBody,
        response: { 200: dischargeSummaryResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { summary, episode } = await loadDischargeSummary(request, request.params.id);
      const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: episode });
      await authoriseDischargeFinalise(app.db, { access });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await finaliseDischargeSummary(trx, { access, summary, version: request.body.version }) }));
    },
  );

  typed.post(
    '/api/discharge-summaries/:id/redraft',
    {
      schema: {
        tags: ['record'],
        summary: 'Draft every section again from the record as it is now; the draft’s edits are replaced',
        params: summaryParams,
        headers: writeHeaders,
        body: versionBody,
        response: { 200: dischargeSummaryResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { summary, episode } = await loadDischargeSummary(request, request.params.id);
      const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: episode });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await redraftDischargeSummary(trx, { access, summary, version: request.body.version }) }));
    },
  );

  typed.post(
    '/api/discharge-summaries/:id/letters',
    {
      schema: {
        tags: ['record'],
        summary:
          'Produce a letter from the final summary and store it with the record: to the patient in plain English (large print by default when their communication needs say so) or to the GP. Refused without a postal address or a GP practice.',
        params: summaryParams,
        headers: writeHeaders,
        body: letterBody,
        response: { 201: letterProducedResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { summary, episode } = await loadDischargeSummary(request, request.params.id);
      const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'letter' });
      // Refuse a letter that cannot be sent before a transaction opens, so a refusal writes nothing.
      checkLetterRequest({ summary, patient: await findPatient(app.db, episode.patientId), recipient: request.body.recipient });
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await produceDischargeLetter(trx, { access, summary, recipient: request.body.recipient, printSize: request.body.printSize }) }));
    },
  );

  typed.get(
    '/api/letters/:id',
    { schema: { tags: ['record'], summary: 'A stored letter: who it went to, its print size, its text and the sha-256 of the PDF', params: letterParams, response: { 200: letterResponse, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const { letter, episode } = await loadLetter(request, request.params.id);
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: episode, kind: 'letter' });
      await auditRecordRead(app.db, access, 'letter', letter.id, { kind: letter.kind });
      return letter;
    },
  );
}
