import { describe, it, expect } from 'vitest';
import type { InstrumentDefinition, InstrumentItem, Scoring } from './instrument.ts';
import { administrationMethods, roundScore } from './instrument.ts';
import { findInstrument, instrumentDefinitions } from './registry.ts';
import { scoreInstrument } from './score-instrument.ts';

// Checks every definition in the registry, so a new instrument file is held to the same rules.

function itemPoints(item: InstrumentItem, scoring: Scoring): number[] {
  if (item.kind === 'numeric') return [item.min, item.max];
  return item.options.map((option) => {
    const points = option.points ?? option.value;
    return scoring.recode?.[points] ?? points;
  });
}

/** Every value a scale can take at the definition's precision. */
function valuesOf(min: number, max: number, decimals: number): number[] {
  const step = 10 ** -decimals;
  const values: number[] = [];
  for (let i = 0; roundScore(min + i * step, decimals) <= max; i += 1) values.push(roundScore(min + i * step, decimals));
  return values;
}

/** For each item, the response worth fewest (or most) points; Lawton's first statement is worth the most. */
function extremeResponses(definition: InstrumentDefinition, pick: (values: number[]) => number): Record<string, number> {
  return Object.fromEntries(
    definition.items.map((item) => {
      if (item.kind === 'numeric') return [item.id, pick([item.min, item.max])];
      const target = pick(item.options.map((o) => o.points ?? o.value));
      return [item.id, item.options.find((o) => (o.points ?? o.value) === target)!.value];
    }),
  );
}

describe('instrument registry', () => {
  it('lists every instrument the issue asks for, once, by a stable kebab-case id', () => {
    const ids = instrumentDefinitions.map((d) => d.id);
    expect(ids).toEqual([
      'barthel-index',
      'modified-rankin-scale',
      'nottingham-extended-adl',
      'berg-balance-scale',
      'timed-up-and-go',
      'fes-i',
      'short-fes-i',
      'lawton-iadl',
      'therapy-outcome-measures',
      'home-environment-checklist',
    ]);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('finds a definition by id, and by id and version only when the version matches', () => {
    expect(findInstrument('barthel-index')?.name).toBe('Barthel Index');
    expect(findInstrument('barthel-index', 1)?.shortName).toBe('Barthel');
    expect(findInstrument('barthel-index', 2)).toBeUndefined();
    expect(findInstrument('fim')).toBeUndefined();
    expect(findInstrument('fim', 1)).toBeUndefined();
    expect(findInstrument('timed-up-and-go', 1)?.name).toBe('Timed Up and Go');
  });
});

describe.each(instrumentDefinitions.map((d) => [d.id, d] as const))('definition %s', (_id, definition) => {
  const itemIds = definition.items.map((item) => item.id);

  it('is cited, licensed and says how it may be administered', () => {
    expect(definition.citation.length).toBeGreaterThan(10);
    expect(definition.licence.length).toBeGreaterThan(5);
    expect(definition.version).toBeGreaterThanOrEqual(1);
    expect(definition.administration.length).toBeGreaterThan(0);
    for (const method of definition.administration) expect(administrationMethods).toContain(method);
  });

  it('has unique items, each with distinct options or sensible numeric bounds', () => {
    expect(new Set(itemIds).size).toBe(itemIds.length);
    for (const item of definition.items) {
      expect(item.text.trim()).not.toBe('');
      if (item.kind === 'choice') {
        const values = item.options.map((o) => o.value);
        expect(values.length).toBeGreaterThanOrEqual(2);
        expect(new Set(values).size).toBe(values.length);
        for (const option of item.options) expect(option.label.trim()).not.toBe('');
      } else {
        expect(item.min).toBeLessThan(item.max);
        expect(item.step).toBeGreaterThan(0);
      }
    }
  });

  it('adds up only its own items, and declares the range its items can really reach', () => {
    for (const scoring of definition.scorings) {
      for (const id of scoring.items) expect(itemIds).toContain(id);
      const multiplier = scoring.multiplier ?? 1;
      const items = scoring.items.map((id) => definition.items.find((item) => item.id === id)!);
      const min = items.reduce((sum, item) => sum + Math.min(...itemPoints(item, scoring)), 0) * multiplier;
      const max = items.reduce((sum, item) => sum + Math.max(...itemPoints(item, scoring)), 0) * multiplier;
      expect([scoring.min, scoring.max], scoring.id).toEqual([min, max]);
    }
    for (const subscale of definition.subscales) for (const id of subscale.items) expect(itemIds).toContain(id);
  });

  it('scores its lowest and highest possible responses to its declared bounds', () => {
    for (const pick of [(values: number[]) => Math.min(...values), (values: number[]) => Math.max(...values)]) {
      const result = scoreInstrument(definition, extremeResponses(definition, pick));
      expect(result.ok).toBe(true);
    }
    const [primary] = definition.scorings;
    if (!primary) return;
    const lowest = scoreInstrument(definition, extremeResponses(definition, (v) => Math.min(...v)));
    const highest = scoreInstrument(definition, extremeResponses(definition, (v) => Math.max(...v)));
    // Unscored items (TUG aid, mRS time point) have no bearing on the total.
    expect(lowest.ok && lowest.total).toBe(primary.min);
    expect(highest.ok && highest.total).toBe(primary.max);
  });

  it('has bands that cover every possible total exactly once, in order', () => {
    for (const banding of definition.bandings) {
      const scoring = definition.scorings.find((s) => s.id === banding.scoring);
      expect(scoring, banding.id).toBeDefined();
      if (!scoring) continue;
      const bands = banding.bands;
      expect(bands[0]?.min).toBe(scoring.min);
      expect(bands.at(-1)?.max).toBe(scoring.max);
      for (const value of valuesOf(scoring.min, scoring.max, definition.decimals)) {
        const holding = bands.filter((band) => value >= band.min && value <= band.max);
        expect(holding.map((band) => band.id), `${banding.id} at ${value}`).toHaveLength(1);
      }
    }
  });

  it('has a minimal change threshold for every possible baseline, or none at all', () => {
    const minimal = definition.minimalChange;
    if (!minimal) return;
    const scoring = definition.scorings[0]!;
    for (const value of valuesOf(scoring.min, scoring.max, definition.decimals)) {
      const holding = minimal.thresholds.filter((t) => value >= t.baselineMin && value <= t.baselineMax);
      expect(holding, `baseline ${value}`).toHaveLength(1);
      expect(holding[0]!.threshold).toBeGreaterThan(0);
    }
  });

  it('says which way is better exactly when it has something to compare', () => {
    const scored = definition.scorings.length > 0 || definition.subscales.length > 0;
    expect(definition.direction !== null).toBe(scored);
  });

  it('only prorates when some items are still answered', () => {
    if (definition.missingItems.kind === 'prorate') {
      expect(definition.missingItems.maxMissing).toBeLessThan(definition.scorings[0]!.items.length);
    }
  });
});

// Bounds and missing items for every instrument, item by item: a new definition gets these for free.
describe.each(instrumentDefinitions.map((d) => [d.id, d] as const))('responses to %s', (_id, definition) => {
  const valid = extremeResponses(definition, (values) => Math.max(...values));

  it.each(definition.items.map((item) => [item.id, item] as const))('refuses an out-of-range answer to %s, naming that item', (_itemId, item) => {
    const outOfRange = item.kind === 'numeric' ? [item.min - item.step, item.max + 1000] : [Math.max(...item.options.map((o) => o.value)) + 1, -1, 0.5];
    for (const value of outOfRange) {
      if (item.kind === 'choice' && item.options.some((o) => o.value === value)) continue;
      const result = scoreInstrument(definition, { ...valid, [item.id]: value });
      expect(result.ok, `${item.id} = ${value}`).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.itemId)).toEqual([item.id]);
    }
  });

  it('scores with missing items only as far as its missing-item rule allows', () => {
    const rule = definition.missingItems;
    const scoredItems = definition.scorings[0]?.items ?? definition.items.map((i) => i.id);
    const allowed = rule.kind === 'prorate' ? rule.maxMissing : 0;
    const withMissing = (n: number) => ({ ...valid, ...Object.fromEntries(scoredItems.slice(0, n).map((id) => [id, null])) });
    if (allowed > 0) {
      const scored = scoreInstrument(definition, withMissing(allowed));
      expect(scored.ok).toBe(true);
      if (scored.ok) expect([scored.prorated, scored.answered]).toEqual([true, definition.items.length - allowed]);
    }
    const refused = scoreInstrument(definition, withMissing(allowed + 1));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((e) => e.itemId)).toEqual(scoredItems.slice(0, allowed + 1));
  });
});
