// Times one way of searching over a list of samples: untimed warm-up first, then one timed search
// per sample, one after another (latency, not throughput).
import type { SearchSample } from './search-samples.ts';

export type TimedRun = {
  /** Milliseconds per search, in sample order. */
  timings: number[];
  /** How many patients each search found, in sample order, to check the ways agree. */
  resultCounts: number[];
};

/** `search` returns how many patients it found. */
export async function timeSearches(samples: SearchSample[], warmup: number, search: (sample: SearchSample) => Promise<number>): Promise<TimedRun> {
  for (let i = 0; i < warmup; i++) await search(samples[i % samples.length]!);
  const timings: number[] = [];
  const resultCounts: number[] = [];
  for (const sample of samples) {
    const started = performance.now();
    const found = await search(sample);
    timings.push(performance.now() - started);
    resultCounts.push(found);
  }
  return { timings, resultCounts };
}
