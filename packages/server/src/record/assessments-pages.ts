// Standardised assessments as pages: choose an instrument, fill in the form generated from its
// definition, and see each instrument's baseline, latest score and change. Same rules as the JSON API;
// every page carries the patient banner so nobody scores the wrong person.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  administrationMethodLabels,
  ageOn,
  findInstrument,
  fromUkWallClock,
  instrumentDefinitions,
  parseDateParts,
  parseTimeOfDay,
  serviceLabels,
  toUkWallClock,
  ukDateOf,
  type InstrumentDefinition,
  describeScore,
} from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { findPatient } from '../patients/public.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { assessmentKind, assessmentProblems, listAssessments, recordAssessment, summariseAssessments } from './assessments.ts';
import { episodeDateFacts } from '../caseload/public.ts';
import { timePointLabels, timePoints, type AssessmentResponse, type TimePoint } from './assessments-schema.ts';
import { auditRecordRead, authoriseRecordRead, authoriseRecordWrite, mayWriteRecord, type RecordAccess } from './record-access.ts';
import { assessmentPromptsForEpisode } from './review-prompts.ts';
import { scoreChartSections } from './score-chart-sections.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
type Form = Record<string, string | string[]>;

/** The confirmation after saving: what was scored and how it has changed, in one line. */
export function assessmentConfirmation(a: AssessmentResponse): string {
  const scored = a.total === null ? 'recorded' : `recorded: total ${describeScore(a.total, a.unit, a.band?.label ?? null)}`;
  return `${a.instrumentName} ${scored}.${a.changeFromBaseline ? ` ${a.changeFromBaseline.summary}.` : ''}`;
}

/** Reads the form into responses (numbers, or null when unanswered) and the form's own errors. */
function parseAssessmentForm(definition: InstrumentDefinition, body: Form, today: string) {
  const fields: FieldError[] = [];
  const responses: Record<string, number | null> = {};
  for (const item of definition.items) {
    const text = formField(body[`responses.${item.id}`]);
    if (text === '') responses[item.id] = null;
    else if (/^-?\d+(\.\d+)?$/.test(text)) responses[item.id] = Number(text);
    else fields.push({ path: `responses.${item.id}`, message: `${item.text}: enter a number${item.kind === 'numeric' ? `, for example ${item.min}` : ''}` });
  }
  const timePoint = timePoints.find((p) => p === formField(body.timePoint));
  if (!timePoint) fields.push({ path: 'timePoint', message: 'Choose when in the episode this assessment was done' });
  const method = formField(body.method);
  if (!method) fields.push({ path: 'method', message: 'Choose how the assessment was done' });
  const date = parseDateParts({ day: formField(body['administeredAt-day']), month: formField(body['administeredAt-month']), year: formField(body['administeredAt-year']) }, { label: 'Date of the assessment', today });
  const time = parseTimeOfDay(formField(body['administeredAt-time']));
  if (!date.ok) fields.push({ path: 'administeredAt', message: date.message });
  if (time === null) fields.push({ path: 'administeredAtTime', message: 'Enter the time of the assessment, using the 24-hour clock, for example 14:30' });
  const at = date.ok && time !== null ? fromUkWallClock(date.value, time) : null;
  if (date.ok && time !== null && !at) fields.push({ path: 'administeredAtTime', message: 'That time did not happen: the clocks went forward an hour. Check the time' });
  return { responses, timePoint: timePoint as TimePoint | undefined, method, at, fields };
}

export async function assessmentPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const now = () => app.config.now();

  /** The form's problems first, then each of the record's problems on a field the form had nothing to say about. */
  async function allAssessmentProblems(access: RecordAccess, definition: InstrumentDefinition, parsed: ReturnType<typeof parseAssessmentForm>): Promise<FieldError[]> {
    const record = assessmentProblems(definition, { method: parsed.method || null, administeredAt: parsed.at, responses: parsed.responses }, episodeDateFacts(access.episode, now()));
    const fields = [...parsed.fields];
    if (parsed.timePoint === 'baseline' && (await listAssessments(app.db, access)).some((a) => a.instrumentId === definition.id && a.timePoint === 'baseline')) {
      fields.push({ path: 'timePoint', message: `This episode already has a baseline ${definition.name}. Choose review, discharge or other` });
    }
    const seen = new Set(fields.map((f) => f.path));
    for (const f of record.fields) if (!seen.has(f.path)) fields.push(f);
    // The error summary in the order the questions are on the form (NHS.UK pattern).
    const order = ['timePoint', 'method', 'administeredAt', 'administeredAtTime', ...definition.items.map((i) => `responses.${i.id}`)];
    const place = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length);
    return fields.map((f, i) => ({ f, i })).sort((a, b) => place(a.f.path) - place(b.f.path) || a.i - b.i).map(({ f }) => f);
  }

  async function common(access: RecordAccess) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    return { section: 'caseload', patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(now())) }, breakGlass: access.grant.breakGlass, episode: access.episode, serviceLabels };
  }

  typed.get('/episodes/:id/assessments', { schema: { ...hidden, params: episodeParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: assessmentKind });
    const assessments = await listAssessments(app.db, access);
    await auditRecordRead(app.db, access, assessmentKind, access.episode.id, { assessmentIds: assessments.map((a) => a.id) });
    const done = assessments.find((a) => a.id === request.query.done);
    return reply.page('record/pages/assessments.njk', {
      ...(await common(access)),
      title: 'Assessments',
      assessments: [...assessments].reverse(),
      byInstrument: summariseAssessments(assessments),
      scoreSections: scoreChartSections(assessments),
      prompts: await assessmentPromptsForEpisode(app.db, access, ukDateOf(now())),
      mayRecordAssessments: mayWriteRecord(access.grant.staff.role),
      timePointLabels,
      flash: done ? assessmentConfirmation(done) : null,
      backHref: `/episodes/${access.episode.id}/record`,
    });
  });

  async function renderForm(reply: FastifyReply, access: RecordAccess, definition: InstrumentDefinition, values: Form, fields: FieldError[] = [], status = 200) {
    const taken = (await listAssessments(app.db, access)).some((a) => a.instrumentId === definition.id && a.timePoint === 'baseline');
    const selectedPoint = values.timePoint || (taken ? '' : 'baseline');
    const selectedMethod = values.method || (definition.administration.length === 1 ? definition.administration[0] : '');
    return reply.code(status).page('record/pages/assessment-form.njk', {
      ...(await common(access)),
      title: `Record a ${definition.name}`,
      definition,
      action: `/episodes/${access.episode.id}/assessments/new?instrument=${definition.id}`,
      values,
      hasBaseline: taken,
      timePointItems: timePoints.map((p) => ({ value: p, text: timePointLabels[p], checked: p === selectedPoint })),
      methodItems: definition.administration.map((m) => ({ value: m, text: administrationMethodLabels[m], checked: m === selectedMethod })),
      items: definition.items.map((item) => ({
        ...item,
        name: `responses.${item.id}`,
        idPrefix: `responses-${item.id}`,
        radios: item.kind === 'choice' ? item.options.map((o) => ({ value: String(o.value), text: o.label, checked: values[`responses.${item.id}`] === String(o.value) })) : [],
      })),
      errors: errorList(fields, { form: 'main-form', administeredAt: 'administeredAt-day', instrumentId: 'main-form' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${access.episode.id}/assessments/new`,
    });
  }

  // ?timePoint= preselects when in the episode it was done, from the reassessment prompts' links.
  typed.get('/episodes/:id/assessments/new', { schema: { ...hidden, params: episodeParams, querystring: z.object({ instrument: z.string().optional(), timePoint: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: assessmentKind });
    const definition = request.query.instrument ? findInstrument(request.query.instrument) : undefined;
    await auditRecordRead(app.db, access, assessmentKind, access.episode.id, { purpose: 'record-assessment', instrumentId: definition?.id ?? null });
    if (!definition) {
      return reply.page('record/pages/assessment-choose.njk', {
        ...(await common(access)),
        title: 'Record an assessment',
        instruments: instrumentDefinitions.map((d) => ({ id: d.id, name: d.name, shortName: d.shortName })),
        errors: request.query.instrument ? errorList([{ path: 'instrument', message: 'That is not an assessment Homeward offers. Choose one from the list' }], { instrument: 'instruments' }) : [],
        backHref: `/episodes/${access.episode.id}/record`,
      });
    }
    const at = toUkWallClock(now());
    const [year, month, day] = at.date.split('-');
    const timePoint = timePoints.find((p) => p === request.query.timePoint);
    return renderForm(reply, access, definition, { 'administeredAt-day': String(Number(day)), 'administeredAt-month': String(Number(month)), 'administeredAt-year': year!, 'administeredAt-time': at.time, formId: uuidv7(), ...(timePoint ? { timePoint } : {}) });
  });

  typed.post('/episodes/:id/assessments/new', { schema: { ...hidden, params: episodeParams, querystring: z.object({ instrument: z.string().optional() }), body: formBody } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: assessmentKind });
    const definition = findInstrument(request.query.instrument ?? '');
    if (!definition) throw notFound('Assessment');
    const body = request.body as Form;
    const values: Form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: async () => {
        const parsed = parseAssessmentForm(definition, body, ukDateOf(now()));
        // The form's own problems and the record's (unanswered items, the date's bounds, a second
        // baseline) together, so nobody corrects the form only to be told about the rest.
        if (parsed.fields.length) parsed.fields = await allAssessmentProblems(access, definition, parsed);
        if (parsed.fields.length || !parsed.timePoint || !parsed.at) throw new HomewardError('validation_failed', parsed.fields[0]?.message ?? 'Check the form', { fields: parsed.fields });
        return { instrumentId: definition.id, timePoint: parsed.timePoint, method: parsed.method, administeredAt: parsed.at, responses: parsed.responses };
      },
      write: async (trx, input) => {
        const saved = await recordAssessment(trx, { access, input });
        return `/episodes/${access.episode.id}/assessments?done=${saved.id}`;
      },
      render: (fields, status) => renderForm(reply, access, definition, values, fields, status),
    });
  });
}
