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

/** Aligns a table: the first column to the left, the rest to the right. */
function formatTable(header: string[], cells: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

// --seeds: one line per seed (the 'all' row of its Solomon table) and the mean of the seeds.
export type SeedSummary = { seed: number; all: ClassSummary };

export function formatSeedTable(rows: SeedSummary[]): string {
  const header = ['seed', 'instances', 'checker passed', 'mean gap %', 'worst gap %', 'optima reached', 'vehicles', 'time s', 'best found at s'];
  const cells = rows.map(({ seed, all: r }) => [
    String(seed),
    String(r.instances),
    `${r.passed}/${r.instances}`,
    r.meanGap.toFixed(2),
    r.worstGap.toFixed(2),
    `${r.optimaReached}/${r.instances}`,
    r.meanVehicles.toFixed(1),
    r.meanSeconds.toFixed(2),
    r.meanBestAtSeconds.toFixed(2),
  ]);
  if (rows.length > 1) {
    const m = (f: (r: ClassSummary) => number) => mean(rows.map((r) => f(r.all)));
    const n = rows[0]!.all.instances;
    cells.push([
      'mean of seeds',
      String(n),
      `${m((r) => r.passed).toFixed(1)}/${n}`,
      m((r) => r.meanGap).toFixed(2),
      m((r) => r.worstGap).toFixed(2),
      `${m((r) => r.optimaReached).toFixed(1)}/${n}`,
      m((r) => r.meanVehicles).toFixed(1),
      m((r) => r.meanSeconds).toFixed(2),
      m((r) => r.meanBestAtSeconds).toFixed(2),
    ]);
  }
  return formatTable(header, cells);
}

// The home-health families: one plan per instance and limit.
export type FamilyRun = {
  family: string;
  instance: string;
  limit: number;
  cost: number;
  requiredUnplanned: number;
  optionalUnplanned: number;
  checkerPassed: boolean;
  failure: string | null;
  seconds: number;
  firstPlanSeconds: number;
  /** When the best plan first had every required visit (the first feasible plan); null: never. */
  requiredPlannedAtSeconds: number | null;
  bestFoundAtSeconds: number;
  peakRssMb: number;
};

export function formatFamilyTable(runs: FamilyRun[]): string {
  const header = ['family', 'limit s', 'instances', 'mean cost', 'worst cost', 'required unplanned', 'optional left', 'checker passed', 'first plan s', 'first feasible s (worst)', 'best found at s', 'peak rss MB'];
  const groups = new Map<string, FamilyRun[]>();
  for (const r of runs) groups.set(`${r.family}\u0000${r.limit}`, [...(groups.get(`${r.family}\u0000${r.limit}`) ?? []), r]);
  const cells = [...groups.values()].map((g) => {
    const feasible = g.map((r) => r.requiredPlannedAtSeconds);
    const never = feasible.filter((f) => f === null).length;
    const times = feasible.filter((f): f is number => f !== null);
    return [
      g[0]!.family,
      String(g[0]!.limit),
      String(g.length),
      mean(g.map((r) => r.cost)).toFixed(0),
      Math.max(...g.map((r) => r.cost)).toFixed(0),
      String(g.reduce((a, r) => a + r.requiredUnplanned, 0)),
      String(g.reduce((a, r) => a + r.optionalUnplanned, 0)),
      `${g.filter((r) => r.checkerPassed).length}/${g.length}`,
      mean(g.map((r) => r.firstPlanSeconds)).toFixed(2),
      `${times.length === 0 ? '-' : `${mean(times).toFixed(2)} (${Math.max(...times).toFixed(2)})`}${never > 0 ? `, ${never} never` : ''}`,
      mean(g.map((r) => r.bestFoundAtSeconds)).toFixed(2),
      Math.max(...g.map((r) => r.peakRssMb)).toFixed(0),
    ];
  });
  return formatTable(header, cells);
}

// The larger instances: one plan per size and limit.
export type LargeRun = {
  customers: number;
  vehiclesAvailable: number;
  limit: number;
  cost: number;
  vehicles: number;
  unplanned: number;
  checkerPassed: boolean;
  failure: string | null;
  seconds: number;
  iterations: number;
  firstPlanSeconds: number;
  requiredPlannedAtSeconds: number | null;
  bestFoundAtSeconds: number;
  peakRssMb: number;
};

/** Whether the best plan was still improving in the last half of the limit. */
export const stillImproving = (r: Pick<LargeRun, 'bestFoundAtSeconds' | 'limit'>): boolean => r.bestFoundAtSeconds > r.limit / 2;

export function formatLargeTable(runs: LargeRun[]): string {
  const header = ['customers', 'limit s', 'cost', 'vehicles used', 'unplanned', 'checker', 'iterations', 'first plan s', 'first feasible s', 'best found at s', 'improving in last half', 'peak rss MB', 'targets (feasible < 5 s, < 1 GB)'];
  const cells = runs.map((r) => [
    String(r.customers),
    String(r.limit),
    r.cost.toFixed(1),
    `${r.vehicles}/${r.vehiclesAvailable}`,
    String(r.unplanned),
    r.checkerPassed ? 'passed' : `FAILED: ${r.failure}`,
    String(r.iterations),
    r.firstPlanSeconds.toFixed(2),
    r.requiredPlannedAtSeconds === null ? 'never' : r.requiredPlannedAtSeconds.toFixed(2),
    r.bestFoundAtSeconds.toFixed(2),
    stillImproving(r) ? 'yes' : 'no',
    r.peakRssMb.toFixed(0),
    `${r.requiredPlannedAtSeconds !== null && r.requiredPlannedAtSeconds < 5 ? 'met' : 'missed'}, ${r.peakRssMb < 1024 ? 'met' : 'missed'}`,
  ]);
  return formatTable(header, cells);
}
