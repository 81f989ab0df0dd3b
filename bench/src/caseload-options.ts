// The command line of the caseload benchmark. `npm run bench` passes the same flags to every benchmark,
// so flags meant for another one are ignored here rather than refused.
import { parseArgs } from 'node:util';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';

export type CaseloadBenchOptions = {
  engines: DatabaseEngine[];
  patients: number;
  /** Open (not discharged) episodes across all teams. */
  episodes: number;
  teams: number;
  iterations: number;
  /** Untimed requests before each timed run, so JIT, plan caches and buffers are warm. */
  warmup: number;
};

export const caseloadBenchUsage =
  'Usage: npm run bench:caseload -- [--engine pglite|postgres|both] [--patients 200000] [--episodes 20000] [--teams 20] [--iterations 300]';

export function parseCaseloadBenchOptions(argv: string[]): CaseloadBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      patients: { type: 'string', default: '200000' },
      episodes: { type: 'string', default: '20000' },
      teams: { type: 'string', default: '20' },
      iterations: { type: 'string', default: '300' },
    },
    strict: false,
    allowPositionals: true,
  });
  const engine = String(values.engine);
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both') {
    throw new Error(`--engine must be pglite, postgres or both, not "${engine}"`);
  }
  const patients = wholeNumber('--patients', values.patients, 1000, 800_000);
  const teams = wholeNumber('--teams', values.teams, 2, 200);
  const episodes = wholeNumber('--episodes', values.episodes, 100, 400_000);
  const iterations = wholeNumber('--iterations', values.iterations, 10, 100_000);
  // Each referral needs a patient of its own; about 1.5 referrals per open episode (discharges, incoming).
  if (episodes * 1.6 > patients) throw new Error(`--episodes ${episodes} needs at least ${Math.ceil(episodes * 1.6)} patients (--patients)`);
  return { engines: engine === 'both' ? ['postgres', 'pglite'] : [engine], patients, episodes, teams, iterations, warmup: Math.min(50, iterations) };
}

function wholeNumber(name: string, raw: unknown, min: number, max: number): number {
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${String(raw)}"`);
  }
  return value;
}
