// npm start itself (main.ts), as the README's first command runs it, on a new embedded data directory:
// the first start creates the database and seeds the demo in a child process
// (demo/seed-demo-in-child.ts), then opens it as a restart would, and says who to sign in as; a second
// start on that directory seeds nothing and finds the same demo. Real processes on a real data
// directory; once, on the embedded database (the PostgreSQL run would repeat it exactly).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../test/test-database.ts';
import { demoPassword } from './demo/generate-demo-data.ts';
import { openDatabase } from './db/database.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const startScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
// npm start's own command line, run with this Node (npm's own start-up is not what is tested).
const startArgs = startScript.replace(/^node /, '').split(' ');

type Started = { process: ChildProcess; output: () => string; address: string };

/** Starts npm start's command and waits until it has printed `lastLine` (each line is its own write). */
function start(dataDir: string, lastLine: RegExp): Promise<Started> {
  const child = spawn(process.execPath, startArgs, {
    cwd: root,
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', HOMEWARD_DEMO: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += String(chunk));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const check = () => {
      const running = /Homeward is running at (http:\/\/\S+)/.exec(output);
      if (running && lastLine.test(output)) resolve({ process: child, output: () => output, address: running[1]!.replace('localhost', '127.0.0.1') });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before listening:\n${output}`)));
  });
}

function stop(started: Started): Promise<void> {
  return new Promise((resolve) => {
    started.process.once('exit', () => resolve());
    started.process.kill('SIGTERM');
  });
}

async function signIn(address: string, email: string): Promise<number> {
  const res = await fetch(`${address}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
  return res.status;
}

/** Resolves once the process is gone (its /proc entry removed, or left as a zombie nobody reaps). */
async function gone(pid: number): Promise<void> {
  for (;;) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
    if (status === null || /^State:\s+Z/m.test(status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(testEngine !== 'pglite')('npm start on a new embedded data directory', () => {
  let parent = '';
  let dataDir = '';
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'homeward-first-start-'));
    // Not made yet, as on a new machine.
    dataDir = join(parent, 'data');
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('creates and seeds the demo in a child process, then serves it; a restart seeds nothing and serves the same demo', async () => {
    const first = await start(dataDir, /run sheet for today: .+ open \/run-sheet/);
    try {
      const out = first.output();
      // The child migrated and seeded (its lines come first), the server then said where it is and who to sign in as.
      expect(out).toMatch(/Database migrated: 2026-11-24-0001-foundation/);
      expect(out.indexOf('First start: creating the demo service')).toBeLessThan(out.indexOf('Homeward is running at'));
      expect(out).toMatch(/The story patient to follow: .+ \(NHS number \d{3} \d{3} \d{4}\)/);
      expect(await signIn(first.address, 'imran.gallagher@homeward.example')).toBe(201);
      // The one-off work was not the server's: creating a database (initdb copies a new data directory
      // through memory, 540 MB) and seeding peak at 0.6-0.8 GB in the process that does them, and the
      // server's own peak stayed at a restart's (270-360 MB). The child has gone.
      const peakMiB = Number(/^VmHWM:\s+(\d+) kB/m.exec(await readFile(`/proc/${first.process.pid}/status`, 'utf8'))![1]) / 1024;
      expect(peakMiB).toBeLessThan(500);
      expect((await readFile(`/proc/${first.process.pid}/task/${first.process.pid}/children`, 'utf8')).trim()).toBe('');
      // Built in a directory of its own, then moved in whole.
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dataDir, '.first-start'))).toBe(false);
    } finally {
      await stop(first);
    }

    const second = await start(dataDir, /privacy-officer\s+\S+@homeward\.example/);
    try {
      const out = second.output();
      expect(out).not.toMatch(/First start|Database migrated/);
      expect(out).toMatch(/clinical-lead\s+imran\.gallagher@homeward\.example/);
      expect(await signIn(second.address, 'imran.gallagher@homeward.example')).toBe(201);
    } finally {
      await stop(second);
    }
  });

  it('stops seeding when npm start is killed during a first start, leaves no half-made database, and the next start makes it whole', async () => {
    const killedDir = await mkdtemp(join(tmpdir(), 'homeward-first-start-killed-'));
    const building = join(killedDir, '.first-start');
    try {
      const child = spawn(process.execPath, startArgs, {
        cwd: root,
        env: { ...process.env, HOMEWARD_DATA_DIR: killedDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', HOMEWARD_DEMO: '', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Once the seeding has begun (the child's first line), find the child and kill npm start outright.
      await new Promise<void>((resolve) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += String(chunk);
          if (out.includes('First start: creating the demo service')) resolve();
        });
      });
      const seeder = Number((await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')).trim().split(/\s+/)[0]);
      expect(seeder).toBeGreaterThan(0);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      // The seeder notices its parent gone and stops (the test's own time limit is the bound), well
      // before the clinical records (which alone take seconds): none was written. Left running, it
      // would have seeded them all, on a directory the next start would open too.
      await gone(seeder);
      const database = await openDatabase({ engine: 'pglite', dataDir: building, checkpoints: false, statistics: false });
      try {
        expect(Number((await database.db.selectFrom('contact_notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
      } finally {
        await database.close();
      }
      // The half-made database is in its own directory, never the data directory's: the next start is a first
      // start again, starts afresh, and serves the whole demo.
      expect(existsSync(join(killedDir, 'PG_VERSION'))).toBe(false);
      const again = await start(killedDir, /run sheet for today: .+ open \/run-sheet/);
      try {
        expect(again.output()).toMatch(/First start: creating the demo service/);
        expect(await signIn(again.address, 'imran.gallagher@homeward.example')).toBe(201);
        expect(existsSync(building)).toBe(false);
      } finally {
        await stop(again);
      }
    } finally {
      await rm(killedDir, { recursive: true, force: true });
    }
  });
});
