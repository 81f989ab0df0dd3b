// Reports' public face: nothing yet is used by another context (the header link is the platform's).
export { reportIds, reportTitles, type ReportId } from './report-model.ts';
// The demo seeder records Discharge Ready Dates through the same rule as the page.
export { recordDischargeReady, type RecordDischargeReadyOptions } from './record-discharge-ready.ts';
