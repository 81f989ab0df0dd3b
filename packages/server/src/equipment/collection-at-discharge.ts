// The record's discharge page shows the episode's equipment and its decisions through this port
// (app.ts passes it in): read under the page's own grant, and audited here as a read of the equipment
// loans it names (the page's own audit row names the summary and letters, not the loans), as
// GET /api/episodes/{id}/equipment/discharge does. The record's discharge asks it, inside its own
// transaction, which items on loan still have no decision: the episode is not discharged while any has.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditRead, requireGrant, type AccessGrant } from '../access/public.ts';
import type { EquipmentAtDischargePort } from '../record/public.ts';
import { listLoansAtDischarge, listUndecidedLoans, listUndeliveredPrescriptions } from './collection-queries.ts';
import { describeLoan } from './collection-schema.ts';
import { loanRecordKind } from './decide-equipment-at-discharge.ts';
import { dischargeDecisionLabels, loanStatusLabels } from './collection-words.ts';

export const equipmentAtDischargePort: EquipmentAtDischargePort = {
  async list(db: Kysely<Database>, o: { grant: AccessGrant; episodeId: string; page?: 'discharge-summary' | 'discharge'; withPrescribed?: boolean }) {
    const grant = requireGrant(o.grant);
    const loans = (await listLoansAtDischarge(db, o.episodeId)).filter((l) => l.patientId === grant.patientId);
    const prescribed = o.withPrescribed ? await listUndeliveredPrescriptions(db, { patientId: grant.patientId, episodeId: o.episodeId }) : [];
    // One read, naming every loan shown.
    await auditRead(grant, db, { recordKind: loanRecordKind, recordId: o.episodeId, detail: { list: 'equipment-at-discharge', page: o.page ?? 'discharge-summary', loanIds: [...loans, ...prescribed].map((l) => l.id) } });
    return [
      ...loans.map((l) => ({ loanId: l.id, description: describeLoan(l), statusText: loanStatusLabels[l.status], decisionText: l.dischargeDecision ? dischargeDecisionLabels[l.dischargeDecision] : null, collectionDate: l.collectionDate, prescribed: false })),
      ...prescribed.map((l) => ({ loanId: l.id, description: describeLoan(l), statusText: loanStatusLabels[l.status], decisionText: null, collectionDate: null, prescribed: true })),
    ];
  },
  async undecided(trx, o) {
    // One after the other: both run on the discharge's own transaction, one connection.
    const onLoan = await listUndecidedLoans(trx, o);
    const prescribed = await listUndeliveredPrescriptions(trx, o);
    return [
      ...onLoan.map((l) => ({ loanId: l.id, description: describeLoan(l), outstanding: 'decision' as const })),
      ...prescribed.map((l) => ({ loanId: l.id, description: describeLoan(l), outstanding: 'delivery' as const })),
    ];
  },
  decideHref: (episodeId) => `/episodes/${episodeId}/equipment/discharge`,
  equipmentHref: (episodeId) => `/episodes/${episodeId}/equipment`,
};
