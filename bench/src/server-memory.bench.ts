// npm run bench:memory: how much memory `npm start` holds on the embedded database, and where it is.
// The server runs with bench/src/memory-probe.ts preloaded, which answers on a Unix socket with the
// resident set (VmRSS; its peak VmHWM; anonymous and file-backed parts), V8's heap (total, used,
// compiled code), external memory (ArrayBuffers, the rest) and PGlite's WebAssembly memory. Read idle
// after the first start (which seeds the demo), idle after a restart on that data, after the first
// responses (a sign-in and the clinical lead's pages), after a short load (each page and a search, a
// few rounds), and idle again. Prints figures; asserts nothing.
//
//   npm run bench:memory -- [--idle-seconds 15] [--load-rounds 20] [--port 3918] [--app DIR]
//
// Extra flags for node (to try one) go in NODE_OPTIONS, which the server inherits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoPassword, generateDemoTeam } from '../../packages/server/src/demo/generate-demo-data.ts';

import type { MemoryBreakdown } from './memory-probe.ts';

const { values } = parseArgs({
  options: {
    'idle-seconds': { type: 'string', default: '15' },
    'load-rounds': { type: 'string', default: '20' },
    port: { type: 'string', default: '3918' },
    app: { type: 'string', default: '.' },
  },
  strict: false,
});
const idleMs = Number(values['idle-seconds']) * 1000;
const loadRounds = Number(values['load-rounds']);
const port = Number(values.port);
const appDir = resolve(String(values.app));
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'homeward-memory-'));
const probe = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

const probeDir = mkdtempSync(join(tmpdir(), 'homeward-probe-'));
const probeSocket = join(probeDir, 'memory.sock');
/** GLIBC_TUNABLES as the server saw it (malloc-settings.ts sets it for `npm start`). */
let serverTunables: string | undefined;

/** Where the server's memory is, in MiB, as the probe preloaded into it sees it (and that it is the server's own pid). */
function memoryOf(child: ChildProcess): Promise<MemoryBreakdown> {
  return new Promise((resolvePromise, reject) => {
    const socket = createConnection(probeSocket);
    let answer = '';
    socket.setTimeout(30_000, () => socket.destroy(new Error('The server did not answer the memory probe')));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const { pid, memory, tunables } = JSON.parse(answer) as { pid: number; memory: MemoryBreakdown; tunables?: string };
      serverTunables = tunables;
      if (pid !== child.pid) reject(new Error(`The probe answered from pid ${pid}, not the server's ${child.pid}`));
      else resolvePromise(memory);
    });
    socket.write('memory\n');
  });
}

function startCommand(): string[] {
  const script: string = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')).scripts.start;
  const [first, ...rest] = script.split(/\s+/);
  if (first !== 'node') throw new Error(`Expected the start script to run node, not: ${script}`);
  return rest;
}

function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', probe, ...startCommand()], {
    cwd: appDir,
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', HOMEWARD_DEMO: '', LOG_LEVEL: 'warn', HOMEWARD_MEMORY_PROBE_SOCKET: probeSocket },
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

async function get(path: string, cookie: string): Promise<string> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = await res.text();
  if (res.status >= 400) throw new Error(`${path}: ${res.status}`);
  return body;
}

async function signIn(): Promise<string> {
  const lead = generateDemoTeam({ seed: 20261124 }).staff.find((s) => s.homewardRole === 'clinical-lead')!;
  const signedIn = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: lead.email, password: demoPassword }) });
  if (signedIn.status !== 201) throw new Error(`Sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  return signedIn.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('hw_session='))!;
}

const firstPages = ['/', '/caseload', '/caseload/team', '/api/patients?name=sm'];

/** A short load: each round, the pages a clinician opens first, a search, and two episodes' record pages. */
async function shortLoad(cookie: string): Promise<void> {
  const caseload = await get('/caseload/team', cookie);
  const episodes = [...new Set([...caseload.matchAll(/\/episodes\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];
  if (episodes.length === 0) throw new Error('No episode on the team caseload');
  const names = ['sm', 'jo', 'wi', 'br', 'ta'];
  for (let round = 0; round < loadRounds; round++) {
    const episode = episodes[round % episodes.length]!;
    for (const path of [...firstPages, '/caseload/waiting', `/api/patients?name=${names[round % names.length]}`, `/episodes/${episode}`, `/episodes/${episode}/record`, '/api/referrals']) {
      await get(path, cookie);
    }
  }
}

const rows: Array<[string, MemoryBreakdown]> = [];
const idle = () => new Promise((r) => setTimeout(r, idleMs));
const loads: number[] = [];
const read = async (when: string, child: ChildProcess) => {
  rows.push([when, await memoryOf(child)]);
  loads.push(loadavg()[0]!);
};
try {
  let child = await start();
  await idle();
  await read('idle after the first start (demo seeded)', child);
  await stop(child);
  child = await start();
  await idle();
  await read('idle after a restart on that data', child);
  const cookie = await signIn();
  for (const path of firstPages) await get(path, cookie);
  await read('after the first responses', child);
  await shortLoad(cookie);
  await read(`after a short load (${loadRounds} rounds)`, child);
  await idle();
  await read(`idle ${idleMs / 1000} s later`, child);
  await stop(child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(probeDir, { recursive: true, force: true });
}
const columns: Array<[keyof MemoryBreakdown, string]> = [
  ['rss', 'RSS'], ['peak', 'peak'], ['anonymous', 'anon'], ['file', 'file'], ['heapTotal', 'heap'], ['heapUsed', 'used'], ['young', 'young'],
  ['code', 'code'], ['arrayBuffers', 'arrBuf'], ['external', 'extern'], ['wasm', 'wasm'], ['wasmResident', 'w.res'], ['malloced', 'malloc'],
];
console.log(`Server memory on the embedded database (MiB; load average ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)})`);
console.log(`The server's GLIBC_TUNABLES: ${serverTunables ?? '(none)'}`);
console.log(`${'when'.padEnd(44)}${columns.map(([, title]) => title.padStart(7)).join('')}`);
for (const [when, m] of rows) console.log(`${when.padEnd(44)}${columns.map(([key]) => String(m[key]).padStart(7)).join('')}`);
console.log(`RSS = anon + file. heap: V8's JavaScript heap (used: by objects, live or not yet collected; young: its young
generation); code: compiled JavaScript within it;
arrBuf: ArrayBuffers and Buffers; extern: other memory held for JavaScript objects; wasm: PGlite's
WebAssembly heap as grown (it never shrinks), w.res: how much of it is resident; malloc: V8's own (compiler zones).`);
