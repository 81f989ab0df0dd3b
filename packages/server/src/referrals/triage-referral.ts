import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describeStandard, responseDueAt, responseStandardFor } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditWrite, type WriteGrant } from '../access/public.ts';
import { decideReferral } from './decide-referral.ts';
import { toTriagedEpisode, type TriagedEpisode } from './referral-queries.ts';
import type { ReferralResponse, TriageDetailsInput } from './referral-schema.ts';

export type TriageReferralOptions = {
  /** Access to write the referral's patient's record (authoriseReferralDecision). */
  grant: WriteGrant;
  referralId: string;
  /** The version the triager read. */
  version: number;
  triage: TriageDetailsInput;
  /** The new episode's id; a new UUIDv7 when not given (the demo seeder passes its generator's, so every first start shows the same demo). */
  episodeId?: string;
};

export type TriageOutcome = { referral: ReferralResponse; episode: TriagedEpisode & { responseStandard: string } };

/**
 * Accepts the referral and opens its episode of care, waiting for allocation, with the response clock
 * started when the referral was received and due by the service's standard for the priority set.
 * Refused (nothing changed) if the referral is no longer incoming at the version the triager read.
 * Runs inside the caller's transaction; authoriseReferralDecision() must have allowed it first.
 */
export async function triageReferral(trx: Kysely<Database>, o: TriageReferralOptions): Promise<TriageOutcome> {
  const principal = o.grant.staff;
  const now = o.grant.actor.now;
  const referral = await decideReferral(trx, { grant: o.grant, id: o.referralId, version: o.version, decision: { status: 'accepted' } });
  const t = o.triage;
  const clockStartsAt = new Date(referral.receivedAt);
  const standard = responseStandardFor(referral.service, t.priority);
  const dueAt = responseDueAt({ service: referral.service, priority: t.priority, clockStartsAt });
  const episodeId = o.episodeId ?? uuidv7();
  const row = await trx
    .insertInto('episodes')
    .values({
      id: episodeId,
      patient_id: referral.patientId,
      referral_id: referral.id,
      team_id: referral.teamId,
      service: referral.service,
      setting: referral.setting,
      status: 'waiting',
      complexity: t.complexity,
      complexity_reason: t.complexityReason,
      priority: t.priority,
      skills_needed: JSON.stringify(t.skillsNeeded),
      triage_notes: t.notes,
      triaged_by: principal.staffId,
      triaged_at: now,
      clock_starts_at: clockStartsAt,
      response_due_at: dueAt,
      // The planned end is set from the first contact (intermediate care runs about 6 weeks from then).
      planned_end_on: null,
      visits_per_week: t.visitsPerWeek,
      created_at: now,
      created_by: principal.staffId,
      updated_at: now,
      updated_by: principal.staffId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const responseStandard = describeStandard(standard);
  await trx
    .insertInto('episode_events')
    .values({
      id: uuidv7(),
      episode_id: episodeId,
      occurred_at: now,
      staff_id: principal.staffId,
      kind: 'triaged',
      reason: t.complexityReason,
      detail: JSON.stringify({
        referralId: referral.id,
        complexity: t.complexity,
        priority: t.priority,
        skillsNeeded: t.skillsNeeded,
        visitsPerWeek: t.visitsPerWeek,
        clockStartsAt: clockStartsAt.toISOString(),
        responseDueAt: dueAt.toISOString(),
        responseStandard: `${standard.name}: ${responseStandard}`,
        notes: t.notes,
      }),
    })
    .execute();
  await auditWrite(o.grant, trx, {
    recordKind: 'episode',
    recordId: episodeId,
    detail: { change: 'triaged', referralId: referral.id, priority: t.priority, complexity: t.complexity, responseDueAt: dueAt.toISOString() },
  });
  return { referral, episode: { ...toTriagedEpisode(row), responseStandard } };
}
