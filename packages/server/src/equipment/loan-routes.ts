// Loans within an episode: prescribing within competence, bed-rail risk assessment, delivery and fitting, training in safe use, the carer's instruction sheet (issue 15 #3, #4).
// /api: thin: parse, authorise, delegate; every read audited through the grant before it is returned.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { loadEpisode, type EpisodeResponse } from '../caseload/public.ts';
import { actorOf } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { version } from '../platform/number-schemas.ts';
import { errorResponse } from '../platform/openapi.ts';
import { requireClinician } from '../platform/request-context.ts';
import { cancelPrescription } from './loan-cancel.ts';
import { deliverEquipment } from './deliver-equipment.ts';
import { auditLoanRead, authoriseLoanRead, authoriseLoanWrite, type LoanAccess, type LoanChange } from './loan-access.ts';
import { loanPages } from './loan-pages.ts';
import { findLoan, findLoanEpisodeId, listEpisodeLoans } from './loan-queries.ts';
import { loanResponse, trainedPersonKinds, trainingResponse, understandings, type LoanResponse } from './loan-schema.ts';
import { checkPrescription, prescribeEquipment } from './prescribe-equipment.ts';
import { recordTraining } from './training-record.ts';

// :id, as every other /episodes/:id route: the router shares the parameter, and two names for it would rename the record's routes too.
const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const loanParams = z.object({ loanId: z.uuid('loanId must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const writeErrors = errorResponse(400, 401, 403, 404, 409, 413, 422);
const tags = ['equipment'];
const day = (what: string) => z.iso.date({ error: `${what} must be a date like 2026-12-05` });
const text = (path: string, max: number) => z.string().max(max, `${path} must be ${max} characters or fewer`);

const prescriptionBody = z.object({
  id: z.uuid('id must be a UUID').optional().describe('The loan’s id, minted by the client (UUIDv7); made by the server when absent'),
  catalogueItemId: z.uuid('catalogueItemId must be a UUID'),
  quantity: z.number().int('quantity must be a whole number').min(1, 'quantity must be at least 1').max(20, 'quantity must be 20 or fewer').default(1),
  reason: text('reason', 2000),
  assessmentId: z.uuid('assessmentId must be a UUID').nullable().optional().describe('A scored assessment of this episode the prescription rests on'),
  assessmentNote: text('assessmentNote', 2000).nullable().optional().describe('The assessment in words (a home assessment), when no scored one'),
  riskAssessment: text('riskAssessment', 2000).nullable().optional().describe('Bed rails and other items that need one: the risk assessment (entrapment gaps, who it protects), recorded with the prescription'),
}).strict();

const deliveryBody = z.object({
  version,
  deliveredOn: day('deliveredOn'),
  deliveredBy: z.uuid('deliveredBy must be a UUID').nullable().optional().describe('Who delivered it (one of the team); the caller when absent'),
  where: text('where', 300),
  fitted: z.boolean(),
  storeId: z.uuid('storeId must be a UUID').nullable().optional().describe('Stock items: the store it came from'),
  itemId: z.uuid('itemId must be a UUID').nullable().optional().describe('Tracked items: which one'),
}).strict();

const trainingBody = z.object({
  id: z.uuid('id must be a UUID').optional(),
  personKind: z.enum(trainedPersonKinds, { error: `personKind must be one of ${trainedPersonKinds.join(', ')}` }),
  personName: text('personName', 200),
  whatTaught: text('whatTaught', 2000),
  understood: z.enum(understandings, { error: `understood must be one of ${understandings.join(', ')}` }),
  understandingNote: text('understandingNote', 2000).nullable().optional(),
  taughtOn: day('taughtOn'),
}).strict();

const cancellationBody = z.object({ version, reason: text('reason', 2000) }).strict();

/** A loan's episode, loaded before authorising; the loan itself is read once access is allowed. */
export async function loadLoanEpisode(request: FastifyRequest, loanId: string): Promise<EpisodeResponse> {
  await requireClinician(request);
  const episodeId = await findLoanEpisodeId(request.server.db, loanId);
  if (!episodeId) throw notFound('Loan');
  return loadEpisode(request, episodeId);
}

export async function readLoan(request: FastifyRequest, access: LoanAccess, loanId: string): Promise<LoanResponse> {
  const loan = await findLoan(request.server.db, access, loanId);
  if (!loan) throw notFound('Loan');
  return loan;
}

export async function loanRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function writeAccessForLoan(request: FastifyRequest, loanId: string, change: LoanChange) {
    const access = await authoriseLoanWrite(app.db, { actor: actorOf(request), episode: await loadLoanEpisode(request, loanId), change });
    return { access, loan: await readLoan(request, access, loanId) };
  }

  typed.get('/api/episodes/:id/equipment-loans', {
    schema: { tags, summary: 'The equipment prescribed and lent in an episode: each loan with its delivery and everyone taught to use it', params: episodeParams, response: { 200: z.object({ loans: z.array(loanResponse) }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    const access = await authoriseLoanRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const loans = await listEpisodeLoans(app.db, access);
    await auditLoanRead(app.db, access, access.episode.id, { loanIds: loans.map((l) => l.id) });
    return { loans };
  });

  typed.get('/api/equipment-loans/:loanId', {
    schema: { tags, summary: 'One loan: what, why, the assessment it rests on, delivery and fitting, training in safe use', params: loanParams, response: { 200: z.object({ loan: loanResponse }), ...errorResponse(400, 401, 403, 404) } },
  }, async (request) => {
    const access = await authoriseLoanRead(app.db, { actor: actorOf(request), episode: await loadLoanEpisode(request, request.params.loanId) });
    const loan = await readLoan(request, access, request.params.loanId);
    await auditLoanRead(app.db, access, loan.id);
    return { loan };
  });

  typed.post('/api/episodes/:id/equipment-loans', {
    schema: {
      tags,
      summary: 'Prescribe equipment in an episode, with the reason and the assessment it rests on. Who may prescribe what is the prescribing rule: assistant practitioners standard items; hoists, beds and rails a registered therapist; bed rails need the risk assessment first',
      description: 'A prescription beyond the prescriber’s competence is a 403 with the reason, audited; a missing risk assessment a 400 on riskAssessment. Idempotency-Key makes a retry prescribe once.',
      params: episodeParams, headers: writeHeaders, body: prescriptionBody,
      response: { 201: z.object({ loan: loanResponse }), ...writeErrors },
    },
  }, async (request, reply) => {
    const access = await authoriseLoanWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'prescribe' });
    const b = request.body;
    const input = { catalogueItemId: b.catalogueItemId, quantity: b.quantity, reason: b.reason, assessmentId: b.assessmentId ?? null, assessmentNote: b.assessmentNote ?? null, riskAssessment: b.riskAssessment ?? null };
    await checkPrescription(app.db, access, input);
    return idempotentWrite(request, reply, async (trx) => {
      const { id } = await prescribeEquipment(trx, { access, input, ...(b.id ? { id: b.id } : {}) });
      const loan = await findLoan(trx, access, id);
      if (!loan) throw new HomewardError('internal_error', 'The prescription was not saved');
      return { status: 201, body: { loan } };
    });
  });

  typed.post('/api/equipment-loans/:loanId/delivery', {
    schema: {
      tags,
      summary: 'Record the delivery and fitting: who, which day, where, fitted or not; the stock item or the tracked item leaves its store in the same transaction',
      description: 'Version-checked. An item already on loan, or the last one in store taken a moment before, is a 409 saying so, nothing changed.',
      params: loanParams, headers: writeHeaders, body: deliveryBody,
      response: { 200: z.object({ loan: loanResponse }), ...writeErrors },
    },
  }, async (request, reply) => {
    const { access, loan } = await writeAccessForLoan(request, request.params.loanId, 'deliver');
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const saved = await deliverEquipment(trx, { access, loan, input: { version: b.version, deliveredOn: b.deliveredOn, deliveredBy: b.deliveredBy ?? null, where: b.where, fitted: b.fitted, storeId: b.storeId ?? null, itemId: b.itemId ?? null } });
      return { status: 200, body: { loan: saved } };
    });
  });

  typed.post('/api/equipment-loans/:loanId/training', {
    schema: {
      tags,
      summary: 'Record training in safe use for one person (patient, carer, agency staff, own staff): what was taught and how well it was understood. Never changed: a correction is a new record',
      params: loanParams, headers: writeHeaders, body: trainingBody,
      response: { 201: z.object({ training: trainingResponse, loan: loanResponse }), ...writeErrors },
    },
  }, async (request, reply) => {
    const { access, loan } = await writeAccessForLoan(request, request.params.loanId, 'train');
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const { id } = await recordTraining(trx, { access, loan, input: { personKind: b.personKind, personName: b.personName, whatTaught: b.whatTaught, understood: b.understood, understandingNote: b.understandingNote ?? null, taughtOn: b.taughtOn }, ...(b.id ? { id: b.id } : {}) });
      const saved = await findLoan(trx, access, loan.id);
      const training = saved?.training.find((t) => t.id === id);
      if (!saved || !training) throw new HomewardError('internal_error', 'The training was not saved');
      return { status: 201, body: { training, loan: saved } };
    });
  });

  typed.post('/api/equipment-loans/:loanId/cancellation', {
    schema: {
      tags,
      summary: 'Cancel a prescription not yet delivered, with the reason (version-checked). Delivered equipment comes back through collection instead',
      params: loanParams, headers: writeHeaders, body: cancellationBody,
      response: { 200: z.object({ loan: loanResponse }), ...writeErrors },
    },
  }, async (request, reply) => {
    const { access, loan } = await writeAccessForLoan(request, request.params.loanId, 'cancel');
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: { loan: await cancelPrescription(trx, { access, loan, version: b.version, reason: b.reason }) } }));
  });

  await loanPages(app);
}
