import { describe, expect, it } from 'vitest';
import { spreadsheetCsv, spreadsheetSafe } from './spreadsheet-csv.ts';

describe('CSV cells a spreadsheet will not run', () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ['+44 1632', '\'+44 1632'],
    ['-1', '\'-1'],
    ['@SUM(A1)', '\'@SUM(A1)'],
    ['  =HYPERLINK("http://x")', '\'  =HYPERLINK("http://x")'],
    [' \n@SUM(A1)', '\' \n@SUM(A1)'],
    ['Mobile hoist', 'Mobile hoist'],
    [null, ''],
    [12, 12],
  ] as const)('makes %j safe for a spreadsheet', (value, expected) => {
    expect(spreadsheetSafe(value)).toBe(expected);
  });
  it('makes every cell of an export safe, and quotes what needs quoting', () => {
    expect(spreadsheetCsv([['Item', 'Note'], ['=cmd|"/c calc"!A1', 'Fine, thanks'], [3, null]])).toBe('Item,Note\n"\'=cmd|""/c calc""!A1","Fine, thanks"\n3,\n');
  });
});
