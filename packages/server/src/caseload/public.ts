// Caseload's public face: episodes of care, their rules and queries, for the record, referrals, home,
// the demo seeder (ARCHITECTURE.md, "The public face of a context").
export { allocateEpisode, type AllocationChange, type AllocationKind, authoriseAllocation, checkAllocationChange, competenceFor } from './allocate-episode.ts';
export { auditListRead, authoriseTeamList } from './caseload-access.ts';
export { listCaseload, listTeamCapacity } from './caseload-queries.ts';
export { changeEpisode } from './change-episode.ts';
export { putEpisodeOnHold } from './put-episode-on-hold.ts';
export { recordFirstContact } from './record-first-contact.ts';
export { resumeEpisode } from './resume-episode.ts';
export { loadEpisode } from './episode-route-helpers.ts';
export { describeEpisodeEvent } from './describe-episode-event.ts';
export { accessFactsReadWith, auditEpisodeRead, carryAccessFacts, authoriseEpisodeAllocation, authoriseEpisodeRead, authoriseEpisodeWrite, type EpisodeAccess } from './episode-access.ts';
export { episodeDateFacts } from './episode-date-facts.ts';
export { episodeLabels } from './episode-labels.ts';
export { findEpisode, listEpisodeEvents, listOnwardReferrals, listTeamClinicians, toOnwardReferral, type GrantedEpisode } from './episode-queries.ts';
export { acknowledgementBody, allocationBody, capacityResponse, type CaseloadRow, dischargeBody, episodeDetailResponse, type EpisodeResponse, episodeResponse, firstContactBody, handOverBody, holdBody, onwardReferralBody, onwardReferralResponse, resumeBody } from './episode-schema.ts';
export { type AllocationChoice, listAllocationChoices } from './list-allocation-choices.ts';
export { acknowledgeOnwardReferral, addOnwardReferral } from './onward-referrals.ts';
export { recordLastContact } from './record-last-contact.ts';
export { recordPlannedContacts } from './record-planned-contacts.ts';
// mdt (issue 16 #6): an MDT decision is an entry in the episode's history, without changing the episode.
export { appendEpisodeEvent } from './change-episode.ts';
// fhir (issue 18 #2): a patient's episodes, each then authorised through the record's grant.
export { listPatientEpisodes } from './episode-queries.ts';
