// "Propose visits for the next 7 days": every open episode of the team (active or waiting for first
// contact) gets the visits it is due in the period, from its needs (or triage's defaults) and its
// dates (proposeVisits in packages/clinical). What is already booked counts, so proposing twice adds
// nothing. Runs in one transaction; each visit written is audited as a write about its patient.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { mayHoldEpisodes, mondayOf, proposeVisits, ukDateOf, type EpisodeStatus, type Priority, type ProposeVisitsResult, type VisitPurpose } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { defaultNeedsFor, needsFromRow } from './visit-needs-queries.ts';

export type ProposeVisitsForHorizonOptions = { actor: Actor; teamId: string; from: string; to: string };

export type EpisodeProposal = { episodeId: string; patientId: string; patientName: string; proposed: number; cannotVisit: string | null; warnings: string[] };

export type ProposeVisitsForHorizonResult = { from: string; to: string; proposed: number; episodes: EpisodeProposal[] };

/** The longest period proposed at once: a week and a day or two either side. */
export const longestProposalDays = 14;

const dateOnly = (value: Date | string): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export type EpisodeProposalDraft = { episodeId: string; patientId: string; patientName: string; proposal: ProposeVisitsResult };

/**
 * What each open episode of the team is due in the period, without writing anything: the proposal
 * itself, and (read again after proposing) the episodes that could not be visited and why.
 */
export async function proposalsForHorizon(trx: Kysely<Database>, o: { teamId: string; from: string; to: string }): Promise<EpisodeProposalDraft[]> {
  const episodes = await trx
    .selectFrom('episodes')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .leftJoin('visit_needs', 'visit_needs.episode_id', 'episodes.id')
    .select([
      'episodes.id as episode_id',
      'episodes.patient_id',
      'episodes.status',
      'episodes.complexity',
      'episodes.priority',
      'episodes.visits_per_week',
      'episodes.first_contact_at',
      'episodes.response_due_at',
      'episodes.review_due_on',
      'episodes.last_contact_at',
      'episodes.skills_needed',
      'patients.given_name',
      'patients.family_name',
      'patients.risk_flags',
      'visit_needs.id as needs_id',
      'visit_needs.version as needs_version',
      'visit_needs.duration_minutes',
      'visit_needs.place',
      'visit_needs.windows',
      'visit_needs.unavailable_days',
      'visit_needs.staff_needed',
      'visit_needs.staff_needed_reason',
      'visit_needs.registered_required',
      'visit_needs.skills',
      'visit_needs.preferred_staff_id',
      'visit_needs.notes',
    ])
    .where('episodes.team_id', '=', o.teamId)
    .where('episodes.status', 'in', ['active', 'waiting'])
    .orderBy('episodes.response_due_at')
    .orderBy('episodes.id')
    .execute();
  const ids = episodes.map((e) => e.episode_id);
  const activities = ids.length === 0 ? [] : await trx.selectFrom('programme_activities').select(['episode_id', 'title', 'instructions', 'competence']).where('episode_id', 'in', ids).where('status', '=', 'active').execute();
  // Booked from the Monday of the first week, so a week's visits already made count towards it.
  const booked = ids.length === 0 ? [] : await trx
    .selectFrom('visits')
    .select(['episode_id', 'on_date', 'purpose'])
    .where('team_id', '=', o.teamId)
    .where('on_date', '>=', mondayOf(o.from))
    .where('on_date', '<=', o.to)
    .where('status', '<>', 'cancelled')
    .execute();

  const drafts: EpisodeProposalDraft[] = [];
  for (const e of episodes) {
    const needs = e.needs_id !== null
      ? needsFromRow(e.episode_id, { id: e.needs_id, version: e.needs_version!, duration_minutes: e.duration_minutes!, place: e.place!, windows: e.windows, unavailable_days: e.unavailable_days, staff_needed: e.staff_needed!, staff_needed_reason: e.staff_needed_reason, registered_required: e.registered_required!, skills: e.skills, preferred_staff_id: e.preferred_staff_id, notes: e.notes })
      : defaultNeedsFor({
          episodeId: e.episode_id,
          complexity: e.complexity,
          skillsNeeded: (e.skills_needed as string[]) ?? [],
          riskFlags: (e.risk_flags as string[]) ?? [],
          programmeActivities: activities.filter((a) => a.episode_id === e.episode_id).map((a) => [a.title, a.instructions, a.competence ?? ''].join(' ')),
        });
    const proposal = proposeVisits({
      needs,
      episode: {
        status: e.status as EpisodeStatus,
        complexity: e.complexity,
        priority: e.priority as Priority,
        visitsPerWeek: Number(e.visits_per_week),
        firstContactDueOn: e.first_contact_at === null ? ukDateOf(new Date(e.response_due_at)) : null,
        reviewDueOn: e.review_due_on === null ? null : dateOnly(e.review_due_on),
        lastContactOn: e.last_contact_at === null ? null : ukDateOf(new Date(e.last_contact_at)),
        booked: booked.filter((b) => b.episode_id === e.episode_id).map((b) => ({ date: dateOnly(b.on_date), purpose: b.purpose as VisitPurpose })),
      },
      horizon: { from: o.from, to: o.to },
    });
    drafts.push({ episodeId: e.episode_id, patientId: e.patient_id, patientName: `${e.given_name} ${e.family_name}`, proposal });
  }
  return drafts;
}

export async function proposeVisitsForHorizon(trx: Kysely<Database>, o: ProposeVisitsForHorizonOptions): Promise<ProposeVisitsForHorizonResult> {
  const staff = o.actor.staff;
  if (staff.teamId !== o.teamId || !mayHoldEpisodes(staff.role)) {
    throw new HomewardError('forbidden', 'Only assistant practitioners, registered therapists and clinical leads of the team can propose its visits');
  }
  // Two leads (or two tabs) proposing at once would each read the same bookings and both insert: the
  // team's row is locked first, so the second waits and then finds the first's visits booked.
  await trx.selectFrom('teams').select('id').where('id', '=', o.teamId).forUpdate().executeTakeFirst();
  const result: ProposeVisitsForHorizonResult = { from: o.from, to: o.to, proposed: 0, episodes: [] };
  for (const { episodeId, patientId, patientName, proposal } of await proposalsForHorizon(trx, o)) {
    for (const v of proposal.visits) {
      const id = uuidv7();
      await trx
        .insertInto('visits')
        .values({
          id,
          team_id: o.teamId,
          episode_id: episodeId,
          patient_id: patientId,
          on_date: v.date,
          purpose: v.purpose,
          duration_minutes: v.durationMinutes,
          place: v.place,
          window_start: v.window?.start ?? null,
          window_end: v.window?.end ?? null,
          staff_needed: v.staffNeeded,
          staff_needed_reason: v.staffNeededReason,
          registered_required: v.registeredRequired,
          skills: JSON.stringify(v.skills),
          preferred_staff_id: v.preferredStaffId,
          due_by: v.dueBy,
          priority: v.priority,
          origin: 'proposed',
          pinned_staff_id: null,
          pinned_start: null,
          outcome_reason: null,
          rebooked_from: null,
          contact_note_id: null,
          started_at: null,
          finished_at: null,
          created_at: o.actor.now,
          created_by: staff.staffId,
          updated_at: o.actor.now,
          updated_by: staff.staffId,
        })
        .execute();
      await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', patientId, recordKind: 'visit', recordId: id, detail: { change: 'proposed', episodeId, date: v.date, purpose: v.purpose } });
    }
    result.proposed += proposal.visits.length;
    result.episodes.push({
      episodeId,
      patientId,
      patientName,
      proposed: proposal.visits.length,
      cannotVisit: proposal.cannotVisit?.message ?? null,
      warnings: proposal.warnings,
    });
  }
  return result;
}
