// The team's training compliance as a chart drawn on the server (d3-scale): one bar per course, split
// into in date, due soon and overdue, each part labelled with its count (so colour is never the only
// signal) and the data table beside it carrying every number. Pure: a model the template places.
import { scaleBand, scaleLinear } from 'd3-scale';
import type { DueStatus } from '@homeward/clinical';
import type { CourseCompliance } from './compliance-summary.ts';

export type ComplianceBarPart = { status: DueStatus; x: number; width: number; count: number; labelX: number; showLabel: boolean };
export type ComplianceBar = { courseName: string; y: number; height: number; labelY: number; percent: number; parts: ComplianceBarPart[] };
export type ComplianceChart = { width: number; height: number; label: string; plot: { left: number; right: number; top: number; bottom: number }; bars: ComplianceBar[]; ticks: { x: number; label: string }[] };

const order: DueStatus[] = ['in-date', 'due-soon', 'overdue'];

export function buildComplianceChart(courses: readonly CourseCompliance[], overall: CourseCompliance): ComplianceChart {
  const width = 640;
  const barHeight = 28;
  const plot = { left: 8, right: width - 56, top: 8, bottom: 8 + courses.length * (barHeight + 30) };
  const height = plot.bottom + 28;
  const most = Math.max(1, ...courses.map((c) => c.inDate + c.dueSoon + c.overdue));
  const x = scaleLinear().domain([0, most]).range([plot.left, plot.right]);
  const y = scaleBand<string>().domain(courses.map((c) => c.courseId)).range([plot.top, plot.bottom]).paddingInner(0);
  const bars = courses.map((c) => {
    const top = (y(c.courseId) ?? 0) + 18;
    let start = 0;
    const parts = order.map((status) => {
      const count = status === 'in-date' ? c.inDate : status === 'due-soon' ? c.dueSoon : c.overdue;
      const part = { status, x: x(start), width: x(start + count) - x(start), count, labelX: x(start + count / 2), showLabel: count > 0 && x(start + count) - x(start) >= 18 };
      start += count;
      return part;
    }).filter((p) => p.count > 0);
    return { courseName: c.courseName, y: top, height: barHeight, labelY: top - 5, percent: c.percent, parts };
  });
  const ticks = x.ticks(Math.min(most, 5)).filter((t) => Number.isInteger(t)).map((t) => ({ x: x(t), label: String(t) }));
  const worst = [...courses].sort((a, b) => a.percent - b.percent)[0];
  const label = `Training compliance: ${overall.percent}% of required training is in date across the team` + (worst && worst.percent < 100 ? `; lowest is ${worst.courseName} at ${worst.percent}%.` : '.');
  return { width, height, label, plot, bars, ticks };
}
