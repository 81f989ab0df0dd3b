import { describe, it, expect } from 'vitest';
import { changeFromBaseline } from './change-from-baseline.ts';
import { scoreInstrument } from './score-instrument.ts';
import { timedUpAndGo } from './timed-up-and-go.ts';

const timed = (seconds: number | null) => ({ seconds, aid: 4, assistance: 1 });

describe('Timed Up and Go: seconds to one decimal', () => {
  it.each<[number, string, string]>([
    [1, 'normal', 'not-high'],
    [9.9, 'normal', 'not-high'],
    [10, 'intermediate', 'not-high'],
    [11.9, 'intermediate', 'not-high'],
    [12, 'intermediate', 'high'],
    [20, 'intermediate', 'high'],
    [20.1, 'limited', 'high'],
    [300, 'limited', 'high'],
  ])('%f s: mobility %s, fall risk %s', (seconds, mobility, fallRisk) => {
    const result = scoreInstrument(timedUpAndGo, timed(seconds));
    expect(result).toMatchObject({ ok: true, total: seconds, band: { banding: 'mobility', id: mobility } });
    expect(result.ok && result.bands[1]).toMatchObject({ banding: 'fall-risk', id: fallRisk });
  });

  it.each<[string, Record<string, number | null>, string]>([
    ['more than one decimal place', timed(12.34), 'Time: 12.34 must be given to one decimal place'],
    ['zero seconds', timed(0), 'Time: 0 seconds is out of range; enter 1 to 300 seconds'],
    ['negative', timed(-5), 'Time: -5 seconds is out of range; enter 1 to 300 seconds'],
    ['over five minutes', timed(300.1), 'Time: 300.1 seconds is out of range; enter 1 to 300 seconds'],
    ['infinite', timed(Number.POSITIVE_INFINITY), 'Time: the response must be a number'],
    ['no time', timed(null), 'Time: not answered; every item of the TUG must be answered'],
    ['the aid must be recorded', { seconds: 14.2, aid: null, assistance: 1 }, 'Walking aid used: not answered; every item of the TUG must be answered'],
  ])('refuses %s', (_case, responses, message) => {
    const result = scoreInstrument(timedUpAndGo, responses);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([message]);
  });

  it('accepts tenths that are not exact in binary (12.3, 0.1 steps from 1)', () => {
    for (const seconds of [1.1, 12.3, 19.7, 20.3, 299.9]) expect(scoreInstrument(timedUpAndGo, timed(seconds))).toMatchObject({ ok: true, total: seconds });
  });
});

describe('Timed Up and Go: faster is better; MDC 2.9 s', () => {
  it.each<[number, number, number, string, boolean]>([
    [15.2, 11, -4.2, 'improved', true],
    [15.2, 12.3, -2.9, 'improved', true],
    [15.2, 12.4, -2.8, 'improved', false],
    [12.1, 15, 2.9, 'worse', true],
    [12.1, 12.1, 0, 'no change', false],
  ])('%f s to %f s: change %f, %s, passes %s', (baseline, latest, change, direction, passes) => {
    expect(changeFromBaseline(timedUpAndGo, baseline, latest)).toMatchObject({ change, direction, passesMinimalChange: passes, threshold: 2.9, thresholdKind: 'MDC' });
  });

  it('says so in seconds', () => {
    expect(changeFromBaseline(timedUpAndGo, 15.2, 11).summary).toBe(
      'Down 4.2 seconds (improved): passes the minimal detectable change of 2.9 seconds (chronic stroke; Flansbjer et al. 2005)',
    );
  });
});

// Podsiadlo & Richardson 1991 (under 10 s normal, 10-20 s intermediate, over 20 s limited), CDC STEADI
// (12 s or more: high fall risk), Flansbjer 2005 (MDC 2.9 s). Typed from those sources.
describe('Timed Up and Go: the published form', () => {
  it('times in seconds to a tenth, 1 to 300, and records the aid and assistance', () => {
    expect(timedUpAndGo.items).toEqual([
      { kind: 'numeric', id: 'seconds', text: 'Time', unit: 'seconds', min: 1, max: 300, step: 0.1 },
      {
        kind: 'choice',
        id: 'aid',
        text: 'Walking aid used',
        options: [
          { value: 1, label: 'None' },
          { value: 2, label: 'Stick' },
          { value: 3, label: 'Two sticks or crutches' },
          { value: 4, label: 'Walking frame' },
          { value: 5, label: 'Wheeled walker or rollator' },
          { value: 6, label: 'Other' },
        ],
      },
      {
        kind: 'choice',
        id: 'assistance',
        text: 'Assistance',
        options: [
          { value: 1, label: 'None' },
          { value: 2, label: 'Supervision or verbal prompting' },
          { value: 3, label: 'Physical help from one person' },
        ],
      },
    ]);
  });

  it('scores the time alone; faster is better; bands from Podsiadlo 1991 and CDC STEADI; MDC 2.9 s in chronic stroke', () => {
    expect(timedUpAndGo).toMatchObject({
      id: 'timed-up-and-go',
      version: 1,
      scorings: [{ id: 'seconds', label: 'Time (seconds)', items: ['seconds'], min: 1, max: 300 }],
      subscales: [],
      missingItems: { kind: 'none' },
      direction: 'higher-is-worse',
      unit: 'seconds',
      decimals: 1,
    });
    expect(timedUpAndGo.bandings).toEqual([
      {
        id: 'mobility',
        label: 'Mobility',
        scoring: 'seconds',
        source: 'Podsiadlo & Richardson 1991',
        bands: [
          { id: 'normal', label: 'Normal (under 10 seconds)', min: 1, max: 9.9 },
          { id: 'intermediate', label: 'Intermediate (10-20 seconds)', min: 10, max: 20 },
          { id: 'limited', label: 'Limited mobility (over 20 seconds)', min: 20.1, max: 300 },
        ],
      },
      {
        id: 'fall-risk',
        label: 'Fall risk',
        scoring: 'seconds',
        source: 'CDC STEADI',
        bands: [
          { id: 'not-high', label: 'Not in the high fall risk range (under 12 seconds)', min: 1, max: 11.9 },
          { id: 'high', label: 'High fall risk (12 seconds or more)', min: 12, max: 300 },
        ],
      },
    ]);
    expect(timedUpAndGo.minimalChange).toEqual({
      kind: 'MDC',
      thresholds: [{ baselineMin: 1, baselineMax: 300, threshold: 2.9 }],
      population: 'chronic stroke',
      source: 'Flansbjer et al. 2005',
    });
  });

  it('names, cites and guides', () => {
    expect([timedUpAndGo.name, timedUpAndGo.shortName, timedUpAndGo.licence, timedUpAndGo.administration]).toEqual(['Timed Up and Go', 'TUG', 'Free to use.', ['observed']]);
    expect(timedUpAndGo.citation).toBe(
      'Podsiadlo D, Richardson S. The timed "Up & Go": a test of basic functional mobility for frail elderly persons. J Am Geriatr Soc 1991;39:142-148. ' +
        'Fall risk cut-off: CDC STEADI. MDC in chronic stroke: Flansbjer UB, Holmbäck AM, Downham D, et al. J Rehabil Med 2005;37:75-82.',
    );
    expect(timedUpAndGo.guidance).toBe('Standard armchair; walk 3 metres at a comfortable, safe pace. Time from "go" until seated again.');
  });
});
