// Reviews as pages: the episode's review dates, the reviews held and the assessments due, and the form
// to record a review. Same rules as the JSON API; POST/redirect/GET with a confirmation.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import {
  ageOn,
  defaultReviewDueWindowDays,
  daysBetween,
  formatDisplayDate,
  mayRecordEpisodeReview,
  parseDateParts,
  reviewDecisionLabels,
  reviewDecisions,
  reviewKindLabels,
  reviewKinds,
  reviewStateLabels,
  serviceLabels,
  ukDateOf,
  type EpisodeReviewSchedule,
} from '@homeward/clinical';
import type { EpisodeResponse } from '../caseload/public.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { findPatient } from '../patients/public.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { auditRecordRead, authoriseRecordRead, mayWriteRecord, type RecordAccess } from './record-access.ts';
import { assessmentPromptsForEpisode } from './review-prompts.ts';
import { authoriseReviewWrite, listEpisodeReviews, recordEpisodeReview, reviewConfirmation, reviewProblems, reviewRecordKind, scheduleFor, type ReviewInput } from './reviews.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
type Form = Record<string, string | string[]>;

const isUnderWay = (e: EpisodeResponse) => (e.status === 'active' || e.status === 'on-hold') && e.firstContactAt !== null;

/** The review a clinician is most likely recording today: the end one near the planned end, the half-way one near half-way. */
function likelyKind(schedule: EpisodeReviewSchedule, today: string): string {
  const near = (date: string | null) => date !== null && daysBetween(today, date) <= defaultReviewDueWindowDays;
  if (near(schedule.endReviewOn)) return 'end-of-episode';
  if (near(schedule.midwayReviewOn)) return 'half-way';
  return '';
}

/** A date typed in three fields: null when all are empty and the date is optional. */
function formDate(body: Form, name: string, label: string, today: string, required: boolean, fields: FieldError[]): string | null {
  const parts = { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
  if (!required && !parts.day && !parts.month && !parts.year) return null;
  const parsed = parseDateParts(parts, { label, today });
  if (parsed.ok) return parsed.value;
  fields.push({ path: name, message: parsed.message });
  return null;
}

export async function reviewPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  async function common(access: RecordAccess) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    return { section: 'caseload', patient: { ...patient, age: ageOn(patient.dateOfBirth, today()) }, breakGlass: access.grant.breakGlass, episode: access.episode, serviceLabels };
  }

  typed.get('/episodes/:id/reviews', { schema: { ...hidden, params: episodeParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: reviewRecordKind });
    const [reviews, prompts] = await Promise.all([listEpisodeReviews(app.db, access), assessmentPromptsForEpisode(app.db, access, today())]);
    await auditRecordRead(app.db, access, reviewRecordKind, access.episode.id, { reviewIds: reviews.map((r) => r.id) });
    const done = reviews.find((r) => r.id === request.query.done);
    return reply.page('record/pages/reviews.njk', {
      ...(await common(access)),
      title: 'Reviews',
      schedule: scheduleFor(access.episode, today()),
      reviews,
      prompts,
      mayRecordAssessments: mayWriteRecord(access.grant.staff.role),
      kindLabels: reviewKindLabels,
      decisionLabels: reviewDecisionLabels,
      reviewStateLabels,
      may: { record: mayRecordEpisodeReview(access.grant.staff.role) && isUnderWay(access.episode) },
      underWay: isUnderWay(access.episode),
      flash: done ? reviewConfirmation(done) : null,
      backHref: `/episodes/${access.episode.id}/record`,
    });
  });

  async function renderForm(reply: FastifyReply, access: RecordAccess, episode: EpisodeResponse, values: Form, fields: FieldError[] = [], status = 200) {
    const schedule = scheduleFor(episode, today());
    const kind = values.kind ?? likelyKind(schedule, today());
    const dateItems = (name: string) => {
      const error = fields.some((f) => f.path === name) ? 'nhsuk-input--error' : '';
      return [
        { id: `${name}-day`, name: `${name}-day`, label: 'Day', width: 2, classes: error, value: values[`${name}-day`] },
        { id: `${name}-month`, name: `${name}-month`, label: 'Month', width: 2, classes: error, value: values[`${name}-month`] },
        { id: `${name}-year`, name: `${name}-year`, label: 'Year', width: 4, classes: error, value: values[`${name}-year`] },
      ];
    };
    return reply.code(status).page('record/pages/review-form.njk', {
      ...(await common({ ...access, episode })),
      title: 'Record a review',
      schedule,
      version: episode.version,
      values,
      kindItems: reviewKinds.map((k) => ({ value: k, text: reviewKindLabels[k], checked: k === kind })),
      decisionItems: reviewDecisions.map((d) => ({ value: d, text: reviewDecisionLabels[d], checked: d === values.decision })),
      heldOnItems: dateItems('heldOn'),
      nextReviewItems: dateItems('nextReviewOn'),
      plannedEndItems: dateItems('plannedEndOn'),
      plannedEndText: episode.plannedEndOn ? formatDisplayDate(episode.plannedEndOn) : null,
      errors: errorList(fields, { heldOn: 'heldOn-day', nextReviewOn: 'nextReviewOn-day', plannedEndOn: 'plannedEndOn-day', episode: 'main-form', version: 'main-form', form: 'main-form' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${episode.id}/reviews`,
    });
  }

  typed.get('/episodes/:id/reviews/new', { schema: { ...hidden, params: episodeParams } }, async (request, reply) => {
    const access = await authoriseReviewWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    await auditRecordRead(app.db, access, reviewRecordKind, access.episode.id, { purpose: 'record-review' });
    const [year, month, day] = today().split('-');
    return renderForm(reply, access, access.episode, { 'heldOn-day': String(Number(day)), 'heldOn-month': String(Number(month)), 'heldOn-year': year! });
  });

  typed.post('/episodes/:id/reviews/new', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseReviewWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const body = request.body as Form;
    const values: Form = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, formField(v)]));
    const fields: FieldError[] = [];
    const heldOn = formDate(body, 'heldOn', 'Date of the review', today(), true, fields);
    const nextReviewOn = formDate(body, 'nextReviewOn', 'Date of the next review', today(), false, fields);
    const plannedEndOn = formDate(body, 'plannedEndOn', 'New planned end', today(), false, fields);
    const input: ReviewInput = { kind: formField(body.kind) || null, heldOn, summary: formField(body.summary), decision: formField(body.decision) || null, nextReviewOn, plannedEndOn };
    const version = Number(formField(body.version));
    try {
      // The form's own date errors and the clinical checks, listed together.
      const domain = reviewProblems(access.episode, input, app.config.now());
      const all = [...fields, ...domain.filter((d) => !fields.some((f) => f.path === d.path))];
      if (all.length) throw new HomewardError('validation_failed', all[0]!.message, { fields: all });
      if (!isStoredVersion(version)) throw new HomewardError('version_conflict', 'stale', { current: access.episode });
      const saved = await app.db.transaction().execute((trx) => recordEpisodeReview(trx, { access, input, version: version }));
      return redirectSeeOther(reply, `/episodes/${access.episode.id}/reviews?done=${saved.review.id}`);
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'validation_failed') return renderForm(reply, access, access.episode, values, error.fields.length ? error.fields : [{ path: 'form', message: error.message }], 400);
      if (error instanceof HomewardError && error.code === 'version_conflict') {
        const current = (error.current as EpisodeResponse | undefined) ?? access.episode;
        return renderForm(reply, access, current, values, [{ path: 'version', message: 'Someone else changed this episode while you had the form open. Check its review dates as they are now, then save again.' }], 409);
      }
      throw error;
    }
  });
}
