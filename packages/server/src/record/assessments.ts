// Recording a standardised assessment: the responses are scored by the same code as the browser
// (scoreInstrument) and the total, subscales and band stored with them; nothing is typed. Entries are
// append-only; one baseline per instrument per episode. Writes and their audit share the transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { changeFromBaseline, clinicalDateProblem, findInstrument, scoreInstrument, type ClinicalDateFacts, type InstrumentDefinition, type InstrumentScore, type ItemResponses } from '@homeward/clinical';
import { episodeDateFacts } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { auditRecordWrite, writerOf, type RecordKind, type RecordWriteAccess } from './record-access.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';
import type { AssessmentResponse, ChangeResponse, InstrumentSummary, TimePoint } from './assessments-schema.ts';

/** RecordKind in record-access.ts does not list assessments yet; the audit and access rules take any kind. */
export const assessmentKind: RecordKind = 'assessment';

export type AssessmentInput = { instrumentId: string; timePoint: TimePoint; method: string; administeredAt: Date; responses: Record<string, unknown> };

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function instrumentOrRefuse(id: string): InstrumentDefinition {
  const definition = findInstrument(id);
  if (!definition) throw validationFailed([{ path: 'instrumentId', message: `${id || 'That'} is not an assessment Homeward offers. Choose one from the list` }]);
  return definition;
}

/**
 * Everything wrong with an assessment, all at once: the method, the date (judged against the patient's
 * birth, the referral and now: clinicalDateProblem) and the scorer's item-level messages as
 * `responses.<itemId>`. A page passes what it could read of the form (a method or date it could not
 * read is null and left to the form's own message), so the clinician sees every problem in one round.
 */
export function assessmentProblems(
  definition: InstrumentDefinition,
  input: { method: string | null; administeredAt: Date | null; responses: Record<string, unknown> },
  dates: ClinicalDateFacts,
): { fields: FieldError[]; score: InstrumentScore | null } {
  const fields: FieldError[] = [];
  if (input.method !== null && !(definition.administration as readonly string[]).includes(input.method)) {
    fields.push({ path: 'method', message: `The ${definition.shortName} is done by ${definition.administration.join(' or ')}; choose one of those` });
  }
  const when = input.administeredAt ? clinicalDateProblem('assessment', input.administeredAt, dates) : null;
  if (when) fields.push({ path: 'administeredAt', message: when });
  const score = scoreInstrument(definition, input.responses as ItemResponses);
  if (!score.ok) fields.push(...score.errors.map((e) => ({ path: `responses.${e.itemId}`, message: e.message })));
  return { fields, score: score.ok ? score : null };
}

/** Scores the responses or refuses with every problem (assessmentProblems). */
export function checkAssessment(input: AssessmentInput, dates: ClinicalDateFacts): { definition: InstrumentDefinition; score: InstrumentScore } {
  const definition = instrumentOrRefuse(input.instrumentId);
  const { fields, score } = assessmentProblems(definition, input, dates);
  if (fields.length || !score) throw validationFailed(fields);
  return { definition, score };
}

const secondBaseline = (definition: InstrumentDefinition) =>
  new HomewardError('duplicate', `This episode already has a baseline ${definition.name}. Record this one as a review, discharge or other assessment: the change is measured from the first baseline.`, {
    fields: [{ path: 'timePoint', message: `This episode already has a baseline ${definition.name}. Choose review, discharge or other` }],
  });

export type RecordAssessmentOptions = { access: RecordWriteAccess; input: AssessmentInput };

export async function recordAssessment(trx: Kysely<Database>, o: RecordAssessmentOptions): Promise<AssessmentResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const now = actor.now;
  const { definition, score } = checkAssessment(o.input, episodeDateFacts(o.access.episode, now));
  const episode = o.access.episode;
  if (o.input.timePoint === 'baseline') {
    const existing = await trx.selectFrom('assessments').select('id').where('episode_id', '=', episode.id).where('instrument_id', '=', definition.id).where('time_point', '=', 'baseline').executeTakeFirst();
    if (existing) throw secondBaseline(definition);
  }
  const responses = Object.fromEntries(definition.items.map((item) => [item.id, (o.input.responses[item.id] as number | null | undefined) ?? null]));
  const id = uuidv7();
  try {
    await trx
      .insertInto('assessments')
      .values({
        id,
        episode_id: episode.id,
        patient_id: episode.patientId,
        instrument_id: definition.id,
        instrument_version: definition.version,
        time_point: o.input.timePoint,
        method: o.input.method,
        responses: JSON.stringify(responses),
        total: score.total,
        subscales: JSON.stringify(score.subscales),
        band: score.band?.id ?? null,
        administered_at: o.input.administeredAt,
        recorded_at: now,
        recorded_by: principal.staffId,
        recorded_by_role: principal.role,
      })
      .execute();
  } catch (error) {
    // Two baselines saved at the same moment: the database's one-baseline index decides.
    if (isUniqueViolation(error, 'assessments_one_baseline_idx')) throw secondBaseline(definition);
    throw error;
  }
  const saved = (await listAssessments(trx, o.access)).find((a) => a.id === id)!;
  await auditRecordWrite(trx, o.access, assessmentKind, id, { change: 'assessment-recorded', instrumentId: definition.id, timePoint: o.input.timePoint, total: score.total });
  return saved;
}

function bandLabel(definition: InstrumentDefinition | undefined, bandId: string | null): { id: string; label: string } | null {
  if (!bandId) return null;
  const band = definition?.bandings[0]?.bands.find((b) => b.id === bandId);
  return { id: bandId, label: band?.label ?? bandId };
}

/** The episode's assessments, in the order they were done, each with its change from the instrument's baseline. */
export async function listAssessments(db: Kysely<Database>, access: RecordAccess): Promise<AssessmentResponse[]> {
  return assessmentsOfEpisode(db, episodeIdOf(access));
}

/** The same without a grant: for the facts a discharge summary is drafted from, inside its write. Never for a route. */
export async function assessmentsOfEpisode(db: Kysely<Database>, episodeId: string): Promise<AssessmentResponse[]> {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('staff', 'staff.id', 'assessments.recorded_by')
    .selectAll('assessments')
    .select(['staff.given_name', 'staff.family_name', 'staff.homeward_role'])
    .where('assessments.episode_id', '=', episodeId)
    .orderBy('assessments.administered_at')
    .orderBy('assessments.id')
    .execute();
  const baselines = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (r.time_point === 'baseline') baselines.set(r.instrument_id, r);
  return rows.map((r) => {
    const definition = findInstrument(r.instrument_id);
    const total = r.total === null ? null : Number(r.total);
    const baseline = baselines.get(r.instrument_id);
    let change: ChangeResponse | null = null;
    // Only compare totals scored under the same definition version as the baseline.
    if (definition?.direction && baseline && baseline.id !== r.id && baseline.total !== null && total !== null && baseline.instrument_version === r.instrument_version) {
      const baselineTotal = Number(baseline.total);
      change = { ...changeFromBaseline(definition, baselineTotal, total), baselineId: baseline.id, baselineTotal };
    }
    return {
      id: r.id,
      episodeId: r.episode_id,
      patientId: r.patient_id,
      instrumentId: r.instrument_id,
      instrumentVersion: r.instrument_version,
      instrumentName: definition?.name ?? r.instrument_id,
      timePoint: r.time_point,
      method: r.method,
      administeredAt: iso(r.administered_at),
      responses: r.responses as Record<string, number | null>,
      total,
      subscales: (r.subscales ?? {}) as Record<string, number>,
      band: bandLabel(definition, r.band),
      unit: definition?.unit ?? 'points',
      recordedAt: iso(r.recorded_at),
      recordedBy: { id: r.recorded_by, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role },
      changeFromBaseline: change,
    };
  });
}

/** Per instrument, in the order instruments were first used: baseline, latest and the change between them. */
export function summariseAssessments(assessments: readonly AssessmentResponse[]): InstrumentSummary[] {
  const byInstrument = new Map<string, AssessmentResponse[]>();
  for (const a of assessments) byInstrument.set(a.instrumentId, [...(byInstrument.get(a.instrumentId) ?? []), a]);
  return [...byInstrument.values()].map((list) => {
    const latest = list.at(-1)!;
    return { instrumentId: latest.instrumentId, instrumentName: latest.instrumentName, unit: latest.unit, baseline: list.find((a) => a.timePoint === 'baseline') ?? null, latest, count: list.length };
  });
}
