// The safety context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export { incidentDueItems } from './incident-due-items.ts';
export { safeguardingDueItems } from './safeguarding-due-items.ts';
export { riskDueItems } from './risk-due-items.ts';
export { safeguardingBannerFlags } from './safeguarding-banner-flags.ts';
