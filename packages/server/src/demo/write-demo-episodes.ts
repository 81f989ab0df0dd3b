// Writes the demo's referrals and episodes of care (made up by generate-demo-episodes.ts) through the
// domain functions, as the staff who did each thing and at the time they did it: each acts
// (staffActor) with the clock set to that moment, is authorised as a page would authorise them, and
// the change goes through the function a page or the API calls, with its checks and its audit. A
// referral is taken (makeReferral) by someone who may take one, triaged or rejected by a registered
// therapist of the team, allocated within competence, seen (recordFirstContact), put on hold, handed
// over, referred on and acknowledged, and discharged (dischargeEpisode). Nothing here decides what
// happens; a generated history that a rule refuses is mended in the generator.
import type { Kysely } from 'kysely';
import type { AllocationChangeReason, OnHoldReason } from '@homeward/clinical';
import {
  acknowledgeOnwardReferral,
  addOnwardReferral,
  allocateEpisode,
  authoriseAllocation,
  authoriseEpisodeAllocation,
  authoriseEpisodeWrite,
  checkAllocationChange,
  findEpisode,
  recordFirstContact,
  putEpisodeOnHold,
  type AllocationKind,
  type EpisodeResponse,
} from '../caseload/public.ts';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type ActingStaff, type Actor } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { dischargeEpisode } from '../record/public.ts';
import {
  authoriseReferralDecision,
  authoriseReferralIntake,
  checkRejection,
  makeReferral,
  referralRuleProblems,
  rejectReferral,
  triageDetailsSchema,
  triageReferral,
  type ReferralResponse,
} from '../referrals/public.ts';
import type { DemoEpisodes, EpisodeEventRow, EpisodeRow, ReferralRow } from './generate-demo-episodes.ts';
import { equipmentAtDischargePort } from '../equipment/public.ts';

export type WriteDemoEpisodesOptions = {
  config: HomewardConfig;
  rows: DemoEpisodes;
  /** Everyone who may act, by id (the teams' staff). */
  staff: ReadonlyMap<string, ActingStaff>;
  /** Patients' dates of birth, by id: a referral is received after the patient was born. */
  bornOn: ReadonlyMap<string, string>;
  /**
   * Registers a patient not yet in the index, as the member of staff about to take their referral (a
   * minute before); does nothing for a patient already registered.
   */
  register?: RegisterPatient;
  /** Referrals (each with its episode's history) written per transaction. */
  referralsPerTransaction?: number;
};

export type RegisterPatient = (trx: Kysely<Database>, o: { actor: Actor; patientId: string }) => Promise<void>;

const via = 'demo:seed';

/** How long before taking a referral its taker registered the patient (found nobody, registered them, referred). */
const registeredBeforeReferralMs = 60_000;

/** Each referral and its episode's history in time order, several referrals to a transaction. */
export async function writeDemoEpisodes(db: Kysely<Database>, o: WriteDemoEpisodesOptions): Promise<void> {
  const as = (staffId: string, at: Date): Actor => {
    const staff = o.staff.get(staffId);
    if (!staff) throw new Error(`The demo names someone not in the teams (${staffId})`);
    return staffActor({ staff, config: o.config, via, now: at });
  };
  const episodeOf = new Map(o.rows.episodes.map((e) => [e.referral_id, e]));
  const eventsOf = new Map<string, EpisodeEventRow[]>();
  for (const ev of o.rows.events) eventsOf.set(ev.episode_id, [...(eventsOf.get(ev.episode_id) ?? []), ev]);
  const onward = new Map(o.rows.onwardReferrals.map((r) => [r.id, r]));
  const size = o.referralsPerTransaction ?? 8;
  for (let i = 0; i < o.rows.referrals.length; i += size) {
    await db.transaction().execute(async (trx) => {
      for (const referral of o.rows.referrals.slice(i, i + size)) {
        const episode = episodeOf.get(referral.id);
        // In the order they happened; the generator lists same-minute steps in the order they were done.
        const events = [...(episode ? (eventsOf.get(episode.id) ?? []) : [])].sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
        if (o.register) await o.register(trx, { actor: as(referral.created_by, new Date(referral.created_at.getTime() - registeredBeforeReferralMs)), patientId: referral.patient_id });
        await writeReferral(trx, { as, referral, episode: episode ?? null, events, onward, bornOn: o.bornOn.get(referral.patient_id) ?? null });
      }
    });
    // PGlite never yields otherwise: let the event loop turn between transactions.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

type WriteReferralOptions = {
  as: (staffId: string, at: Date) => Actor;
  referral: ReferralRow;
  episode: EpisodeRow | null;
  events: readonly EpisodeEventRow[];
  onward: ReadonlyMap<string, DemoEpisodes['onwardReferrals'][number]>;
  bornOn: string | null;
};

async function writeReferral(trx: Kysely<Database>, o: WriteReferralOptions): Promise<void> {
  const r = o.referral;
  // -- Taken, as the intake page takes one: the same cross-field rules, then makeReferral.
  const taker = o.as(r.created_by, r.created_at);
  const details = {
    source: r.source,
    sourceDetail: r.source_detail,
    receivedAt: r.received_at,
    service: r.service,
    setting: r.setting,
    reason: r.reason,
    presentingNeeds: r.presenting_needs,
    urgencyRequested: r.urgency_requested,
    referrerName: r.referrer_name,
    referrerContact: r.referrer_contact,
    consentToReferral: r.consent_to_referral,
    consentNote: r.consent_note,
  };
  const problems = referralRuleProblems(details, taker.now, o.bornOn ?? '1900-01-01');
  if (problems.length) throw validationFailed(problems);
  const grant = await authoriseReferralIntake(trx, { actor: taker, patientId: r.patient_id });
  const made: ReferralResponse = await makeReferral(trx, { id: r.id, details, grant, confirmDuplicate: false });
  if (r.status === 'incoming' || !r.decided_at || !r.decided_by) return;

  const decider = o.as(r.decided_by, r.decided_at);
  if (r.status === 'rejected') {
    const rejection = { reason: r.rejection_reason!, detail: r.rejection_detail };
    const problems = checkRejection(rejection);
    if (problems.length) throw validationFailed(problems);
    const grant = await authoriseReferralDecision(trx, { actor: decider, referral: made, decision: 'reject', action: 'write' });
    await rejectReferral(trx, { grant, referralId: made.id, version: made.version, rejection });
    return;
  }

  // -- Triaged: the triage form's fields, parsed by its schema, open the episode.
  const e = o.episode!;
  const triaged = o.events.find((ev) => ev.kind === 'triaged');
  const triage = triageDetailsSchema.parse({
    complexity: e.complexity,
    complexityReason: e.complexity_reason,
    priority: e.priority,
    skillsNeeded: e.skills_needed,
    notes: e.triage_notes,
    visitsPerWeek: e.visits_per_week,
  });
  const triageGrant = await authoriseReferralDecision(trx, { actor: decider, referral: made, decision: 'triage', action: 'write' });
  await triageReferral(trx, { grant: triageGrant, referralId: made.id, version: made.version, triage, episodeId: e.id });

  // -- The episode's history after triage, each change made on the episode as it then stood.
  const onwardIds = new Map<string, { id: string; version: number }>();
  for (const ev of o.events) {
    if (ev === triaged) continue;
    const actor = o.as(ev.staff_id, ev.occurred_at);
    const episode = (await findEpisode(trx, e.id, actor.now))!;
    const detail = ev.detail;
    switch (ev.kind) {
      case 'allocated':
      case 'handed-over': {
        const kind: AllocationKind = ev.kind === 'allocated' ? 'allocation' : 'hand-over';
        await allocate(trx, { actor, episode, kind, change: { staffId: String(detail.toStaffId), reason: (ev.reason as AllocationChangeReason | null) ?? null, note: null } });
        break;
      }
      case 'status-changed': {
        const access = await authoriseEpisodeWrite(trx, { actor, episode, change: ev.reason === 'first-contact' ? 'first-contact' : 'hold' });
        if (ev.reason === 'first-contact') {
          await recordFirstContact(trx, { access, version: episode.version, contact: { at: ev.occurred_at, assessed: detail.assessed === true, nextContactAt: e.next_contact_at } });
        } else {
          await putEpisodeOnHold(trx, { access, version: episode.version, hold: { reason: ev.reason as OnHoldReason, note: typeof detail.note === 'string' ? detail.note : null } });
        }
        break;
      }
      case 'onward-referral': {
        const access = await authoriseEpisodeWrite(trx, { actor, episode, change: 'onward-referral' });
        const row = o.onward.get(String(detail.onwardReferralId))!;
        const sent = await addOnwardReferral(trx, { access, toService: row.to_service, note: row.note });
        onwardIds.set(row.id, { id: sent.id, version: sent.version });
        break;
      }
      case 'onward-acknowledged': {
        const access = await authoriseEpisodeWrite(trx, { actor, episode, change: 'onward-acknowledged' });
        const sent = onwardIds.get(String(detail.onwardReferralId))!;
        await acknowledgeOnwardReferral(trx, { access, onwardReferralId: sent.id, version: sent.version });
        break;
      }
      case 'discharged': {
        const access = await authoriseEpisodeWrite(trx, { actor, episode, change: 'discharge' });
        await dischargeEpisode(trx, { access, version: episode.version, input: { outcome: e.discharge_outcome!, destination: e.discharge_destination!, dischargedOn: e.discharged_on!, note: e.discharge_note }, equipment: equipmentAtDischargePort });
        break;
      }
      case 'triaged':
        throw new Error(`Episode ${e.id} is triaged twice in the demo`);
    }
  }
}

/** As the allocation page does it: the relationship, the role (or holding it, to hand over), then competence. */
async function allocate(
  trx: Kysely<Database>,
  o: { actor: Actor; episode: EpisodeResponse; kind: AllocationKind; change: { staffId: string; reason: AllocationChangeReason | null; note: string | null } },
): Promise<void> {
  const access = await authoriseEpisodeAllocation(trx, { actor: o.actor, episode: o.episode });
  await authoriseAllocation(trx, { access, kind: o.kind });
  const staff = await checkAllocationChange(trx, { access, kind: o.kind, change: o.change });
  await allocateEpisode(trx, { access, kind: o.kind, change: o.change, staff, version: o.episode.version });
}
