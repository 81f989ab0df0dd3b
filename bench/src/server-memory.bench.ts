// npm run bench:memory: how much memory `npm start` holds on the embedded database, as the operating
// system counts it (resident set, VmRSS, and its peak, VmHWM, from /proc): idle after the first start
// (which seeds the demo), idle after a restart on that data, and after the first responses (a sign-in
// and the clinical lead's caseload and home pages). Prints figures; asserts nothing.
//
//   npm run bench:memory -- [--idle-seconds 15] [--port 3918] [--app DIR]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demoPassword, generateDemoTeam } from '../../packages/server/src/demo/generate-demo-data.ts';

const { values } = parseArgs({
  options: {
    'idle-seconds': { type: 'string', default: '15' },
    port: { type: 'string', default: '3918' },
    app: { type: 'string', default: '.' },
  },
  strict: false,
});
const idleMs = Number(values['idle-seconds']) * 1000;
const port = Number(values.port);
const appDir = resolve(String(values.app));
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'homeward-memory-'));

/** Resident and peak resident memory of a process, in MiB, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
}

function startCommand(): string[] {
  const script: string = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')).scripts.start;
  const [first, ...rest] = script.split(/\s+/);
  if (first !== 'node') throw new Error(`Expected the start script to run node, not: ${script}`);
  return rest;
}

function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, startCommand(), {
    cwd: appDir,
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', HOMEWARD_DEMO: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Homeward is running')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolvePromise(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`The app exited (${code}) before listening:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function firstResponses(): Promise<void> {
  const lead = generateDemoTeam({ seed: 20261124 }).staff.find((s) => s.homewardRole === 'clinical-lead')!;
  const signedIn = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: lead.email, password: demoPassword }) });
  if (signedIn.status !== 201) throw new Error(`Sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('hw_session='))!;
  for (const path of ['/', '/caseload', '/team-caseload', '/api/patients?name=sm']) {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    await res.text();
    if (res.status >= 500) throw new Error(`${path}: ${res.status}`);
  }
}

const rows: Array<[string, { rss: number; peak: number }]> = [];
const idle = () => new Promise((r) => setTimeout(r, idleMs));
try {
  let child = await start();
  await idle();
  rows.push(['idle after the first start (demo seeded)', memoryOf(child.pid!)]);
  await stop(child);
  child = await start();
  await idle();
  rows.push(['idle after a restart on that data', memoryOf(child.pid!)]);
  await firstResponses();
  rows.push(['after the first responses', memoryOf(child.pid!)]);
  await idle();
  rows.push([`idle ${idleMs / 1000} s later`, memoryOf(child.pid!)]);
  await stop(child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`Server memory on the embedded database (MiB; load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`${'when'.padEnd(44)}${'RSS'.padStart(8)}${'peak RSS'.padStart(10)}`);
for (const [when, m] of rows) console.log(`${when.padEnd(44)}${String(m.rss).padStart(8)}${String(m.peak).padStart(10)}`);
