// The lone-working context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export type { LoneWorkingAlert, LoneWorkingSession } from './lone-working-types.ts';
export { loneWorkingJobKinds } from './lone-working-types.ts';
