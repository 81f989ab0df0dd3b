// CSV exports (equipment, incidents for LFPSE, the risk register, reports): csv-stringify writes the
// quoting, and every cell is made safe for a spreadsheet first. A cell starting =, +, - or @ (after any
// leading spaces, which a spreadsheet skips too) would run as a formula when the file is opened: it is
// written as text instead (CSV injection). One rule, so no export can forget it.
import { stringify } from 'csv-stringify/sync';

export type SpreadsheetCell = string | number | null;

export function spreadsheetSafe(value: SpreadsheetCell): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value.replace(/^\s+/, '')) ? `'${value}` : value;
}

/** Rows as CSV text, every cell made safe for a spreadsheet. */
export function spreadsheetCsv(rows: readonly (readonly SpreadsheetCell[])[]): string {
  return stringify(rows.map((row) => row.map(spreadsheetSafe)));
}
