// What every report is: one or more tables (the same for the page, the JSON and the CSV) and, where a
// picture reads faster, a chart drawn from the first table's figures. The CSV carries every table, each
// under its title, with cells made safe for a spreadsheet.
import { spreadsheetCsv } from '../platform/spreadsheet-csv.ts';
import type { BarChart } from './report-chart.ts';

export const reportIds = ['ssnap', 'waiting', 'd2a', 'activity', 'outcomes'] as const;
export type ReportId = (typeof reportIds)[number];

export const reportTitles: Record<ReportId, string> = {
  ssnap: 'SSNAP therapy',
  waiting: 'Waiting: referral to first contact',
  d2a: 'D2A and intermediate care',
  activity: 'Activity',
  outcomes: 'Outcomes',
};

export const reportDescriptions: Record<ReportId, string> = {
  ssnap: 'Minutes and days of each type of therapy for every stroke patient, from the contact notes, and the team totals SSNAP asks for.',
  waiting: 'Referral to first contact against each service’s response standard, with the breaches.',
  d2a: 'Admissions and discharges by D2A pathway, time from referral to start, length of stay, Discharge Ready Dates, delays and their reasons, and where patients went.',
  activity: 'Contacts, face-to-face time, travel time from the published visit plans, and caseload weights.',
  outcomes: 'Change in each measure from baseline to discharge, with the share improving by at least the minimal important change, and GAS T-scores.',
};

export type Cell = string | number | null;
export type ReportTable = { id: string; title: string; columns: string[]; rows: Cell[][]; note?: string; links?: Array<string | null> };

export type Report = {
  report: ReportId;
  title: string;
  tables: ReportTable[];
  chart: BarChart | null;
  /** Episodes named row by row (SSNAP's per-patient rows), audited with the read. */
  episodeIds: string[];
};


export function reportCsv(report: Report, filterLine: string): string {
  const lines: Cell[][] = [[report.title], [filterLine]];
  for (const t of report.tables) {
    lines.push([], [t.title], t.columns, ...t.rows);
  }
  return spreadsheetCsv(lines);
}
