// Uses node:worker_threads: kept out of index.ts (exported as @homeward/planner/worker) so the library entry stays pure.
// Runs planVisits in a worker thread so a server stays responsive: progress arrives as messages,
// and cancellation goes through a shared flag the (synchronous) search polls.
import { Worker } from 'node:worker_threads';
import type { PlanResult } from './plan-result.ts';
import type { PlanOptions, PlanProgress } from './plan-visits.ts';
import type { PlanningProblem } from './problem.ts';

export type WorkerPlanOptions = Omit<PlanOptions, 'onProgress' | 'signal' | 'shouldStop'> & {
  onProgress?: (progress: PlanProgress) => void;
  /** Aborting stops the search; the promise still resolves with the best plan so far. */
  signal?: AbortSignal;
};

export type WorkerRequest = { problem: PlanningProblem; options: Omit<WorkerPlanOptions, 'onProgress' | 'signal'>; stopFlag: SharedArrayBuffer; progress: boolean };
export type WorkerMessage = { kind: 'progress'; progress: PlanProgress } | { kind: 'done'; result: PlanResult } | { kind: 'error'; message: string };

export function solveInWorker(problem: PlanningProblem, options: WorkerPlanOptions = {}): Promise<PlanResult> {
  const { onProgress, signal, ...rest } = options;
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const request: WorkerRequest = { problem, options: rest, stopFlag, progress: onProgress !== undefined };
  const worker = new Worker(new URL('./planner-worker.ts', import.meta.url), { workerData: request });
  const abort = () => Atomics.store(flag, 0, 1);
  if (signal?.aborted === true) abort();
  signal?.addEventListener('abort', abort, { once: true });
  return new Promise<PlanResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'done') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', abort);
      if (!settled) reject(new Error(`planner worker exited with code ${code}`));
    });
  });
}
