import { describe, expect, it } from 'vitest';
import type { AssessmentResponse } from './assessments-schema.ts';
import { scoreChartSections } from './score-chart-sections.ts';

const staff = { id: 's', name: 'Alex AP', role: 'assistant-practitioner' };
const entry = (o: Partial<AssessmentResponse>): AssessmentResponse => ({
  id: 'a', episodeId: 'e', patientId: 'p', instrumentId: 'barthel-index', instrumentVersion: 1, instrumentName: 'Barthel Index', timePoint: 'baseline', method: 'observed',
  administeredAt: '2026-11-20T10:00:00.000Z', responses: {}, total: 12, subscales: {}, band: null, unit: 'points', recordedAt: '2026-11-20T10:00:00.000Z', recordedBy: staff, changeFromBaseline: null, ...o,
});
const change = (c: number, passes: boolean) => ({ change: c, direction: c > 0 ? ('improved' as const) : ('worse' as const), passesMinimalChange: passes, threshold: 1.85, thresholdKind: 'MCID' as const, summary: '', baselineId: 'a', baselineTotal: 12 });

describe('scoreChartSections', () => {
  it('gives each scored instrument a chart and a table, newest first, with the change from baseline and the verdict', () => {
    const sections = scoreChartSections([
      entry({ id: 'a' }),
      entry({ id: 'b', timePoint: 'review', administeredAt: '2026-12-04T10:00:00.000Z', total: 13, changeFromBaseline: change(1, false) }),
      entry({ id: 'c', timePoint: 'discharge', administeredAt: '2026-12-18T10:00:00.000Z', total: 16, band: { id: 'moderate', label: 'Moderate dependency' }, changeFromBaseline: change(4, true) }),
      entry({ id: 'h', instrumentId: 'home-environment-checklist', total: null }),
    ]);
    expect(sections).toHaveLength(1);
    const [s] = sections;
    expect(s!.verdictHeading).toBe('Passes the MCID (1.85 points)?');
    expect(s!.rows.map((r) => [r.timePoint, r.score, r.change, r.passes])).toEqual([
      ['Discharge', '16 points: Moderate dependency', 'Up 4 points (improved)', 'Yes'],
      ['Review', '13 points', 'Up 1 point (improved)', 'No'],
      ['Baseline', '12 points', 'Baseline', 'Not applicable (baseline)'],
    ]);
    expect(s!.chart.markers).toHaveLength(3);
    expect(s!.thresholdNote).toBe('The minimal clinically important difference (MCID) is from Hsieh 2007, in stroke; the dashed line on the chart marks it from the baseline.');
  });

  it('says when there is no baseline to compare with, and when a measure has no threshold', () => {
    const [noBaseline] = scoreChartSections([entry({ timePoint: 'review' })]);
    expect(noBaseline!.rows[0]).toMatchObject({ change: 'No baseline to compare with', passes: 'No baseline' });
    // The instrument's threshold is still named, but no line is drawn without a baseline to draw it from.
    expect(noBaseline!.verdictHeading).toBe('Passes the MCID?');
    expect(noBaseline!.chart.threshold).toBeNull();
    expect(noBaseline!.thresholdNote).toBe('The minimal clinically important difference (MCID) is from Hsieh 2007, in stroke.');
    const [fes] = scoreChartSections([
      entry({ instrumentId: 'fes-i', instrumentName: 'FES-I', total: 30 }),
      entry({ id: 'b', instrumentId: 'fes-i', timePoint: 'review', total: 24, administeredAt: '2026-12-04T10:00:00.000Z', changeFromBaseline: { ...change(-6, false), direction: 'improved', threshold: null, thresholdKind: null } }),
    ]);
    expect(fes!.verdictHeading).toBe('Passes the minimal important change?');
    expect(fes!.rows[0]).toMatchObject({ change: 'Down 6 points (improved)', passes: 'No established threshold' });
    expect(fes!.chart.threshold).toBeNull();
    expect(fes!.thresholdNote).toBe('The Falls Efficacy Scale International has no established minimal important change.');
  });

  it('names the instrument’s threshold in the heading before any change has been scored against it', () => {
    const [baselineOnly] = scoreChartSections([entry({})]);
    expect(baselineOnly!.verdictHeading).toBe('Passes the MCID?');
    expect(baselineOnly!.thresholdNote).toBe('The minimal clinically important difference (MCID) is from Hsieh 2007, in stroke; the dashed line on the chart marks it from the baseline.');
  });

  it('says when a score did not move, and when its change from baseline is not available', () => {
    const [s] = scoreChartSections([
      entry({}),
      entry({ id: 'b', timePoint: 'review', administeredAt: '2026-12-04T10:00:00.000Z', changeFromBaseline: { ...change(0, false), direction: 'no change' } }),
      entry({ id: 'c', timePoint: 'review', administeredAt: '2026-12-11T10:00:00.000Z', total: 14, changeFromBaseline: null }),
    ]);
    expect(s!.rows.map((r) => [r.change, r.passes])).toEqual([
      ['Not available', 'Not available'],
      ['No change', 'No'],
      ['Baseline', 'Not applicable (baseline)'],
    ]);
  });

  it('charts nothing for an entry without a total, or for an instrument it no longer knows', () => {
    // Therapy Outcome Measures is read domain by domain: it has a direction but no total.
    expect(scoreChartSections([entry({ instrumentId: 'therapy-outcome-measures', instrumentName: 'Therapy Outcome Measures', total: null })])).toEqual([]);
    expect(scoreChartSections([entry({ instrumentId: 'retired-measure', instrumentName: 'Retired measure', total: 5 })])).toEqual([]);
  });
});
