// Times caseload requests one after another (latency, not throughput), and prints the figures as a
// plain-text table that lines up in a terminal.
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import type { LatencySummary } from './latency-summary.ts';
import type { CaseloadListKind } from './caseload-raw-sql.ts';

/** Untimed warm-up first, then one timed run per sample; `run` returns how many rows it got. */
export async function timeRuns<T>(samples: readonly T[], warmup: number, run: (sample: T) => Promise<number>): Promise<{ timings: number[]; rowCounts: number[] }> {
  for (let i = 0; i < warmup; i++) await run(samples[i % samples.length]!);
  const timings: number[] = [];
  const rowCounts: number[] = [];
  for (const sample of samples) {
    const started = performance.now();
    const rows = await run(sample);
    timings.push(performance.now() - started);
    rowCounts.push(rows);
  }
  return { timings, rowCounts };
}

export type CaseloadResult = {
  engine: DatabaseEngine;
  kind: CaseloadListKind;
  /** Null when the HTTP route is not there. */
  http: LatencySummary | null;
  /** listCaseload(db, ...) called directly: the API's query and scoring, no HTTP. */
  listCaseload: LatencySummary | null;
  rawSql: LatencySummary;
  requests: number;
  rows: { min: number; median: number; max: number };
};

const ms = (value: number) => value.toFixed(2);

export function formatCaseloadTable(results: readonly CaseloadResult[]): string {
  const header = ['engine', 'list', 'rows (min/median/max)', 'HTTP median', 'HTTP p95', 'SQL median', 'SQL p95', 'ratio', 'listCaseload median', 'listCaseload p95'];
  const rows = results.map((r) => [
    r.engine,
    r.kind,
    `${r.rows.min}/${r.rows.median}/${r.rows.max}`,
    r.http ? ms(r.http.median) : 'n/a',
    r.http ? ms(r.http.p95) : 'n/a',
    ms(r.rawSql.median),
    ms(r.rawSql.p95),
    r.http ? `${(r.http.median / r.rawSql.median).toFixed(1)}x` : 'n/a',
    r.listCaseload ? ms(r.listCaseload.median) : 'n/a',
    r.listCaseload ? ms(r.listCaseload.p95) : 'n/a',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
