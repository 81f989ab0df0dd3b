// The record's public face (ARCHITECTURE.md, "The public face of a context").
export { countDelegatedWork } from './delegated-work-queries.ts';
export type { DischargeSummaryResponse } from './discharge-schema.ts';
export { dischargeFactsOfEpisode, readDischargeFacts } from './discharge-sources.ts';
export { findDischargeSummaryWhere } from './discharge-summaries.ts';
export { buildDischargeLetter, checkLetterRequest, type LetterRecipient } from './letters.ts';
export { storeLetter } from './store-letter.ts';
