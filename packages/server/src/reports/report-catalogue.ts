// The reports, each a read function over the chosen teams and filters. A new report is a file and a line here.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';
import type { ReportAccess } from './report-access.ts';
import type { Report, ReportId } from './report-model.ts';
import { readSsnapReport } from './ssnap-report.ts';

export type ReadReportOptions = { access: ReportAccess; filter: ReportFilter; now: Date };

const readers: Partial<Record<ReportId, (db: Kysely<Database>, o: ReadReportOptions) => Promise<Report>>> = {
  ssnap: (db, o) => readSsnapReport(db, { teamIds: o.access.teamIds, filter: o.filter }),
};

export function isReady(report: ReportId): boolean {
  return readers[report] !== undefined;
}

export async function readReport(db: Kysely<Database>, report: ReportId, o: ReadReportOptions): Promise<Report> {
  const read = readers[report];
  if (!read) throw new Error(`No reader for ${report}`);
  return read(db, o);
}
