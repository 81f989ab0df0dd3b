// Reports' public face: nothing yet is used by another context (the header link is the platform's).
export { reportIds, reportTitles, type ReportId } from './report-model.ts';
