// npm run audit:verify [-- --full] [-- --no-seal]: seal what is waiting, then check the access audit:
// every event, every sealed batch and every signed checkpoint. Prints every break it finds; exits 1
// if there is any. Incremental: starts where the last clean run ended (the file beside the
// checkpoints says where), unless --full.
import { loadCheckpointVerifier } from '../audit/public.ts';
import { startAuditSealer } from '../audit/public.ts';
import { readVerifiedPoint, verifiedPointFileFor, writeVerifiedPoint } from '../audit/public.ts';
import { verifyAuditLog } from '../audit/public.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--full' && a !== '--no-seal');
if (unknown.length) {
  console.error(`Unknown option ${unknown[0]}. Usage: npm run audit:verify [-- --full] [--no-seal]`);
  process.exit(2);
}
const full = args.includes('--full');
const started = performance.now();
const { config, database } = await openConfiguredDatabase();
try {
  if (!args.includes('--no-seal')) {
    // What the app has not sealed yet (it was stopped, or crashed) is sealed and checkpointed first.
    const sealer = await startAuditSealer(database.db, { ...config, auditSealIntervalMs: 0 });
    await sealer.stop();
  }
  const verifier = await loadCheckpointVerifier({ publicKeyFile: config.auditPublicKeyFile, keyFile: config.auditSigningKeyFile });
  const pointFile = verifiedPointFileFor(config.auditCheckpointFile);
  const since = full ? null : await readVerifiedPoint(pointFile);
  const report = await verifyAuditLog(database.db, {
    since,
    checkpoints: { file: config.auditCheckpointFile, verifier },
    onProblem: (p) => console.error(`AUDIT BROKEN: ${p.message}`),
  });
  for (const note of report.notes) console.log(note);
  const scope = report.mode === 'full' ? 'from the first event' : `since batch ${since!.batch} (verified ${since!.verifiedAt}); --full checks everything`;
  const figures = `${report.events} events in ${report.batches} batches checked ${scope}; ${report.checkpoints} checkpoints checked${verifier ? ` (key ${verifier.keyId})` : ''}`;
  const cost = `${((performance.now() - started) / 1000).toFixed(1)} s, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;
  if (report.ok) {
    if (report.verifiedThrough) await writeVerifiedPoint(pointFile, report.verifiedThrough);
    console.log(`Audit intact: ${figures}. Head: ${report.head ? `batch ${report.head.batchNo}, ${report.head.treeSize} events` : 'nothing sealed yet'}. (${cost})`);
  } else {
    console.error(`AUDIT BROKEN: ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} found; ${figures}. (${cost})`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
