// Equipment in the episode as pages, under /episodes/:id/equipment (the record's episode page
// links here; the record does not import equipment): what is prescribed and on loan, prescribing (the
// prescribing rule's reason shown when refused; bed rails with their risk assessment), delivery and
// fitting, training in safe use, cancelling a prescription, and the carer's equipment sheet. Same rules
// as the JSON API; every page carries the patient banner so nobody lends equipment to the wrong person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { ageOn, equipmentCategoryLabels, findInstrument, formatDisplayDate, homewardRoleLabels, isoDateToParts, needsRegisteredPrescriber, needsRiskAssessmentFirst, parseDateParts, serviceLabels, ukDateOf, type EquipmentCategory, type HomewardRole } from '@homeward/clinical';
import { loadEpisode } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formProblem, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import type { PrintSize } from '../platform/pdf-document.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { defaultSheetPrintSize, equipmentWithPatient, produceCarerEquipmentSheet } from './carer-equipment-sheet.ts';
import { deliverEquipment } from './deliver-equipment.ts';
import { cancelPrescription } from './loan-cancel.ts';
import { auditLoanRead, authoriseLoanRead, authoriseLoanWrite, mayChangeLoan, type LoanAccess, type LoanChange } from './loan-access.ts';
import { findLoan, findLoanEpisodeId, listEpisodeAssessments, listEpisodeLoans, listIssuableStock, listPrescribableItems } from './loan-queries.ts';
import { loanStatusLabels, trainedPersonKindLabels, trainedPersonKinds, understandingLabels, understandings, type LoanResponse, type TrainedPersonKind, type Understanding } from './loan-schema.ts';
import { checkPrescription, prescribeEquipment, type PrescriptionInput } from './prescribe-equipment.ts';
import { recordTraining, type TrainingInput } from './training-record.ts';

/** The catalogue row's facts that the competence rule reads. */
const rule = (i: { category: EquipmentCategory; loler: boolean; prescriber: 'assistant' | 'registered'; needs_risk_assessment: boolean }) => ({ category: i.category, loler: i.loler, prescriber: i.prescriber, needsRiskAssessment: i.needs_risk_assessment });

const hidden = { hide: true };
// :id, as every other /episodes/:id route: the router shares the parameter, and two names for it would rename the record's routes too.
const episodeParams = z.object({ id: z.uuid() });
const loanParams = z.object({ loanId: z.uuid() });
type Form = Record<string, string | string[]>;
const valuesOf = (body: Form): Form => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
const isUuid = (v: string) => z.uuid().safeParse(v).success;
const equipmentPath = (episodeId: string) => `/episodes/${episodeId}/equipment`;

/** The confirmation after each change, in one line. */
function confirmation(done: string | undefined, loan: LoanResponse | undefined): string | null {
  if (!done || !loan) return null;
  switch (done) {
    case 'prescribed': return `${loan.itemName} prescribed. Record the delivery when it reaches the patient`;
    case 'delivered': return `${loan.itemName} delivered${loan.fitted ? ' and fitted' : ''}. Record who was taught to use it safely`;
    case 'trained': return `Training in safe use of the ${loan.itemName.toLowerCase()} recorded`;
    case 'cancelled': return `The prescription for the ${loan.itemName.toLowerCase()} was cancelled`;
    default: return null;
  }
}

function dateValue(body: Form, name: string) {
  return { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
}

function todayParts(name: string, today: string): Form {
  const p = isoDateToParts(today);
  return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year };
}

export async function loanPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  async function common(access: LoanAccess) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    return { section: 'caseload', patient: { ...patient, age: ageOn(patient.dateOfBirth, today()) }, breakGlass: access.grant.breakGlass, episode: access.episode, serviceLabels };
  }

  async function loanForWrite(request: FastifyRequest, loanId: string, change: LoanChange) {
    const episodeId = await findLoanEpisodeId(app.db, loanId);
    if (!episodeId) throw notFound('Loan');
    const access = await authoriseLoanWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, episodeId), change });
    const loan = await findLoan(app.db, access, loanId);
    if (!loan) throw notFound('Loan');
    return { access, loan };
  }

  // The episode's equipment.
  typed.get('/episodes/:id/equipment', { schema: { ...hidden, params: episodeParams, querystring: z.object({ done: z.string().optional(), loan: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseLoanRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const loans = await listEpisodeLoans(app.db, access);
    await auditLoanRead(app.db, access, access.episode.id, { loanIds: loans.map((l) => l.id) });
    const role = access.grant.staff.role;
    const base = await common(access);
    const open = access.episode.status !== 'discharged';
    return reply.page('equipment/pages/loans.njk', {
      ...base,
      title: 'Equipment',
      current: loans.filter((l) => l.status === 'prescribed' || l.status === 'delivered' || l.status === 'to-collect'),
      earlier: loans.filter((l) => !(l.status === 'prescribed' || l.status === 'delivered' || l.status === 'to-collect')),
      hasPrintable: equipmentWithPatient(loans).length > 0,
      defaultPrint: defaultSheetPrintSize(base.patient),
      may: { prescribe: open && mayChangeLoan(role, 'prescribe'), deliver: mayChangeLoan(role, 'deliver'), train: mayChangeLoan(role, 'train'), cancel: mayChangeLoan(role, 'cancel'), print: mayChangeLoan(role, 'print') },
      statusLabels: loanStatusLabels,
      categoryLabels: equipmentCategoryLabels,
      personLabels: trainedPersonKindLabels,
      understandingLabels,
      flash: confirmation(request.query.done, loans.find((l) => l.id === request.query.loan)),
      backHref: `/episodes/${access.episode.id}`,
      backText: 'Back to the episode',
    });
  });

  // Prescribing.
  async function renderPrescribeForm(reply: FastifyReply, access: LoanAccess, values: Form, fields: FieldError[] = [], status = 200) {
    const [items, assessments] = await Promise.all([
      listPrescribableItems(app.db),
      listEpisodeAssessments(app.db, access),
    ]);
    const role = access.grant.staff.role;
    return reply.code(status).page('equipment/pages/prescribe.njk', {
      ...(await common(access)),
      title: 'Prescribe equipment',
      values,
      itemItems: [{ value: '', text: 'Choose the equipment' }, ...items.map((i) => ({
        value: i.id,
        text: `${i.name} (${equipmentCategoryLabels[i.category]}${needsRegisteredPrescriber(rule(i)) ? ', registered therapist' : ''}${needsRiskAssessmentFirst(rule(i)) ? ', risk assessment first' : ''})`,
        selected: i.id === values.catalogueItemId,
      }))],
      registeredOnly: items.filter((i) => needsRegisteredPrescriber(rule(i))).map((i) => i.name),
      riskItems: items.filter((i) => needsRiskAssessmentFirst(rule(i))).map((i) => i.name),
      isRegistered: role === 'registered-therapist' || role === 'clinical-lead',
      assessmentItems: assessments.length ? [{ value: '', text: 'None: I describe it below' }, ...assessments.map((a) => ({ value: a.id, text: `${findInstrument(a.instrumentId)?.name ?? a.instrumentId}, ${formatDisplayDate(ukDateOf(a.administeredAt))}`, selected: a.id === values.assessmentId }))] : [],
      errors: errorList(fields, { form: 'main-form', catalogueItemId: 'catalogueItemId' }),
      fieldErrors: errorsByField(fields),
      backHref: equipmentPath(access.episode.id),
    });
  }

  function prescriptionFrom(body: Form): { input: PrescriptionInput; fields: FieldError[] } {
    const fields: FieldError[] = [];
    const catalogueItemId = formField(body.catalogueItemId);
    if (catalogueItemId && !isUuid(catalogueItemId)) fields.push({ path: 'catalogueItemId', message: 'Choose the equipment from the list' });
    const assessmentId = formField(body.assessmentId);
    if (assessmentId && !isUuid(assessmentId)) fields.push({ path: 'assessmentId', message: 'Choose an assessment from the list, or none' });
    const quantityText = formField(body.quantity) || '1';
    const quantity = /^\d{1,3}$/.test(quantityText) ? Number(quantityText) : Number.NaN;
    return {
      input: { catalogueItemId: catalogueItemId && isUuid(catalogueItemId) ? catalogueItemId : '', quantity, reason: formField(body.reason), assessmentId: assessmentId && isUuid(assessmentId) ? assessmentId : null, assessmentNote: formField(body.assessmentNote) || null, riskAssessment: formField(body.riskAssessment) || null },
      fields,
    };
  }

  typed.get('/episodes/:id/equipment/prescribe', { schema: { ...hidden, params: episodeParams } }, async (request, reply) => {
    const access = await authoriseLoanWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'prescribe' });
    await auditLoanRead(app.db, access, access.episode.id, { purpose: 'prescribe' });
    return renderPrescribeForm(reply, access, { quantity: '1', formId: uuidv7() });
  });

  typed.post('/episodes/:id/equipment/prescribe', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseLoanWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'prescribe' });
    const body = request.body as Form;
    const render = (fields: FieldError[], status: number) => renderPrescribeForm(reply, access, valuesOf(body), fields, status);
    try {
      return await pageWrite(request, reply, {
        formId: formField(body.formId),
        check: async () => {
          const { input, fields } = prescriptionFrom(body);
          if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
          await checkPrescription(app.db, access, input);
          return input;
        },
        write: async (trx, input) => {
          const { id } = await prescribeEquipment(trx, { access, input });
          return `${equipmentPath(access.episode.id)}?done=prescribed&loan=${id}#loan-${id}`;
        },
        render,
      });
    } catch (error) {
      // Beyond the prescriber's competence: the form again with the rule's reason (audited in checkPrescription).
      if (error instanceof HomewardError && error.code === 'forbidden' && error.fields.length) return render(error.fields, 403);
      throw error;
    }
  });

  // Delivery and fitting.
  async function renderDeliverForm(reply: FastifyReply, access: LoanAccess, loan: LoanResponse, values: Form, fields: FieldError[] = [], status = 200) {
    const [stock, team] = await Promise.all([
      listIssuableStock(app.db, loan.catalogueItemId),
      app.db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role']).where('team_id', '=', access.episode.teamId).where('active', '=', true).orderBy('family_name').orderBy('given_name').execute(),
    ]);
    return reply.code(status).page('equipment/pages/deliver.njk', {
      ...(await common(access)),
      title: `Record the delivery of the ${loan.itemName.toLowerCase()}`,
      loan,
      values,
      tracked: loan.stockKind === 'tracked',
      storeItems: [{ value: '', text: 'Choose the store' }, ...stock.stores.map((s) => ({ value: s.id, text: `${s.name} (${s.quantity} in stock)`, selected: s.id === values.storeId }))],
      itemItems: [{ value: '', text: 'Choose the item by its serial number' }, ...stock.items.map((i) => ({ value: i.id, text: `${i.serial_number}${i.asset_number ? ` (asset ${i.asset_number})` : ''}, ${i.store_name}`, selected: i.id === values.itemId }))],
      staffItems: team.filter((s) => mayChangeLoan(s.homeward_role as HomewardRole, 'deliver')).map((s) => ({ value: s.id, text: `${s.given_name} ${s.family_name} (${homewardRoleLabels[s.homeward_role as HomewardRole] ?? s.homeward_role})`, selected: s.id === (values.deliveredBy || access.grant.staff.staffId) })),
      fittedItems: [{ value: 'yes', text: 'Yes, fitted and checked', checked: values.fitted === 'yes' }, { value: 'no', text: 'No, delivered only', checked: values.fitted === 'no' }],
      errors: errorList(fields, { form: 'main-form', version: 'main-form', deliveredOn: 'deliveredOn-day' }),
      fieldErrors: errorsByField(fields),
      backHref: `${equipmentPath(access.episode.id)}#loan-${loan.id}`,
    });
  }

  typed.get('/equipment-loans/:loanId/deliver', { schema: { ...hidden, params: loanParams } }, async (request, reply) => {
    const { access, loan } = await loanForWrite(request, request.params.loanId, 'deliver');
    await auditLoanRead(app.db, access, loan.id, { purpose: 'record-delivery' });
    return renderDeliverForm(reply, access, loan, { ...todayParts('deliveredOn', today()), version: String(loan.version) });
  });

  typed.post('/equipment-loans/:loanId/deliver', { schema: { ...hidden, params: loanParams, body: formBody } }, async (request, reply) => {
    const { access, loan } = await loanForWrite(request, request.params.loanId, 'deliver');
    const body = request.body as Form;
    const values = valuesOf(body);
    return pageWrite(request, reply, {
      check: () => {
        const fields: FieldError[] = [];
        const date = parseDateParts(dateValue(body, 'deliveredOn'), { label: 'The day it was delivered', today: today() });
        if (!date.ok) fields.push({ path: 'deliveredOn', message: date.message });
        const fitted = values.fitted === 'yes' ? true : values.fitted === 'no' ? false : null;
        if (fitted === null) fields.push({ path: 'fitted', message: 'Say whether it was fitted' });
        const storeId = formField(body.storeId);
        const itemId = formField(body.itemId);
        const deliveredBy = formField(body.deliveredBy);
        if (storeId && !isUuid(storeId)) fields.push({ path: 'storeId', message: 'Choose the store from the list' });
        if (itemId && !isUuid(itemId)) fields.push({ path: 'itemId', message: 'Choose the item from the list' });
        if (deliveredBy && !isUuid(deliveredBy)) fields.push({ path: 'deliveredBy', message: 'Choose who delivered it from the list' });
        const version = formVersion(body.version, 'The form is missing the loan’s version; reload the page');
        if (fields.length || !date.ok || fitted === null) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        return { version, deliveredOn: date.value, deliveredBy: deliveredBy || null, where: formField(body.where), fitted, storeId: storeId || null, itemId: itemId || null };
      },
      write: async (trx, input) => {
        await deliverEquipment(trx, { access, loan, input });
        return `${equipmentPath(access.episode.id)}?done=delivered&loan=${loan.id}#loan-${loan.id}`;
      },
      render: async (fields, status, error) => {
        // A stale form: what was typed stays, against the loan as it is now, so the next Save works.
        const now = error.code === 'version_conflict' ? await findLoan(app.db, access, loan.id) : null;
        return renderDeliverForm(reply, access, now ?? loan, now ? { ...values, version: String(now.version) } : values, fields, status);
      },
    });
  });

  // Training in safe use.
  async function renderTrainingForm(reply: FastifyReply, access: LoanAccess, loan: LoanResponse, values: Form, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('equipment/pages/training.njk', {
      ...(await common(access)),
      title: `Record training in safe use of the ${loan.itemName.toLowerCase()}`,
      loan,
      values,
      personItems: trainedPersonKinds.map((k) => ({ value: k, text: trainedPersonKindLabels[k], checked: k === values.personKind })),
      understoodItems: understandings.map((u) => ({ value: u, text: understandingLabels[u], checked: u === values.understood })),
      errors: errorList(fields, { form: 'main-form', taughtOn: 'taughtOn-day', personKind: 'personKind', understood: 'understood' }),
      fieldErrors: errorsByField(fields),
      backHref: `${equipmentPath(access.episode.id)}#loan-${loan.id}`,
    });
  }

  typed.get('/equipment-loans/:loanId/training', { schema: { ...hidden, params: loanParams } }, async (request, reply) => {
    const { access, loan } = await loanForWrite(request, request.params.loanId, 'train');
    await auditLoanRead(app.db, access, loan.id, { purpose: 'record-training' });
    return renderTrainingForm(reply, access, loan, { ...todayParts('taughtOn', today()), formId: uuidv7() });
  });

  typed.post('/equipment-loans/:loanId/training', { schema: { ...hidden, params: loanParams, body: formBody } }, async (request, reply) => {
    const { access, loan } = await loanForWrite(request, request.params.loanId, 'train');
    const body = request.body as Form;
    const values = valuesOf(body);
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: (): TrainingInput => {
        const fields: FieldError[] = [];
        const date = parseDateParts(dateValue(body, 'taughtOn'), { label: 'The day they were taught', today: today() });
        if (!date.ok) fields.push({ path: 'taughtOn', message: date.message });
        const personKind = trainedPersonKinds.find((k) => k === values.personKind) as TrainedPersonKind | undefined;
        if (!personKind) fields.push({ path: 'personKind', message: 'Choose who was taught' });
        const understood = understandings.find((u) => u === values.understood) as Understanding | undefined;
        if (!understood) fields.push({ path: 'understood', message: 'Choose how well they understood' });
        if (fields.length || !date.ok || !personKind || !understood) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        return { personKind, personName: formField(body.personName), whatTaught: formField(body.whatTaught), understood, understandingNote: formField(body.understandingNote) || null, taughtOn: date.value };
      },
      write: async (trx, input) => {
        await recordTraining(trx, { access, loan, input });
        return `${equipmentPath(access.episode.id)}?done=trained&loan=${loan.id}#loan-${loan.id}`;
      },
      render: (fields, status) => renderTrainingForm(reply, access, loan, values, fields, status),
    });
  });

  // Cancelling a prescription not yet delivered.
  async function renderCancelForm(reply: FastifyReply, access: LoanAccess, loan: LoanResponse, values: Form, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('equipment/pages/cancel.njk', {
      ...(await common(access)),
      title: `Cancel the prescription for the ${loan.itemName.toLowerCase()}`,
      loan,
      values,
      errors: errorList(fields, { form: 'main-form', version: 'main-form' }),
      fieldErrors: errorsByField(fields),
      backHref: `${equipmentPath(access.episode.id)}#loan-${loan.id}`,
    });
  }

  typed.get('/equipment-loans/:loanId/cancel', { schema: { ...hidden, params: loanParams } }, async (request, reply) => {
    const { access, loan } = await loanForWrite(request, request.params.loanId, 'cancel');
    await auditLoanRead(app.db, access, loan.id, { purpose: 'cancel-prescription' });
    return renderCancelForm(reply, access, loan, { version: String(loan.version) });
  });

  typed.post('/equipment-loans/:loanId/cancel', { schema: { ...hidden, params: loanParams, body: formBody } }, async (request, reply) => {
    const { access, loan } = await loanForWrite(request, request.params.loanId, 'cancel');
    const body = request.body as Form;
    const values = valuesOf(body);
    try {
      const version = formVersion(body.version, 'The form is missing the loan’s version; reload the page');
      await app.db.transaction().execute((trx) => cancelPrescription(trx, { access, loan, version, reason: formField(body.reason) }));
      return redirectSeeOther(reply, `${equipmentPath(access.episode.id)}?done=cancelled&loan=${loan.id}#loan-${loan.id}`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      // A stale form: the reason typed stays, against the loan as it is now, so the next Save works.
      const now = problem.error.code === 'version_conflict' ? await findLoan(app.db, access, loan.id) : null;
      return renderCancelForm(reply, access, now ?? loan, now ? { ...values, version: String(now.version) } : values, problem.fields, problem.status);
    }
  });

  // The carer's equipment sheet: POST only, since each print is audited (never on a refresh or a prefetch).
  typed.post('/episodes/:id/equipment/carer-sheet', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseLoanWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'print' });
    const print = formField((request.body as Form).print);
    const printSize: PrintSize | null = print === 'large' || print === 'standard' ? print : null;
    const sheet = await app.db.transaction().execute((trx) => produceCarerEquipmentSheet(trx, { access, printSize }));
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${sheet.filename}"`)
      .header('cache-control', 'no-store')
      .send(sheet.pdf);
  });

}
