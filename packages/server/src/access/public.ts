// Access's public face: the access decision every context asks before it shows or changes a patient's
// data, break-glass and supervision (ARCHITECTURE.md, "The public face of a context").
export { accessRefusal, auditReason, authorisePatientAccess, type PatientAccessGrant } from './authorise-patient-access.ts';
export { breakGlass, type BreakGlassOptions } from './break-glass.ts';
export { auditSupervisionRead, authoriseSupervisionRead, authoriseSupervisionWrite, checkStartSupervision, endSupervision, findSupervision, listSupervisions, startSupervision, type SupervisionAccess } from './episode-supervision.ts';
export { accessFactsOf, accessFactsQuery, type AccessFacts, type AccessFactsRow, type FactsFor, loadAccessFacts, worksOn } from './relationship-queries.ts';
export { type AccessGrant, type ReadGrant, type WriteGrant, auditRead, auditWrite, requireGrant, requireWriteGrant } from './authorise-patient-access.ts';
