// npm run audit:verify: walk the access audit's hash chain; exit 1 if anything was altered or removed.
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';

const { database } = await openConfiguredDatabase();
const report = await verifyAuditChain(database.db);
await database.close();
if (report.ok) {
  console.log(`Audit chain intact: ${report.events} events verified.`);
} else {
  console.error(`AUDIT CHAIN BROKEN at event ${report.brokenAt}: ${report.problem} (${report.events} events verified before it).`);
  process.exitCode = 1;
}
