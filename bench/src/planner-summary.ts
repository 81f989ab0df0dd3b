// Per-class and overall figures for the planner benchmark, printed as an aligned table.

export type InstanceRun = {
  instance: string;
  klass: string;
  optimum: number;
  cost: number;
  vehicles: number;
  seconds: number;
  bestAtSeconds: number;
  iterations: number;
  /** Why the plan does not count (checker violation or unplanned customers), or null. */
  failure: string | null;
};

export type ClassSummary = {
  klass: string;
  instances: number;
  passed: number;
  meanGap: number;
  worstGap: number;
  optimaReached: number;
  meanVehicles: number;
  meanSeconds: number;
  meanBestAtSeconds: number;
};

const optimumTolerance = 1e-6;

function summarise(klass: string, runs: InstanceRun[]): ClassSummary {
  const ok = runs.filter((r) => r.failure === null);
  const gaps = ok.map((r) => (100 * (r.cost - r.optimum)) / r.optimum);
  const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    klass,
    instances: runs.length,
    passed: ok.length,
    meanGap: mean(gaps),
    worstGap: gaps.length === 0 ? Number.NaN : Math.max(...gaps),
    optimaReached: ok.filter((r) => r.cost <= r.optimum + optimumTolerance).length,
    meanVehicles: mean(ok.map((r) => r.vehicles)),
    meanSeconds: mean(runs.map((r) => r.seconds)),
    meanBestAtSeconds: mean(ok.map((r) => r.bestAtSeconds)),
  };
}

export function summariseRuns(runs: InstanceRun[]): ClassSummary[] {
  const classes = [...new Set(runs.map((r) => r.klass))];
  return [...classes.map((k) => summarise(k, runs.filter((r) => r.klass === k))), summarise('all', runs)];
}

export function formatPlannerTable(rows: ClassSummary[]): string {
  const header = ['class', 'instances', 'checker passed', 'mean gap %', 'worst gap %', 'optima reached', 'vehicles', 'time s', 'best found at s'];
  const cells = rows.map((r) => [
    r.klass,
    String(r.instances),
    `${r.passed}/${r.instances}`,
    r.meanGap.toFixed(2),
    r.worstGap.toFixed(2),
    `${r.optimaReached}/${r.instances}`,
    r.meanVehicles.toFixed(1),
    r.meanSeconds.toFixed(2),
    r.meanBestAtSeconds.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
