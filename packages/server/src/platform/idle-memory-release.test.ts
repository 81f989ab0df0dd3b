import { describe, expect, it } from 'vitest';
import { memoryReleaseFromGc, startIdleMemoryRelease, type IdleTimers } from './idle-memory-release.ts';

/** A clock that moves only when told, running what falls due. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: IdleTimers = {
    setTimeout: (run, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
    now: () => now,
  };
  const advanceTo = (to: number) => {
    for (;;) {
      const due = [...pending].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = to;
  };
  return { timers, advanceTo, pendingCount: () => pending.size };
}

function started(idleMs: number) {
  const clock = fakeTimers();
  const releases: number[] = [];
  const idle = startIdleMemoryRelease({ idleMs, release: () => releases.push(clock.timers.now()), timers: clock.timers });
  return { ...clock, idle, releases };
}

describe('startIdleMemoryRelease', () => {
  it('gives memory back once the server has been idle for the whole wait after starting (a start is a busy spell)', () => {
    const s = started(10_000);
    s.advanceTo(9_999);
    expect(s.releases).toEqual([]);
    s.advanceTo(60_000);
    expect(s.releases).toEqual([10_000]);
  });

  it('waits for the whole idle time after the last request, however the requests fall', () => {
    const s = started(10_000);
    s.advanceTo(4_000);
    s.idle.activity();
    s.advanceTo(9_000);
    s.idle.activity();
    s.advanceTo(18_999);
    expect(s.releases).toEqual([]);
    s.advanceTo(19_000);
    expect(s.releases).toEqual([19_000]);
  });

  it('gives back once per busy spell: not again while idle, again after more requests', () => {
    const s = started(10_000);
    s.advanceTo(100_000);
    expect(s.releases).toEqual([10_000]);
    expect(s.pendingCount()).toBe(0);
    s.idle.activity();
    s.idle.activity();
    s.advanceTo(200_000);
    expect(s.releases).toEqual([10_000, 110_000]);
  });

  it('keeps one timer at most, however many requests come', () => {
    const s = started(10_000);
    for (let t = 1; t <= 50; t++) {
      s.advanceTo(t * 100);
      s.idle.activity();
    }
    expect(s.pendingCount()).toBe(1);
  });

  it('does nothing when turned off (0) or after it is stopped', () => {
    const off = started(0);
    off.idle.activity();
    off.advanceTo(1_000_000);
    expect(off.releases).toEqual([]);
    expect(off.pendingCount()).toBe(0);

    const s = started(10_000);
    s.advanceTo(5_000);
    s.idle.stop();
    expect(s.pendingCount()).toBe(0);
    s.idle.activity();
    s.advanceTo(1_000_000);
    expect(s.releases).toEqual([]);
  });
});

describe('startIdleMemoryRelease on Node’s own timers', () => {
  it('releases after the idle time, and never once stopped', async () => {
    const released = await new Promise<string>((resolve) => {
      startIdleMemoryRelease({ idleMs: 20, release: () => resolve('released') });
    });
    expect(released).toBe('released');

    let late = 0;
    const stopped = startIdleMemoryRelease({ idleMs: 20, release: () => late++ });
    stopped.stop();
    // Long past its time, and past a second one that releases, in the order they were set.
    await new Promise<void>((resolve) => startIdleMemoryRelease({ idleMs: 60, release: resolve }));
    expect(late).toBe(0);
  });
});

describe('memoryReleaseFromGc', () => {
  it('runs a full, memory-reducing (last resort) collection when Node exposes gc, and is absent otherwise', () => {
    expect(memoryReleaseFromGc(undefined)).toBeNull();
    const calls: unknown[] = [];
    memoryReleaseFromGc((options: unknown) => calls.push(options))!();
    expect(calls).toEqual([{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
  });
});
