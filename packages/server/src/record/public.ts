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
export type { EquipmentAtDischargeItem, EquipmentAtDischargePort } from './equipment-at-discharge-port.ts';
