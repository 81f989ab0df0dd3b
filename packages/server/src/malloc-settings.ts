// Preloaded first by `npm start` (node --import): on Linux with glibc, starts the server again in the
// same process (same pid, same arguments, execve) with glibc's mmap threshold fixed at its default of
// 128 KiB, which glibc reads only when a process starts.
//
// Why (issue 12, ARCHITECTURE.md "Memory"): glibc raises the threshold each time a large block it had
// mapped on its own is freed, up to 32 MiB. Reading PGlite's files (its 9 MB WebAssembly, its 6 MB
// file-system bundle), compiling them, and a first start's initdb and seeding free many such blocks,
// so the threshold climbs and every later buffer of up to several MB comes out of malloc's main heap
// instead, where the freed ones stay resident between the live ones. That was 60 MB of a first start's
// idle 320 MB and 20-25 MB after a restart. With the threshold fixed, a large buffer is mapped and
// given back whole when freed.
//
// Nothing happens elsewhere (macOS, Windows, musl), when GLIBC_TUNABLES already sets the threshold
// (which is also how the second start knows it is the second), or when a parent talks to this process
// over an IPC channel, which does not survive execve. Set HOMEWARD_MALLOC_SETTINGS=false to skip it.
import { isMainThread } from 'node:worker_threads';

const threshold = 'glibc.malloc.mmap_threshold';
const tunables = process.env.GLIBC_TUNABLES ?? '';

function runsOnGlibc(): boolean {
  if (process.platform !== 'linux') return false;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return Boolean(report?.header?.glibcVersionRuntime);
}

if (
  // Worker threads (the planner's) preload this too; they share the process, already started right.
  isMainThread &&
  !tunables.includes(threshold) &&
  process.env.HOMEWARD_MALLOC_SETTINGS !== 'false' &&
  !process.channel &&
  typeof process.execve === 'function' &&
  runsOnGlibc()
) {
  const env = { ...process.env, GLIBC_TUNABLES: [tunables, `${threshold}=131072`].filter(Boolean).join(':') };
  // Replaces this process (nothing of the server has loaded yet); it does not return.
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], env as Record<string, string>);
}
