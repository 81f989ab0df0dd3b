// Change from the first (baseline) score to the latest, read against the instrument's minimal
// clinically important difference or minimal detectable change.
//
// Scores are primary totals from scoreInstrument (Barthel 0-20, Berg 0-56, TUG seconds); for a profile
// without a total (TOM) pass one domain's ratings. "Passes" is about size, in either direction: a fall of
// 4 Barthel points is as real as a rise of 4, and `direction` says which way it went.
import type { InstrumentDefinition, MinimalChangeKind } from './instrument.ts';
import { minimalChangeKindLabels, roundScore } from './instrument.ts';

export type ChangeDirection = 'improved' | 'worse' | 'no change';

export type ChangeFromBaseline = {
  /** latest - baseline, at the instrument's precision (a TUG 15.2 -> 11.0 s is -4.2). */
  change: number;
  direction: ChangeDirection;
  /** True when the size of the change reaches the threshold; false when the instrument has none. */
  passesMinimalChange: boolean;
  threshold: number | null;
  thresholdKind: MinimalChangeKind | null;
  /** One line for the record and the discharge summary. */
  summary: string;
};

function amount(value: number, unit: string): string {
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${value} ${Math.abs(value) === 1 ? singular : unit}`;
}

export function changeFromBaseline(definition: InstrumentDefinition, baseline: number, latest: number): ChangeFromBaseline {
  if (!definition.direction) throw new Error(`${definition.name} is not scored, so it has no change from baseline`);
  const scale = definition.scorings[0];
  for (const score of [baseline, latest]) {
    if (!Number.isFinite(score) || (scale && (score < scale.min || score > scale.max))) {
      throw new RangeError(`${score} is not a ${definition.shortName} total`);
    }
  }

  const change = roundScore(latest - baseline, definition.decimals);
  const better = definition.direction === 'higher-is-better' ? change > 0 : change < 0;
  const direction: ChangeDirection = change === 0 ? 'no change' : better ? 'improved' : 'worse';

  const minimal = definition.minimalChange;
  const threshold = minimal?.thresholds.find((t) => baseline >= t.baselineMin && baseline <= t.baselineMax)?.threshold ?? null;
  const passesMinimalChange = threshold !== null && change !== 0 && Math.abs(change) >= threshold;

  const moved = change === 0 ? 'No change' : `${change > 0 ? 'Up' : 'Down'} ${amount(Math.abs(change), definition.unit)}`;
  const judged = direction === 'no change' ? '' : ` (${direction})`;
  let verdict: string;
  if (minimal === null || threshold === null) {
    verdict = 'no established minimal important change for this measure';
  } else {
    const name = minimalChangeKindLabels[minimal.kind];
    verdict = `${passesMinimalChange ? 'passes' : 'does not reach'} the ${name} of ${amount(threshold, definition.unit)} (${minimal.population}; ${minimal.source})`;
  }
  return {
    change,
    direction,
    passesMinimalChange,
    threshold,
    thresholdKind: threshold === null ? null : (minimal?.kind ?? null),
    summary: `${moved}${judged}: ${verdict}`,
  };
}
