import { describe, expect, it } from 'vitest';
import { storableDetailJson, storableText } from './storable-audit-values.ts';

describe('storableText', () => {
  it.each([
    ['plain text', 'Covering another team', 'Covering another team'],
    ['NUL, which no Postgres text can hold', 'a\u0000b', 'a\uFFFDb'],
    ['an unpaired surrogate', 'x\uD800y', 'x\uFFFDy'],
    ['a paired surrogate (emoji) kept', 'ok 👍🏽', 'ok 👍🏽'],
    ['zero-width and combining characters kept as sent', 'Zoe\u0308\u200B', 'Zoe\u0308\u200B'],
    ['an upper-case UUID kept as sent (the database lower-cases it)', '0190F5C2-0000-7000-8000-000000000000', '0190F5C2-0000-7000-8000-000000000000'],
  ])('%s', (_name, input, stored) => {
    expect(storableText(input)).toBe(stored);
  });
  it('keeps null and undefined as null', () => {
    expect(storableText(null)).toBeNull();
    expect(storableText(undefined)).toBeNull();
  });
});

describe('storableDetailJson', () => {
  it('makes strings and keys storable at every depth, and bigints decimal text', () => {
    const json = storableDetailJson({ 'k\u0000': ['v\u0000', { deep: '\uDC00' }], n: 10n ** 30n, at: new Date('2026-12-04T09:00:00Z'), gone: undefined });
    expect(JSON.parse(json)).toEqual({ 'k\uFFFD': ['v\uFFFD', { deep: '\uFFFD' }], n: '1000000000000000000000000000000', at: '2026-12-04T09:00:00.000Z' });
  });
  it('makes an object’s keys storable when every key needs it', () => {
    expect(JSON.parse(storableDetailJson({ nested: { 'a\u0000': 1, '\uD800': 2 } }))).toEqual({ nested: { 'a\uFFFD': 1, '\uFFFD': 2 } });
  });
  it('leaves ordinary detail exactly as JSON.stringify writes it', () => {
    const detail = { basis: 'relationship', count: 3, big: 1e21, negativeZero: -0, list: [1, 'two', null] };
    expect(storableDetailJson(detail)).toBe(JSON.stringify(detail));
  });
});
