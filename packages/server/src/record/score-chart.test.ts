import { describe, expect, it } from 'vitest';
import { barthelIndex, bergBalanceScale, modifiedRankinScale, timedUpAndGo, type InstrumentDefinition } from '@homeward/clinical';
import { buildScoreChart, type ScoreChartPoint } from './score-chart.ts';

const barthel = [
  { at: '2026-11-20T10:00:00Z', total: 12, timePoint: 'baseline' as const },
  { at: '2026-12-04T10:00:00Z', total: 16, timePoint: 'review' as const },
];

describe('buildScoreChart', () => {
  it('summarises the change for screen readers, against the MCID', () => {
    const chart = buildScoreChart({ definition: barthelIndex, points: barthel });
    expect(chart.label).toBe('Barthel Index rose from 12 to 16 points between 20 Nov and 4 Dec: improved, and passes the minimal clinically important difference of 1.85 points. 2 scores.');
  });

  it('draws the whole Barthel scale, the points in date order with a marker shape per time point, and the line through them', () => {
    const chart = buildScoreChart({ definition: barthelIndex, points: [...barthel].reverse() });
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0', '5', '10', '15', '20']);
    expect(chart.yTicks[0]!.y).toBe(chart.plot.bottom);
    expect(chart.yTicks.at(-1)!.y).toBe(chart.plot.top);
    expect(chart.markers.map((m) => m.timePoint)).toEqual(['baseline', 'review']);
    expect(chart.markers[0]!.label).toBe('Baseline 20 Nov 2026: 12 points');
    expect(chart.markers[0]!.x).toBeLessThan(chart.markers[1]!.x);
    expect(chart.markers[0]!.y).toBeGreaterThan(chart.markers[1]!.y);
    // Shapes, not colour alone: a circle for the baseline, a square for the review.
    expect(chart.markers[0]!.path).toMatch(/A/);
    expect(chart.markers[1]!.path).not.toMatch(/A/);
    expect(chart.markers[0]!.path).not.toBe(chart.markers[1]!.path);
    expect(chart.legend.map((l) => l.label)).toEqual(['Baseline', 'Review']);
    expect(chart.linePath).toBe(`M${chart.markers[0]!.x},${chart.markers[0]!.y}L${chart.markers[1]!.x},${chart.markers[1]!.y}`);
    expect(chart.xTicks.length).toBeGreaterThan(1);
    expect(chart.xTicks.every((t) => /^\d{1,2} [A-Z][a-z]{2}$/.test(t.label))).toBe(true);
  });

  it('marks the MCID as a line from the baseline, the way of improvement', () => {
    const chart = buildScoreChart({ definition: barthelIndex, points: barthel });
    expect(chart.threshold).toMatchObject({ x1: chart.markers[0]!.x, x2: chart.plot.right, label: 'Baseline + MCID (13.85)' });
    const twelve = chart.markers[0]!.y;
    const perPoint = (chart.plot.bottom - chart.plot.top) / 20;
    expect(chart.threshold!.y).toBeCloseTo(twelve - 1.85 * perPoint, 0);
  });

  it('omits the line when it would fall off the scale, and when there is no baseline', () => {
    expect(buildScoreChart({ definition: barthelIndex, points: [{ ...barthel[0]!, total: 19 }, barthel[1]!] }).threshold).toBeNull();
    const noBaseline = buildScoreChart({ definition: barthelIndex, points: barthel.map((p) => ({ ...p, timePoint: 'review' as const })) });
    expect(noBaseline.threshold).toBeNull();
    expect(noBaseline.label).toBe('Barthel Index rose from 12 to 16 points between 20 Nov and 4 Dec. 2 scores.');
  });

  it('charts a timed test from zero, where lower is better, with its minimal detectable change below the baseline', () => {
    const chart = buildScoreChart({
      definition: timedUpAndGo,
      points: [
        { at: '2026-12-20T10:00:00Z', total: 15.2, timePoint: 'baseline' },
        { at: '2027-01-04T10:00:00Z', total: 12, timePoint: 'review' },
        { at: '2027-01-18T10:00:00Z', total: 11, timePoint: 'discharge' },
      ],
    });
    expect(chart.label).toBe('Timed Up and Go fell from 15.2 to 11 seconds between 20 Dec 2026 and 18 Jan 2027: improved, and passes the minimal detectable change of 2.9 seconds. 3 scores.');
    expect(chart.yTicks[0]!.label).toBe('0');
    expect(Number(chart.yTicks.at(-1)!.label)).toBeGreaterThanOrEqual(15.2);
    expect(chart.yAxisLabel).toBe('Seconds');
    expect(chart.threshold?.label).toBe('Baseline − MDC (12.3)');
    expect(chart.legend.map((l) => l.timePoint)).toEqual(['baseline', 'review', 'discharge']);
    expect(new Set(chart.markers.map((m) => m.path)).size).toBe(3);
  });

  it('uses the baseline band of a threshold that depends on the first score (Berg MDC)', () => {
    const chart = buildScoreChart({ definition: bergBalanceScale, points: [{ at: '2026-11-20T10:00:00Z', total: 30, timePoint: 'baseline' }, { at: '2026-12-04T10:00:00Z', total: 35, timePoint: 'review' }] });
    expect(chart.threshold?.label).toBe('Baseline + MDC (37)');
    expect(chart.label).toContain('does not reach the minimal detectable change of 7 points');
  });

  it('says when there is only one score, and says when a score stayed the same', () => {
    const one = buildScoreChart({ definition: barthelIndex, points: [barthel[0]!], compact: true });
    expect(one.label).toBe('Barthel Index: baseline of 12 points on 20 Nov; no later score yet.');
    expect(one.width).toBeLessThan(400);
    expect(one.xTicks.length).toBeGreaterThan(0);
    const same = buildScoreChart({ definition: barthelIndex, points: [barthel[0]!, { ...barthel[1]!, total: 12 }] });
    expect(same.label).toBe('Barthel Index stayed at 12 points between 20 Nov and 4 Dec: no change, and does not reach the minimal clinically important difference of 1.85 points. 2 scores.');
  });

  it('refuses to chart nothing', () => {
    expect(() => buildScoreChart({ definition: barthelIndex, points: [] })).toThrow(new RangeError('No Barthel scores to chart'));
  });

  const at = (day: string, total: number, timePoint: ScoreChartPoint['timePoint']): ScoreChartPoint => ({ at: `2026-${day}T10:00:00Z`, total, timePoint });

  it.each([
    ['from the baseline, not from an earlier score', barthelIndex, [at('11-10', 10, 'review'), at('11-20', 12, 'baseline'), at('12-04', 16, 'review')], 'Barthel Index rose from 12 to 16 points between 20 Nov and 4 Dec: improved, and passes the minimal clinically important difference of 1.85 points. 3 scores.'],
    ['a baseline with nothing after it', barthelIndex, [at('11-10', 10, 'review'), at('11-20', 12, 'baseline')], 'Barthel Index: baseline of 12 points on 20 Nov; no later score yet.'],
    ['one score that is not a baseline', barthelIndex, [at('11-20', 12, 'review')], 'Barthel Index: one score of 12 points on 20 Nov; no later score yet.'],
    ['one point, singular', barthelIndex, [at('11-20', 0, 'baseline'), at('12-04', 1, 'review')], 'Barthel Index rose from 0 to 1 point between 20 Nov and 4 Dec: improved, and does not reach the minimal clinically important difference of 1.85 points. 2 scores.'],
    ['a measure with no minimal important change', modifiedRankinScale, [at('11-20', 4, 'baseline'), at('12-04', 2, 'review')], 'Modified Rankin Scale fell from 4 to 2 grades between 20 Nov and 4 Dec: improved; no established minimal important change for this measure. 2 scores.'],
  ] as const)('summarises %s', (_, definition, points, label) => {
    expect(buildScoreChart({ definition, points }).label).toBe(label);
  });

  it('labels every time point, an "other" one included, in the markers and the key', () => {
    const chart = buildScoreChart({ definition: barthelIndex, points: [at('11-20', 12, 'baseline'), at('12-04', 1, 'other')] });
    expect(chart.markers.map((m) => m.label)).toEqual(['Baseline 20 Nov 2026: 12 points', 'Other 4 Dec 2026: 1 point']);
    expect(chart.legend.map((l) => l.label)).toEqual(['Baseline', 'Other']);
    expect(chart.yAxisLabel).toBe('Score');
  });

  it.each([
    ['full size', false, { width: 640, height: 300, plot: { left: 56, top: 20, right: 616, bottom: 260 } }],
    ['compact', true, { width: 360, height: 180, plot: { left: 40, top: 20, right: 344, bottom: 152 } }],
  ] as const)('draws %s in its own frame', (_, compact, frame) => {
    expect(buildScoreChart({ definition: barthelIndex, points: barthel, compact })).toMatchObject(frame);
  });

  it('is full size unless asked to be compact', () => {
    expect(buildScoreChart({ definition: barthelIndex, points: barthel }).width).toBe(640);
  });

  // The time axis runs 12 px inside the plot at each end, and is at least 6 days long so close scores do not pile up.
  it.each([
    ['two weeks apart, end to end', [at('11-20', 12, 'baseline'), at('12-04', 16, 'review')], [68, 604]],
    ['two days apart, centred on a 6-day axis', [at('11-20', 12, 'baseline'), at('11-22', 16, 'review')], [246.7, 425.3]],
    ['one score, in the middle', [at('11-20', 12, 'baseline')], [336]],
  ] as const)('places scores %s', (_, points, xs) => {
    expect(buildScoreChart({ definition: barthelIndex, points }).markers.map((m) => m.x)).toEqual(xs);
  });

  it('writes the threshold line’s words on the side away from the latest score', () => {
    const above = buildScoreChart({ definition: barthelIndex, points: [at('11-20', 12, 'baseline'), at('12-04', 16, 'review')] }).threshold!;
    expect(above.labelY).toBe(above.y + 18);
    const below = buildScoreChart({ definition: barthelIndex, points: [at('11-20', 12, 'baseline'), at('12-04', 13, 'review')] }).threshold!;
    expect(below.labelY).toBe(below.y - 7);
  });

  it('draws the line at the very top of a whole scale (Berg 52, MDC 4: 56 of 56)', () => {
    const chart = buildScoreChart({ definition: bergBalanceScale, points: [at('11-20', 52, 'baseline'), at('12-04', 54, 'review')] });
    expect(chart.threshold).toMatchObject({ label: 'Baseline + MDC (56)', y: chart.plot.top });
  });

  it('draws a timed test’s minimal detectable change down to zero seconds, and not below it', () => {
    const atZero = buildScoreChart({ definition: timedUpAndGo, points: [at('11-20', 2.9, 'baseline'), at('12-04', 2.5, 'review')] });
    expect(atZero.threshold).toMatchObject({ label: 'Baseline − MDC (0)', y: atZero.plot.bottom });
    expect(buildScoreChart({ definition: timedUpAndGo, points: [at('11-20', 2, 'baseline'), at('12-04', 1.5, 'review')] }).threshold).toBeNull();
  });

  // Which scales are drawn whole: a bounded score scale of at most 100 points; timed tests and wider scales
  // run from zero to a little above the highest score. The shapes are the registry's, with other bounds.
  const withScale = (definition: InstrumentDefinition, min: number, max: number): InstrumentDefinition => ({ ...definition, scorings: [{ ...definition.scorings[0]!, min, max }] });
  it.each([
    ['a timed test with narrow bounds, from zero', withScale(timedUpAndGo, 1, 60), [15.2, 11], ['0', '20']],
    ['a 0-100 scale, whole', withScale(barthelIndex, 0, 100), [40, 50], ['0', '100']],
    ['a 0-120 scale, from zero', withScale(barthelIndex, 0, 120), [40, 50], ['0', '60']],
    ['a 50-120 scale, whole', withScale(barthelIndex, 50, 120), [60, 70], ['50', '120']],
  ] as const)('draws %s', (_, definition, [first, second], [bottom, top]) => {
    const chart = buildScoreChart({ definition, points: [at('11-20', first, 'baseline'), at('12-04', second, 'review')] });
    expect([chart.yTicks[0]!.label, chart.yTicks.at(-1)!.label]).toEqual([bottom, top]);
  });
});
