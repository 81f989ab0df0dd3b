// npm run mutate:defects: puts each deliberate defect of scripts/deliberate-defects/defects.ts, one at
// a time, into a scratch copy of the code and runs the tests that must catch it, on both databases
// (integration tests: Vitest projects int-pglite and int-postgres) or as unit tests. Prints one line
// per defect, killed (which tests failed) or SURVIVED, then the totals; exits non-zero if any defect
// survived, is stale (its text is no longer in the code exactly once) or could not be run.
//
// The working tree is never touched: the packages, the configuration and a node_modules of symlinks
// (with @homeward/* pointing at the copy) are put in a temporary directory, removed at the end, so an
// interrupted run leaves no defect in the code.
//
//   npm run mutate:defects                      every defect
//   npm run mutate:defects -- --only <id>[,<id>] the named ones (or a prefix: --only i10-4)
//   npm run mutate:defects -- --list            the defects, and whether each still applies
//   npm run mutate:defects -- --quick           stop a defect at the first database that kills it
//   npm run mutate:defects -- --baseline        first run each defect's tests without it (they must pass)
//   npm run mutate:defects -- --keep            keep the scratch copy and the logs
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { defects, type Defect } from './deliberate-defects/defects.ts';

type Project = 'unit' | 'int-pglite' | 'int-postgres';
type RunResult = { project: Project; outcome: 'passed' | 'failed' | 'error'; failed: string[]; message: string; seconds: number };
type JsonReport = {
  testResults?: Array<{ name: string; status: string; message?: string; assertionResults?: Array<{ fullName: string; status: string }> }>;
};

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const valueOf = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** How many times `find` occurs in `text`. */
function occurrences(text: string, find: string): number {
  if (find === '') return 0;
  let n = 0;
  for (let i = text.indexOf(find); i >= 0; i = text.indexOf(find, i + find.length)) n++;
  return n;
}

/** Why a defect no longer applies to the code (null: it applies). */
function staleness(defect: Defect): string | null {
  for (const c of defect.changes) {
    const path = join(root, c.file);
    if (!existsSync(path)) return `${c.file} is gone`;
    const n = occurrences(readFileSync(path, 'utf8'), c.find);
    if (n !== 1) return `its text occurs ${n} times in ${c.file}, not once`;
  }
  for (const t of defect.tests) if (!existsSync(join(root, t))) return `its test ${t} is gone`;
  return null;
}

const projectsFor = (defect: Defect): Array<{ project: Project; files: string[] }> => {
  const integration = defect.tests.filter((t) => t.endsWith('.int.test.ts'));
  const unit = defect.tests.filter((t) => !t.endsWith('.int.test.ts'));
  return [
    ...(unit.length ? [{ project: 'unit' as const, files: unit }] : []),
    ...(integration.length ? [{ project: 'int-pglite' as const, files: integration }, { project: 'int-postgres' as const, files: integration }] : []),
  ];
};

/** The scratch copy: packages and configuration copied, node_modules symlinked, the workspaces pointing at the copy. */
function makeScratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-defects-'));
  // Dependencies anywhere; a run's data and reports only at a package's top: packages/server/src/reports
  // and packages/clinical/src/reports are code (skipping them left every defect unrunnable).
  const skip = (src: string) => {
    const path = relative(root, src);
    return !/[/\\](node_modules|\.vite)([/\\]|$)/.test(path) && !/^packages[/\\][^/\\]+[/\\](data|reports)([/\\]|$)/.test(path);
  };
  cpSync(join(root, 'packages'), join(dir, 'packages'), { recursive: true, filter: skip });
  for (const f of ['package.json', 'tsconfig.json', 'vitest.config.ts']) cpSync(join(root, f), join(dir, f));
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@homeward' || entry.startsWith('.vite')) continue;
    symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  mkdirSync(join(dir, 'node_modules', '@homeward'));
  for (const pkg of ['clinical', 'planner', 'server']) symlinkSync(join(dir, 'packages', pkg), join(dir, 'node_modules', '@homeward', pkg));
  return dir;
}

let child: ReturnType<typeof spawn> | null = null;

function runVitest(scratch: string, logDir: string, label: string, project: Project, files: string[], names: string | undefined): Promise<RunResult> {
  const results = join(logDir, `${label}.${project}.json`);
  const log = join(logDir, `${label}.${project}.log`);
  rmSync(results, { force: true });
  const started = Date.now();
  const vitestArgs = [
    join(scratch, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--project',
    project,
    '--maxWorkers=1',
    '--reporter=dot',
    '--reporter=json',
    `--outputFile.json=${results}`,
    ...(names ? ['-t', names] : []),
    ...files,
  ];
  return new Promise((done) => {
    const out: Buffer[] = [];
    child = spawn(process.execPath, vitestArgs, { cwd: scratch, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => out.push(b));
    child.on('close', (status) => {
      child = null;
      const text = Buffer.concat(out).toString('utf8');
      writeFileSync(log, text);
      const seconds = Math.round((Date.now() - started) / 1000);
      if (!existsSync(results)) {
        done({ project, outcome: 'error', failed: [], message: lastLines(text), seconds });
        return;
      }
      const report = JSON.parse(readFileSync(results, 'utf8')) as JsonReport;
      const failed: string[] = [];
      const brokenFiles: string[] = [];
      let ran = 0;
      for (const file of report.testResults ?? []) {
        const name = relative(scratch, file.name);
        const assertions = file.assertionResults ?? [];
        ran += assertions.filter((a) => a.status === 'passed' || a.status === 'failed').length;
        for (const a of assertions) if (a.status === 'failed') failed.push(`${name}: ${a.fullName}`);
        if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) brokenFiles.push(`${name} (${firstLine(file.message)})`);
      }
      if (failed.length) done({ project, outcome: 'failed', failed, message: '', seconds });
      // A file that fails outside any test (a hook) failed all the same; one that never loaded did not test the rule.
      else if (brokenFiles.length && ran > 0) done({ project, outcome: 'failed', failed: brokenFiles, message: '', seconds });
      else if (status === 0 && ran > 0) done({ project, outcome: 'passed', failed: [], message: '', seconds });
      else done({ project, outcome: 'error', failed: [], message: brokenFiles.join('; ') || (ran === 0 ? 'no test ran (check the defect’s names)' : lastLines(text)), seconds });
    });
  });
}

const firstLine = (s: string | undefined) => (s ?? '').split('\n').find((l) => l.trim()) ?? '';
const lastLines = (s: string) => s.trim().split('\n').slice(-5).join(' | ');

function apply(scratch: string, defect: Defect): () => void {
  const originals: Array<[string, string]> = [];
  for (const c of defect.changes) {
    const path = join(scratch, c.file);
    const text = readFileSync(path, 'utf8');
    originals.push([path, text]);
    writeFileSync(path, text.replace(c.find, () => c.replace));
  }
  return () => {
    for (const [path, text] of originals.reverse()) writeFileSync(path, text);
  };
}

const minutes = (s: number) => `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;

async function main(): Promise<number> {
  const only = valueOf('--only')?.split(',').filter(Boolean);
  const chosen = only ? defects.filter((d) => only.some((o) => d.id === o || d.id.startsWith(o))) : defects;
  if (only && chosen.length === 0) {
    console.error(`No defect matches ${only.join(', ')}. Known: ${defects.map((d) => d.id).join(', ')}`);
    return 2;
  }
  if (flag('--list')) {
    for (const d of chosen) console.log(`${d.id.padEnd(44)} ${staleness(d) ? `STALE: ${staleness(d)}` : 'applies'}  ${d.what}`);
    return chosen.some((d) => staleness(d)) ? 1 : 0;
  }
  const ids = new Set<string>();
  for (const d of defects) {
    if (ids.has(d.id)) throw new Error(`Two defects are called ${d.id}`);
    ids.add(d.id);
  }

  const scratch = makeScratch();
  const logDir = join(scratch, 'logs');
  mkdirSync(logDir);
  const cleanUp = () => {
    if (child) child.kill('SIGTERM');
    if (!flag('--keep')) rmSync(scratch, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }

  const started = Date.now();
  const tally = { killed: 0, survived: 0, stale: 0, error: 0 };
  console.log(`${chosen.length} deliberate defects, each in a scratch copy (${scratch}); tests with --maxWorkers=1\n`);
  try {
    for (const defect of chosen) {
      const stale = staleness(defect);
      if (stale) {
        tally.stale++;
        console.log(`STALE     ${defect.id}: ${stale}`);
        continue;
      }
      const t0 = Date.now();
      const runs: RunResult[] = [];
      let baselineBroken = '';
      if (flag('--baseline')) {
        for (const { project, files } of projectsFor(defect)) {
          const r = await runVitest(scratch, logDir, `${defect.id}.baseline`, project, files, defect.names);
          if (r.outcome !== 'passed') baselineBroken = `${project}: ${r.failed.join('; ') || r.message}`;
        }
      }
      if (!baselineBroken) {
        const restore = apply(scratch, defect);
        try {
          for (const { project, files } of projectsFor(defect)) {
            const r = await runVitest(scratch, logDir, defect.id, project, files, defect.names);
            runs.push(r);
            if (flag('--quick') && r.outcome === 'failed') break;
          }
        } finally {
          restore();
        }
      }
      const seconds = Math.round((Date.now() - t0) / 1000);
      const killedBy = runs.filter((r) => r.outcome === 'failed');
      const errors = runs.filter((r) => r.outcome === 'error');
      if (baselineBroken) {
        tally.error++;
        console.log(`ERROR     ${defect.id} (${seconds} s): its tests fail without the defect: ${baselineBroken}`);
      } else if (errors.length) {
        tally.error++;
        console.log(`ERROR     ${defect.id} (${seconds} s): ${errors.map((r) => `${r.project}: ${r.message}`).join('; ')}`);
      } else if (killedBy.length) {
        tally.killed++;
        const survivedOn = runs.filter((r) => r.outcome === 'passed').map((r) => r.project);
        const tests = [...new Set(killedBy.flatMap((r) => r.failed))];
        const shown = tests.slice(0, 3).join('; ') + (tests.length > 3 ? `; and ${tests.length - 3} more` : '');
        console.log(`killed    ${defect.id} (${seconds} s) on ${killedBy.map((r) => r.project).join(' and ')}${survivedOn.length ? ` (NOT on ${survivedOn.join(', ')})` : ''}: ${shown}`);
      } else {
        tally.survived++;
        console.log(`SURVIVED  ${defect.id} (${seconds} s): ${defect.what}; ${defect.tests.join(', ')} all passed`);
      }
    }
  } finally {
    cleanUp();
  }
  const total = Math.round((Date.now() - started) / 1000);
  console.log(
    `\n${tally.killed} killed, ${tally.survived} survived${tally.stale ? `, ${tally.stale} stale` : ''}${tally.error ? `, ${tally.error} could not be run` : ''} of ${chosen.length}, in ${minutes(total)}${flag('--keep') ? `; logs in ${logDir}` : ''}`,
  );
  return tally.survived + tally.stale + tally.error > 0 ? 1 : 0;
}

process.exitCode = await main();
