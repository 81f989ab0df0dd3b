// The discharge summary as pages: draft it from the record, edit each section (the clinical text and
// the patient's wording), finalise, then produce the letters to the patient and the GP; the stored
// PDFs are served exactly as they were produced. Same rules as the JSON API; every page carries the
// patient banner.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { ageOn, dischargeSummarySectionIds, mayWriteDischargeSummary, patientPostalAddress, serviceLabels, textToLetterBlocks, ukDateOf, type DischargeSectionEdit } from '@homeward/clinical';
import { findPatient } from '../patients/public.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formProblem, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { audit, redirectSeeOther } from '../platform/request-context.ts';
import { loadEpisode, loadLetter } from './record-route-helpers.ts';
import { authoriseDischargeFinalise, authoriseDischargeWrite, changeDischargeSummary, createDischargeSummary, findDischargeSummary, redraftDischargeSummary, signOffDecision } from './discharge-summaries.ts';
import type { DischargeSummaryResponse, LetterResponse } from './discharge-schema.ts';
import { checkLetterRequest, letterPdf, listLetters, patientLetterFormat, produceDischargeLetter, type LetterRecipient } from './letters.ts';
import { auditRecordRead, authoriseRecordRead, requireFinalForSummary, type RecordAccess } from './record-access.ts';
import type { EquipmentAtDischargePort } from './equipment-at-discharge-port.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
type Form = Record<string, string | string[]>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

const letterKindLabels: Record<LetterResponse['kind'], string> = { 'discharge-patient': 'Letter to the patient', 'discharge-gp': 'Copy to the GP', 'carer-programme': 'Programme for carers' };

function flashFor(done: string | undefined, summary: DischargeSummaryResponse | null, letter: LetterResponse | undefined, alternativeFormat: boolean): string | null {
  switch (done) {
    case 'drafted':
      return 'Discharge summary drafted from the record. Check and edit each section, then finalise it.';
    case 'redrafted':
      return 'Every section drafted again from the record. Check and edit each section, then finalise it.';
    case 'saved':
      return summary ? `Draft saved (version ${summary.version}).` : null;
    case 'finalised':
      return 'Discharge summary finalised. It can no longer be changed. Now produce the letters.';
    case 'details-saved':
      return 'Patient details saved.';
    case 'letter':
      if (!letter) return null;
      return letter.kind === 'discharge-patient'
        ? `Letter to the patient produced in ${letter.printSize} print and stored with the record.${alternativeFormat ? ' It also needs an alternative format: see the warning below.' : ''}`
        : 'Copy to the GP produced and stored with the record.';
    default:
      return null;
  }
}

/** Which form an error belongs to, so the error summary links to it. */
const anchors = { form: 'main-form', summary: 'main-form', recipient: 'letters', printSize: 'printSize' };

export async function dischargePages(app: FastifyInstance, equipmentPort: EquipmentAtDischargePort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const now = () => app.config.now();

  type RenderOptions = { done?: string; letterId?: string; values?: Form; fields?: FieldError[]; status?: number };

  async function render(request: FastifyRequest, reply: FastifyReply, access: RecordAccess, o: RenderOptions = {}) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    const summary = await findDischargeSummary(app.db, access);
    if (summary) await requireFinalForSummary(app.db, access, summary);
    const letters = await listLetters(app.db, access);
    await auditRecordRead(app.db, access, 'discharge-summary', summary?.id ?? access.episode.id, { found: summary !== null, letterIds: letters.map((l) => l.id) });
    const format = patientLetterFormat(patient);
    const values = o.values ?? {};
    const fields = o.fields ?? [];
    const sections = (summary?.sections ?? []).map((s) => ({
      ...s,
      blocks: textToLetterBlocks(s.text),
      patientBlocks: textToLetterBlocks(s.patientText),
      textValue: values[`sections.${s.id}.text`] ?? s.text,
      patientTextValue: values[`sections.${s.id}.patientText`] ?? s.patientText,
    }));
    const chosenSize = one(values.printSize) || format.printSize;
    const letter = letters.find((l) => l.id === o.letterId);
    // Every item on loan, with its decision: discharge is when each is kept, collected or handed on.
    const equipment = equipmentPort && access.grant.scope === 'full' ? { items: await equipmentPort.list(app.db, { grant: access.grant, episodeId: access.episode.id }), href: equipmentPort.decideHref(access.episode.id) } : null;
    return reply.code(o.status ?? 200).page('record/pages/discharge-summary.njk', {
      section: 'caseload',
      title: 'Discharge summary',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(now())) },
      breakGlass: access.grant.breakGlass,
      episode: access.episode,
      serviceLabels,
      may: { write: access.grant.scope === 'full' && mayWriteDischargeSummary(access.grant.staff.role), finalise: access.grant.scope === 'full' && signOffDecision(access.grant.staff, access.episode).allowed },
      summary,
      sections,
      letters: letters.map((l) => ({ ...l, kindLabel: letterKindLabels[l.kind] })),
      equipment,
      // One per letter form, so a double click produces one letter, not two.
      letterFormIds: { patient: uuidv7(), gp: uuidv7() },
      format,
      address: patientPostalAddress(patient),
      printSizeItems: [
        { value: 'standard', text: 'Standard print (12 point)', checked: chosenSize === 'standard' },
        { value: 'large', text: 'Large print (18 point)', checked: chosenSize === 'large' },
      ],
      flash: flashFor(o.done, summary, letter, format.alternativeFormats.length > 0),
      errors: errorList(fields, anchors),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${access.episode.id}/record`,
      backText: 'Back to the record',
    });
  }


  typed.get('/episodes/:id/discharge-summary', { schema: { ...hidden, params: episodeParams, querystring: z.object({ done: z.string().optional(), letter: z.string().optional(), details: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'discharge-summary' });
    // Back from adding a missing GP practice (the patient's details page sends people here).
    const done = request.query.details === 'saved' ? 'details-saved' : request.query.done;
    return render(request, reply, access, { done, letterId: request.query.letter });
  });

  typed.post('/episodes/:id/discharge-summary', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    try {
      await app.db.transaction().execute((trx) => createDischargeSummary(trx, { access }));
    } catch (error) {
      const shown = formProblem(error);
      if (shown) return render(request, reply, access, shown);
      throw error;
    }
    return redirectSeeOther(reply, `/episodes/${access.episode.id}/discharge-summary?done=drafted`);
  });

  typed.post('/episodes/:id/discharge-summary/save', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const summary = await findDischargeSummary(app.db, access);
    if (!summary) throw notFound('Discharge summary');
    const body = request.body as Form;
    const edits: DischargeSectionEdit[] = dischargeSummarySectionIds.map((id) => ({ id, text: one(body[`sections.${id}.text`]), patientText: one(body[`sections.${id}.patientText`]) }));
    const finalise = one(body.action) === 'finalise';
    if (finalise) await authoriseDischargeFinalise(app.db, { access });
    try {
      await app.db.transaction().execute((trx) => changeDischargeSummary(trx, { access, summary, edits, version: formVersion(body.version), finalise }));
    } catch (error) {
      const shown = formProblem(error);
      // A stale draft is shown as it stands now: the clinician's edits were not saved, and the message says so.
      if (shown) return render(request, reply, access, { ...shown, values: shown.status === 409 ? {} : body });
      throw error;
    }
    return redirectSeeOther(reply, `/episodes/${access.episode.id}/discharge-summary?done=${finalise ? 'finalised' : 'saved'}`);
  });

  typed.post('/episodes/:id/discharge-summary/redraft', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const summary = await findDischargeSummary(app.db, access);
    if (!summary) throw notFound('Discharge summary');
    try {
      await app.db.transaction().execute((trx) => redraftDischargeSummary(trx, { access, summary, version: formVersion((request.body as Form).version) }));
    } catch (error) {
      const shown = formProblem(error);
      if (shown) return render(request, reply, access, shown);
      throw error;
    }
    return redirectSeeOther(reply, `/episodes/${access.episode.id}/discharge-summary?done=redrafted`);
  });

  typed.post('/episodes/:id/discharge-summary/letters', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseDischargeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'letter' });
    const summary = await findDischargeSummary(app.db, access);
    if (!summary) throw notFound('Discharge summary');
    const body = request.body as Form;
    const recipient = one(body.recipient) as LetterRecipient;
    const printSize = one(body.printSize);
    return pageWrite(request, reply, {
      formId: one(body.formId),
      // Refuse a letter that cannot be sent before the transaction opens, so a refusal writes nothing.
      check: async () => {
        if (recipient !== 'patient' && recipient !== 'gp') throw new HomewardError('validation_failed', 'Choose who the letter is for', { fields: [{ path: 'recipient', message: 'Choose who the letter is for: the patient or the GP' }] });
        if (recipient === 'patient' && printSize !== 'standard' && printSize !== 'large') throw new HomewardError('validation_failed', 'Choose the print size', { fields: [{ path: 'printSize', message: 'Choose standard or large print' }] });
        checkLetterRequest({ summary, patient: await findPatient(app.db, access.episode.patientId), recipient });
      },
      write: async (trx) => {
        const letter = await produceDischargeLetter(trx, { access, summary, recipient, printSize: recipient === 'patient' ? (printSize as 'standard' | 'large') : undefined });
        return `/episodes/${access.episode.id}/discharge-summary?done=letter&letter=${letter.id}#letters`;
      },
      render: (fields, status) => render(request, reply, access, { fields, status, values: body }),
    });
  });

  typed.get('/letters/:id.pdf', { schema: { ...hidden, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const { letter, episode } = await loadLetter(request, request.params.id);
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: episode, kind: 'letter' });
    const pdf = await letterPdf(app.db, access, letter.id);
    // The stored bytes leave Homeward as a file: audited as an export, with the hash of what left.
    await audit(request, { action: 'export', outcome: 'allowed', patientId: episode.patientId, recordKind: 'letter', recordId: letter.id, reason: access.reason, detail: { basis: access.grant.basis, episodeId: episode.id, kind: letter.kind, sha256: letter.sha256 } });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${letter.kind}-${letter.producedAt.slice(0, 10)}-${letter.id.slice(0, 8)}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
