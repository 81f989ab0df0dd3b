// The safety context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export { incidentDueItems } from './incident-due-items.ts';
export { safeguardingDueItems } from './safeguarding-due-items.ts';
export { riskDueItems } from './risk-due-items.ts';
export { safeguardingBannerFlags } from './safeguarding-banner-flags.ts';
// safeguarding (issue 17 #2): the domain functions the demo seeder writes through.
export { authoriseConcernLead, authoriseRaiseConcern } from './safeguarding-access.ts';
export { decideSafeguardingConcern } from './decide-safeguarding-concern.ts';
export { designateSafeguardingLead } from './designate-safeguarding-lead.ts';
export { addSafeguardingNote } from './add-safeguarding-note.ts';
export { raiseSafeguardingConcern } from './raise-safeguarding-concern.ts';
// risk register (issue 17 #3): the domain functions the demo seeder writes through.
export { addRisk } from './add-risk.ts';
export { addRiskAction } from './add-risk-action.ts';
export { reviewRisk } from './review-risk.ts';
export { authoriseRiskChange, authoriseRiskRegister } from './risk-access.ts';
export { findRisk } from './risk-queries.ts';
// incidents (issue 17 #1): the domain functions the demo seeder writes through.
export { addIncidentAction } from './add-incident-action.ts';
export { closeIncident } from './close-incident.ts';
export { authoriseIncident, authoriseIncidentEpisode } from './incident-access.ts';
export { recordIncidentLearning } from './record-incident-learning.ts';
export { reportIncident } from './report-incident.ts';
export { triageIncident } from './triage-incident.ts';
