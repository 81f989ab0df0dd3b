// The pure arithmetic of the equipment reports: money from pence, loan durations summarised. Cells are
// made safe for a spreadsheet by platform/spreadsheet-csv.ts.
export const poundsOf = (pence: number): string => (pence / 100).toFixed(2);

export type DurationSummary = { count: number; medianDays: number | null; meanDays: number | null; longestDays: number | null };

export function summariseDurations(days: readonly number[]): DurationSummary {
  if (days.length === 0) return { count: 0, medianDays: null, meanDays: null, longestDays: null };
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { count: sorted.length, medianDays: Math.round(median * 10) / 10, meanDays: Math.round(mean * 10) / 10, longestDays: sorted[sorted.length - 1]! };
}

/** Whole days from one moment to another (a loan delivered this morning and ended tonight: 0). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}

