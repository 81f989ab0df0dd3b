// /api/referrals: referral intake, the team's incoming list, rejection and triage. Thin: parse,
// authorise, delegate, audit. The pages (referral-pages.ts) keep the same rules.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { actorOf } from '../platform/actor.ts';
import { z } from 'zod';
import { gpPracticeProblems, hasGpPractice, normaliseOdsPracticeCode } from '@homeward/clinical';
import { changePatientDetails } from '../patients/change-patient-details.ts';
import { uuidv7 } from 'uuidv7';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { authorisePatientAccess } from '../access/authorise-patient-access.ts';
import { readReferral } from './read-referral.ts';
import { findPatient, patientDetailsOf } from '../patients/patient-queries.ts';
import { authoriseReferralDecision } from './authorise-referral-decision.ts';
import { checkReferralDetails } from './check-referral-details.ts';
import { authoriseReferralIntake, makeReferral, unknownPatient } from './make-referral.ts';
import { findReferral, listTeamReferrals } from './referral-queries.ts';
import { createReferralBody, referralListItem, referralResponse, rejectBody, triageBody, triagedEpisodeResponse } from './referral-schema.ts';
import { checkRejection, rejectReferral } from './reject-referral.ts';
import { triageReferral } from './triage-referral.ts';
import { auditTeamReferralList, authoriseTeamReferralList, referralListLimit } from './team-referral-list.ts';

const idParams = z.object({ id: z.uuid('Referral id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export async function referralApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function loadReferral(id: string) {
    const referral = await findReferral(app.db, id);
    if (!referral) throw notFound('Referral');
    return referral;
  }

  typed.post(
    '/api/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Receive a referral for a patient in the index, to your team',
        description:
          'Assistant practitioners, registered therapists, clinical leads and service managers refer a patient to their own team, and only a patient they can already see ' +
          '(their team’s relationship, a patient their team has just registered, or their own live break-glass); the referral gives the team its legitimate relationship. ' +
          'A second open referral for the same patient and service is refused with 409 duplicate (carrying the open referral) unless confirmDuplicate is true. ' +
          'gpPractice (ODS code and name, both) records the GP practice of a patient who has none, with the referral.',
        headers: writeHeaders,
        body: createReferralBody,
        response: { 201: referralResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { id, patientId, confirmDuplicate, gpPractice, ...input } = request.body;
      const patient = await findPatient(app.db, patientId);
      if (!patient) throw unknownPatient();
      const grant = await authoriseReferralIntake(app.db, { actor: actorOf(request), patientId: patient.id });
      const checked = checkReferralDetails(input, app.config.now(), patient.dateOfBirth);
      const gpProblems = gpPractice
        ? hasGpPractice(patient)
          ? [{ path: 'body.gpPractice', message: 'The patient already has a GP practice recorded: change it in the patient’s details (PUT /api/patients/{id})' }]
          : gpPracticeProblems({ code: gpPractice.code, name: gpPractice.name }).map((f) => ({ path: f.path === 'gpPracticeCode' ? 'body.gpPractice.code' : 'body.gpPractice.name', message: f.message }))
        : [];
      if (!checked.ok || gpProblems.length) throw validationFailed([...(checked.ok ? [] : checked.fields), ...gpProblems]);
      return idempotentWrite(request, reply, async (trx) => {
        const referral = await makeReferral(trx, { id: id ?? uuidv7(), details: checked.details, grant, confirmDuplicate: confirmDuplicate === true });
        if (gpPractice) {
          const details = { ...patientDetailsOf(patient), gpPracticeCode: normaliseOdsPracticeCode(gpPractice.code), gpPracticeName: gpPractice.name };
          await changePatientDetails(trx, { grant: grant.access, version: patient.version, details });
        }
        return { status: 201, body: referral };
      });
    },
  );

  typed.get(
    '/api/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Your team’s referrals in one status: incoming (the default) oldest first, others newest decision first',
        querystring: z.strictObject({ status: z.enum(['incoming', 'accepted', 'rejected']).default('incoming') }),
        response: { 200: z.object({ referrals: z.array(referralListItem) }), ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const principal = await authoriseTeamReferralList(app.db, { actor, status: request.query.status });
      const referrals = await listTeamReferrals(app.db, { teamId: principal.teamId, status: request.query.status, now: app.config.now(), limit: referralListLimit });
      await auditTeamReferralList(app.db, { actor, status: request.query.status, referrals });
      return { referrals };
    },
  );

  typed.get(
    '/api/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary: 'One referral (needs a legitimate relationship with the patient; another team’s referral needs break-glass)',
        params: idParams,
        response: { 200: referralResponse, ...errorResponse(401, 403, 404) },
      },
    },
    async (request) => {
      const found = await loadReferral(request.params.id);
      const grant = await authorisePatientAccess(app.db, { actor: actorOf(request), patientId: found.patientId, action: 'read', recordKind: 'referral', record: { id: found.id, teamId: found.teamId } });
      return readReferral(app.db, { grant, referralId: found.id });
    },
  );

  typed.post(
    '/api/referrals/:id/reject',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Reject an incoming referral, with a reason kept for the referrer; send the version you read',
        params: idParams,
        headers: writeHeaders,
        body: rejectBody,
        response: { 200: referralResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const referral = await loadReferral(request.params.id);
      const grant = await authoriseReferralDecision(app.db, { actor: actorOf(request), referral, decision: 'reject', action: 'write' });
      const { version, ...rejection } = request.body;
      const problems = checkRejection(rejection);
      if (problems.length) throw validationFailed(problems);
      return idempotentWrite(request, reply, async (trx) => {
        const rejected = await rejectReferral(trx, { grant, referralId: referral.id, version, rejection });
        return { status: 200, body: rejected };
      });
    },
  );

  typed.post(
    '/api/referrals/:id/triage',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Triage an incoming referral (registered therapists and clinical leads only): accepts it and opens an episode of care',
        description: 'The response clock starts when the referral was received; the due time follows the service’s standard for the priority set.',
        params: idParams,
        headers: writeHeaders,
        body: triageBody,
        response: { 201: z.object({ referral: referralResponse, episode: triagedEpisodeResponse }), ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const referral = await loadReferral(request.params.id);
      const grant = await authoriseReferralDecision(app.db, { actor: actorOf(request), referral, decision: 'triage', action: 'write' });
      const { version, ...triage } = request.body;
      return idempotentWrite(request, reply, async (trx) => {
        const outcome = await triageReferral(trx, { grant, referralId: referral.id, version, triage });
        return { status: 201, body: outcome };
      });
    },
  );
}
