// The audit's public face: sealing and verifying, for main.ts and the audit:verify CLI. Appending an
// event is platform's (platform/record-audit-event.ts), ARCHITECTURE.md.
export { loadCheckpointVerifier } from './audit-checkpoints.ts';
export { startAuditSealer } from './audit-sealer-job.ts';
export { readVerifiedPoint, verifiedPointFileFor, writeVerifiedPoint } from './verified-point-file.ts';
export { verifyAuditLog } from './verify-audit-log.ts';
