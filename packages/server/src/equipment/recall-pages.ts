// The recall pages: find who has a model (and batch), raise a recall, and work its action list. Same
// rules as the JSON API (recall-routes.ts); the error summary on bad input, nothing written.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { equipmentCategoryLabels } from '@homeward/clinical';
import { authoriseLoanWrite } from './loan-access.ts';
import { loadLoanEpisode } from './loan-routes.ts';
import { actorOf, type Actor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import type { EquipmentRecallActionStatus } from '../db/schema.ts';
import { raiseRecall, recallFieldErrors } from './raise-recall.ts';
import { authoriseRaiseRecall, authoriseRecallSearch, type RecallAccess } from './recall-access.ts';
import { nextRecallActionSteps, recallActionStatusLabels, recallActionStatuses } from './recall-action-steps.ts';
import { findRecallAction, listRecalls } from './recall-queries.ts';
import { readRecallDetail, searchRecall, type RecallSearchResult } from './recall-search.ts';
import { workRecallAction } from './work-recall-action.ts';

const hidden = { hide: true };
const section = 'equipment';

async function catalogueChoices(app: FastifyInstance, chosen: string) {
  const items = await app.db.selectFrom('equipment_catalogue_items').select(['id', 'name', 'make', 'model', 'category']).orderBy('category').orderBy('name').execute();
  return [
    { value: '', text: 'Choose a model' },
    ...items.map((i) => ({ value: i.id, text: `${i.name}${i.make || i.model ? ` (${[i.make, i.model].filter(Boolean).join(' ')})` : ''}, ${equipmentCategoryLabels[i.category]}`, selected: i.id === chosen })),
  ];
}

export async function recallPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/equipment/recalls', { schema: { ...hidden, querystring: z.object({ catalogueItemId: z.string().max(100).optional(), batch: z.string().max(100).optional(), done: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseRecallSearch(app.db, { actor: actorOf(request) });
    const q = request.query;
    const fields: FieldError[] = [];
    let result: RecallSearchResult | null = null;
    if (q.catalogueItemId !== undefined) {
      if (!z.uuid().safeParse(q.catalogueItemId).success) fields.push({ path: 'catalogueItemId', message: 'Choose the model to search for' });
      else {
        try {
          result = await searchRecall(app.db, { access, catalogueItemId: q.catalogueItemId, batch: q.batch ?? null });
        } catch (error) {
          if ((error as { code?: string }).code !== 'not_found') throw error;
          fields.push({ path: 'catalogueItemId', message: 'Choose the model to search for' });
        }
      }
    }
    return reply.code(fields.length ? 400 : 200).page('equipment/pages/recalls.njk', {
      section,
      title: 'Equipment recalls',
      values: { catalogueItemId: q.catalogueItemId ?? '', batch: q.batch ?? '' },
      catalogueItems: await catalogueChoices(app, q.catalogueItemId ?? ''),
      result,
      mayRaise: access.mayRaise,
      recalls: await listRecalls(app.db),
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
    });
  });

  async function renderNew(reply: FastifyReply, access: RecallAccess, values: FormBody, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('equipment/pages/recall-new.njk', {
      section,
      title: 'Raise an equipment recall',
      values: { formId: uuidv7(), ...values },
      catalogueItems: await catalogueChoices(app, formField(values.catalogueItemId)),
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: '/equipment/recalls',
      backText: 'Back to equipment recalls',
      mayRaise: access.mayRaise,
    });
  }

  typed.get('/equipment/recalls/new', { schema: { ...hidden, querystring: z.object({ catalogueItemId: z.string().max(100).optional(), batch: z.string().max(100).optional() }) } }, async (request, reply) => {
    const access = await authoriseRaiseRecall(app.db, { actor: actorOf(request) });
    return renderNew(reply, access, { catalogueItemId: request.query.catalogueItemId ?? '', batch: request.query.batch ?? '' });
  });

  typed.post('/equipment/recalls/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const access = await authoriseRaiseRecall(app.db, { actor: actorOf(request) });
    const b = request.body;
    const recall = { id: formField(b.formId), catalogueItemId: formField(b.catalogueItemId), batch: formField(b.batch) || null, reference: formField(b.reference), reason: formField(b.reason) };
    return pageWrite(request, reply, {
      formId: recall.id,
      check: async () => {
        const fields = await recallFieldErrors(app.db, recall);
        if (fields.length) throw validationFailed(fields);
      },
      write: async (trx) => {
        const raised = await raiseRecall(trx, { access, recall: { ...recall, ...(z.uuid().safeParse(recall.id).success ? {} : { id: uuidv7() }) } });
        return `/equipment/recalls/${raised.id}?done=raised`;
      },
      render: (fields, status) => renderNew(reply, access, b, fields, status),
    });
  });

  async function renderRecall(reply: FastifyReply, actor: Actor, recallId: string, o: { done?: string; fields?: FieldError[]; status?: number; actionId?: string; values?: FormBody } = {}) {
    const access = await authoriseRecallSearch(app.db, { actor });
    const d = await readRecallDetail(app.db, access, recallId);
    const fields = o.fields ?? [];
    const stepItems = (status: EquipmentRecallActionStatus, chosen: string) => nextRecallActionSteps(status).map((s) => ({ value: s, text: recallActionStatusLabels[s], checked: s === chosen }));
    return reply.code(o.status ?? 200).page('equipment/pages/recall.njk', {
      section,
      title: `Recall: ${d.recall.itemName}${d.recall.batch ? `, batch ${d.recall.batch}` : ''}`,
      recall: d.recall,
      progress: recallActionStatuses.map((s) => ({ label: recallActionStatusLabels[s], count: d.recall.counts[s] })),
      actions: d.shown.map((a) => ({
        ...a,
        statusLabel: recallActionStatusLabels[a.status],
        open: a.status !== 'closed',
        stepItems: stepItems(a.status, a.id === o.actionId ? formField(o.values?.status) : ''),
        outcomeValue: a.id === o.actionId ? formField(o.values?.outcome) : '',
        errors: a.id === o.actionId ? errorsByField(fields) : {},
      })),
      contactOnly: d.contactOnly,
      withheld: d.withheld,
      withheldByTeam: d.withheldByTeam,
      errors: errorList(fields, { status: o.actionId ? `status-${o.actionId}` : 'status', outcome: o.actionId ? `outcome-${o.actionId}` : 'outcome', form: o.actionId ? `status-${o.actionId}` : 'status' }),
      flash: o.done === 'raised' ? 'Recall raised. Every loan of this model in a patient’s home has an action below: work each to the end.' : o.done === 'step' ? 'Step recorded.' : null,
      backHref: '/equipment/recalls',
      backText: 'Back to equipment recalls',
    });
  }

  const recallParams = z.object({ recallId: z.uuid() });
  typed.get('/equipment/recalls/:recallId', { schema: { ...hidden, params: recallParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => renderRecall(reply, actorOf(request), request.params.recallId, { done: request.query.done }));

  typed.post('/equipment/recalls/:recallId/actions/:actionId', { schema: { ...hidden, params: z.object({ recallId: z.uuid(), actionId: z.uuid() }), body: formBody } }, async (request, reply) => {
    const actor = actorOf(request);
    await authoriseRecallSearch(app.db, { actor });
    const action = await findRecallAction(app.db, request.params.actionId);
    if (!action || action.recallId !== request.params.recallId) throw notFound('Recall action');
    // The action's loan's episode decides (another team's episode needs break-glass), as for the loan itself.
    const { grant } = await authoriseLoanWrite(app.db, { actor, episode: await loadLoanEpisode(request, action.loanId), change: 'recall' });
    const b = request.body;
    return pageWrite(request, reply, {
      check: () => {
        const status = formField(b.status);
        if (!(recallActionStatuses as readonly string[]).includes(status)) throw validationFailed([{ path: 'status', message: 'Choose the step you have done' }]);
        if (formField(b.outcome).length > 2000) throw validationFailed([{ path: 'outcome', message: 'The outcome must be 2000 characters or fewer' }]);
        return { status: status as EquipmentRecallActionStatus, version: formVersion(b.version) };
      },
      write: async (trx, c) => {
        await workRecallAction(trx, { grant, actionId: action.id, version: c.version, status: c.status, outcome: formField(b.outcome) || null });
        return `/equipment/recalls/${action.recallId}?done=step#action-${action.id}`;
      },
      render: (fields, status) => renderRecall(reply, actor, action.recallId, { fields, status, actionId: action.id, values: b }),
    });
  });
}
