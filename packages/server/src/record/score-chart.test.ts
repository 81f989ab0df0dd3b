import { describe, expect, it } from 'vitest';
import { barthelIndex, bergBalanceScale, timedUpAndGo } from '@homeward/clinical';
import { buildScoreChart } from './score-chart.ts';

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
    expect(() => buildScoreChart({ definition: barthelIndex, points: [] })).toThrow(RangeError);
  });
});
