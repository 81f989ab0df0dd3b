import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../random.ts';
import { DurationSegment } from './duration-segment.ts';
import { evaluateRoute } from './evaluate-route.ts';
import { randomVrptw } from './random-vrptw.ts';
import type { VrptwInstance } from './vrptw-instance.ts';

const noPenalty = { capacity: 0, timeWarp: 0 };

function randomRoute(random: Random, customers: number): number[] {
  const nodes = Array.from({ length: customers }, (_, i) => i + 1);
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  }
  return nodes.slice(0, 1 + Math.floor(random() * customers));
}

/** Merges the nodes' segments with a random bracketing (a random split, recursively). */
function mergeBracketed(instance: VrptwInstance, nodes: readonly number[], random: Random): DurationSegment {
  if (nodes.length === 1) return DurationSegment.ofNode(instance, nodes[0]!);
  const split = 1 + Math.floor(random() * (nodes.length - 1));
  return DurationSegment.merge(instance, mergeBracketed(instance, nodes.slice(0, split), random), mergeBracketed(instance, nodes.slice(split), random));
}

function instances(): VrptwInstance[] {
  const list: VrptwInstance[] = [];
  for (let seed = 1; seed <= 30; seed++) {
    // Wide, medium and very tight windows, so routes both wait and warp.
    list.push(randomVrptw({ customers: 8, seed, windowWidth: [120, 40, 5][seed % 3]!, horizon: [400, 200, 120][seed % 3]! }));
  }
  return list;
}

describe('DurationSegment', () => {
  it('a single node: its service, no time warp, its window', () => {
    const instance = randomVrptw({ customers: 3, seed: 1 });
    const s = DurationSegment.ofNode(instance, 2);
    expect([s.first, s.last, s.duration, s.timeWarp, s.earliest, s.latest]).toEqual([2, 2, instance.service[2], 0, instance.ready[2], instance.due[2]]);
  });

  it('two nodes, the second closing before the first can be reached: the warp is the lateness', () => {
    const instance = randomVrptw({ customers: 2, seed: 3 });
    instance.ready.set([0, 100, 0]);
    instance.due.set([1000, 110, 50]);
    const s = DurationSegment.merge(instance, DurationSegment.ofNode(instance, 1), DurationSegment.ofNode(instance, 2));
    const arrival = 100 + instance.service[1]! + instance.duration[1 * 3 + 2]!;
    expect(s.timeWarp).toBeCloseTo(arrival - 50, 9);
    expect(s.duration).toBeCloseTo(instance.service[1]! + instance.duration[1 * 3 + 2]! + instance.service[2]!, 9);
  });

  it('depot + route + depot, merged in any bracketing, has the time warp the simulation finds', () => {
    const random = createRandom(7);
    let warped = 0;
    for (const instance of instances()) {
      for (let trial = 0; trial < 40; trial++) {
        const route = randomRoute(random, instance.customers);
        const segment = mergeBracketed(instance, [0, ...route, 0], random);
        const expected = evaluateRoute(instance, route, noPenalty).timeWarp;
        expect(segment.timeWarp).toBeCloseTo(expected, 9);
        expect([segment.first, segment.last]).toEqual([0, 0]);
        if (expected > 0) warped++;
      }
    }
    // The instances are tight enough that many routes warp: the comparison is not all zeros.
    expect(warped).toBeGreaterThan(200);
  });

  it('merge is associative: (a b) c equals a (b c) in every field', () => {
    const random = createRandom(11);
    for (const instance of instances()) {
      for (let trial = 0; trial < 40; trial++) {
        const route = randomRoute(random, instance.customers);
        if (route.length < 3) continue;
        const cut1 = 1 + Math.floor(random() * (route.length - 2));
        const cut2 = cut1 + 1 + Math.floor(random() * (route.length - cut1 - 1));
        const a = mergeBracketed(instance, route.slice(0, cut1), random);
        const b = mergeBracketed(instance, route.slice(cut1, cut2), random);
        const c = mergeBracketed(instance, route.slice(cut2), random);
        const left = DurationSegment.merge(instance, DurationSegment.merge(instance, a, b), c);
        const right = DurationSegment.merge(instance, a, DurationSegment.merge(instance, b, c));
        for (const field of ['first', 'last', 'duration', 'timeWarp', 'earliest', 'latest'] as const) expect(left[field]).toBeCloseTo(right[field], 9);
      }
    }
  });
});
