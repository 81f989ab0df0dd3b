// The command line of `npm run bench`: which engines, how many patients, how many timed searches.
import { parseArgs } from 'node:util';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';

export type BenchOptions = {
  engines: DatabaseEngine[];
  patients: number;
  iterations: number;
  /** Untimed searches before each timed run, so JIT, plan caches and buffers are warm. */
  warmup: number;
};

export const benchUsage = 'Usage: npm run bench -- [--engine pglite|postgres|both] [--patients 200000] [--iterations 300]';

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      patients: { type: 'string', default: '200000' },
      iterations: { type: 'string', default: '300' },
      // npm run bench passes the same flags to every benchmark; these belong to the caseload one.
      episodes: { type: 'string' },
      teams: { type: 'string' },
      // ...and these to the audit one.
      'audit-events': { type: 'string' },
      'audit-clients': { type: 'string' },
      'audit-seconds': { type: 'string' },
      'audit-patients': { type: 'string' },
      'audit-before': { type: 'string' },
    },
    strict: true,
  });
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both') {
    throw new Error(`--engine must be pglite, postgres or both, not "${engine}"`);
  }
  const patients = wholeNumber('--patients', values.patients, 100, 800_000);
  const iterations = wholeNumber('--iterations', values.iterations, 10, 100_000);
  return {
    engines: engine === 'both' ? ['postgres', 'pglite'] : [engine],
    patients,
    iterations,
    warmup: Math.min(50, iterations),
  };
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}
