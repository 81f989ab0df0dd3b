// The worker entry point: node:worker_threads is used only here and in solve-in-worker.ts.
// The worker side of solveInWorker: plans, posts progress, stops when the shared flag is set.
import { parentPort, workerData } from 'node:worker_threads';
import { planVisits } from './plan-visits.ts';
import type { WorkerMessage, WorkerRequest } from './solve-in-worker.ts';

const request = workerData as WorkerRequest;
const flag = new Int32Array(request.stopFlag);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
try {
  const result = planVisits(request.problem, {
    ...request.options,
    shouldStop: () => Atomics.load(flag, 0) === 1,
    ...(request.progress ? { onProgress: (progress) => post({ kind: 'progress', progress }) } : {}),
  });
  post({ kind: 'done', result });
} catch (error) {
  post({ kind: 'error', message: String(error) });
}
