import { describe, expect, it } from 'vitest';
import { defaultPenaltyParameters, initialPenalties, PenaltyManager } from './penalty-manager.ts';
import { randomVrptw } from './random-vrptw.ts';

const feasible = { excessLoad: 0, timeWarp: 0 };
const overloaded = { excessLoad: 3, timeWarp: 0 };
const late = { excessLoad: 0, timeWarp: 5 };

/** Records `count` individuals, `feasibleShare` of them `good`, the rest `bad`; returns what each record returned. */
function feed(manager: PenaltyManager, count: number, good: typeof feasible, bad: typeof feasible, feasibleShare: number): boolean[] {
  const updates: boolean[] = [];
  for (let i = 0; i < count; i++) updates.push(manager.record(i < count * feasibleShare ? good : bad));
  return updates;
}

describe('initialPenalties', () => {
  it('prices a unit of excess load at the longest arc over the largest demand, a minute of time warp at 1', () => {
    const instance = randomVrptw({ customers: 5, seed: 3 });
    const maxDistance = Math.max(...instance.distance);
    const maxDemand = Math.max(...instance.demand);
    expect(initialPenalties(instance)).toEqual({ capacity: maxDistance / maxDemand, timeWarp: 1 });
  });

  it('keeps within the bounds', () => {
    const instance = randomVrptw({ customers: 5, seed: 3 });
    instance.demand.fill(1e9, 1);
    expect(initialPenalties(instance).capacity).toBe(defaultPenaltyParameters.minimum);
  });
});

describe('PenaltyManager', () => {
  const every100 = { ...defaultPenaltyParameters, window: 100 };

  it('updates every `window` recorded individuals, not before: 50 by default', () => {
    const updatesAt = (manager: PenaltyManager) => feed(manager, 200, feasible, overloaded, 0).map((u, i) => (u ? i : -1)).filter((i) => i >= 0);
    expect(updatesAt(new PenaltyManager({ capacity: 10, timeWarp: 1 }, every100))).toEqual([99, 199]);
    expect(updatesAt(new PenaltyManager({ capacity: 10, timeWarp: 1 }))).toEqual([49, 99, 149, 199]);
  });

  it('raises a penalty x1.2 when too few respect its constraint, lowers it x0.85 when too many, each constraint on its own', () => {
    const manager = new PenaltyManager({ capacity: 10, timeWarp: 1 }, every100);
    // 10 % respect capacity (below 0.2 - 0.05), every one respects time windows (above 0.25).
    feed(manager, 100, feasible, overloaded, 0.1);
    expect(manager.penalties.capacity).toBeCloseTo(12, 9);
    expect(manager.penalties.timeWarp).toBeCloseTo(0.85, 9);
    // 40 % on time, every one within capacity.
    feed(manager, 100, feasible, late, 0.4);
    expect(manager.penalties.capacity).toBeCloseTo(12 * 0.85, 9);
    expect(manager.penalties.timeWarp).toBeCloseTo(0.85 * 0.85, 9);
  });

  it('doubles a penalty when at most 1 % respect its constraint', () => {
    const manager = new PenaltyManager({ capacity: 10, timeWarp: 1 }, every100);
    // 1 in 100 on time (the booster), 2 in 100 within capacity (the ordinary increase).
    for (let i = 0; i < 100; i++) manager.record({ excessLoad: i < 2 ? 0 : 1, timeWarp: i < 1 ? 0 : 1 });
    expect(manager.penalties.timeWarp).toBeCloseTo(2, 9);
    expect(manager.penalties.capacity).toBeCloseTo(12, 9);
  });

  it('leaves a penalty alone while the share is within 0.05 of the target', () => {
    const manager = new PenaltyManager({ capacity: 10, timeWarp: 1 }, every100);
    feed(manager, 100, feasible, { excessLoad: 1, timeWarp: 1 }, 0.22);
    expect(manager.penalties).toEqual({ capacity: 10, timeWarp: 1 });
  });

  it('stays within its bounds', () => {
    const manager = new PenaltyManager({ capacity: 90000, timeWarp: 0.11 }, every100);
    feed(manager, 100, overloaded, late, 1);
    feed(manager, 100, overloaded, late, 1);
    expect(manager.penalties.capacity).toBe(100000);
    expect(manager.penalties.timeWarp).toBe(0.1);
  });

  it('boosts both penalties x10 for a repair', () => {
    const manager = new PenaltyManager({ capacity: 3, timeWarp: 2 });
    expect(manager.boosted()).toEqual({ capacity: 30, timeWarp: 20 });
  });
});
