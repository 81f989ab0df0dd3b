// Preloaded into the server by bench/src/server-memory.bench.ts (node --import), never by `npm start`:
// answers the benchmark's "memory" line on a Unix socket (HOMEWARD_MEMORY_PROBE_SOCKET) with where the
// process's memory is. A socket, not an IPC channel: the channel would not survive the execve of
// `npm start`'s malloc-settings.ts, which therefore does nothing under one.
// It counts the WebAssembly memories made after it loaded (PGlite's heap is one), which nothing else
// can see from outside the process.
import { getHeapCodeStatistics, getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { isMainThread } from 'node:worker_threads';

const memories: Array<WeakRef<WebAssembly.Memory>> = [];
const Original = WebAssembly.Memory;
// A subclass, so instanceof and instantiate() see a real WebAssembly.Memory.
class CountedMemory extends Original {
  constructor(descriptor: WebAssembly.MemoryDescriptor) {
    super(descriptor);
    memories.push(new WeakRef(this));
  }
}
(WebAssembly as { Memory: typeof WebAssembly.Memory }).Memory = CountedMemory;

export type MemoryBreakdown = {
  /** Resident set and its peak (VmRSS, VmHWM), and the resident set's anonymous and file-backed parts. */
  rss: number;
  peak: number;
  anonymous: number;
  file: number;
  /** V8's JavaScript heap: reserved for it, and used by live objects. */
  heapTotal: number;
  heapUsed: number;
  /** Of heapTotal, the young generation (new objects; --max-semi-space-size bounds it). */
  young: number;
  /** Compiled JavaScript (bytecode and machine code) in the heap. */
  code: number;
  /** Memory outside the JavaScript heap held by JavaScript objects: ArrayBuffers (and Buffers), and the rest (WebAssembly memory not counted). */
  external: number;
  arrayBuffers: number;
  /** The live WebAssembly memories (PGlite's heap): their size, which never shrinks, and how much of it is resident. */
  wasm: number;
  wasmResident: number;
  /** What V8 allocated with malloc (its own zones, compilation). */
  malloced: number;
};

const MiB = 1024 * 1024;
const mib = (bytes: number) => Math.round(bytes / MiB);

/**
 * How much of the WebAssembly memories is resident: the Rss of the read-write mappings of exactly their
 * size (V8 maps each memory on its own, its reserve beyond the current size inaccessible).
 */
function residentOf(sizes: number[]): number {
  let resident = 0;
  let counting = false;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) (\S+) /.exec(line);
    if (mapping) counting = mapping[3]!.startsWith('rw') && sizes.includes(parseInt(mapping[2]!, 16) - parseInt(mapping[1]!, 16));
    else if (counting && line.startsWith('Rss:')) resident += Number(line.split(/\s+/)[1]) * 1024;
  }
  return resident;
}

function breakdown(): MemoryBreakdown {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const usage = process.memoryUsage();
  const heap = getHeapStatistics();
  const code = getHeapCodeStatistics();
  const wasmSizes = memories.map((m) => m.deref()?.buffer.byteLength ?? 0).filter((size) => size > 0);
  const wasm = wasmSizes.reduce((a, b) => a + b, 0);
  return {
    rss: mib(kib('VmRSS')),
    peak: mib(kib('VmHWM')),
    anonymous: mib(kib('RssAnon')),
    file: mib(kib('RssFile') + kib('RssShmem')),
    heapTotal: mib(usage.heapTotal),
    heapUsed: mib(usage.heapUsed),
    young: mib(getHeapSpaceStatistics().filter((space) => space.space_name.startsWith('new_')).reduce((sum, space) => sum + space.space_size, 0)),
    code: mib(code.code_and_metadata_size + code.bytecode_and_metadata_size),
    // V8 counts WebAssembly memory in `external` (not in arrayBuffers): it is shown on its own.
    external: mib(usage.external - usage.arrayBuffers - wasm),
    arrayBuffers: mib(usage.arrayBuffers),
    wasm: mib(wasm),
    wasmResident: mib(residentOf(wasmSizes)),
    malloced: mib(heap.malloced_memory),
  };
}

const socketPath = process.env.HOMEWARD_MEMORY_PROBE_SOCKET;
// Not in a worker thread (the planner's), which preloads this too, nor in the child process a first start
// seeds the demo in (demo/seed-demo-in-child.ts, over IPC), which inherits it: either would take the socket over.
if (socketPath && isMainThread && !process.channel) {
  // A process started again by execve (malloc-settings.ts) finds its first self's socket file there.
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (line: string) => {
      if (line.trim() === 'memory') socket.end(`${JSON.stringify({ pid: process.pid, memory: breakdown(), tunables: process.env.GLIBC_TUNABLES })}\n`);
    });
  });
  server.listen(socketPath);
  // The probe must not keep a server that was asked to stop alive.
  server.unref();
}
