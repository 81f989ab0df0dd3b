// The record's public face (ARCHITECTURE.md, "The public face of a context").
export { countDelegatedWork } from './delegated-work-queries.ts';
export type { DischargeSummaryResponse } from './discharge-schema.ts';
export { readDischargeFacts } from './discharge-sources.ts';
export { findDischargeSummaryWhere } from './discharge-summaries.ts';
export { buildDischargeLetter, checkLetterRequest, type LetterRecipient } from './letters.ts';
export { storeLetter } from './store-letter.ts';
// The record's domain functions, for the demo seeder (demo/seed-demo-records.ts), which writes the
// demo's records through the same rules as a page does.
export { amendContactNote } from './amend-contact-note.ts';
export { recordAssessment } from './assessments.ts';
export { dischargeEpisode } from './discharge-episode.ts';
export { authoriseDischargeFinalise, authoriseDischargeWrite, createDischargeSummary, finaliseDischargeSummary } from './discharge-summaries.ts';
export { finaliseContactNote } from './finalise-contact-note.ts';
export { recordGoalAttainment } from './goal-attainment-record.ts';
export { setGoal } from './goal-set.ts';
export { changeGoalStatus } from './goal-status-change.ts';
export { authoriseGoalWrite } from './goals-access.ts';
export { produceDischargeLetter } from './letters.ts';
export { authoriseProgrammeChange, changeActivityStatus, setProgrammeActivity } from './programme-activities.ts';
export { authoriseCompletionLog, logProgrammeCompletion } from './programme-completions.ts';
export { authoriseNoteReview, authoriseRecordWrite } from './record-access.ts';
export { recordConsent } from './record-consent.ts';
export { reviewContactNote } from './review-contact-note.ts';
export { authoriseReviewWrite, recordEpisodeReview } from './reviews.ts';
export { writeContactNote } from './write-contact-note.ts';
// The port app.ts fills with the equipment context's list of what is on loan at discharge.
export type { EquipmentAtDischargeItem, EquipmentAtDischargePort, UndecidedEquipmentItem } from './equipment-at-discharge-port.ts';
// fhir (issue 18 #2): the record's granted reads, which the FHIR resources are built on, through the same grant and audit as the pages.
export { authoriseRecordRead, auditRecordRead, type RecordKind } from './record-access.ts';
export type { RecordAccess } from './record-access-grant.ts';
export { listAssessments } from './assessments.ts';
export type { AssessmentResponse } from './assessments-schema.ts';
export { findContactNotes } from './record-queries.ts';
export { listConsents } from './record-queries.ts';
export type { ConsentResponse, ContactNoteResponse } from './record-schema.ts';
export { listGoals } from './goals-queries.ts';
export type { GoalResponse } from './goals-schema.ts';
export { listProgramme } from './programme-queries.ts';
export type { ActivityResponse } from './programme-schema.ts';
export { listLetters } from './letters.ts';
export type { LetterResponse } from './discharge-schema.ts';
