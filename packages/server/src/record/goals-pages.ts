// Goals as pages: the episode's goals with their levels, ratings and the GAS T-score; setting and
// refining a goal; rating attainment against the goal's own level descriptions; achieving or
// discontinuing a goal. Same rules as the JSON API; every page carries the patient banner.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  ageOn,
  checkGoalPlan,
  checkGoalRating,
  checkGoalStatusChange,
  formatDisplayDate,
  gasDifficultyLabels,
  gasImportanceLabels,
  gasLevelDescriptions,
  gasLevelName,
  gasRatings,
  goalStatusLabels,
  goalStatuses,
  goalTimePointLabels,
  goalTimePoints,
  isoDateToParts,
  maySetGoals,
  parseDateParts,
  serviceLabels,
  ukDateOf,
  type GasLevel,
  type GasLevelKey,
  type GoalPlanInput,
  type GoalRatingInput,
} from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { findPatient } from '../patients/public.ts';
import { loadEpisode, loadGoal } from './record-route-helpers.ts';
import { auditRecordRead, authoriseRecordRead, type RecordAccess } from './record-access.ts';
import { authoriseGoalWrite, goalKind } from './goals-access.ts';
import { findGoal, listGoals, summariseGoals } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';
import { checkGoalAttainment, goalRatingOptions, recordGoalAttainment } from './goal-attainment-record.ts';
import { checkGoalRefinement, planOf, refineGoal } from './goal-refine.ts';
import { episodeOpenForGoals, setGoal } from './goal-set.ts';
import { changeGoalStatus, checkGoalStatus } from './goal-status-change.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
const goalParams = z.object({ id: z.uuid() });
const doneQuery = z.object({ done: z.string().optional(), goal: z.string().optional() });
type Form = Record<string, string | string[]>;
const valuesOf = (body: Form): Form => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));

/** Form field names for the levels: '+' and '-' make poor ids and anchors. */
const levelField: Record<GasLevelKey, string> = { '-2': 'levels-minus-2', '-1': 'levels-minus-1', '0': 'levels-0', '+1': 'levels-plus-1', '+2': 'levels-plus-2' };
const levelPathToField = Object.fromEntries(gasLevelDescriptions.map(({ key }) => [`levels.${key}`, levelField[key]]));
/** The error summary's anchors: the first input of each group. */
const anchors = { ...levelPathToField, baseline: 'baseline', importance: 'importance', difficulty: 'difficulty', targetOn: 'targetOn-day', ratedOn: 'ratedOn-day', level: 'level', timePoint: 'timePoint', status: 'status', episode: 'main-form', form: 'main-form', goal: 'main-form', version: 'main-form' };
/** The ratings as the choice they are on the page, not the JSON's numbers ("Importance must be 0, 1, 2 or 3"). */
const pageWords: Record<string, string> = { importance: 'Choose how important the goal is to the patient', difficulty: 'Choose how difficult the goal will be to reach' };
const asThePageSaysIt = (fields: FieldError[]): FieldError[] => fields.map((f) => (pageWords[f.path] ? { ...f, message: pageWords[f.path]! } : f));
const fieldErrorsOf = (fields: FieldError[]) => errorsByField(fields.map((f) => ({ ...f, path: levelPathToField[f.path] ?? f.path })));
const numberOrNull = (text: string) => (text === '' || !/^-?\d+$/.test(text) ? null : Number(text));

const levelLabel = (level: number) => gasLevelName(level as GasLevel);
/** '+1 (somewhat more than expected)', for sentences. */
const levelPhrase = (level: number) => {
  const d = gasLevelDescriptions.find((x) => x.level === level);
  return d ? `${d.key} (${d.label.toLowerCase()})` : String(level);
};

/** Reads the goal form: the plan for the clinical rules, and the form's own date errors. */
function parseGoalForm(body: Form, today: string): { plan: GoalPlanInput; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const target = parseDateParts({ day: formField(body['targetOn-day']), month: formField(body['targetOn-month']), year: formField(body['targetOn-year']) }, { label: 'Target date', today });
  if (!target.ok) fields.push({ path: 'targetOn', message: target.message });
  const plan: GoalPlanInput = {
    statement: formField(body.statement),
    levels: Object.fromEntries(gasLevelDescriptions.map(({ key }) => [key, formField(body[levelField[key]])])),
    baseline: numberOrNull(formField(body.baseline)),
    importance: numberOrNull(formField(body.importance)),
    difficulty: numberOrNull(formField(body.difficulty)),
    targetOn: target.ok ? target.value : null,
    agreedWith: formField(body.agreedWith) || null,
  };
  return { plan, fields };
}

/** The form's errors and the clinical rules' errors together, the date's own message first. */
function goalFormErrors(plan: GoalPlanInput, formFields: FieldError[], ruleFields: FieldError[]): FieldError[] {
  const dateFailed = formFields.some((f) => f.path === 'targetOn');
  return [...ruleFields.filter((f) => !(dateFailed && f.path === 'targetOn')), ...formFields].sort((a, b) => order(a.path) - order(b.path));
  function order(path: string) {
    // The levels as the form lists them: +2 at the top, as GAS scales are written.
    const i = ['episode', 'statement', 'agreedWith', ...[...gasLevelDescriptions].reverse().map(({ key }) => `levels.${key}`), 'baseline', 'importance', 'difficulty', 'targetOn'].indexOf(path);
    return i === -1 ? 99 : i;
  }
}

function formValuesOf(goal: GoalResponse): Form {
  const target = isoDateToParts(goal.targetOn);
  return {
    statement: goal.statement,
    agreedWith: goal.agreedWith ?? '',
    ...Object.fromEntries(gasLevelDescriptions.map(({ key }) => [levelField[key], goal.levels[key]])),
    baseline: String(goal.baseline),
    importance: goal.importance === null ? '' : String(goal.importance),
    difficulty: goal.difficulty === null ? '' : String(goal.difficulty),
    'targetOn-day': target.day,
    'targetOn-month': target.month,
    'targetOn-year': target.year,
    version: String(goal.version),
  };
}

function confirmation(done: string | undefined, goal: GoalResponse | undefined, number: number): string | null {
  if (!goal) return null;
  const which = `Goal ${number}`;
  switch (done) {
    case 'set':
      return `${which} set: “${goal.statement}”. Baseline ${levelPhrase(goal.baseline)}, target ${formatDisplayDate(goal.targetOn)}.`;
    case 'refined':
      return `${which} changed: “${goal.statement}”.`;
    case 'rated': {
      const r = goal.ratings.at(-1);
      return r ? `${which} rated ${levelPhrase(r.level)} at ${goalTimePointLabels[r.timePoint].toLowerCase()} on ${formatDisplayDate(r.ratedOn)}.` : null;
    }
    case 'status':
      return `${which} marked as ${goalStatusLabels[goal.status].toLowerCase()}.`;
    default:
      return null;
  }
}

export async function goalPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const now = () => app.config.now();
  const today = () => ukDateOf(now());

  async function common(access: RecordAccess) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    return { section: 'caseload', patient: { ...patient, age: ageOn(patient.dateOfBirth, today()) }, breakGlass: access.grant.breakGlass, episode: access.episode, serviceLabels };
  }
  const goalsHref = (episodeId: string, goalId?: string) => `/episodes/${episodeId}/goals${goalId ? `#goal-${goalId}` : ''}`;
  /** After a stale write (409) the form carries the current version, so a deliberate resubmit can save. */
  async function freshVersion(access: RecordAccess, goal: GoalResponse, values: Form, status: number): Promise<Form> {
    if (status !== 409) return values;
    const current = await findGoal(app.db, access, goal.id);
    return current ? { ...values, version: String(current.version) } : values;
  }
  const numberOf = async (access: RecordAccess, goal: GoalResponse) => (await listGoals(app.db, access)).findIndex((g) => g.id === goal.id) + 1;

  typed.get('/episodes/:id/goals', { schema: { ...hidden, params: episodeParams, querystring: doneQuery } }, async (request, reply) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: goalKind });
    const goals = await listGoals(app.db, access);
    await auditRecordRead(app.db, access, goalKind, access.episode.id, { goalIds: goals.map((g) => g.id) });
    const index = goals.findIndex((g) => g.id === request.query.goal);
    const mayWrite = maySetGoals(access.grant.staff.role);
    return reply.page('record/pages/goals.njk', {
      ...(await common(access)),
      title: 'Goals',
      goals: goals.map((g, i) => ({
        ...g,
        number: i + 1,
        levelRows: [...gasLevelDescriptions].reverse().map(({ level, key, label }) => ({
          key,
          label,
          text: g.levels[key],
          isBaseline: level === g.baseline,
          isLatest: level === g.latestLevel,
        })),
        baselineName: levelLabel(g.baseline),
        latestName: g.latestLevel === null ? null : levelLabel(g.latestLevel),
        ratingRows: [...g.ratings].reverse().map((r) => ({ ...r, levelName: levelLabel(r.level), timePointLabel: goalTimePointLabels[r.timePoint] })),
      })),
      tScores: summariseGoals(goals),
      tScoreText: (t: { tScore: number | null; message: string | null }) => (t.tScore === null ? t.message : t.tScore.toFixed(2)),
      labels: { importance: gasImportanceLabels, difficulty: gasDifficultyLabels, status: goalStatusLabels },
      may: { write: mayWrite, setGoals: mayWrite && access.episode.status !== 'discharged' },
      flash: confirmation(request.query.done, goals[index], index + 1),
      backHref: `/episodes/${access.episode.id}/record`,
    });
  });

  // Setting and refining: one form.
  async function renderGoalForm(reply: FastifyReply, access: RecordAccess, values: Form, o: { goal?: GoalResponse; fields?: FieldError[]; status?: number } = {}) {
    const fields = o.fields ?? [];
    const radio = (list: readonly number[], labels: Record<number, string>, name: string) => list.map((n) => ({ value: String(n), text: `${n}: ${labels[n]}`, checked: values[name] === String(n) }));
    return reply.code(o.status ?? 200).page('record/pages/goal-form.njk', {
      ...(await common(access)),
      title: o.goal ? 'Change the goal' : 'Set a goal',
      goal: o.goal ?? null,
      action: o.goal ? `/goals/${o.goal.id}/edit` : `/episodes/${access.episode.id}/goals/new`,
      values,
      levels: [...gasLevelDescriptions].reverse().map(({ key, label }) => ({ key, label, field: levelField[key], path: `levels.${key}` })),
      baselineItems: [
        { value: '-1', text: '-1: Somewhat less than expected', hint: { text: 'Usual: where the patient is now' }, checked: values.baseline === '-1' },
        { value: '-2', text: '-2: Much less than expected', hint: { text: 'When the patient is already at the worst plausible level' }, checked: values.baseline === '-2' },
      ],
      importanceItems: radio(gasRatings, gasImportanceLabels, 'importance'),
      difficultyItems: radio(gasRatings, gasDifficultyLabels, 'difficulty'),
      errors: errorList(asThePageSaysIt(fields), anchors),
      fieldErrors: fieldErrorsOf(asThePageSaysIt(fields)),
      backHref: o.goal ? goalsHref(access.episode.id, o.goal.id) : goalsHref(access.episode.id),
    });
  }


  typed.get('/episodes/:id/goals/new', { schema: { ...hidden, params: episodeParams } }, async (request, reply) => {
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'set' });
    await auditRecordRead(app.db, access, goalKind, access.episode.id, { purpose: 'set-goal' });
    return renderGoalForm(reply, access, { baseline: '-1', formId: uuidv7() }, { fields: episodeOpenForGoals(access) });
  });

  typed.post('/episodes/:id/goals/new', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'set' });
    const body = request.body as Form;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const { plan, fields } = parseGoalForm(body, today());
        const all = goalFormErrors(plan, fields, [...episodeOpenForGoals(access), ...checkGoalPlan(plan, { now: now() })]);
        if (all.length) throw new HomewardError('validation_failed', all[0]!.message, { fields: all });
        return plan;
      },
      write: async (trx, plan) => {
        const goal = await setGoal(trx, { access, plan });
        return `/episodes/${access.episode.id}/goals?done=set&goal=${goal.id}#goal-${goal.id}`;
      },
      render: (fields, status) => renderGoalForm(reply, access, valuesOf(body), { fields, status }),
    });
  });

  typed.get('/goals/:id/edit', { schema: { ...hidden, params: goalParams } }, async (request, reply) => {
    const { goal, episode } = await loadGoal(request, request.params.id);
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'refine' });
    await auditRecordRead(app.db, access, goalKind, goal.id, { purpose: 'refine-goal' });
    // A rated goal's plan is fixed: say so on the error page, with the way back.
    checkGoalRefinement(actorOf(request).now, access, goal, planOf(goal));
    return renderGoalForm(reply, access, formValuesOf(goal), { goal });
  });

  typed.post('/goals/:id/edit', { schema: { ...hidden, params: goalParams, body: formBody } }, async (request, reply) => {
    const { goal, episode } = await loadGoal(request, request.params.id);
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'refine' });
    const body = request.body as Form;
    return pageWrite(request, reply, {
      check: () => {
        const version = Number(formField(body.version));
        if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the goal’s version; reload the page');
        const { plan, fields } = parseGoalForm(body, today());
        if (goal.planFixed) checkGoalRefinement(actorOf(request).now, access, goal, plan);
        const all = goalFormErrors(plan, fields, [...episodeOpenForGoals(access), ...checkGoalPlan(plan, { now: now(), currentTargetOn: goal.targetOn })]);
        if (all.length) throw new HomewardError('validation_failed', all[0]!.message, { fields: all });
        return { version, plan };
      },
      write: async (trx, { version, plan }) => {
        await refineGoal(trx, { access, goal, plan, version });
        return `/episodes/${access.episode.id}/goals?done=refined&goal=${goal.id}#goal-${goal.id}`;
      },
      render: async (fields, status) => renderGoalForm(reply, access, await freshVersion(access, goal, valuesOf(body), status), { goal, fields, status }),
    });
  });

  // Rating attainment against the goal's own descriptions.
  async function renderRate(reply: FastifyReply, access: RecordAccess, goal: GoalResponse, values: Form, fields: FieldError[] = [], status = 200) {
    const discharged = access.episode.status === 'discharged';
    const points = discharged ? (['discharge'] as const) : goalTimePoints;
    return reply.code(status).page('record/pages/goal-rate.njk', {
      ...(await common(access)),
      title: `Rate goal ${await numberOf(access, goal)}`,
      goal,
      action: `/goals/${goal.id}/rate`,
      values,
      discharged,
      levelItems: [...gasLevelDescriptions].reverse().map(({ level, key }) => ({
        value: key,
        text: levelLabel(level),
        hint: { text: `${goal.levels[key]}${level === goal.baseline ? ' (baseline)' : ''}` },
        checked: values.level === key,
      })),
      timePointItems: points.map((p) => ({ value: p, text: goalTimePointLabels[p], checked: values.timePoint === p })),
      errors: errorList(fields, anchors),
      fieldErrors: fieldErrorsOf(fields),
      backHref: goalsHref(access.episode.id, goal.id),
    });
  }

  typed.get('/goals/:id/rate', { schema: { ...hidden, params: goalParams } }, async (request, reply) => {
    const { goal, episode } = await loadGoal(request, request.params.id);
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'rate' });
    await auditRecordRead(app.db, access, goalKind, goal.id, { purpose: 'rate-goal' });
    const parts = isoDateToParts(today());
    const values: Form = { 'ratedOn-day': parts.day, 'ratedOn-month': parts.month, 'ratedOn-year': parts.year, formId: uuidv7() };
    if (access.episode.status === 'discharged') values.timePoint = 'discharge';
    return renderRate(reply, access, goal, values, goal.status === 'discontinued' ? [{ path: 'goal', message: 'This goal was discontinued, so it is no longer rated. Reopen it first if it applies again.' }] : []);
  });

  typed.post('/goals/:id/rate', { schema: { ...hidden, params: goalParams, body: formBody } }, async (request, reply) => {
    const { goal, episode } = await loadGoal(request, request.params.id);
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'rate' });
    const body = request.body as Form;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const key = gasLevelDescriptions.find((d) => d.key === formField(body.level));
        const rated = parseDateParts({ day: formField(body['ratedOn-day']), month: formField(body['ratedOn-month']), year: formField(body['ratedOn-year']) }, { label: 'Date of the rating', today: today() });
        const rating: GoalRatingInput = { level: key ? key.level : null, timePoint: formField(body.timePoint) || null, ratedOn: rated.ok ? rated.value : null, note: formField(body.note) || null };
        const fields = checkGoalRating(rating, goalRatingOptions(actorOf(request).now, access, goal)).filter((f) => rated.ok || f.path !== 'ratedOn');
        if (!rated.ok) fields.push({ path: 'ratedOn', message: rated.message });
        if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        checkGoalAttainment(actorOf(request).now, access, goal, rating);
        return rating;
      },
      write: async (trx, rating) => {
        await recordGoalAttainment(trx, { access, goal, rating });
        return `/episodes/${access.episode.id}/goals?done=rated&goal=${goal.id}#goal-${goal.id}`;
      },
      render: (fields, status) => renderRate(reply, access, goal, valuesOf(body), fields, status),
    });
  });

  // Achieved, discontinued, or reopened.
  async function renderStatus(reply: FastifyReply, access: RecordAccess, goal: GoalResponse, values: Form, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('record/pages/goal-status.njk', {
      ...(await common(access)),
      title: `Achieved or discontinued: goal ${await numberOf(access, goal)}`,
      goal,
      action: `/goals/${goal.id}/status`,
      values,
      currentStatus: goalStatusLabels[goal.status],
      statusItems: goalStatuses
        .filter((s) => s !== goal.status)
        .map((s) => ({ value: s, text: s === 'active' ? 'Active again (reopen the goal)' : goalStatusLabels[s], checked: values.status === s })),
      errors: errorList(fields, { ...anchors, reason: 'reason' }),
      fieldErrors: errorsByField(fields),
      backHref: goalsHref(access.episode.id, goal.id),
    });
  }

  typed.get('/goals/:id/status', { schema: { ...hidden, params: goalParams } }, async (request, reply) => {
    const { goal, episode } = await loadGoal(request, request.params.id);
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'status' });
    await auditRecordRead(app.db, access, goalKind, goal.id, { purpose: 'change-goal-status' });
    return renderStatus(reply, access, goal, { version: String(goal.version) });
  });

  typed.post('/goals/:id/status', { schema: { ...hidden, params: goalParams, body: formBody } }, async (request, reply) => {
    const { goal, episode } = await loadGoal(request, request.params.id);
    const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'status' });
    const body = request.body as Form;
    return pageWrite(request, reply, {
      check: () => {
        const version = Number(formField(body.version));
        if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the goal’s version; reload the page');
        const change = { status: formField(body.status) || null, reason: formField(body.reason) || null };
        const fields = checkGoalStatusChange({ from: goal.status, to: change.status, reason: change.reason });
        if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        checkGoalStatus(goal, change);
        return { version, change };
      },
      write: async (trx, { version, change }) => {
        await changeGoalStatus(trx, { access, goal, change, version });
        return `/episodes/${access.episode.id}/goals?done=status&goal=${goal.id}#goal-${goal.id}`;
      },
      render: async (fields, status) => renderStatus(reply, access, (status === 409 && (await findGoal(app.db, access, goal.id))) || goal, await freshVersion(access, goal, valuesOf(body), status), fields, status),
    });
  });
}
