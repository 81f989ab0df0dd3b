// The reports, each a read function over the chosen teams and filters. A new report is a file and a line here.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';
import type { ReportAccess } from './report-access.ts';
import type { Report, ReportId } from './report-model.ts';
import { readSsnapReport } from './ssnap-report.ts';
import { readWaitingReport } from './waiting-report.ts';
import { readD2aReport } from './d2a-report.ts';
import { readActivityReport } from './activity-report.ts';
import { readOutcomesReport } from './outcomes-report.ts';

export type ReadReportOptions = { access: ReportAccess; filter: ReportFilter; now: Date };

const readers: Record<ReportId, (db: Kysely<Database>, o: ReadReportOptions) => Promise<Report>> = {
  ssnap: (db, o) => readSsnapReport(db, { teamIds: o.access.teamIds, filter: o.filter }),
  waiting: (db, o) => readWaitingReport(db, { teamIds: o.access.teamIds, filter: o.filter, now: o.now }),
  d2a: (db, o) => readD2aReport(db, { teamIds: o.access.teamIds, filter: o.filter }),
  activity: (db, o) => readActivityReport(db, o),
  outcomes: (db, o) => readOutcomesReport(db, o),
};

export async function readReport(db: Kysely<Database>, report: ReportId, o: ReadReportOptions): Promise<Report> {
  return readers[report](db, o);
}
