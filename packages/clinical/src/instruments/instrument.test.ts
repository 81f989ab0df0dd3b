import { describe, it, expect } from 'vitest';
import { administrationMethodLabels, administrationMethods, choiceItem, itemIds, minimalChangeKindLabels, ordinalOptions, roundScore } from './instrument.ts';
import { modifiedRankinScale } from './modified-rankin-scale.ts';

describe('instrument vocabulary', () => {
  it('names the four ways an instrument is administered, in the words the form shows', () => {
    expect(administrationMethods).toEqual(['observed', 'self-report', 'proxy', 'interview']);
    expect(administrationMethodLabels).toEqual({
      observed: 'Observed by the clinician',
      'self-report': 'Self-report',
      proxy: 'Reported by a carer or relative (proxy)',
      interview: 'Interview',
    });
  });

  it('spells out MCID and MDC', () => {
    expect(minimalChangeKindLabels).toEqual({ MCID: 'minimal clinically important difference', MDC: 'minimal detectable change' });
  });
});

describe('building definitions', () => {
  it('numbers ordinal options from 0, or from the first value given', () => {
    expect(ordinalOptions(['None', 'Some', 'All'])).toEqual([
      { value: 0, label: 'None' },
      { value: 1, label: 'Some' },
      { value: 2, label: 'All' },
    ]);
    expect(ordinalOptions(['Not at all', 'Very'], 1)).toEqual([
      { value: 1, label: 'Not at all' },
      { value: 2, label: 'Very' },
    ]);
  });

  it('makes a choice item, and lists a definition’s item ids in order', () => {
    expect(choiceItem('q1', 'Question one', [{ value: 0, label: 'No' }])).toEqual({ kind: 'choice', id: 'q1', text: 'Question one', options: [{ value: 0, label: 'No' }] });
    expect(itemIds(modifiedRankinScale)).toEqual(['grade', 'method', 'time-point']);
  });
});

describe('roundScore: half away from zero on the decimal value', () => {
  it.each<[number, number, number]>([
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [2.4, 0, 2],
    [-2.4, 0, -2],
    [0.15 - 0.1, 1, 0.1], // 0.04999... in binary
    [-(0.15 - 0.1), 1, -0.1],
    [12.4 - 9.5, 1, 2.9],
    [1.005, 2, 1.01],
    [41.333, 0, 41],
    [7, 0, 7],
  ])('%f to %i decimals is %f', (value, decimals, expected) => {
    expect(roundScore(value, decimals)).toBe(expected);
  });

  it('never gives minus zero', () => {
    expect(Object.is(roundScore(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundScore(-0, 0), 0)).toBe(true);
  });
});
