// Everything in an episode, as timeline entries: one bounded query per table for the episode, merged
// and put in time order here. Each entry says when, what (one line in the team's words), who (name and
// role) and where to read more. Read straight from the tables, so the timeline depends on no other
// part of the record's code.
import type { Kysely } from 'kysely';
import {
  consentMethodLabels,
  contactNoteKindLabels,
  dischargeDestinationLabels,
  dischargeOutcomeLabels,
  findInstrument,
  fromUkWallClock,
  homewardRoleLabels,
  isLateTimelineEntry,
  onHoldReasonLabels,
  allocationChangeReasonLabels,
  orderTimeline,
  ukDateOf,
  type AllocationChangeReason,
  type ConsentMethod,
  type ContactNoteKind,
  type DischargeDestination,
  type DischargeOutcome,
  type HomewardRole,
  type OnHoldReason,
  type TimelineKind,
  describeScore,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { TimelineEntry, TimelineWho } from './timeline-schema.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The first line of what was written, cut at a word near `max` characters: a summary, not the note. */
export function firstLine(body: string, max = 140): string {
  const line = body.trim().split(/\r?\n/)[0]!.trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

type RawEntry = Omit<TimelineEntry, 'on' | 'dateOnly' | 'lateEntry' | 'writtenAt' | 'draft' | 'awaitingReview' | 'amendments' | 'who'> & {
  whoId: string | null;
  whoRole?: string | null;
  dateOnly?: boolean;
  /** When written, when that can differ from when it happened. */
  written?: { at: Date; late: boolean } | null;
  draft?: boolean;
  awaitingReview?: boolean;
  amendments?: Array<{ at: string; reason: string; whoId: string; whoRole: string }>;
};

/** An entry about a day rather than an instant: placed when it was written if that was the same day, else at midday. */
function instantOnDay(day: string, writtenAt: Date): string {
  return ukDateOf(writtenAt) === day ? writtenAt.toISOString() : (fromUkWallClock(day, '12:00') ?? new Date(`${day}T12:00:00Z`)).toISOString();
}

// Goal Attainment Scaling's levels in words (Kiresuk & Sherman), said here so the timeline reads goals straight from the table.
const gasLabels: Record<string, string> = {
  '-2': 'much less than expected',
  '-1': 'somewhat less than expected',
  '0': 'the expected outcome',
  '1': 'somewhat more than expected',
  '2': 'much more than expected',
};
const levelKey = (level: number) => (level > 0 ? `+${level}` : String(level));
const timePointWords: Record<string, string> = { baseline: 'baseline', review: 'review', discharge: 'discharge', other: 'other time point' };
const reviewKindWords: Record<string, string> = { 'half-way': 'Half-way review', 'end-of-episode': 'End-of-episode review', other: 'Review' };
const decisionWords: Record<string, string> = { continue: 'continue the episode', extend: 'extend the episode', discharge: 'discharge' };
const outcomeWords: Record<string, string> = { done: 'done', 'partly-done': 'partly done', 'not-done': 'not done' };
const reporterWords: Record<string, string> = { patient: 'as the patient reported', carer: 'as the carer reported', agency: 'as the care agency reported' };
const letterWords: Record<string, string> = {
  'discharge-patient': 'Discharge letter to the patient',
  'discharge-gp': 'Discharge letter to the GP',
  'carer-programme': 'Programme sheet for the carer',
};

function frequency(times: number, period: string): string {
  if ((period === 'day' && times === 1) || (period === 'week' && times === 7)) return 'every day';
  return `${times === 1 ? 'once' : times === 2 ? 'twice' : `${times} times`} a ${period}`;
}

function describeEpisodeChange(kind: string, reason: string | null, d: Record<string, unknown>): string {
  const note = text(d.note);
  const withNote = (s: string) => (note ? `${s}: ${note}` : s);
  const allocationWhy = reason ? (allocationChangeReasonLabels[reason as AllocationChangeReason] ?? reason) : null;
  switch (kind) {
    case 'triaged': {
      const how = [text(d.priority), text(d.complexity)].filter(Boolean).join(', ');
      return `Triaged${how ? ` (${how})` : ''}${reason ? `: ${reason}` : ''}`;
    }
    case 'allocated':
      return withNote(`Allocated to ${text(d.toName) ?? 'a clinician'}${allocationWhy ? ` (${allocationWhy.toLowerCase()})` : ''}`);
    case 'reallocated':
    case 'handed-over':
      return withNote(`${kind === 'handed-over' ? 'Handed over' : 'Moved'} from ${text(d.fromName) ?? 'the waiting list'} to ${text(d.toName) ?? 'the waiting list'}${allocationWhy ? ` (${allocationWhy.toLowerCase()})` : ''}`);
    case 'status-changed':
      if (reason === 'first-contact') return d.assessed ? 'First contact and first assessment' : 'First contact';
      if (reason === 'resumed') return 'Resumed after a hold';
      if (d.to === 'on-hold') return withNote(`Put on hold${reason ? `: ${(onHoldReasonLabels[reason as OnHoldReason] ?? reason).toLowerCase()}` : ''}`);
      return withNote(`Status changed to ${text(d.to) ?? 'unknown'}`);
    case 'discharged': {
      const outcome = reason ? (dischargeOutcomeLabels[reason as DischargeOutcome] ?? reason) : 'no outcome recorded';
      const destination = text(d.destination);
      return withNote(`Discharged: ${outcome.toLowerCase()}${destination ? `; to ${(dischargeDestinationLabels[destination as DischargeDestination] ?? destination).toLowerCase()}` : ''}`);
    }
    case 'onward-referral':
      return withNote(`Onward referral to ${text(d.toService) ?? 'another service'}`);
    case 'onward-acknowledged':
      return `${text(d.toService) ?? 'The receiving service'} acknowledged the onward referral`;
    case 'reviewed': {
      const changed = text(d.datesChanged);
      return `Review recorded on the episode: ${(text(d.decisionLabel) ?? reason ?? 'decision recorded').toLowerCase()}${changed ? `; ${changed}` : ''}`;
    }
    case 'mdt-flagged':
      return withNote('Flagged for discussion at the MDT meeting');
    case 'discharge-ready':
      return withNote(`Discharge Ready Date recorded: ${text(d.readyOn) ?? 'not given'}`);
    case 'mdt-decision':
      return withNote(`MDT decision${text(d.meetingOn) ? ` (meeting of ${text(d.meetingOn)})` : ''}`);
    default:
      return withNote(reason ? `${kind}: ${reason}` : kind);
  }
}

export type ListTimelineOptions = { access: RecordAccess };

/** Every entry of the episode's timeline, newest first. */
export async function listTimeline(db: Kysely<Database>, o: ListTimelineOptions): Promise<TimelineEntry[]> {
  const episode = o.access.episode;
  const e = episodeIdOf(o.access);
  const [referral, events, consents, notes, amendments, assessments, goals, attainments, activities, completions, reviews, summaries, letters] = await Promise.all([
    db.selectFrom('referrals').select(['id', 'received_at', 'source_detail', 'reason', 'referrer_name', 'created_by']).where('id', '=', episode.referralId).executeTakeFirst(),
    db.selectFrom('episode_events').select(['id', 'occurred_at', 'staff_id', 'kind', 'reason', 'detail']).where('episode_id', '=', e).orderBy('occurred_at').orderBy('id').execute(),
    db.selectFrom('consent_records').select(['id', 'kind', 'agreed_to', 'method', 'given_by', 'capacity_in_doubt', 'capacity_outcome', 'note', 'recorded_at', 'recorded_by', 'recorded_by_role']).where('episode_id', '=', e).orderBy('recorded_at').orderBy('id').execute(),
    db
      .selectFrom('contact_notes')
      .select(['id', 'status', 'kind', 'occurred_at', 'body', 'written_at', 'written_by', 'written_by_role', 'late_entry', 'needs_review', 'reviewed_at'])
      .where('episode_id', '=', e)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('contact_note_amendments')
      .innerJoin('contact_notes', 'contact_notes.id', 'contact_note_amendments.note_id')
      .leftJoin('contact_note_amendment_reviews as amendment_review', 'amendment_review.amendment_id', 'contact_note_amendments.id')
      .select(['contact_note_amendments.note_id', 'contact_note_amendments.note_version', 'contact_note_amendments.kind', 'contact_note_amendments.occurred_at', 'contact_note_amendments.body', 'contact_note_amendments.reason', 'contact_note_amendments.amended_at', 'contact_note_amendments.amended_by', 'contact_note_amendments.amended_by_role', 'contact_note_amendments.needs_review', 'amendment_review.reviewed_at'])
      .where('contact_notes.episode_id', '=', e)
      .orderBy('contact_note_amendments.note_version')
      .execute(),
    db.selectFrom('assessments').select(['id', 'instrument_id', 'instrument_version', 'time_point', 'total', 'band', 'administered_at', 'recorded_at', 'recorded_by', 'recorded_by_role']).where('episode_id', '=', e).orderBy('administered_at').orderBy('id').execute(),
    db.selectFrom('goals').select(['id', 'statement', 'levels', 'baseline_level', 'target_on', 'status', 'status_reason', 'created_at', 'created_by', 'updated_at', 'updated_by']).where('episode_id', '=', e).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('goal_attainments').select(['id', 'goal_id', 'time_point', 'level', 'note', 'rated_at', 'recorded_at', 'recorded_by', 'recorded_by_role']).where('episode_id', '=', e).orderBy('rated_at').orderBy('id').execute(),
    db
      .selectFrom('programme_activities')
      .select(['id', 'title', 'times_per_period', 'period', 'deliverer_kind', 'deliverer_staff_id', 'deliverer_name', 'status', 'status_reason', 'created_at', 'created_by', 'created_by_role', 'updated_at', 'updated_by'])
      .where('episode_id', '=', e)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('programme_completions').select(['id', 'activity_id', 'done_on', 'outcome', 'reported_by', 'note', 'recorded_at', 'recorded_by', 'recorded_by_role']).where('episode_id', '=', e).orderBy('done_on').orderBy('recorded_at').orderBy('id').execute(),
    db.selectFrom('episode_reviews').select(['id', 'kind', 'held_on', 'summary', 'decision', 'next_review_on', 'recorded_at', 'recorded_by', 'recorded_by_role']).where('episode_id', '=', e).orderBy('held_on').orderBy('recorded_at').execute(),
    db.selectFrom('discharge_summaries').select(['id', 'status', 'created_at', 'created_by', 'finalised_at', 'finalised_by']).where('episode_id', '=', e).execute(),
    // Never the PDF itself: the timeline links to it.
    db.selectFrom('letters').select(['id', 'kind', 'recipient', 'print_size', 'produced_at', 'produced_by', 'produced_by_role']).where('episode_id', '=', e).orderBy('produced_at').orderBy('id').execute(),
  ]);

  // Everyone the entries name, in one query.
  const staff = await staffById(db, [
    referral?.created_by ?? null,
    episode.triagedBy,
    episode.allocatedTo,
    ...events.map((r) => r.staff_id),
    ...consents.map((r) => r.recorded_by),
    ...notes.map((r) => r.written_by),
    ...amendments.map((r) => r.amended_by),
    ...assessments.map((r) => r.recorded_by),
    ...goals.flatMap((r) => [r.created_by, r.updated_by]),
    ...attainments.map((r) => r.recorded_by),
    ...activities.flatMap((r) => [r.created_by, r.updated_by, r.deliverer_staff_id]),
    ...completions.map((r) => r.recorded_by),
    ...reviews.map((r) => r.recorded_by),
    ...summaries.flatMap((r) => [r.created_by, r.finalised_by]),
    ...letters.map((r) => r.produced_by),
  ]);

  const raw: RawEntry[] = [];
  const push = (kind: TimelineKind, d: Omit<RawEntry, 'kind'>) => raw.push({ kind, ...d });
  const episodeHref = `/episodes/${e}`;

  // -- The referral and what happened to the episode itself.
  if (referral) {
    push('referral', {
      id: `referral:${referral.id}`,
      recordId: referral.id,
      at: iso(referral.received_at),
      summary: `Referral received from ${referral.referrer_name}${referral.source_detail ? ` (${referral.source_detail})` : ''}: ${referral.reason}`,
      whoId: referral.created_by,
      href: `/referrals/${referral.id}`,
    });
  }
  // An episode written without its history (imported, or seeded) still shows when it was triaged,
  // allocated, first seen and discharged, from the episode itself.
  const has = (kind: string, reason?: string) => events.some((ev) => ev.kind === kind && (reason === undefined || ev.reason === reason));
  if (!has('triaged')) push('episode-change', { id: `episode:${e}:triaged`, recordId: e, at: episode.triagedAt, summary: `Triaged (${episode.priority}, ${episode.complexity}): ${episode.complexityReason}`, whoId: episode.triagedBy, href: episodeHref });
  if (!has('allocated') && episode.allocatedAt && episode.allocatedTo) {
    push('episode-change', { id: `episode:${e}:allocated`, recordId: e, at: episode.allocatedAt, summary: `Allocated to ${episode.allocatedToName ?? 'a clinician'}`, whoId: null, href: episodeHref });
  }
  if (!has('status-changed', 'first-contact') && episode.firstContactAt) {
    push('episode-change', { id: `episode:${e}:first-contact`, recordId: e, at: episode.firstContactAt, summary: episode.firstAssessmentAt ? 'First contact and first assessment' : 'First contact', whoId: episode.allocatedTo, href: episodeHref });
  }
  if (!has('discharged') && episode.dischargedOn) {
    const outcome = episode.dischargeOutcome ? (dischargeOutcomeLabels[episode.dischargeOutcome as DischargeOutcome] ?? episode.dischargeOutcome) : 'no outcome recorded';
    push('episode-change', { id: `episode:${e}:discharged`, recordId: e, at: instantOnDay(episode.dischargedOn, new Date(episode.updatedAt)), dateOnly: true, summary: `Discharged: ${outcome.toLowerCase()}`, whoId: episode.allocatedTo, href: episodeHref });
  }

  for (const ev of events) {
    push('episode-change', {
      id: `episode-event:${ev.id}`,
      recordId: ev.id,
      at: iso(ev.occurred_at),
      summary: describeEpisodeChange(ev.kind, ev.reason, (ev.detail ?? {}) as Record<string, unknown>),
      whoId: ev.staff_id,
      href: episodeHref,
    });
  }

  // -- Consent and capacity.
  for (const c of consents) {
    const capacity = c.capacity_in_doubt ? `; capacity assessed: ${c.capacity_outcome === 'lacks-capacity' ? 'lacks capacity for this decision' : 'has capacity for this decision'}` : '';
    const summary =
      c.kind === 'withdrawal'
        ? `Consent withdrawn: ${c.agreed_to}${c.note ? ` (${c.note})` : ''}`
        : `${c.method ? consentMethodLabels[c.method as ConsentMethod]?.split(' (')[0] ?? c.method : 'Recorded'} consent ${c.given_by === 'best-interests' ? 'by a best-interests decision' : 'from the patient'} to ${c.agreed_to}${capacity}`;
    push('consent', { id: `consent:${c.id}`, recordId: c.id, at: iso(c.recorded_at), summary, whoId: c.recorded_by, whoRole: c.recorded_by_role, href: `/episodes/${e}/record#consent` });
  }

  // -- Contact notes: the current version's words, with every amendment's reason.
  for (const n of notes) {
    const mine = amendments.filter((a) => a.note_id === n.id);
    const current = mine.at(-1);
    const kind = current?.kind ?? n.kind;
    const writtenAt = new Date(n.written_at);
    push('contact-note', {
      id: `contact-note:${n.id}`,
      recordId: n.id,
      at: iso(current?.occurred_at ?? n.occurred_at),
      summary: `${contactNoteKindLabels[kind as ContactNoteKind] ?? kind}: ${firstLine(current?.body ?? n.body)}`,
      whoId: n.written_by,
      whoRole: n.written_by_role,
      written: { at: writtenAt, late: n.late_entry },
      href: `/contact-notes/${n.id}`,
      draft: n.status === 'draft',
      // The note itself, or an amendment by a support worker or a student, not yet reviewed.
      awaitingReview: n.status === 'final' && ((n.needs_review && n.reviewed_at === null) || mine.some((a) => a.needs_review && a.reviewed_at === null)),
      amendments: mine.map((a) => ({ at: iso(a.amended_at), reason: a.reason, whoId: a.amended_by, whoRole: a.amended_by_role })),
    });
  }

  // -- Standardised assessments, with the total and band that were computed when they were saved.
  for (const a of assessments) {
    const definition = findInstrument(a.instrument_id);
    const band = a.band ? (definition?.bandings[0]?.bands.find((b) => b.id === a.band)?.label ?? a.band) : null;
    const score = a.total === null ? 'recorded' : describeScore(Number(a.total), definition?.unit ?? 'points', band);
    const administeredAt = new Date(a.administered_at);
    const recordedAt = new Date(a.recorded_at);
    push('assessment', {
      id: `assessment:${a.id}`,
      recordId: a.id,
      at: administeredAt.toISOString(),
      summary: `${definition?.name ?? a.instrument_id} at ${timePointWords[a.time_point] ?? a.time_point}: ${score}`,
      whoId: a.recorded_by,
      whoRole: a.recorded_by_role,
      written: { at: recordedAt, late: isLateTimelineEntry({ occurredAt: administeredAt, writtenAt: recordedAt }) },
      href: `/episodes/${e}/assessments`,
    });
  }

  // -- Goals as set, and each rating of one.
  const goalsById = new Map(goals.map((g) => [g.id, g]));
  for (const g of goals) {
    push('goal', { id: `goal:${g.id}:set`, recordId: g.id, at: iso(g.created_at), summary: `Goal set: “${firstLine(g.statement)}”`, whoId: g.created_by, href: `/episodes/${e}/goals` });
    if (g.status !== 'active') {
      push('goal', {
        id: `goal:${g.id}:${g.status}`,
        recordId: g.id,
        at: iso(g.updated_at),
        summary: `Goal ${g.status === 'achieved' ? 'achieved' : 'discontinued'}: “${firstLine(g.statement)}”${g.status_reason ? `: ${g.status_reason}` : ''}`,
        whoId: g.updated_by,
        href: `/episodes/${e}/goals`,
      });
    }
  }
  for (const r of attainments) {
    const goal = goalsById.get(r.goal_id);
    const levels = (goal?.levels ?? {}) as Record<string, string>;
    const described = text(levels[levelKey(r.level)]);
    const ratedAt = new Date(r.rated_at);
    const recordedAt = new Date(r.recorded_at);
    push('goal', {
      id: `goal-attainment:${r.id}`,
      recordId: r.id,
      at: ratedAt.toISOString(),
      summary: `Goal rated at ${r.time_point === 'other' ? 'a check' : r.time_point}: ${levelKey(r.level)}, ${gasLabels[String(r.level)] ?? ''}${described ? ` (${described})` : ''}, for “${firstLine(goal?.statement ?? 'a goal', 80)}”`,
      whoId: r.recorded_by,
      whoRole: r.recorded_by_role,
      written: { at: recordedAt, late: isLateTimelineEntry({ occurredAt: ratedAt, writtenAt: recordedAt }) },
      href: `/episodes/${e}/goals`,
    });
  }

  // -- The programme of care: activities set and stopped, and each time one was logged.
  const activitiesById = new Map(activities.map((a) => [a.id, a]));
  for (const a of activities) {
    const deliverer = a.deliverer_staff_id ? staff.get(a.deliverer_staff_id) : undefined;
    const by =
      a.deliverer_kind === 'self' ? 'the patient on their own'
      : a.deliverer_kind === 'staff' ? (deliverer ? `${deliverer.name} (${homewardRoleLabels[deliverer.role as HomewardRole] ?? deliverer.role})` : 'the therapy team')
      : (a.deliverer_name ?? (a.deliverer_kind === 'carer' ? 'a carer' : 'a care agency'));
    push('programme', {
      id: `programme-activity:${a.id}:set`,
      recordId: a.id,
      at: iso(a.created_at),
      summary: `Programme of care: ${a.title}, ${frequency(a.times_per_period, a.period)}, with ${by}`,
      whoId: a.created_by,
      whoRole: a.created_by_role,
      href: `/episodes/${e}/programme`,
    });
    if (a.status !== 'active') {
      push('programme', {
        id: `programme-activity:${a.id}:${a.status}`,
        recordId: a.id,
        at: iso(a.updated_at),
        summary: `Programme of care: ${a.title} ${a.status}${a.status_reason ? `: ${a.status_reason}` : ''}`,
        whoId: a.updated_by,
        href: `/episodes/${e}/programme`,
      });
    }
  }
  for (const c of completions) {
    const activity = activitiesById.get(c.activity_id);
    const day = dateOnly(c.done_on);
    const recordedAt = new Date(c.recorded_at);
    push('programme', {
      id: `programme-completion:${c.id}`,
      recordId: c.id,
      at: instantOnDay(day, recordedAt),
      dateOnly: true,
      summary: `${activity?.title ?? 'Programme activity'}: ${outcomeWords[c.outcome] ?? c.outcome}${reporterWords[c.reported_by] ? ` ${reporterWords[c.reported_by]}` : ''}${c.note ? `. ${firstLine(c.note, 100)}` : ''}`,
      whoId: c.recorded_by,
      whoRole: c.recorded_by_role,
      // A carer's or patient's report is naturally recorded at the next visit; only staff's own logs can be late.
      written: { at: recordedAt, late: c.reported_by === 'staff' && isLateTimelineEntry({ occurredOn: day, writtenAt: recordedAt }) },
      href: `/episodes/${e}/programme`,
    });
  }

  // -- Reviews held.
  for (const r of reviews) {
    const day = dateOnly(r.held_on);
    const recordedAt = new Date(r.recorded_at);
    push('review', {
      id: `episode-review:${r.id}`,
      recordId: r.id,
      at: instantOnDay(day, recordedAt),
      dateOnly: true,
      summary: `${reviewKindWords[r.kind] ?? 'Review'}: decided to ${decisionWords[r.decision] ?? r.decision}. ${firstLine(r.summary, 110)}`,
      whoId: r.recorded_by,
      whoRole: r.recorded_by_role,
      written: { at: recordedAt, late: isLateTimelineEntry({ occurredOn: day, writtenAt: recordedAt }) },
      href: `/episodes/${e}/reviews`,
    });
  }

  // -- The discharge summary and the letters produced.
  for (const s of summaries) {
    push('letter', { id: `discharge-summary:${s.id}:drafted`, recordId: s.id, at: iso(s.created_at), summary: 'Discharge summary drafted', whoId: s.created_by, href: `/episodes/${e}/discharge-summary` });
    if (s.finalised_at) {
      push('letter', { id: `discharge-summary:${s.id}:finalised`, recordId: s.id, at: iso(s.finalised_at), summary: 'Discharge summary finalised', whoId: s.finalised_by, href: `/episodes/${e}/discharge-summary` });
    }
  }
  for (const l of letters) {
    push('letter', {
      id: `letter:${l.id}`,
      recordId: l.id,
      at: iso(l.produced_at),
      summary: `${letterWords[l.kind] ?? 'Letter'} produced for ${l.recipient}${l.print_size === 'large' ? ' (large print)' : ''}`,
      whoId: l.produced_by,
      whoRole: l.produced_by_role,
      href: `/letters/${l.id}.pdf`,
    });
  }

  const who = (id: string | null, role?: string | null): TimelineWho | null => {
    if (!id) return null;
    const s = staff.get(id);
    return { id, name: s?.name ?? 'Unknown', role: role ?? s?.role ?? 'unknown' };
  };
  return orderTimeline(
    raw.map((d): TimelineEntry => {
      const late = d.written?.late ?? false;
      return {
        id: d.id,
        recordId: d.recordId,
        kind: d.kind,
        at: d.at,
        on: ukDateOf(new Date(d.at)),
        dateOnly: d.dateOnly ?? false,
        lateEntry: late,
        writtenAt: late && d.written ? d.written.at.toISOString() : null,
        summary: d.summary,
        who: who(d.whoId, d.whoRole),
        href: d.href,
        draft: d.draft ?? false,
        awaitingReview: d.awaitingReview ?? false,
        amendments: (d.amendments ?? []).map((a) => ({ at: a.at, reason: a.reason, who: who(a.whoId, a.whoRole) })),
      };
    }),
  );
}

async function staffById(db: Kysely<Database>, ids: Array<string | null>): Promise<Map<string, { name: string; role: string }>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { name: `${r.given_name} ${r.family_name}`, role: r.homeward_role }]));
}
