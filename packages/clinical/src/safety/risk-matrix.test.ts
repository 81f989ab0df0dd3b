import { describe, expect, it } from 'vitest';
import { riskHeatMap, riskRating, riskScore, riskTargetProblem } from './risk-matrix.ts';

describe('the NHS 5x5 risk score', () => {
  it.each([
    [1, 1, 1], [1, 5, 5], [5, 1, 5], [3, 4, 12], [5, 5, 25],
  ])('likelihood %i x consequence %i is %i', (l, c, score) => {
    expect(riskScore(l, c)).toBe(score);
  });

  it.each([[0, 3], [6, 3], [3, 0], [3, 6], [2.5, 3], [Number.NaN, 3]])('refuses likelihood %s x consequence %s', (l, c) => {
    expect(() => riskScore(l, c)).toThrow(RangeError);
  });
});

describe('the bands, at every edge', () => {
  it.each([
    [1, 'low'], [3, 'low'],
    [4, 'moderate'], [6, 'moderate'],
    // 7 is no product of two numbers 1-5: 6 and 8 are the edge.
    [8, 'high'], [12, 'high'],
    [15, 'extreme'], [25, 'extreme'],
  ] as const)('score %i is %s', (score, band) => {
    expect(riskRating(score)).toBe(band);
  });

  it('every cell of the matrix lands in the band the NPSA matrix prints', () => {
    const printed = [
      // consequence 1..5, likelihood 1 (rare) to 5 (almost certain)
      ['low', 'low', 'low', 'moderate', 'moderate'],
      ['low', 'moderate', 'moderate', 'high', 'high'],
      ['low', 'moderate', 'high', 'high', 'extreme'],
      ['moderate', 'high', 'high', 'extreme', 'extreme'],
      ['moderate', 'high', 'extreme', 'extreme', 'extreme'],
    ];
    for (let l = 1; l <= 5; l++) for (let c = 1; c <= 5; c++) expect(riskRating(riskScore(l, c)), `${l}x${c}`).toBe(printed[l - 1]![c - 1]);
  });
});

describe('the target score', () => {
  it('may equal the current score, or be lower', () => {
    expect(riskTargetProblem({ likelihood: 3, consequence: 4, targetLikelihood: 4, targetConsequence: 3 })).toBeNull();
    expect(riskTargetProblem({ likelihood: 3, consequence: 4, targetLikelihood: 1, targetConsequence: 4 })).toBeNull();
  });
  it('may not be higher, and says both scores', () => {
    expect(riskTargetProblem({ likelihood: 2, consequence: 3, targetLikelihood: 3, targetConsequence: 3 })).toBe('The target score (9) must not be higher than the current score (6)');
  });
});

describe('the heat map', () => {
  it('is five rows, almost certain at the top, each five cells from negligible to catastrophic', () => {
    const map = riskHeatMap([]);
    expect(map.map((r) => r.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(map[0]!.label).toBe('Almost certain');
    expect(map[4]!.label).toBe('Rare');
    for (const row of map) expect(row.cells.map((c) => c.consequence)).toEqual([1, 2, 3, 4, 5]);
    expect(map.flatMap((r) => r.cells).every((c) => c.count === 0)).toBe(true);
  });

  it('counts each risk in its cell, with the cell’s score, band and colour', () => {
    const map = riskHeatMap([{ likelihood: 4, consequence: 4 }, { likelihood: 4, consequence: 4 }, { likelihood: 1, consequence: 2 }, { likelihood: 3, consequence: 2 }]);
    const cell = (l: number, c: number) => map.find((r) => r.likelihood === l)!.cells[c - 1]!;
    expect(cell(4, 4)).toEqual({ likelihood: 4, consequence: 4, score: 16, rating: 'extreme', colour: 'red', count: 2 });
    expect(cell(1, 2)).toEqual({ likelihood: 1, consequence: 2, score: 2, rating: 'low', colour: 'green', count: 1 });
    expect(cell(3, 2)).toMatchObject({ score: 6, rating: 'moderate', colour: 'yellow', count: 1 });
    expect(map.flatMap((r) => r.cells).reduce((n, c) => n + c.count, 0)).toBe(4);
  });

  it('refuses a risk off the matrix rather than dropping it', () => {
    expect(() => riskHeatMap([{ likelihood: 6, consequence: 1 }])).toThrow(RangeError);
  });
});
