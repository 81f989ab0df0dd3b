// Closing a concern (issue 17 #2): only once the lead has decided (the clinical rule, and the database's
// check: status 'closed' needs a decision). Closed is final (a trigger refuses any later change).
import type { Kysely } from 'kysely';
import { checkCloseSafeguardingConcern } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { throwIfProblems } from './check-safeguarding.ts';
import { auditConcernWrite, type ConcernLeadAccess } from './safeguarding-access.ts';
import { findConcern, type SafeguardingConcern } from './safeguarding-queries.ts';

export type CloseSafeguardingConcernOptions = { access: ConcernLeadAccess; version: number };

export async function closeSafeguardingConcern(trx: Kysely<Database>, o: CloseSafeguardingConcernOptions): Promise<SafeguardingConcern> {
  const concern = o.access.concern;
  throwIfProblems(checkCloseSafeguardingConcern(concern));
  const actor = o.access.actor;
  await updateVersioned(trx, {
    actor, table: 'safeguarding_concerns', id: concern.id, version: o.version,
    set: { status: 'closed', closed_at: actor.now, closed_by: actor.staff.staffId },
    only: { status: 'decided' },
    current: () => findConcern(trx, concern.id),
    what: 'Safeguarding concern', patientId: concern.patient.id,
  });
  await auditConcernWrite(trx, o.access, { change: 'closed', decision: concern.decision });
  return (await findConcern(trx, concern.id))!;
}
