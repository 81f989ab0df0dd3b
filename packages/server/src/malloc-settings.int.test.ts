// malloc-settings.ts, the preload `npm start` runs first: on glibc it starts the process again in place
// with the mmap threshold fixed, keeping its pid, Node flags and arguments; it leaves alone a process
// told not to, one already set, and one whose parent talks to it over IPC (which execve would cut).
// Real processes, no database: the figures it is for are in `npm run bench:memory`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const preload = fileURLToPath(new URL('./malloc-settings.ts', import.meta.url));
const node = process.execPath;
const onGlibc = Boolean((process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime);

type Seen = { pid: number; tunables: string | null; execArgv: string[]; args: string[]; ipc: string | null };

let dir = '';
let script = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'homeward-malloc-'));
  script = join(dir, 'what-i-see.mjs');
  await writeFile(script, `
    const seen = (ipc) => JSON.stringify({ pid: process.pid, tunables: process.env.GLIBC_TUNABLES ?? null, execArgv: process.execArgv, args: process.argv.slice(2), ipc });
    if (process.send) process.once('message', (m) => { process.send(seen(m)); process.disconnect(); });
    else console.log(seen(null));
  `);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(env: Record<string, string | undefined>, ipc = false): Promise<{ childPid: number; seen: Seen }> {
  const { GLIBC_TUNABLES: _, HOMEWARD_MALLOC_SETTINGS: __, ...inherited } = process.env;
  const child = spawn(node, ['--max-semi-space-size=16', '--import', preload, script, 'one', 'two words'], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let answer: string | null = null;
    child.stdout!.on('data', (chunk) => (out += String(chunk)));
    child.on('message', (message) => (answer = String(message)));
    if (ipc) child.send('over ipc');
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`exited ${code}: ${out}`));
      else resolve({ childPid: child.pid!, seen: JSON.parse(answer ?? out) as Seen });
    });
  });
}

describe.skipIf(!onGlibc)('npm start on glibc', () => {
  it('runs again as the same process with the mmap threshold fixed, its Node flags and arguments kept', async () => {
    const { childPid, seen } = await run({});
    expect(seen.pid).toBe(childPid);
    expect(seen.tunables).toBe('glibc.malloc.mmap_threshold=131072');
    expect(seen.execArgv).toEqual(['--max-semi-space-size=16', '--import', preload]);
    expect(seen.args).toEqual(['one', 'two words']);
  });

  it('keeps the tunables someone else set, and leaves a threshold they chose', async () => {
    expect((await run({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).seen.tunables).toBe('glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072');
    expect((await run({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' })).seen.tunables).toBe('glibc.malloc.mmap_threshold=65536');
  });

  it('does nothing when told not to, or when a parent talks to it over IPC (which still works)', async () => {
    expect((await run({ HOMEWARD_MALLOC_SETTINGS: 'false' })).seen.tunables).toBeNull();
    const { childPid, seen } = await run({}, true);
    expect(seen).toMatchObject({ pid: childPid, tunables: null, ipc: 'over ipc' });
  });
});
