// Gives memory back to the system when the server falls idle (issue 12, ARCHITECTURE.md "Memory").
//
// Why: after a spell of requests V8 keeps the heap pages that held their garbage, collected or not, and an
// idle server runs no collection that returns them: 310 MB resident 15 s after a short load, of which the
// JavaScript heap's live objects were 70 MB. One memory-reducing collection (V8's "last resort" flavour:
// full, compacting, and releasing its pooled pages) once the server has been idle a while brings that to
// 240 MB; it takes about 75 ms of the main thread, spent only when no request has come for `idleMs`.
// An ordinary full collection (V8's memory reducer, or gc() without the flavour) frees the objects but
// keeps the pages resident.
//
// It needs Node started with --expose-gc (`npm start` is); without it this does nothing.

/** Timers, replaceable in tests. */
export type IdleTimers = {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
};

export type IdleMemoryReleaseOptions = {
  /** How long without a request before memory is given back; 0 turns it off. */
  idleMs: number;
  /** Gives the memory back (releaseMemoryNow, below, in the server). */
  release: () => void;
  timers?: IdleTimers;
};

export type IdleMemoryRelease = {
  /** Call at every request's start and end: both count as activity. */
  activity(): void;
  stop(): void;
};

const nodeTimers: IdleTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => performance.now(),
};

/**
 * Releases memory once after each busy spell, when `idleMs` has passed since the last request started or
 * ended; again only after more requests. A start (seeding, migrations) counts as a busy spell. A request
 * that runs longer than `idleMs` may see the collection (a pause of tens of milliseconds), never a wrong answer.
 */
export function startIdleMemoryRelease(o: IdleMemoryReleaseOptions): IdleMemoryRelease {
  const timers = o.timers ?? nodeTimers;
  let lastActivity = timers.now();
  // A timer runs only while a busy spell waits for its release: set at the start and by activity after
  // a release, never again by the release itself, so an idle server releases once.
  let timer: unknown = null;
  let stopped = o.idleMs <= 0;

  const schedule = (ms: number) => {
    timer = timers.setTimeout(check, ms);
  };
  function check(): void {
    timer = null;
    const idleFor = timers.now() - lastActivity;
    if (idleFor < o.idleMs) schedule(o.idleMs - idleFor);
    else o.release();
  }

  if (!stopped) schedule(o.idleMs);
  return {
    activity() {
      if (stopped) return;
      lastActivity = timers.now();
      // One timer at most: a pending one rechecks against the latest activity when it fires.
      if (timer === null) schedule(o.idleMs);
    },
    stop() {
      stopped = true;
      timers.clearTimeout(timer);
      timer = null;
    },
  };
}

type ExposedGc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: 'regular' | 'last-resort' }) => void;

/** The memory-reducing collection, or null when Node was started without --expose-gc. */
export function memoryReleaseFromGc(gc: unknown = (globalThis as { gc?: unknown }).gc): (() => void) | null {
  if (typeof gc !== 'function') return null;
  return () => (gc as ExposedGc)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
