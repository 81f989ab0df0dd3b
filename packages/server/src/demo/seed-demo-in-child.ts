// npm start's first start on the embedded database: the new database is created and the demo seeded in a
// child process (cli/seed-new-demo-database.ts), then opened as any restart opens it. Why: the one-off
// work leaves memory behind for good in the process that did it (PGlite's WebAssembly heap never shrinks;
// initdb's copy of the data directory fragments malloc's heap), 85 MB of an idle first start's 312.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** Runs the child with this process's Node flags and settings; resolves with the lines it asks to be printed. */
export function seedDemoInChild(dataDir: string): Promise<{ lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = fork(childScript, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: { lines: string[] } | null = null;
    child.on('message', (message) => {
      answer = message as { lines: string[] };
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && answer) resolve(answer);
      else reject(new Error(`Creating the demo database failed (${signal ?? `exit code ${code}`}); see the messages above. Remove ${dataDir} and start again.`));
    });
  });
}
