// Prints the benchmark's figures as a plain-text table that lines up in a terminal.
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import type { LatencySummary } from './latency-summary.ts';
import type { SearchKind } from './search-samples.ts';

export type SearchResult = {
  engine: DatabaseEngine;
  kind: SearchKind;
  http: LatencySummary;
  /** searchPatients(db, ...) called directly: the API's own query builder, no HTTP. */
  searchPatients: LatencySummary;
  /** The hand-written SQL equivalent: what the database alone costs. */
  rawSql: LatencySummary;
  searches: number;
  /** Searches that found at least one patient. */
  hits: number;
};

const ms = (value: number) => value.toFixed(2);

export function formatResultsTable(results: SearchResult[]): string {
  const header = ['engine', 'search', 'HTTP median', 'HTTP p95', 'SQL median', 'SQL p95', 'ratio', 'searchPatients median', 'searchPatients p95', 'hits'];
  const rows = results.map((r) => [
    r.engine,
    r.kind,
    ms(r.http.median),
    ms(r.http.p95),
    ms(r.rawSql.median),
    ms(r.rawSql.p95),
    `${(r.http.median / r.rawSql.median).toFixed(1)}x`,
    ms(r.searchPatients.median),
    ms(r.searchPatients.p95),
    `${r.hits}/${r.searches}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
