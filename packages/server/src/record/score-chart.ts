// One instrument's scores over an episode as an SVG chart, drawn on the server (d3-scale, d3-shape) so
// it needs no script and prints. Pure: scores in, a model of shapes and words out; the Nunjucks partial
// (pages/score-chart.njk) only places them. The chart is one image with a summary for screen readers;
// the data table beside it carries every number.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3-shape';
import { changeFromBaseline, minimalChangeKindLabels, roundScore, ukDateOf, type InstrumentDefinition } from '@homeward/clinical';

export const scoreChartTimePoints = ['baseline', 'review', 'discharge', 'other'] as const;
export type ScoreChartTimePoint = (typeof scoreChartTimePoints)[number];

export type ScoreChartPoint = { at: string | Date; total: number; timePoint: ScoreChartTimePoint };

export type BuildScoreChartOptions = {
  definition: InstrumentDefinition;
  /** In any order; drawn in date order. */
  points: readonly ScoreChartPoint[];
  /** The small version for the record page: fewer ticks, no threshold words. */
  compact?: boolean;
};

export type ScoreChartMarker = { x: number; y: number; path: string; timePoint: ScoreChartTimePoint; label: string };
/** labelY puts the words on the side of the line away from the latest score, so the data line does not cross them. */
export type ScoreChartLine = { x1: number; x2: number; y: number; label: string; labelY: number };

export type ScoreChart = {
  width: number;
  height: number;
  /** The chart's accessible name: what happened, in one sentence or two. */
  label: string;
  plot: { left: number; top: number; right: number; bottom: number };
  linePath: string;
  markers: ScoreChartMarker[];
  /** The minimal important (MCID) or detectable (MDC) change, dashed, from the baseline onwards. */
  threshold: ScoreChartLine | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  yAxisLabel: string;
  /** Each time point present, with its marker, for the key under the chart. */
  legend: { timePoint: ScoreChartTimePoint; label: string; path: string }[];
};

/** Shapes, not colour alone, tell the time points apart. */
const shapes: Record<ScoreChartTimePoint, SymbolType> = { baseline: symbolCircle, review: symbolSquare, discharge: symbolDiamond, other: symbolTriangle };
export const scoreChartTimePointLabels: Record<ScoreChartTimePoint, string> = { baseline: 'Baseline', review: 'Review', discharge: 'Discharge', other: 'Other' };

const round1 = (n: number) => Math.round(n * 10) / 10;
const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' });

function amount(value: number, unit: string): string {
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return `${value} ${Math.abs(value) === 1 ? singular : unit}`.trim();
}

/** "Barthel Index rose from 12 to 16 points between 20 Nov and 4 Dec: improved, and passes the MCID ..." */
function summarise(definition: InstrumentDefinition, sorted: readonly { at: Date; total: number; timePoint: ScoreChartTimePoint }[]): string {
  const first = sorted.find((p) => p.timePoint === 'baseline') ?? sorted[0]!;
  const last = sorted.at(-1)!;
  const unit = definition.unit;
  const sameYear = ukDateOf(first.at).slice(0, 4) === ukDateOf(last.at).slice(0, 4);
  const date = (d: Date) => (sameYear ? dayMonth : dayMonthYear).format(d);
  const count = `${sorted.length} ${sorted.length === 1 ? 'score' : 'scores'}`;
  if (sorted.length === 1 || first === last) return `${definition.name}: ${first.timePoint === 'baseline' ? 'baseline' : 'one score'} of ${amount(first.total, unit)} on ${date(first.at)}; no later score yet.`;
  const moved = last.total === first.total ? `stayed at ${amount(last.total, unit)}` : `${last.total > first.total ? 'rose' : 'fell'} from ${first.total} to ${amount(last.total, unit)}`;
  let text = `${definition.name} ${moved} between ${date(first.at)} and ${date(last.at)}`;
  if (first.timePoint === 'baseline' && definition.direction) {
    const change = changeFromBaseline(definition, first.total, last.total);
    const judged = change.direction === 'no change' ? 'no change' : change.direction;
    if (change.threshold !== null && change.thresholdKind !== null) {
      text += `: ${judged}, and ${change.passesMinimalChange ? 'passes' : 'does not reach'} the ${minimalChangeKindLabels[change.thresholdKind]} of ${amount(change.threshold, unit)}`;
    } else text += `: ${judged}; no established minimal important change for this measure`;
  }
  return `${text}. ${count}.`;
}

export function buildScoreChart(o: BuildScoreChartOptions): ScoreChart {
  const { definition } = o;
  const compact = o.compact ?? false;
  if (o.points.length === 0) throw new RangeError(`No ${definition.shortName} scores to chart`);
  const width = compact ? 360 : 640;
  const height = compact ? 180 : 300;
  const plot = compact ? { left: 40, top: 20, right: width - 16, bottom: height - 28 } : { left: 56, top: 20, right: width - 24, bottom: height - 40 };
  const sorted = o.points.map((p) => ({ ...p, at: new Date(p.at) })).sort((a, b) => a.at.getTime() - b.at.getTime());

  // The minimal change line, when the instrument has one for this baseline: from the baseline, the way of improvement.
  const baseline = sorted.find((p) => p.timePoint === 'baseline') ?? null;
  let thresholdValue: number | null = null;
  let thresholdKind: string | null = null;
  if (baseline && definition.direction && definition.minimalChange) {
    const t = changeFromBaseline(definition, baseline.total, baseline.total);
    if (t.threshold !== null && t.thresholdKind) {
      thresholdValue = roundScore(baseline.total + (definition.direction === 'higher-is-better' ? t.threshold : -t.threshold), 2);
      thresholdKind = t.thresholdKind;
    }
  }

  // Short bounded scales (Barthel 0-20, Berg 0-56) are drawn whole, so the size of a change reads true;
  // timed tests from zero to a little above the slowest score.
  const scale = definition.scorings[0];
  const totals = sorted.map((p) => p.total);
  const y = scaleLinear().range([plot.bottom, plot.top]);
  if (scale && definition.unit !== 'seconds' && scale.max - scale.min <= 100) y.domain([scale.min, scale.max]);
  else y.domain([0, Math.max(...totals, thresholdValue ?? 0) * 1.2 || 1]).nice();

  // Time on the UK calendar; a single day is widened so one score still sits on an axis of dates.
  const firstAt = sorted[0]!.at.getTime();
  const lastAt = sorted.at(-1)!.at.getTime();
  const day = 86_400_000;
  const span = lastAt - firstAt < 6 * day ? (6 * day - (lastAt - firstAt)) / 2 : 0;
  const x = scaleUtc()
    .domain([new Date(firstAt - span), new Date(lastAt + span)])
    .range([plot.left + 12, plot.right - 12]);

  const path = line<{ at: Date; total: number }>()
    .x((p) => x(p.at))
    .y((p) => y(p.total))
    .digits(1)(sorted);

  const markerPath = (timePoint: ScoreChartTimePoint, size: number) => symbol(shapes[timePoint], size)() ?? '';
  const markerSize = compact ? 48 : 80;
  const markers = sorted.map((p) => ({
    x: round1(x(p.at)),
    y: round1(y(p.total)),
    path: markerPath(p.timePoint, markerSize),
    timePoint: p.timePoint,
    label: `${scoreChartTimePointLabels[p.timePoint]} ${dayMonthYear.format(p.at)}: ${amount(p.total, definition.unit)}`,
  }));

  const [low, high] = y.domain() as [number, number];
  let threshold: ScoreChartLine | null = null;
  if (baseline && thresholdValue !== null && thresholdKind !== null && thresholdValue >= low && thresholdValue <= high) {
    const lineY = round1(y(thresholdValue));
    const latestAbove = y(sorted.at(-1)!.total) < lineY;
    threshold = { x1: round1(x(baseline.at)), x2: plot.right, y: lineY, labelY: latestAbove ? lineY + 18 : lineY - 7, label: `Baseline ${thresholdValue > baseline.total ? '+' : '−'} ${thresholdKind} (${thresholdValue})` };
  }

  // Few enough dates to read at phone width.
  const dayTicks = x.ticks(compact ? 3 : 4).filter((t, i, all) => i === 0 || ukDateOf(t) !== ukDateOf(all[i - 1]!));
  const xTicks = dayTicks.map((t) => ({ x: round1(x(t)), label: dayMonth.format(t) }));
  const yTicks = y.ticks(compact ? 3 : 5).map((v) => ({ y: round1(y(v)), label: String(v) }));
  const present = scoreChartTimePoints.filter((tp) => sorted.some((p) => p.timePoint === tp));

  return {
    width,
    height,
    label: summarise(definition, sorted),
    plot,
    linePath: path ?? '',
    markers,
    threshold,
    xTicks,
    yTicks,
    yAxisLabel: definition.unit === 'seconds' ? 'Seconds' : 'Score',
    legend: present.map((timePoint) => ({ timePoint, label: scoreChartTimePointLabels[timePoint], path: markerPath(timePoint, 64) })),
  };
}
