// npm start's first start on the embedded database: the new database is created and the demo seeded in a
// child process (cli/seed-new-demo-database.ts), then opened as any restart opens it. Why: the one-off
// work leaves memory behind for good in the process that did it (PGlite's WebAssembly heap never shrinks;
// initdb's copy of the data directory fragments malloc's heap), 85 MB of an idle first start's 312.
// The child builds it in a directory of its own inside the data directory, and it is moved into place
// only once whole: a first start stopped half-way (Ctrl-C, a crash) leaves no half-seeded database for
// the next start to open. Inside, not beside: the same file system whatever is mounted where (a
// volume mounted at the data directory), and nothing written to a parent that may not be writable.
import { fork } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HomewardConfig } from '../config.ts';

const childScript = fileURLToPath(new URL('../cli/seed-new-demo-database.ts', import.meta.url));

/**
 * Whether this start would create the embedded database and seed the demo: embedded (no DATABASE_URL),
 * demo not turned off, and no database in the data directory yet.
 */
export function startsNewEmbeddedDemo(config: Pick<HomewardConfig, 'databaseUrl' | 'dataDir'>, env: NodeJS.ProcessEnv): boolean {
  return !config.databaseUrl && env.HOMEWARD_DEMO !== 'false' && !existsSync(join(config.dataDir, 'PG_VERSION'));
}

/** Where a first start builds the database: inside the data directory, so that renames move it in. */
export function firstStartDirOf(dataDir: string): string {
  return join(dataDir, '.first-start');
}

/**
 * Runs the child with this process's Node flags and settings, on a directory of its own in dataDir
 * (anything an earlier, stopped first start left there is removed first); once it has finished, moves
 * the database into dataDir. Resolves with the lines the child asks to be printed.
 */
export function seedDemoInChild(dataDir: string): Promise<{ lines: string[] }> {
  const building = firstStartDirOf(dataDir);
  rmSync(building, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = fork(childScript, [], { execArgv: process.execArgv, env: { ...process.env, HOMEWARD_DATA_DIR: building }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: { lines: string[] } | null = null;
    child.on('message', (message) => {
      answer = message as { lines: string[] };
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && answer) {
        moveIntoPlace(building, dataDir);
        resolve(answer);
      } else reject(new Error(`Creating the demo database failed (${signal ?? `exit code ${code}`}); see the messages above. Start again to start afresh.`));
    });
  });
}

/**
 * Moves the finished database from `building` (inside dataDir) into dataDir, entry by entry, each
 * replacing whatever an interrupted move left, PG_VERSION last, since that is what tells a start the
 * database is there (startsNewEmbeddedDemo): a crash mid-move means a fresh first start, never a
 * database with parts missing.
 */
export function moveIntoPlace(building: string, dataDir: string, rename: (from: string, to: string) => void = renameSync): void {
  const entries = readdirSync(building).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  for (const entry of entries) {
    rmSync(join(dataDir, entry), { recursive: true, force: true });
    rename(join(building, entry), join(dataDir, entry));
  }
  rmSync(building, { recursive: true, force: true });
}
