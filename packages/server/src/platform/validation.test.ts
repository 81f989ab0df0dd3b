import { describe, expect, it } from 'vitest';
import { isDatabaseDataError } from './database-errors.ts';
import { unstorableTextProblem } from './text-schemas.ts';
import { maxInputDepth, unstorableInput } from './validation.ts';

describe('text the database cannot store', () => {
  it.each([
    ['Betty Bloor', null],
    ['', null],
    ['Zoë 😀 ＮＨＳ\u3000\r\n\t', null],
    ['Bl\u0000oor', /NUL character/],
    ['\u0000', /NUL character/],
    ['half an emoji \ud83d', /broken character/],
    ['\udc00 low half first', /broken character/],
  ])('%j -> %s', (text, problem) => {
    const found = unstorableTextProblem(text);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('is found at any depth, in keys too, with the path to it', () => {
    const found = unstorableInput({ familyName: 'ok', contacts: [{ name: 'Sarah\u0000' }], therapyMinutes: { 'physio\ud800': 5 } });
    expect(found.map((f) => f.path)).toEqual([['contacts', 0, 'name'], ['therapyMinutes', 'physio\ud800']]);
  });

  it('refuses nesting deeper than any real request', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < maxInputDepth + 5; i++) deep = [deep];
    expect(unstorableInput(deep)).toEqual([{ path: Array(maxInputDepth).fill(0), message: expect.stringContaining('Nested too deeply') }]);
  });
});

describe('database errors that mean bad data got through', () => {
  it.each([
    ['22P05', true], // untranslatable character (a NUL in jsonb)
    ['22021', true], // character not in repertoire (a NUL in text)
    ['22003', true], // numeric value out of range (2^31 in an integer)
    ['22008', true], // datetime field overflow
    ['22007', true], // invalid datetime format
    ['22P02', true], // invalid text representation
    ['23514', true], // check violation
    ['23502', true], // not null violation
    ['23505', false], // unique violation: a duplicate, answered as 409 where it is expected
    ['40001', false],
    ['57P01', false],
  ])('%s -> %s', (code, expected) => expect(isDatabaseDataError({ code })).toBe(expected));
});
