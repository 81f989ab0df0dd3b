// Ordered crossover (OX) on giant tours, as HGS-CVRP's crossoverOX: a slice of parent A (inclusive,
// possibly wrapping round the end) kept in place; the rest filled in parent B's order, reading B from
// just after the slice's end and writing from just after it too, both round the tour.
import type { Random } from '../random.ts';

/** Offspring of two permutations of 1..n; `start` and `end` (inclusive) bound the slice kept from `a`. */
export function orderedCrossoverAt(a: readonly number[], b: readonly number[], start: number, end: number): number[] {
  const n = a.length;
  const child = new Array<number>(n);
  const taken = new Uint8Array(n + 1);
  let j = start;
  for (;;) {
    child[j] = a[j]!;
    taken[a[j]!] = 1;
    if (j === end) break;
    j = (j + 1) % n;
  }
  let write = (end + 1) % n;
  for (let i = 1; i <= n; i++) {
    const customer = b[(end + i) % n]!;
    if (taken[customer]) continue;
    child[write] = customer;
    write = (write + 1) % n;
  }
  return child;
}

/** OX with a random slice (start and end distinct unless the tour has one customer). */
export function orderedCrossover(a: readonly number[], b: readonly number[], random: Random): number[] {
  const n = a.length;
  if (n <= 1) return [...a];
  const start = Math.floor(random() * n);
  let end = Math.floor(random() * n);
  while (end === start) end = Math.floor(random() * n);
  return orderedCrossoverAt(a, b, start, end);
}
