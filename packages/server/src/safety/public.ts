// The safety context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export { incidentDueItems } from './incident-due-items.ts';
export { safeguardingDueItems } from './safeguarding-due-items.ts';
export { riskDueItems } from './risk-due-items.ts';
export { safeguardingBannerFlags } from './safeguarding-banner-flags.ts';
// incidents (issue 17 #1): the domain functions the demo seeder writes through.
export { addIncidentAction } from './add-incident-action.ts';
export { closeIncident } from './close-incident.ts';
export { authoriseIncident, authoriseIncidentEpisode } from './incident-access.ts';
export { recordIncidentLearning } from './record-incident-learning.ts';
export { reportIncident } from './report-incident.ts';
export { triageIncident } from './triage-incident.ts';
