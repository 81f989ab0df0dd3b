// Raising a safeguarding concern from a patient's episode (issue 17 #2): checked by the clinical rules,
// given its reference (SG-000045) and its decision clock (24 hours), written through the raiser's write
// grant on the episode and audited against the patient. The concern's words are in the concern only,
// never in the audit detail.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { checkSafeguardingConcern, safeguardingDecisionDueAt, type ConcernInput, type ConsentToShare, type SafeguardingKind } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import { throwIfProblems } from './check-safeguarding.ts';
import { concernRecordKind } from './safeguarding-access.ts';
import { findConcern, type SafeguardingConcern } from './safeguarding-queries.ts';

export type RaiseSafeguardingConcernOptions = { grant: WriteGrant; episode: EpisodeResponse; id: string; input: ConcernInput };

export function checkRaiseSafeguardingConcern(input: ConcernInput): void {
  throwIfProblems(checkSafeguardingConcern(input));
}

/** 'SG-000045': what people say on the phone. */
export const safeguardingReference = (n: number | string) => `SG-${String(n).padStart(6, '0')}`;

export async function raiseSafeguardingConcern(trx: Kysely<Database>, o: RaiseSafeguardingConcernOptions): Promise<SafeguardingConcern> {
  checkRaiseSafeguardingConcern(o.input);
  requireGrant(o.grant, o.episode.patientId);
  const actor = o.grant.actor;
  const me = actor.staff.staffId;
  const i = o.input;
  const { rows } = await sql<{ n: string }>`select nextval('safeguarding_reference_seq')::text as n`.execute(trx);
  const reference = safeguardingReference(rows[0]!.n);
  // A client may mint the id: one already used is a conflict to report, not a database error.
  const inserted = await trx
    .insertInto('safeguarding_concerns')
    .values({
      id: o.id, reference, patient_id: o.episode.patientId, episode_id: o.episode.id, team_id: o.episode.teamId,
      kind: i.kind as SafeguardingKind, categories: JSON.stringify(i.categories), person_at_risk: i.personAtRisk as 'patient' | 'other',
      other_person: i.personAtRisk === 'other' ? i.otherPerson.trim() : null, concern: i.concern.trim(), immediate_danger: i.immediateDanger!,
      immediate_actions: i.immediateActions.trim(), consent_to_share: i.consentToShare as ConsentToShare,
      share_without_consent_reason: i.consentToShare === 'given' ? null : i.shareWithoutConsentReason.trim(),
      raised_at: actor.now, raised_by: me, decision_due_at: safeguardingDecisionDueAt(actor.now),
      created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'A safeguarding concern with this id already exists');
  await auditWrite(o.grant, trx, { recordKind: concernRecordKind, recordId: o.id, detail: { change: 'raised', reference, episodeId: o.episode.id, kind: i.kind, immediateDanger: i.immediateDanger } });
  return (await findConcern(trx, o.id))!;
}
