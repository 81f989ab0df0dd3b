import { describe, expect, it } from 'vitest';
import { readCsvRows } from './preview-training-import.ts';

describe('reading an ESR export', () => {
  it('reads quoted fields, a byte-order mark and blank lines', () => {
    expect(readCsvRows('\uFEFFEmail Address,Full Name\n"ann@nhs.net","Lee, Ann"\n\n')).toEqual([['Email Address', 'Full Name'], ['ann@nhs.net', 'Lee, Ann']]);
  });

  it('refuses an enormous file or one with too many rows before parsing, and a broken quote with its line', () => {
    expect(() => readCsvRows('x'.repeat(200_001))).toThrow(/too large/);
    expect(() => readCsvRows('a\n'.repeat(5_002))).toThrow(/more than 5,000 rows/);
    expect(() => readCsvRows('Email Address,Name\n"ann@nhs.net,Ann\n')).toThrow(/not a CSV file Homeward can read/);
  });
});
