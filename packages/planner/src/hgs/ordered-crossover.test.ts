import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { orderedCrossover, orderedCrossoverAt } from './ordered-crossover.ts';

function shuffled(n: number, random: () => number): number[] {
  const tour = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [tour[i], tour[j]] = [tour[j]!, tour[i]!];
  }
  return tour;
}

describe('orderedCrossover', () => {
  it('gives a permutation of the customers', () => {
    const random = createRandom(7);
    for (let k = 0; k < 200; k++) {
      const n = 1 + Math.floor(random() * 12);
      const child = orderedCrossover(shuffled(n, random), shuffled(n, random), random);
      expect([...child].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it('keeps the slice of the first parent in place, and fills from after it in the second parent\'s order', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [8, 6, 4, 2, 7, 5, 3, 1];
    // Slice a[2..4] = 3 4 5 kept; b read from index 5: 5 3 1 8 6 4 2 7 -> without 3 4 5: 1 8 6 2 7,
    // written from index 5 round the end: positions 5 6 7 0 1.
    expect(orderedCrossoverAt(a, b, 2, 4)).toEqual([2, 7, 3, 4, 5, 1, 8, 6]);
  });

  it('keeps a slice that wraps round the end', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [6, 5, 4, 3, 2, 1];
    // Slice positions 4 5 0 = 5 6 1; b from index 1: 5 4 3 2 1 6 -> 4 3 2 written at 1 2 3.
    expect(orderedCrossoverAt(a, b, 4, 0)).toEqual([1, 4, 3, 2, 5, 6]);
  });

  it('keeps a random slice of the first parent in place and the rest in the second parent\'s cyclic order', () => {
    const random = createRandom(11);
    for (let k = 0; k < 100; k++) {
      const n = 10;
      const a = shuffled(n, random);
      const b = shuffled(n, random);
      const child = orderedCrossover(a, b, random);
      const kept = child.map((c, i) => c === a[i]);
      expect(kept.filter(Boolean).length).toBeGreaterThanOrEqual(2);
      // The customers not from A's slice appear in B's cyclic order.
      const fromB = child.filter((c, i) => c !== a[i]);
      const positions = fromB.map((c) => b.indexOf(c));
      let descents = 0;
      for (let i = 1; i < positions.length; i++) if (positions[i]! < positions[i - 1]!) descents++;
      if (positions.length > 1 && positions.at(-1)! > positions[0]!) descents++;
      expect(descents).toBeLessThanOrEqual(1);
    }
  });
});
