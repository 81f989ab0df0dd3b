import { describe, it, expect } from 'vitest';
import { changeFromBaseline } from './change-from-baseline.ts';
import { modifiedRankinScale } from './modified-rankin-scale.ts';
import { scoreInstrument } from './score-instrument.ts';

const graded = (grade: number | null, method = 1, timePoint = 2) => ({ grade, method, 'time-point': timePoint });

describe('Modified Rankin Scale', () => {
  it.each<[number, string]>([
    [0, 'good'],
    [1, 'good'],
    [2, 'good'],
    [3, 'poor'],
    [4, 'poor'],
    [5, 'poor'],
    [6, 'poor'],
  ])('grade %i: %s outcome', (grade, band) => {
    expect(scoreInstrument(modifiedRankinScale, graded(grade))).toMatchObject({ ok: true, total: grade, band: { banding: 'outcome', id: band } });
  });

  it('records the method and time point but scores only the grade', () => {
    const preStroke = scoreInstrument(modifiedRankinScale, graded(1, 3, 1));
    const atDischarge = scoreInstrument(modifiedRankinScale, graded(1, 1, 2));
    expect(preStroke).toEqual(atDischarge);
  });

  it.each<[string, Record<string, number | null>, string]>([
    ['grade 7 is out of range', graded(7), 'Grade: 7 is out of range; the options run from 0 to 6'],
    ['grade 2.5 is not an option', graded(2.5), 'Grade: 2.5 is not one of the options (0, 1, 2, 3, 4, 5 or 6)'],
    ['the grade is required', graded(null), 'Grade: not answered; every item of the mRS must be answered'],
    ['the time point is required', { grade: 2, method: 1, 'time-point': null }, 'Time point: not answered; every item of the mRS must be answered'],
    ['an unknown method is refused', graded(2, 4), 'How it was graded: 4 is out of range; the options run from 1 to 3'],
  ])('%s', (_case, responses, message) => {
    const result = scoreInstrument(modifiedRankinScale, responses);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([message]);
  });

  it('a lower grade is better, with no established minimal change', () => {
    expect(changeFromBaseline(modifiedRankinScale, 4, 2)).toEqual({
      change: -2,
      direction: 'improved',
      passesMinimalChange: false,
      threshold: null,
      thresholdKind: null,
      summary: 'Down 2 grades (improved): no established minimal important change for this measure',
    });
    expect(changeFromBaseline(modifiedRankinScale, 1, 2)).toMatchObject({ change: 1, direction: 'worse' });
  });
});

// van Swieten 1988: grades 0 (no symptoms) to 6 (dead). Typed from the published scale.
describe('Modified Rankin Scale: the published form', () => {
  it('has the seven grades, 0 to 6, in the published words, and records how and when it was graded', () => {
    expect(modifiedRankinScale.items.map((item) => [item.id, item.text, item.kind === 'choice' && item.options])).toEqual([
      [
        'grade',
        'Grade',
        [
          { value: 0, label: 'No symptoms' },
          { value: 1, label: 'No significant disability despite symptoms' },
          { value: 2, label: 'Slight disability: looks after own affairs without help' },
          { value: 3, label: 'Moderate disability: needs some help but walks without assistance' },
          { value: 4, label: 'Moderately severe disability: cannot walk or attend to bodily needs without assistance' },
          { value: 5, label: 'Severe disability: bedridden, incontinent, needs constant care' },
          { value: 6, label: 'Dead' },
        ],
      ],
      [
        'method',
        'How it was graded',
        [
          { value: 1, label: 'Interview' },
          { value: 2, label: 'Simplified questionnaire' },
          { value: 3, label: 'mRS-9Q' },
        ],
      ],
      [
        'time-point',
        'Time point',
        [
          { value: 1, label: 'Before the stroke' },
          { value: 2, label: 'At discharge' },
          { value: 3, label: 'At 6 months' },
        ],
      ],
    ]);
  });

  it('scores the grade alone, 0-6, higher is worse, dichotomised 0-2 good and 3-6 poor', () => {
    expect(modifiedRankinScale).toMatchObject({
      id: 'modified-rankin-scale',
      version: 1,
      scorings: [{ id: 'grade', label: 'Grade (0-6)', items: ['grade'], min: 0, max: 6 }],
      subscales: [],
      missingItems: { kind: 'none' },
      minimalChange: null,
      direction: 'higher-is-worse',
      unit: 'grades',
      decimals: 0,
    });
    expect(modifiedRankinScale.bandings).toEqual([
      {
        id: 'outcome',
        label: 'Outcome',
        scoring: 'grade',
        source: 'Conventional dichotomy in stroke trials: 0-2 good outcome.',
        bands: [
          { id: 'good', label: 'Good outcome (0-2)', min: 0, max: 2 },
          { id: 'poor', label: 'Poor outcome (3-6)', min: 3, max: 6 },
        ],
      },
    ]);
  });

  it('names, cites and guides', () => {
    expect([modifiedRankinScale.name, modifiedRankinScale.shortName, modifiedRankinScale.licence, modifiedRankinScale.administration]).toEqual([
      'Modified Rankin Scale',
      'mRS',
      'Free to use; the mRS-9Q simplified questionnaire is public domain.',
      ['interview', 'self-report', 'proxy'],
    ]);
    expect(modifiedRankinScale.citation).toBe(
      'Rankin J. Cerebral vascular accidents in patients over the age of 60. Scott Med J 1957;2:200-215. ' +
        'van Swieten JC, Koudstaal PJ, Visser MC, et al. Interobserver agreement for the assessment of handicap in stroke patients. Stroke 1988;19:604-607.',
    );
    expect(modifiedRankinScale.guidance).toBe('Grade the person’s usual level of function at the time point chosen, by interview or questionnaire.');
  });
});
