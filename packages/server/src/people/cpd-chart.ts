// The team's CPD hours over the profile's two years as a bar chart, drawn on the server (d3-scale) so it
// needs no script and prints: one bar per person, longest first to read, with the hours written at the end
// of each bar (never length alone). Pure: rows in, shapes and words out; the page places them beside the
// table that carries every number.
import { scaleBand, scaleLinear } from 'd3-scale';

export type CpdChartRow = { name: string; hours: number };
export type CpdChartBar = { y: number; height: number; width: number; name: string; hoursText: string; textX: number };
export type CpdChart = { width: number; height: number; label: string; left: number; bars: CpdChartBar[]; ticks: { x: number; label: string }[]; axisY: number };

const hoursWords = (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`;

export function buildCpdChart(rows: readonly CpdChartRow[]): CpdChart {
  const width = 640;
  const left = 200;
  const right = width - 70;
  const barBand = 30;
  const top = 10;
  const axisY = top + barBand * Math.max(rows.length, 1);
  const max = Math.max(10, ...rows.map((r) => r.hours));
  const x = scaleLinear().domain([0, max]).range([left, right]).nice();
  const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([top, axisY]).padding(0.25);
  const bars = rows.map((r, i) => {
    const w = x(r.hours) - left;
    return { y: y(i)!, height: y.bandwidth(), width: w, name: r.name, hoursText: hoursWords(r.hours), textX: left + w + 6 };
  });
  const ticks = x.ticks(5).map((t) => ({ x: x(t), label: String(t) }));
  const most = [...rows].sort((a, b) => b.hours - a.hours)[0];
  const none = rows.filter((r) => r.hours === 0).map((r) => r.name);
  const label = rows.length === 0
    ? 'No clinical staff in the team'
    : `CPD hours in the last two years, by person: most ${most!.name} with ${hoursWords(most!.hours)}${none.length ? `; none logged by ${none.join(', ')}` : ''}. The table gives every figure.`;
  return { width, height: axisY + 30, label, left, bars, ticks, axisY };
}
