// The embedded database's checkpoint timer: it looks every interval, never runs two looks at once (a
// slow checkpoint must not pile up behind itself), and stops when the database closes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intervalScheduler } from './pglite-checkpoints.ts';

describe('intervalScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks once per interval, skips a tick while the last is still running, and stops', async () => {
    let finish: () => void = () => {};
    const tick = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const stop = intervalScheduler(tick, 10_000);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(tick).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(tick).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(tick).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tick).toHaveBeenCalledTimes(2);
    finish();
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(2);
  });
});
