// The safeguarding lead's decision on a concern (issue 17 #2): refer to the local authority (with the
// date and the local authority's reference), no further action (why), monitor (how) or advice given
// (what). Version-checked; a closed concern is final (the database's trigger too). A decision may be
// changed while the concern is open (a referral made after advice), each change audited.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { checkSafeguardingDecision, ukDateOf, type SafeguardingDecision } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { throwIfProblems } from './check-safeguarding.ts';
import { auditConcernWrite, type ConcernLeadAccess } from './safeguarding-access.ts';
import { findConcern, type SafeguardingConcern } from './safeguarding-queries.ts';

export type DecideSafeguardingConcernOptions = {
  access: ConcernLeadAccess;
  version: number;
  decision: string;
  reason: string;
  localAuthorityReference: string;
  localAuthorityReferredOn: string | null;
};

export function checkDecideSafeguardingConcern(o: Omit<DecideSafeguardingConcernOptions, 'access' | 'version'> & { today: string }): void {
  throwIfProblems(checkSafeguardingDecision(o));
}

export async function decideSafeguardingConcern(trx: Kysely<Database>, o: DecideSafeguardingConcernOptions): Promise<SafeguardingConcern> {
  const actor = o.access.actor;
  checkDecideSafeguardingConcern({ ...o, today: ukDateOf(actor.now) });
  const refer = o.decision === 'refer-to-local-authority';
  const concern = o.access.concern;
  if (concern.status === 'closed') throw validationFailed([{ path: 'decision', message: 'This concern is closed; its decision cannot change' }]);
  await updateVersioned(trx, {
    actor,
    table: 'safeguarding_concerns',
    id: concern.id,
    version: o.version,
    set: {
      decision: o.decision as SafeguardingDecision, decision_reason: o.reason.trim() || null, decided_at: actor.now, decided_by: actor.staff.staffId,
      local_authority_reference: refer ? o.localAuthorityReference.trim() : null, local_authority_referred_on: refer ? o.localAuthorityReferredOn : null,
      status: 'decided',
    },
    // Closed since it was read: a conflict with the concern as it is now, not the database's refusal.
    onlyIf: sql<boolean>`status <> 'closed'`,
    current: () => findConcern(trx, concern.id),
    what: 'Safeguarding concern',
    patientId: concern.patient.id,
  });
  await auditConcernWrite(trx, o.access, { change: 'decided', decision: o.decision, ...(refer ? { localAuthorityReferredOn: o.localAuthorityReferredOn } : {}) });
  return (await findConcern(trx, concern.id))!;
}
