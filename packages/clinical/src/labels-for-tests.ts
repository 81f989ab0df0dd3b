import { expect } from 'vitest';

/** Every value has a label of its own: present, in the words' style, and not shared with another value. */
export function expectOwnLabels(values: readonly string[], labels: Record<string, string>, style: RegExp): void {
  const words = values.map((v) => labels[v]);
  for (const w of words) expect(w).toMatch(style);
  expect(new Set(words).size).toBe(values.length);
}
