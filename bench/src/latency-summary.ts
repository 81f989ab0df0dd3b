// Median and 95th percentile of a run of timings, in milliseconds.

export type LatencySummary = { median: number; p95: number; samples: number };

/** Nearest-rank percentiles: each figure is a latency that was actually observed. */
export function summariseLatencies(timings: number[]): LatencySummary {
  if (timings.length === 0) throw new Error('No timings to summarise');
  const sorted = [...timings].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { median: rank(50), p95: rank(95), samples: sorted.length };
}
