import { describe, it, expect } from 'vitest';
import { changeFromBaseline } from './change-from-baseline.ts';
import { scoreInstrument } from './score-instrument.ts';
import { therapyOutcomeMeasures } from './therapy-outcome-measures.ts';

const rated = (impairment: number | null, activity: number | null, participation: number | null, wellbeing: number | null) => ({ impairment, activity, participation, wellbeing });

describe('Therapy Outcome Measures: four ratings 0-5 in half points, never added up', () => {
  it('stores numbers only: no copyrighted descriptors in the definition', () => {
    expect(therapyOutcomeMeasures.items.map((item) => [item.kind, item.text])).toEqual([
      ['numeric', 'Impairment'],
      ['numeric', 'Activity'],
      ['numeric', 'Participation'],
      ['numeric', 'Wellbeing'],
    ]);
  });

  it.each<[number, number, number, number]>([
    [0, 0, 0, 0],
    [5, 5, 5, 5],
    [2.5, 3, 3.5, 4.5],
    [0.5, 1, 1.5, 2],
  ])('profile %f / %f / %f / %f', (impairment, activity, participation, wellbeing) => {
    expect(scoreInstrument(therapyOutcomeMeasures, rated(impairment, activity, participation, wellbeing))).toEqual({
      ok: true,
      total: null,
      subscales: { impairment, activity, participation, wellbeing },
      alternativeTotals: {},
      band: null,
      bands: [],
      prorated: false,
      answered: 4,
    });
  });

  it.each<[string, Record<string, number | null>, string]>([
    ['above 5', rated(5.5, 3, 3, 3), 'Impairment: 5.5 is out of range; enter 0 to 5'],
    ['below 0', rated(3, -0.5, 3, 3), 'Activity: -0.5 is out of range; enter 0 to 5'],
    ['quarter points', rated(3, 3, 2.25, 3), 'Participation: 2.25 must be given in whole or half points'],
    ['a missing domain', rated(3, 3, 3, null), 'Wellbeing: not answered; every item of the TOM must be answered'],
  ])('refuses %s', (_case, responses, message) => {
    const result = scoreInstrument(therapyOutcomeMeasures, responses);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([message]);
  });

  it('change in one domain: half a point up is an improvement; no threshold is claimed', () => {
    expect(changeFromBaseline(therapyOutcomeMeasures, 2.5, 4)).toEqual({
      change: 1.5,
      direction: 'improved',
      passesMinimalChange: false,
      threshold: null,
      thresholdKind: null,
      summary: 'Up 1.5 points (improved): no established minimal important change for this measure',
    });
  });
});

// Enderby & John 2015: four domains rated 0-5 in half points (5 = no problem), read as a profile.
describe('Therapy Outcome Measures: the published form', () => {
  it('rates the four domains 0 to 5 in half points, each its own subscale, with no total', () => {
    const rating = (id: string, text: string) => ({ kind: 'numeric', id, text, unit: '', min: 0, max: 5, step: 0.5 });
    expect(therapyOutcomeMeasures.items).toEqual([rating('impairment', 'Impairment'), rating('activity', 'Activity'), rating('participation', 'Participation'), rating('wellbeing', 'Wellbeing')]);
    expect(therapyOutcomeMeasures.subscales).toEqual([
      { id: 'impairment', label: 'Impairment', items: ['impairment'] },
      { id: 'activity', label: 'Activity', items: ['activity'] },
      { id: 'participation', label: 'Participation', items: ['participation'] },
      { id: 'wellbeing', label: 'Wellbeing', items: ['wellbeing'] },
    ]);
    expect(therapyOutcomeMeasures).toMatchObject({
      id: 'therapy-outcome-measures',
      version: 1,
      scorings: [],
      missingItems: { kind: 'none' },
      bandings: [],
      minimalChange: null,
      direction: 'higher-is-better',
      unit: 'points',
      decimals: 1,
    });
  });

  it('names, cites, says what the licence allows, and guides', () => {
    expect([therapyOutcomeMeasures.name, therapyOutcomeMeasures.shortName, therapyOutcomeMeasures.administration]).toEqual(['Therapy Outcome Measures', 'TOM', ['observed']]);
    expect(therapyOutcomeMeasures.citation).toBe('Enderby P, John A. Therapy Outcome Measures for Rehabilitation Professionals. 3rd edn. Guildford: J&R Press; 2015.');
    expect(therapyOutcomeMeasures.licence).toBe('Descriptors are copyright Enderby & John: only the numeric ratings are recorded; rate against your own licensed copy.');
    expect(therapyOutcomeMeasures.guidance).toBe('Rate each domain 0 to 5 (half points allowed; 5 = no problem) against the TOM scale for the person’s condition.');
  });
});
