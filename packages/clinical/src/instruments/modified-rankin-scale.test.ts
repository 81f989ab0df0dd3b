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
