// Per instrument: its chart and the data table beside it (date, time point, score, change from
// baseline, whether the change passes the instrument's MCID or MDC), from the episode's assessments.
import { describeScore, findInstrument, minimalChangeKindLabels } from '@homeward/clinical';
import type { AssessmentResponse } from './assessments-schema.ts';
import { buildScoreChart, scoreChartTimePointLabels, type ScoreChart } from './score-chart.ts';

export type ScoreTableRow = {
  id: string;
  administeredAt: string;
  timePoint: string;
  score: string;
  change: string;
  /** 'Yes', 'No', or why there is no verdict. */
  passes: string;
};

export type ScoreChartSection = {
  instrumentId: string;
  instrumentName: string;
  chart: ScoreChart;
  rows: ScoreTableRow[];
  /** The verdict column's heading, naming the threshold when there is one. */
  verdictHeading: string;
  /** Where the threshold comes from, under the table. */
  thresholdNote: string | null;
};

export type ScoreChartSectionsOptions = { compact?: boolean };

function amount(value: number, unit: string): string {
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${value} ${Math.abs(value) === 1 ? singular : unit}`.trim();
}

/** One section per scored instrument, in the order instruments were first used; unscored ones have no chart. */
export function scoreChartSections(assessments: readonly AssessmentResponse[], o: ScoreChartSectionsOptions = {}): ScoreChartSection[] {
  const byInstrument = new Map<string, AssessmentResponse[]>();
  for (const a of assessments) if (a.total !== null) byInstrument.set(a.instrumentId, [...(byInstrument.get(a.instrumentId) ?? []), a]);
  const sections: ScoreChartSection[] = [];
  for (const [instrumentId, list] of byInstrument) {
    const definition = findInstrument(instrumentId);
    if (!definition?.direction) continue;
    const chart = buildScoreChart({ definition, compact: o.compact, points: list.map((a) => ({ at: a.administeredAt, total: a.total!, timePoint: a.timePoint })) });
    const withThreshold = list.find((a) => a.changeFromBaseline?.threshold != null)?.changeFromBaseline ?? null;
    const hasBaseline = list.some((a) => a.timePoint === 'baseline');
    const minimal = definition.minimalChange;
    const kind = withThreshold?.thresholdKind ?? minimal?.kind ?? null;
    const verdictHeading = kind && withThreshold?.threshold != null ? `Passes the ${kind} (${amount(withThreshold.threshold, definition.unit)})?` : kind ? `Passes the ${kind}?` : 'Passes the minimal important change?';
    const rows = [...list].reverse().map((a): ScoreTableRow => {
      const c = a.changeFromBaseline;
      let change: string;
      let passes: string;
      if (a.timePoint === 'baseline') [change, passes] = ['Baseline', 'Not applicable (baseline)'];
      else if (!hasBaseline) [change, passes] = ['No baseline to compare with', 'No baseline'];
      else if (!c) [change, passes] = ['Not available', 'Not available'];
      else {
        change = c.change === 0 ? 'No change' : `${c.change > 0 ? 'Up' : 'Down'} ${amount(Math.abs(c.change), definition.unit)} (${c.direction})`;
        passes = c.threshold === null ? 'No established threshold' : c.passesMinimalChange ? 'Yes' : 'No';
      }
      return {
        id: a.id,
        administeredAt: a.administeredAt,
        timePoint: scoreChartTimePointLabels[a.timePoint],
        score: describeScore(a.total!, a.unit, a.band?.label ?? null),
        change,
        passes,
      };
    });
    const marked = chart.threshold ? '; the dashed line on the chart marks it from the baseline' : '';
    const thresholdNote = minimal ? `The ${minimalChangeKindLabels[minimal.kind]} (${minimal.kind}) is from ${minimal.source}, in ${minimal.population}${marked}.` : `The ${definition.name} has no established minimal important change.`;
    sections.push({ instrumentId, instrumentName: definition.name, chart, rows, verdictHeading, thresholdNote });
  }
  return sections;
}
