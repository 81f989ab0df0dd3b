// Bar charts drawn on the server as SVG (d3-scale for the scale and ticks), as people/compliance-chart.ts
// draws training compliance: no script is needed, they print, and each bar carries its words and its
// number, so colour and length are never the only signal. The report's table beside it holds every
// figure (the chart's title says what the chart shows; the table is the accessible version). Chosen over
// a client-side charting library because the pages are server-rendered and must work at 390 px without
// JavaScript.
import { scaleLinear } from 'd3-scale';

export type ChartSeries = { name: string; colour: string; pattern: 'solid' | 'striped' };
export type ChartGroup = { label: string; values: Array<number | null> };
export type BarChart = {
  width: number;
  height: number;
  label: string;
  unit: string;
  series: ChartSeries[];
  bars: Array<{ group: string; groupY: number | null; series: ChartSeries; seriesIndex: number; x: number; y: number; width: number; height: number; value: number | null; text: string; textX: number; textY: number }>;
  ticks: Array<{ x: number; label: string }>;
  plot: { left: number; right: number; top: number; bottom: number };
};

const palette: ChartSeries[] = [
  { name: '', colour: '#005eb8', pattern: 'solid' },
  { name: '', colour: '#330072', pattern: 'striped' },
  { name: '', colour: '#007f3b', pattern: 'solid' },
];

export function buildBarChart(o: { label: string; unit: string; series: string[]; groups: ChartGroup[] }): BarChart | null {
  if (o.groups.length === 0) return null;
  const width = 640;
  const barHeight = 18;
  const seriesCount = o.series.length;
  const groupHeight = 22 + seriesCount * (barHeight + 6);
  const plot = { left: 8, right: width - 120, top: 8, bottom: 8 + o.groups.length * groupHeight };
  const most = Math.max(1, ...o.groups.flatMap((g) => g.values.map((v) => v ?? 0)));
  const x = scaleLinear().domain([0, most]).nice().range([plot.left, plot.right]);
  const series = o.series.map((name, i) => ({ ...palette[i % palette.length]!, name }));
  const bars: BarChart['bars'] = [];
  o.groups.forEach((g, gi) => {
    const top = plot.top + gi * groupHeight;
    g.values.forEach((value, si) => {
      const y = top + 20 + si * (barHeight + 6);
      const w = value === null ? 0 : Math.max(0, x(value) - x(0));
      const text = `${seriesCount > 1 ? `${series[si]!.name}: ` : ''}${value === null ? 'none' : `${value}${o.unit}`}`;
      bars.push({ group: g.label, groupY: si === 0 ? top + 14 : null, series: series[si]!, seriesIndex: si, x: x(0), y, width: w, height: barHeight, value, text, textX: x(0) + w + 6, textY: y + 13 });
    });
  });
  const ticks = x.ticks(5).map((t) => ({ x: x(t), label: String(t) }));
  return { width, height: plot.bottom + 26, label: o.label, unit: o.unit, series, bars, ticks, plot };
}
