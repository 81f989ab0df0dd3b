// Scores one completed instrument from its item responses. The only place a total is computed: the
// server calls it before storing, the browser calls it to show the total as the form is filled in.
import type { ScoreBanding, InstrumentDefinition, InstrumentItem, NumericItem, Scoring } from './instrument.ts';
import { roundScore } from './instrument.ts';

/** Item id to the option's value or the measurement; null or absent when not answered. */
export type ItemResponses = Readonly<Record<string, number | null | undefined>>;

export type ItemError = { itemId: string; message: string };

export type AssignedBand = { banding: string; bandingLabel: string; id: string; label: string; appliesTo?: string };

export type ScoringTotal = { total: number; subscales: Record<string, number> };

export type InstrumentScore = {
  ok: true;
  /** The primary total; null when the instrument has no total (TOM profile, home environment checklist). */
  total: number | null;
  /** Subscales under the primary scoring; a subscale with an unanswered item is left out. */
  subscales: Record<string, number>;
  /** By scoring id: Barthel 'total-100', NEADL 'scoring-b'. */
  alternativeTotals: Record<string, ScoringTotal>;
  /** The first banding's band: the one shown beside the score. */
  band: AssignedBand | null;
  bands: AssignedBand[];
  /** True when unanswered items were allowed for and the total scaled up (FES-I). */
  prorated: boolean;
  /** Items answered, of definition.items.length. */
  answered: number;
};

export type InstrumentScoreRefused = { ok: false; errors: ItemError[] };

export type InstrumentScoreResult = InstrumentScore | InstrumentScoreRefused;

function listInWords(values: readonly number[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

function describeStep(item: NumericItem): string {
  if (item.step === 1) return 'a whole number';
  if (item.step === 0.1) return 'to one decimal place';
  if (item.step === 0.5) return 'in whole or half points';
  return `in steps of ${item.step}`;
}

function isMultipleOfStep(value: number, item: NumericItem): boolean {
  const steps = (value - item.min) / item.step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

function checkResponse(item: InstrumentItem, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${item.text}: the response must be a number`;
  if (item.kind === 'choice') {
    const values = item.options.map((option) => option.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    if (value < min || value > max) return `${item.text}: ${value} is out of range; the options run from ${min} to ${max}`;
    if (!values.includes(value)) return `${item.text}: ${value} is not one of the options (${listInWords(values)})`;
    return null;
  }
  const unit = item.unit ? ` ${item.unit}` : '';
  if (value < item.min || value > item.max) return `${item.text}: ${value}${unit} is out of range; enter ${item.min} to ${item.max}${unit}`;
  if (!isMultipleOfStep(value, item)) return `${item.text}: ${value} must be given ${describeStep(item)}`;
  return null;
}

function pointsOf(item: InstrumentItem, value: number): number {
  if (item.kind === 'numeric') return value;
  return item.options.find((option) => option.value === value)?.points ?? value;
}

function checkMissing(definition: InstrumentDefinition, missing: readonly InstrumentItem[]): ItemError[] {
  const rule = definition.missingItems;
  const scored = new Set(definition.scorings[0]?.items ?? []);
  const missingScored = rule.kind === 'prorate' ? missing.filter((item) => scored.has(item.id)) : [];
  const errors: ItemError[] = [];
  for (const item of missing) {
    if (rule.kind === 'prorate' && scored.has(item.id)) {
      if (missingScored.length > rule.maxMissing) {
        errors.push({
          itemId: item.id,
          message: `${item.text}: not answered; the ${definition.shortName} can be scored with up to ${rule.maxMissing} unanswered ${rule.maxMissing === 1 ? 'item' : 'items'}, and ${missingScored.length} are unanswered`,
        });
      }
    } else {
      errors.push({ itemId: item.id, message: `${item.text}: not answered; every item of the ${definition.shortName} must be answered` });
    }
  }
  return errors;
}

const identityScoring = (definition: InstrumentDefinition): Scoring => ({
  id: 'items',
  label: 'Items',
  items: definition.items.map((item) => item.id),
  min: Number.NEGATIVE_INFINITY,
  max: Number.POSITIVE_INFINITY,
});

function addUp(definition: InstrumentDefinition, scoring: Scoring, points: ReadonlyMap<string, number>): ScoringTotal & { prorated: boolean } {
  const recoded = (id: string): number | undefined => {
    const p = points.get(id);
    return p === undefined ? undefined : (scoring.recode?.[p] ?? p);
  };
  const multiplier = scoring.multiplier ?? 1;
  let sum = 0;
  let answered = 0;
  for (const id of scoring.items) {
    const p = recoded(id);
    if (p !== undefined) {
      sum += p;
      answered += 1;
    }
  }
  const prorated = answered < scoring.items.length;
  // checkMissing has refused a response set with fewer answers than the rule allows, so answered > 0.
  const raw = prorated ? roundScore((sum * scoring.items.length) / answered, 0) : sum;

  const subscales: Record<string, number> = {};
  for (const subscale of definition.subscales) {
    const parts = subscale.items.map(recoded);
    if (parts.every((p) => p !== undefined)) {
      subscales[subscale.id] = roundScore(parts.reduce((a, b) => a + b, 0) * multiplier, definition.decimals);
    }
  }
  return { total: roundScore(raw * multiplier, definition.decimals), subscales, prorated };
}

function assignBand(banding: ScoreBanding, value: number): { id: string; label: string } {
  const band = banding.bands.find((b) => value >= b.min && value <= b.max);
  // A gap in a definition's bands is a defect in that file, caught by its tests, never the user's fault.
  if (!band) throw new Error(`${banding.id}: no band for ${value}`);
  return band;
}

export function scoreInstrument(definition: InstrumentDefinition, responses: ItemResponses): InstrumentScoreResult {
  const errors: ItemError[] = [];
  const known = new Set(definition.items.map((item) => item.id));
  for (const id of Object.keys(responses)) {
    if (!known.has(id)) errors.push({ itemId: id, message: `${id}: not an item of the ${definition.name}` });
  }

  const points = new Map<string, number>();
  const missing: InstrumentItem[] = [];
  for (const item of definition.items) {
    const value: unknown = Object.hasOwn(responses, item.id) ? responses[item.id] : undefined;
    if (value === null || value === undefined) {
      missing.push(item);
      continue;
    }
    const problem = checkResponse(item, value);
    if (problem) errors.push({ itemId: item.id, message: problem });
    else points.set(item.id, pointsOf(item, value as number));
  }
  errors.push(...checkMissing(definition, missing));
  if (errors.length > 0) return { ok: false, errors };

  const totals = new Map(definition.scorings.map((scoring) => [scoring.id, addUp(definition, scoring, points)]));
  const [primary, ...alternatives] = definition.scorings;
  const primaryTotal = primary ? totals.get(primary.id) : undefined;

  const alternativeTotals: Record<string, ScoringTotal> = {};
  for (const scoring of alternatives) {
    const { total, subscales } = totals.get(scoring.id)!;
    alternativeTotals[scoring.id] = { total, subscales };
  }

  const bands: AssignedBand[] = definition.bandings.map((banding) => {
    const total = totals.get(banding.scoring);
    if (!total) throw new Error(`${banding.id}: no scoring ${banding.scoring}`);
    const { id, label } = assignBand(banding, total.total);
    return { banding: banding.id, bandingLabel: banding.label, id, label, ...(banding.appliesTo ? { appliesTo: banding.appliesTo } : {}) };
  });

  return {
    ok: true,
    total: primaryTotal?.total ?? null,
    subscales: primaryTotal?.subscales ?? addUp(definition, identityScoring(definition), points).subscales,
    alternativeTotals,
    band: bands[0] ?? null,
    bands,
    prorated: primaryTotal?.prorated ?? false,
    answered: points.size,
  };
}

/**
 * A score as the record shows it: "16 points: Moderate dependency". A colon, not brackets: many bands
 * carry their own range in brackets, and "18.5 seconds (Intermediate (10-20 seconds))" reads badly.
 */
export function describeScore(total: number, unit: string, bandLabel: string | null): string {
  return `${total} ${unit}${bandLabel ? `: ${bandLabel}` : ''}`;
}
