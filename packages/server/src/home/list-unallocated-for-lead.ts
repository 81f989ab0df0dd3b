// The clinical lead's home page shows the team's unallocated episodes (the waiting list's first rows,
// soonest due first), so allocation is the first thing they see rather than a list they must go and find.
// The same list, query and audit as the waiting list page; only the team lead's home page shows it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { auditListRead } from '../caseload/caseload-access.ts';
import { listCaseload } from '../caseload/caseload-queries.ts';
import type { CaseloadRow } from '../caseload/episode-schema.ts';

/** How many rows the home page shows; the rest are on the waiting list. */
export const homeUnallocatedLimit = 10;

export type UnallocatedForLead = { total: number; rows: CaseloadRow[] };

export async function listUnallocatedForLead(db: Kysely<Database>, o: { actor: Actor }): Promise<UnallocatedForLead | null> {
  const principal = o.actor.staff;
  if (principal.role !== 'clinical-lead' || principal.teamId === null) return null;
  const all = await listCaseload(db, { kind: 'waiting-list', teamId: principal.teamId }, {}, o.actor.now);
  const rows = all.slice(0, homeUnallocatedLimit);
  await auditListRead(db, { actor: o.actor, recordKind: 'waiting-list', episodeIds: rows.map((r) => r.episodeId), detail: { scope: 'home', teamId: principal.teamId, total: all.length } });
  return { total: all.length, rows };
}
