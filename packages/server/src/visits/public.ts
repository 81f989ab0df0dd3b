// The visits context's public face (ARCHITECTURE.md, "The public face of a context").
export { visitPlanJobHandlers, visitPlanJobKind, type VisitPlanJobPayload } from './plan-job.ts';
export { mayPlanVisits } from './plan-access.ts';
