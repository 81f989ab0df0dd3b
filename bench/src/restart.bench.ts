// npm run bench:restart: how long `npm start` takes to listen again after kill -9 on the embedded
// database, with the demo data present, after the app has been written to for a while: killed during
// writes, killed after them, and (for comparison) stopped cleanly. Prints figures; asserts nothing.
//
//   npm run bench:restart -- [--rounds 3] [--write-seconds 60] [--writers 8] [--data-dir DIR] [--app DIR]
//
// --app runs another checkout's `npm start` (its package.json script, with this repository's Node), so
// two versions can be compared on the same machine, one round of each in turn. The machine may be
// shared: the CPU seconds the server used to get to listening vary far less with load than the wall
// clock, and the load average is printed with each row.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nhsNumberCheckDigit } from '../../packages/clinical/src/nhs-number.ts';
import { demoPassword, generateDemoTeam } from '../../packages/server/src/demo/generate-demo-data.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'write-seconds': { type: 'string', default: '60' },
    writers: { type: 'string', default: '8' },
    'data-dir': { type: 'string' },
    app: { type: 'string', default: '.' },
    port: { type: 'string', default: '3917' },
  },
  // npm run bench passes every benchmark the same flags (--engine, --patients...): not ours to refuse.
  strict: false,
});
const rounds = Number(values.rounds);
const writeSeconds = Number(values['write-seconds']);
const writers = Number(values.writers);
const port = Number(values.port);
const appDir = resolve(String(values.app));
const givenDataDir = values['data-dir'] ? resolve(String(values['data-dir'])) : null;
const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), 'homeward-restart-'));
const base = `http://127.0.0.1:${port}`;

/** The start script of the app's package.json, run with this Node (the script says `node ...`). */
function startCommand(): string[] {
  const script: string = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')).scripts.start;
  const [first, ...rest] = script.split(/\s+/);
  if (first !== 'node') throw new Error(`Expected the start script to run node, not: ${script}`);
  return rest;
}

type Started = { child: ChildProcess; seconds: number; cpuSeconds: number | null };

/** CPU seconds a process has used so far (user + system), from /proc; null where there is none. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function start(): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, startCommand(), {
    cwd: appDir,
    env: { ...process.env, HOMEWARD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', HOMEWARD_DEMO: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      // main.ts's own line once listening (Fastify's "Server listening" log line is written in the
      // background, 4 KiB at a time, so it may come much later).
      if (output.includes('Homeward is running at')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolvePromise({ child, seconds: (performance.now() - began) / 1000, cpuSeconds: cpuSecondsOf(child.pid!) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`The app exited (${code}) before listening:\n${output}`)));
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolvePromise) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once('exit', () => resolvePromise());
    child.kill(signal);
  });
}

function walMegabytes(): number {
  const dir = join(dataDir, 'pg_wal');
  const bytes = readdirSync(dir).filter((f) => /^[0-9A-F]{24}$/.test(f)).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  return Math.round(bytes / 1024 / 1024);
}

function nhsNumber(n: number): string {
  for (let i = n; ; i += 7919) {
    const firstNine = String(990_000_000 + (i % 9_000_000)).padStart(9, '0');
    const check = nhsNumberCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}

/** Registers, changes and reads patients as a clinical lead, as fast as it can, until stop() is called. */
async function writeLoad(): Promise<{ stop: () => Promise<number> }> {
  const lead = generateDemoTeam({ seed: 20261124 }).staff.find((s) => s.homewardRole === 'clinical-lead')!;
  const signedIn = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: lead.email, password: demoPassword }) });
  if (signedIn.status !== 201) throw new Error(`Sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  const headers = { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await signedIn.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
  let running = true;
  let acknowledged = 0;
  let next = Math.floor(Math.random() * 8_000_000);
  const details = (n: number, town: string) => ({
    nhsNumber: nhsNumber(n), givenName: 'Restart', familyName: `Bench${n}`, dateOfBirth: '1940-01-01', sex: 'female', genderIdentity: null, addressLine1: '1 Market Place', addressLine2: null,
    town, postcode: 'ST6 3HR', latitude: null, longitude: null, phone: null, gpPracticeCode: null, gpPracticeName: null, contacts: [], communicationNeeds: { needs: [], interpreterLanguage: null, notes: null },
    livesAlone: false, keySafe: false, accessNotes: null, riskFlags: [], riskNotes: null,
  });
  const writer = async () => {
    while (running) {
      const n = next++;
      try {
        const created = await fetch(`${base}/api/patients`, { method: 'POST', headers, body: JSON.stringify(details(n, 'Burslem')) });
        if (created.status !== 201) continue;
        const patient = (await created.json()) as { id: string; version: number };
        await (await fetch(`${base}/api/patients/${patient.id}`, { method: 'PUT', headers, body: JSON.stringify({ ...details(n, 'Tunstall'), version: patient.version }) })).text();
        await (await fetch(`${base}/api/patients/${patient.id}`, { headers })).text();
        acknowledged++;
      } catch {
        // The server was killed under us: that is the point.
        return;
      }
    }
  };
  const all = Promise.all(Array.from({ length: writers }, writer));
  return {
    stop: async () => {
      running = false;
      await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
      return acknowledged;
    },
  };
}

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));
const rows: string[][] = [];
const row = (scenario: string, writes: number | string, walBefore: number, s: Started) =>
  rows.push([scenario, String(writes), `${walBefore} MB`, `${s.seconds.toFixed(1)} s`, s.cpuSeconds === null ? '-' : `${s.cpuSeconds.toFixed(1)} s`, loadavg()[0]!.toFixed(1)]);

try {
  console.log(`Restarts of ${appDir} on the embedded database in ${dataDir}: ${rounds} rounds, ${writeSeconds} s of writes by ${writers} writers before each kill.`);
  let running = await start();
  row(givenDataDir ? 'first start (data there already)' : 'first start (seeds the demo)', '-', 0, running);
  for (let round = 1; round <= rounds; round++) {
    let load = await writeLoad();
    await sleep(writeSeconds);
    await stopped(running.child, 'SIGKILL');
    let writes = await load.stop();
    let wal = walMegabytes();
    running = await start();
    row(`killed during writes, round ${round}`, writes, wal, running);

    load = await writeLoad();
    await sleep(writeSeconds);
    writes = await load.stop();
    await sleep(1);
    await stopped(running.child, 'SIGKILL');
    wal = walMegabytes();
    running = await start();
    row(`killed after writes, round ${round}`, writes, wal, running);
  }
  await stopped(running.child, 'SIGTERM');
  const wal = walMegabytes();
  running = await start();
  row('after a clean stop', '-', wal, running);
  await stopped(running.child, 'SIGTERM');

  const header = ['scenario', 'writes acknowledged', 'pg_wal before start', 'listening after', 'server CPU to listen', 'load (1 min)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  console.log(`\n${header.map((h, i) => h.padEnd(widths[i]!)).join('  ')}`);
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  console.log('\n"writes acknowledged": patients registered, changed and read back (three requests each) before the kill.');
} finally {
  if (!givenDataDir) rmSync(dataDir, { recursive: true, force: true });
}
