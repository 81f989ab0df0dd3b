// Collection: every item on loan decided at discharge, collections scheduled as visits and tracked until
// returned, missing or written off (issue 15 #7). JSON under /api (in the OpenAPI document) and the
// pages; the record's discharge page lists the items through equipmentAtDischargePort (app.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ageOn, ukDateOf } from '@homeward/clinical';
import type { EquipmentItemCondition } from '../db/schema.ts';
import { auditRead } from '../access/public.ts';
import { auditListRead, authoriseEpisodeRead, authoriseEpisodeWrite, authoriseTeamList, loadEpisode } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { actorOf, auditAs } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { HomewardError, notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { version } from '../platform/number-schemas.ts';
import { errorResponse } from '../platform/openapi.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { checkCollectionBooking, collectionBookingFromForm } from './collection-booking.ts';
import { findLoanAtDischarge, listLoansAtDischarge, listTeamCollections, listUndeliveredPrescriptions } from './collection-queries.ts';
import { describeLoan, loanAtDischargeResponse, loanJson } from './collection-schema.ts';
import { collectionOutcomeLabels, collectionOutcomes, dischargeDecisionLabels, dischargeDecisions, loanStatusLabels, type CollectionOutcome, type DischargeDecision } from './collection-words.ts';
import { decideEquipmentAtDischarge, loanRecordKind } from './decide-equipment-at-discharge.ts';
import { recordCollection } from './record-collection.ts';
import { authoriseLoanWrite } from './loan-access.ts';
import { loadLoanEpisode } from './loan-routes.ts';

const tags = ['equipment'];
const hidden = { hide: true };
const section = 'equipment';
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const conditions = ['new', 'good', 'fair', 'poor', 'condemned'] as const satisfies readonly EquipmentItemCondition[];
const conditionLabels: Record<EquipmentItemCondition, string> = { new: 'New', good: 'Good', fair: 'Fair', poor: 'Poor', condemned: 'Condemned (not to be used again)' };
const timeText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:30');

/**
 * The episode's equipment, for someone who may read its record in full: another team's episode is seen
 * in summary only (what a transfer of care carries), which does not include its loans.
 */
async function authoriseLoansRead(request: FastifyRequest, episodeId: string) {
  const actor = actorOf(request);
  const access = await authoriseEpisodeRead(request.server.db, { actor, episode: await loadEpisode(request, episodeId) });
  if (access.grant.scope !== 'full') {
    await auditAs(actor, request.server.db, { action: 'read', outcome: 'refused', patientId: access.episode.patientId, recordKind: loanRecordKind, recordId: access.episode.id, detail: { rule: 'other-team-episode' } });
    throw new HomewardError('forbidden', 'Another team’s equipment loans are theirs: you see that episode in summary only');
  }
  return access;
}

export async function collectionRoutes(app: FastifyInstance): Promise<void> {
  /** What holds the episode's discharge (items on loan, prescriptions not delivered), read once and audited once, naming every item. */
  async function readEquipmentAtDischarge(access: Awaited<ReturnType<typeof authoriseLoansRead>>) {
    const loans = await listLoansAtDischarge(app.db, access.episode.id);
    const prescribed = await listUndeliveredPrescriptions(app.db, { patientId: access.episode.patientId, episodeId: access.episode.id });
    await auditRead(access.grant, app.db, { recordKind: loanRecordKind, recordId: access.episode.id, detail: { list: 'equipment-at-discharge', loanIds: [...loans, ...prescribed].map((l) => l.id) } });
    return { loans, prescribed };
  }

  const typed = app.withTypeProvider<ZodTypeProvider>();

  // -- JSON

  typed.get('/api/episodes/:id/equipment/discharge', {
    schema: {
      tags,
      summary: 'The episode’s equipment with the patient, each with its decision at discharge, and what is prescribed and not yet delivered',
      description: 'Everything that holds the discharge: each item in loans until it has a decision, and each item in prescribed until it is delivered (then it is in loans) or its prescription cancelled.',
      params: z.object({ id: z.uuid('id must be the episode’s id') }),
      response: { 200: z.object({ loans: z.array(loanAtDischargeResponse), prescribed: z.array(loanAtDischargeResponse) }), ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseLoansRead(request, request.params.id);
    const { loans, prescribed } = await readEquipmentAtDischarge(access);
    return { loans: loans.map(loanJson), prescribed: prescribed.map(loanJson) };
  });

  typed.post('/api/equipment-loans/:loanId/discharge-decision', {
    schema: {
      tags,
      summary: 'Decide at discharge what happens to an item on loan: it stays with the patient, it is collected (a visit booked), or it is transferred to social care',
      description: 'By someone who may change the episode. "collect" needs collection.date (and may give a window): the collection is booked as an equipment visit of the episode (the one visit a discharged episode may have). A loan to collect whose visit was cancelled or found no one in is booked again with "collect". Send the version you read: a stale one is a 409. Idempotency-Key makes a retry write once.',
      params: z.object({ loanId: z.uuid('loanId must be a UUID') }),
      headers: writeHeaders,
      body: z.object({
        version,
        decision: z.enum(dischargeDecisions, { error: `decision must be one of ${dischargeDecisions.join(', ')}` }),
        collection: z.object({ date: z.iso.date('collection.date must be a date, yyyy-mm-dd'), window: z.object({ start: timeText, end: timeText }).strict().nullable().optional() }).strict().nullable().optional(),
      }).strict(),
      response: { 200: loanAtDischargeResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const loan = await findLoanAtDischarge(app.db, request.params.loanId);
    if (!loan) throw notFound('Loan');
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, loan.episodeId), change: 'equipment-at-discharge' });
    const b = request.body;
    const collection = b.collection ? { date: b.collection.date, window: b.collection.window ?? null } : null;
    if (b.decision === 'collect') checkCollectionBooking(collection, 'collection.');
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: loanJson(await decideEquipmentAtDischarge(trx, { access, loanId: loan.id, version: b.version, decision: b.decision, collection })) }));
  });

  typed.get('/api/equipment/collections', {
    schema: { tags, summary: 'The team’s equipment to collect, each until returned, missing or written off', response: { 200: z.object({ loans: z.array(loanAtDischargeResponse.extend({ patientName: z.string() })) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    const actor = actorOf(request);
    const access = await authoriseTeamList(app.db, { actor, recordKind: 'equipment-collections', showsTeamPatients: true });
    const rows = await listTeamCollections(app.db, access.teamId);
    await auditListRead(app.db, { actor, recordKind: 'equipment-collections', episodeIds: rows.map((r) => r.episodeId) });
    return { loans: rows.map((r) => ({ ...loanJson(r), patientName: r.patientName })) };
  });

  typed.post('/api/equipment-loans/:loanId/collection', {
    schema: {
      tags,
      summary: 'Record a collection: returned to store, missing, or written off',
      description: 'By someone who may write the patient’s record, only while the loan is to collect. Returned puts the stock or the tracked item back in store (storeId: default the one it came from; condition for a tracked item); missing and written off need a note. Version-checked; Idempotency-Key makes a retry write once.',
      params: z.object({ loanId: z.uuid('loanId must be a UUID') }),
      headers: writeHeaders,
      body: z.object({
        version,
        outcome: z.enum(collectionOutcomes, { error: `outcome must be one of ${collectionOutcomes.join(', ')}` }),
        storeId: z.uuid('storeId must be a store’s id').nullable().optional(),
        condition: z.enum(conditions, { error: `condition must be one of ${conditions.join(', ')}` }).nullable().optional(),
        note: z.string().max(2000, 'note must be 2000 characters or fewer').nullable().optional(),
      }).strict(),
      response: { 200: loanAtDischargeResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const loan = await findLoanAtDischarge(app.db, request.params.loanId);
    if (!loan) throw notFound('Loan');
    // The loan's own episode decides, as for every other change to a loan: another team's episode needs break-glass.
    const { grant } = await authoriseLoanWrite(app.db, { actor, episode: await loadLoanEpisode(request, loan.id), change: 'collect' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({
      status: 200,
      body: loanJson(await recordCollection(trx, { grant, loanId: loan.id, version: b.version, outcome: b.outcome, storeId: b.storeId ?? null, condition: b.condition ?? null, note: b.note ?? null })),
    }));
  });

  // -- Pages

  type DecideRender = { fields?: FieldError[]; status?: number; loanId?: string; values?: FormBody; done?: string };
  async function renderDischarge(request: FastifyRequest, reply: FastifyReply, episodeId: string, o: DecideRender = {}) {
    const actor = actorOf(request);
    const access = await authoriseLoansRead(request, episodeId);
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    const { loans, prescribed } = await readEquipmentAtDischarge(access);
    const fields = o.fields ?? [];
    const today = ukDateOf(actor.now);
    return reply.code(o.status ?? 200).page('equipment/pages/discharge-equipment.njk', {
      section,
      title: 'Equipment at discharge',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, today) },
      breakGlass: access.grant.breakGlass,
      episode: access.episode,
      loans: loans.map((l) => {
        const mine = l.id === o.loanId;
        const v = mine ? (o.values ?? {}) : {};
        return {
          ...l,
          description: describeLoan(l),
          statusText: loanStatusLabels[l.status],
          decisionText: l.dischargeDecision ? dischargeDecisionLabels[l.dischargeDecision] : null,
          open: l.status === 'delivered',
          decisionItems: dischargeDecisions.map((d) => ({ value: d, text: dischargeDecisionLabels[d], checked: formField(v.decision) === d, conditional: d === 'collect' })),
          values: { day: formField(v['collectOn-day']), month: formField(v['collectOn-month']), year: formField(v['collectOn-year']), windowStart: formField(v.windowStart), windowEnd: formField(v.windowEnd) },
          errors: mine ? errorsByField(fields) : {},
        };
      }),
      errors: errorList(fields, o.loanId ? { decision: `decision-${o.loanId}`, 'collection.date': `collectOn-${o.loanId}-day`, 'collection.window': `windowStart-${o.loanId}`, form: `decision-${o.loanId}`, version: `decision-${o.loanId}`, episodeId: `decision-${o.loanId}` } : {}),
      prescribed: prescribed.map((l) => ({ id: l.id, description: describeLoan(l) })),
      equipmentHref: `/episodes/${access.episode.id}/equipment`,
      flash: o.done === 'decided' ? 'Decision recorded.' : null,
      backHref: `/episodes/${access.episode.id}/discharge-summary#equipment`,
      backText: 'Back to the discharge summary',
    });
  }

  const episodeParams = z.object({ id: z.uuid() });
  typed.get('/episodes/:id/equipment/discharge', { schema: { ...hidden, params: episodeParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => renderDischarge(request, reply, request.params.id, { done: request.query.done }));

  typed.post('/episodes/:id/equipment/discharge/:loanId', { schema: { ...hidden, params: z.object({ id: z.uuid(), loanId: z.uuid() }), body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'equipment-at-discharge' });
    const loanId = request.params.loanId;
    const b = request.body;
    return pageWrite(request, reply, {
      check: () => {
        const decision = formField(b.decision);
        if (!(dischargeDecisions as readonly string[]).includes(decision)) throw validationFailed([{ path: 'decision', message: 'Choose what happens to this item' }]);
        const ver = formVersion(b.version);
        const collection = decision === 'collect' ? collectionBookingFromForm(b, ukDateOf(access.grant.actor.now)) : null;
        return { decision: decision as DischargeDecision, version: ver, collection };
      },
      write: async (trx, c) => {
        await decideEquipmentAtDischarge(trx, { access, loanId, version: c.version, decision: c.decision, collection: c.collection });
        return `/episodes/${access.episode.id}/equipment/discharge?done=decided`;
      },
      render: (fields, status) => renderDischarge(request, reply, access.episode.id, { fields, status, loanId, values: b }),
    });
  });

  async function renderCollections(request: FastifyRequest, reply: FastifyReply, o: DecideRender = {}) {
    const actor = actorOf(request);
    const access = await authoriseTeamList(app.db, { actor, recordKind: 'equipment-collections', showsTeamPatients: true });
    const rows = await listTeamCollections(app.db, access.teamId);
    await auditListRead(app.db, { actor, recordKind: 'equipment-collections', episodeIds: rows.map((r) => r.episodeId) });
    const stores = await app.db.selectFrom('equipment_stores').select(['id', 'name']).where('active', '=', true).orderBy('name').execute();
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('equipment/pages/collections.njk', {
      section,
      title: 'Equipment to collect',
      loans: rows.map((r) => {
        const v = r.id === o.loanId ? (o.values ?? {}) : {};
        return {
          ...r,
          description: describeLoan(r),
          outcomeItems: collectionOutcomes.map((x) => ({ value: x, text: collectionOutcomeLabels[x], checked: formField(v.outcome) === x })),
          storeItems: stores.map((s) => ({ value: s.id, text: s.name, selected: (formField(v.storeId) || r.storeId) === s.id })),
          conditionItems: [{ value: '', text: 'As it went out' }, ...conditions.map((c) => ({ value: c, text: conditionLabels[c], selected: formField(v.condition) === c }))],
          note: formField(v.note),
          errors: r.id === o.loanId ? errorsByField(fields) : {},
        };
      }),
      errors: errorList(fields, o.loanId ? { outcome: `outcome-${o.loanId}`, note: `note-${o.loanId}`, storeId: `storeId-${o.loanId}`, form: `outcome-${o.loanId}`, version: `outcome-${o.loanId}` } : {}),
      flash: o.done === 'recorded' ? 'Collection recorded.' : null,
    });
  }

  typed.get('/equipment/collections', { schema: { ...hidden, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => renderCollections(request, reply, { done: request.query.done }));

  typed.post('/equipment/collections/:loanId', { schema: { ...hidden, params: z.object({ loanId: z.uuid() }), body: formBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const loan = await findLoanAtDischarge(app.db, request.params.loanId);
    if (!loan) throw notFound('Loan');
    // The loan's own episode decides, as for every other change to a loan: another team's episode needs break-glass.
    const { grant } = await authoriseLoanWrite(app.db, { actor, episode: await loadLoanEpisode(request, loan.id), change: 'collect' });
    const b = request.body;
    return pageWrite(request, reply, {
      check: () => {
        const outcome = formField(b.outcome);
        if (!(collectionOutcomes as readonly string[]).includes(outcome)) throw validationFailed([{ path: 'outcome', message: 'Choose what happened to the equipment' }]);
        const condition = formField(b.condition);
        if (condition && !(conditions as readonly string[]).includes(condition)) throw validationFailed([{ path: 'condition', message: 'Choose the condition it came back in' }]);
        const storeId = formField(b.storeId);
        if (storeId && !z.uuid().safeParse(storeId).success) throw validationFailed([{ path: 'storeId', message: 'Choose the store it goes back to' }]);
        if (formField(b.note).length > 2000) throw validationFailed([{ path: 'note', message: 'The note must be 2000 characters or fewer' }]);
        return { outcome: outcome as CollectionOutcome, version: formVersion(b.version), condition: (condition || null) as EquipmentItemCondition | null, storeId: storeId || null };
      },
      write: async (trx, c) => {
        await recordCollection(trx, { grant, loanId: loan.id, version: c.version, outcome: c.outcome, storeId: c.storeId, condition: c.condition, note: formField(b.note) || null });
        return '/equipment/collections?done=recorded';
      },
      render: (fields, status) => renderCollections(request, reply, { fields, status, loanId: loan.id, values: b }),
    });
  });
}
