// Builds response sets for table tests; not part of the package's API.
import type { InstrumentDefinition } from './instrument.ts';
import type { ItemResponses } from './score-instrument.ts';

/** Every item answered with the same value. */
export function everyItem(definition: InstrumentDefinition, value: number | null): Record<string, number | null> {
  return Object.fromEntries(definition.items.map((item) => [item.id, value]));
}

/**
 * Responses whose plain sum is `total`: every choice item starts at its lowest option and items are
 * raised in order, as far as each goes. Only for items whose options are consecutive whole numbers.
 */
export function responsesTotalling(definition: InstrumentDefinition, total: number): Record<string, number> {
  const responses: Record<string, number> = {};
  let remaining = total;
  const ranges = definition.items.map((item) => {
    if (item.kind !== 'choice') throw new Error('choice items only');
    const values = item.options.map((option) => option.value);
    return { id: item.id, min: Math.min(...values), max: Math.max(...values) };
  });
  for (const range of ranges) {
    responses[range.id] = range.min;
    remaining -= range.min;
  }
  for (const range of ranges) {
    const raise = Math.min(range.max - range.min, remaining);
    responses[range.id] = range.min + raise;
    remaining -= raise;
  }
  if (remaining !== 0) throw new Error(`cannot total ${total}`);
  return responses;
}

export function without(responses: ItemResponses, ...ids: string[]): Record<string, number | null | undefined> {
  return Object.fromEntries(Object.entries(responses).map(([id, value]) => [id, ids.includes(id) ? null : value]));
}
