// Uses node:worker_threads: kept out of index.ts (exported as @homeward/planner/worker) so the library entry stays pure.
// Runs planVisits in a worker thread so a server stays responsive: progress arrives as messages,
// and cancellation goes through a shared flag the (synchronous) search polls. With `searches` > 1
// it runs that many independent searches at once (seeds seed, seed + 1, ...) and keeps the best.
import { Worker } from 'node:worker_threads';
import { pickBestPlan } from './best-plan.ts';
import type { PlanResult, SearchSummary } from './plan-result.ts';
import type { PlanOptions, PlanProgress } from './plan-visits.ts';
import type { PlanningProblem } from './problem.ts';

export type WorkerPlanOptions = Omit<PlanOptions, 'onProgress' | 'signal' | 'shouldStop'> & {
  /** With several searches: the best plan so far across them (see `searches`). */
  onProgress?: (progress: PlanProgress) => void;
  /** Aborting stops the search (every search); the promise still resolves with the best plan so far. */
  signal?: AbortSignal;
  /**
   * Independent searches run at once, each in its own worker thread with the same limits and seeds
   * `seed`, `seed + 1`, ... (default 1: one search, exactly as planVisits). The result is the best
   * plan by the search's own order (fewer required visits unplanned, then lower cost; a tie goes to
   * the lowest seed), with `stats.seed` the seed that found it and `stats.searches` how many ran.
   * A search that fails loses only its own plan; the promise rejects only if every search fails.
   * Each search wants a core: on a machine with fewer free cores they share, and each does fewer
   * iterations in a time limit (see the README, "Several searches at once").
   */
  searches?: number;
};

export type WorkerRequest = { problem: PlanningProblem; options: Omit<WorkerPlanOptions, 'onProgress' | 'signal' | 'searches'>; stopFlag: SharedArrayBuffer; progress: boolean };
export type WorkerMessage = { kind: 'progress'; progress: PlanProgress } | { kind: 'done'; result: PlanResult } | { kind: 'error'; message: string };

/** Starts one planner worker for a request (the tests substitute one that fails). */
export type StartWorker = (request: WorkerRequest) => Worker;

export const startPlannerWorker: StartWorker = (request) => new Worker(new URL('./planner-worker.ts', import.meta.url), { workerData: request });

export function solveInWorker(problem: PlanningProblem, options: WorkerPlanOptions = {}): Promise<PlanResult> {
  return solveInWorkers(problem, options, startPlannerWorker);
}

type Search = { seed: number; progress: PlanProgress | null; result: PlanResult | null; error: Error | null; exited: boolean };

/** solveInWorker with the way a worker is started given (for tests). */
export function solveInWorkers(problem: PlanningProblem, options: WorkerPlanOptions, start: StartWorker): Promise<PlanResult> {
  const { onProgress, signal, searches: count = 1, ...rest } = options;
  if (!Number.isInteger(count) || count < 1) return Promise.reject(new RangeError(`searches must be a whole number of at least 1, not ${count}`));
  const firstSeed = rest.seed ?? 1;
  // One flag for every search: aborting stops them all, and each returns its best plan so far.
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const abort = () => Atomics.store(flag, 0, 1);
  if (signal?.aborted === true) abort();
  signal?.addEventListener('abort', abort, { once: true });

  return new Promise<PlanResult>((resolve, reject) => {
    const runs: Search[] = [];
    const progressEvery = (rest.progressIntervalSeconds ?? 0.25) * 1000;
    let lastProgress = -Infinity;
    const reportProgress = (final: boolean) => {
      if (onProgress === undefined) return;
      if (count === 1) return;
      const now = performance.now();
      if (!final && now - lastProgress < progressEvery) return;
      lastProgress = now;
      const reported = runs.filter((r) => r.progress !== null);
      // The best plan so far across the searches (the search's own order: bestCost carries the
      // required visits' penalty), with the iterations of them all and the longest running time.
      const best = reported.reduce<Search | null>((a, r) => (a === null || r.progress!.bestCost < a.progress!.bestCost - 1e-9 ? r : a), null);
      if (best === null) return;
      onProgress({ ...best.progress!, iteration: reported.reduce((n, r) => n + r.progress!.iteration, 0), seconds: Math.max(...reported.map((r) => r.progress!.seconds)) });
    };
    let settled = false;
    const finish = () => {
      if (settled || runs.length < count || !runs.every((r) => r.exited)) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      const done = runs.filter((r): r is Search & { result: PlanResult } => r.result !== null);
      const best = pickBestPlan(problem, done);
      if (best === undefined) {
        reject(runs.find((r) => r.error !== null)?.error ?? new Error('planner worker stopped without a plan'));
        return;
      }
      if (count === 1) {
        resolve(best.result);
        return;
      }
      reportProgress(true);
      const summaries: SearchSummary[] = runs.map((r) =>
        r.result !== null
          ? { seed: r.seed, cost: r.result.cost.total, unplanned: r.result.unplanned.length, iterations: r.result.stats.iterations }
          : { seed: r.seed, error: r.error?.message ?? 'stopped without a plan' },
      );
      resolve({ ...best.result, stats: { ...best.result.stats, searches: count, searchResults: summaries } });
    };

    for (let i = 0; i < count; i++) {
      const seed = firstSeed + i;
      const request: WorkerRequest = { problem, options: { ...rest, seed }, stopFlag, progress: onProgress !== undefined };
      let worker: Worker;
      try {
        worker = start(request);
      } catch (error) {
        // Could not start this one (out of memory, too many threads): the others still run.
        runs.push({ seed, progress: null, result: null, error: error instanceof Error ? error : new Error(String(error)), exited: true });
        continue;
      }
      const run: Search = { seed, progress: null, result: null, error: null, exited: false };
      runs.push(run);
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') {
          if (count === 1) onProgress?.(message.progress);
          else {
            run.progress = message.progress;
            reportProgress(false);
          }
        } else {
          if (message.kind === 'done') run.result = message.result;
          else run.error ??= new Error(message.message);
          // Its work is over: make sure the thread goes (the promise waits for every exit).
          void worker.terminate();
        }
      });
      worker.on('error', (error) => {
        run.error ??= error;
      });
      worker.on('exit', (code) => {
        if (run.result === null) run.error ??= new Error(`planner worker exited with code ${code}`);
        run.exited = true;
        finish();
      });
    }
    // Nothing started (each start threw): settle now.
    finish();
  });
}
