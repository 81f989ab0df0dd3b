// A standardised assessment as data: its items, how they are scored, bands and minimal change.
//
// One definition per instrument (barthel-index.ts, berg-balance-scale.ts, ...). The same definition
// drives the form, the scoring (score-instrument.ts) and the change over time (change-from-baseline.ts),
// on the server and in the browser, so a total can never be typed in or computed two ways. Item
// responses are numbers (the option's value, or the measurement); everything else is derived.

export const administrationMethods = ['observed', 'self-report', 'proxy', 'interview'] as const;
export type AdministrationMethod = (typeof administrationMethods)[number];

export const administrationMethodLabels: Record<AdministrationMethod, string> = {
  observed: 'Observed by the clinician',
  'self-report': 'Self-report',
  proxy: 'Reported by a carer or relative (proxy)',
  interview: 'Interview',
};

/** One answer to a choice item. `points` is what it scores when that differs from its value (Lawton IADL). */
export type ItemOption = { value: number; label: string; points?: number };

export type ChoiceItem = { kind: 'choice'; id: string; text: string; options: readonly ItemOption[] };

/** A measurement, e.g. Timed Up and Go seconds to one decimal (step 0.1). */
export type NumericItem = { kind: 'numeric'; id: string; text: string; unit: string; min: number; max: number; step: number };

export type InstrumentItem = ChoiceItem | NumericItem;

/**
 * A way of adding up the items. The first scoring of a definition is its primary total; others are
 * alternative totals (Barthel 0-100, NEADL scoring B).
 */
export type Scoring = {
  id: string;
  label: string;
  /** The items added up; other items (aid used, time point) are recorded but not scored. */
  items: readonly string[];
  /** Recodes an item's points for this scoring: NEADL scoring A counts 0 and 1 as 0, 2 and 3 as 1. */
  recode?: Readonly<Record<number, number>>;
  /** Applied after adding up (and to subscales): the Barthel 0-100 form is 5 x the 0-20 total. */
  multiplier?: number;
  min: number;
  max: number;
};

/** Items reported together, e.g. the NEADL mobility subscale; scored under every scoring. */
export type Subscale = { id: string; label: string; items: readonly string[] };

/**
 * What to do with unanswered items. 'none': every item must be answered. 'prorate': up to maxMissing of
 * the primary scoring's items may be unanswered; the total is sum / answered x items, rounded to the
 * nearest whole number (FES-I). Items outside the scorings must always be answered.
 */
export type MissingItemRule = { kind: 'none' } | { kind: 'prorate'; maxMissing: number };

/** Inclusive bounds, at the precision of the scale (TUG 10.0-20.0 s, then 20.1 s upwards). */
export type ScoreBand = { id: string; label: string; min: number; max: number };

/** A set of bands over one scoring; every possible total falls in exactly one band. */
export type ScoreBanding = {
  id: string;
  label: string;
  scoring: string;
  /** Who the cut-offs were set for, when narrower than everyone the instrument is used with. */
  appliesTo?: string;
  source: string;
  bands: readonly ScoreBand[];
};

export type MinimalChangeKind = 'MCID' | 'MDC';

export const minimalChangeKindLabels: Record<MinimalChangeKind, string> = {
  MCID: 'minimal clinically important difference',
  MDC: 'minimal detectable change',
};

/**
 * The smallest change that matters (MCID) or that is beyond measurement error (MDC), on the primary
 * scoring. Usually one threshold for every baseline; Berg's MDC depends on the first score.
 */
export type MinimalChange = {
  kind: MinimalChangeKind;
  thresholds: readonly { baselineMin: number; baselineMax: number; threshold: number }[];
  population: string;
  source: string;
};

export type ScoreDirection = 'higher-is-better' | 'higher-is-worse';

export type InstrumentDefinition = {
  /** Stable kebab-case id stored with every response set. */
  id: string;
  /** The definition's version, stored with the responses; a change to items or scoring is a new version. */
  version: number;
  name: string;
  shortName: string;
  citation: string;
  licence: string;
  /** Administration notes shown with the form. */
  guidance: string;
  administration: readonly AdministrationMethod[];
  items: readonly InstrumentItem[];
  /** First is the primary total. Empty for an unscored checklist or a profile read domain by domain (TOM). */
  scorings: readonly Scoring[];
  subscales: readonly Subscale[];
  missingItems: MissingItemRule;
  /** First is the band shown beside the score. */
  bandings: readonly ScoreBanding[];
  minimalChange: MinimalChange | null;
  /** Null when unscored. */
  direction: ScoreDirection | null;
  /** 'points', or 'seconds' for a timed test. */
  unit: string;
  /** Decimal places of totals, subscales and change: 0, or 1 for TUG seconds and TOM half points. */
  decimals: number;
};

/** Options 0..n labelled as given, the common shape of an ordinal item. */
export function ordinalOptions(labels: readonly string[], first = 0): ItemOption[] {
  return labels.map((label, index) => ({ value: first + index, label }));
}

export function choiceItem(id: string, text: string, options: readonly ItemOption[]): ChoiceItem {
  return { kind: 'choice', id, text, options };
}

export function itemIds(definition: InstrumentDefinition): string[] {
  return definition.items.map((item) => item.id);
}

export function roundScore(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Round half away from zero on the decimal value, not the binary one (0.15 - 0.1 etc.).
  // Adding 0 turns -0 into 0.
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor + 0;
}
