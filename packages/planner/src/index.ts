// The visit planner: home-visit routing and scheduling for therapy teams. Pure: no I/O.
export * from './problem.ts';
export * from './plan-result.ts';
export * from './parse-problem.ts';
export * from './travel-model.ts';
export * from './read-solomon.ts';
export * from './check-solution.ts';
export * from './generate-therapy-day.ts';
export * from './replan-after-absence.ts';
export { planVisits } from './plan-visits.ts';
export type { PlanOptions, PlanProgress } from './plan-visits.ts';
// solveInWorker lives at '@homeward/planner/worker' so this entry stays free of Node APIs.
