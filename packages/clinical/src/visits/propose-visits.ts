// The visits an open episode is due in a planning horizon, from its needs and its dates (issue 13).
// Visits are spread through each week as a therapist would (3 a week: Monday, Wednesday, Friday),
// moved to the nearest day the patient can be seen, the first contact proposed by its response
// clock and a review by its due date. What is already booked counts, so proposing twice adds nothing.
import { weekdayOf } from '../rota/working-day.ts';
import { addCalendarDays, daysBetween } from '../episode-dates.ts';
import type { Complexity, EpisodeStatus, Priority } from '../referral-vocabulary.ts';
import { formatDisplayDate } from '../date-parts.ts';
import { windowOn, type VisitNeeds, type VisitPurpose, type Weekday } from './visit-needs.ts';

export type BookedVisit = { date: string; purpose: VisitPurpose };

export type EpisodeForProposal = {
  status: EpisodeStatus;
  complexity: Complexity;
  priority: Priority;
  /** From triage: may be fractional (0.5 is fortnightly). */
  visitsPerWeek: number;
  /** The UK day the first contact is due by its response clock; null once it has been made. */
  firstContactDueOn: string | null;
  reviewDueOn: string | null;
  lastContactOn: string | null;
  /** Visits not cancelled, from the Monday of the horizon's first week to its end. */
  booked: readonly BookedVisit[];
};

export type ProposeVisitsOptions = {
  needs: VisitNeeds;
  episode: EpisodeForProposal;
  /** yyyy-mm-dd, inclusive; `from` is never before today (the caller's today). */
  horizon: { from: string; to: string };
};

export type ProposedVisit = {
  date: string;
  purpose: VisitPurpose;
  durationMinutes: number;
  place: VisitNeeds['place'];
  window: { start: string; end: string } | null;
  staffNeeded: 1 | 2;
  staffNeededReason: string | null;
  registeredRequired: boolean;
  skills: string[];
  preferredStaffId: string | null;
  dueBy: string | null;
  /** 1 routine .. 3 urgent. */
  priority: 1 | 2 | 3;
};

export type CannotVisitReason = 'not-open' | 'no-day-available' | 'nothing-due';

export type ProposeVisitsResult = {
  visits: ProposedVisit[];
  /** Why nothing could be proposed, in the clinician's words; null when visits were proposed or were already booked. */
  cannotVisit: { reason: CannotVisitReason; message: string } | null;
  /** Something the lead should know: a deadline the patient's days cannot meet. */
  warnings: string[];
};

/** ISO weekday of a yyyy-mm-dd date (Monday 1). */
export function weekdayOfDate(date: string): Weekday {
  return weekdayOf(date) as Weekday;
}

/** The Monday of the date's week. */
export function mondayOf(date: string): string {
  return addCalendarDays(date, 1 - weekdayOfDate(date));
}

/** A week's number since 1970, so a fractional frequency alternates the same way whoever asks. */
function weekNumber(monday: string): number {
  return Math.floor(daysBetween('1969-12-29', monday) / 7);
}

/** How many visits a week needs: 1.5 a week is 1, 2, 1, 2... */
function visitsInWeek(visitsPerWeek: number, week: number): number {
  return Math.floor((week + 1) * visitsPerWeek + 1e-9) - Math.floor(week * visitsPerWeek + 1e-9);
}

/**
 * The ideal weekdays for n visits in a week, evenly spaced: over the working week up to 5
 * (1 Wednesday, 2 Tuesday and Thursday, 3 Monday, Wednesday and Friday), over all seven above that.
 */
export function idealWeekdays(n: number): Weekday[] {
  if (n <= 0) return [];
  const span = n <= 5 ? 5 : 7;
  const days: Weekday[] = [];
  for (let i = 0; i < Math.min(n, 7); i++) days.push((Math.floor(((i + 0.5) * span) / n) + 1) as Weekday);
  return days;
}

export function proposeVisits(o: ProposeVisitsOptions): ProposeVisitsResult {
  const { needs, episode, horizon } = o;
  const warnings: string[] = [];
  const none = (reason: CannotVisitReason, message: string): ProposeVisitsResult => ({ visits: [], cannotVisit: { reason, message }, warnings });
  if (episode.status !== 'active' && episode.status !== 'waiting') {
    return none('not-open', episode.status === 'on-hold' ? 'The episode is on hold, so no visits are proposed until it resumes' : 'The episode has been discharged');
  }
  if (horizon.to < horizon.from) return none('no-day-available', 'The planning period ends before it starts');
  const unavailable = new Set<Weekday>(needs.unavailableDays);
  const days: string[] = [];
  for (let d = horizon.from; d <= horizon.to; d = addCalendarDays(d, 1)) days.push(d);
  const open = days.filter((d) => !unavailable.has(weekdayOfDate(d)));
  if (open.length === 0) {
    const names = [...unavailable].sort().map((w) => weekdayName[w]).join(', ');
    return none('no-day-available', `The patient cannot be seen on any day from ${formatDisplayDate(horizon.from)} to ${formatDisplayDate(horizon.to)} (not available on ${names})`);
  }

  const booked = new Set(episode.booked.map((b) => b.date));
  const taken = new Set(booked);
  const proposals: ProposedVisit[] = [];
  const propose = (date: string, purpose: VisitPurpose, dueBy: string | null, priority: 1 | 2 | 3): void => {
    const w = windowOn(needs.windows, weekdayOfDate(date));
    taken.add(date);
    proposals.push({
      date,
      purpose,
      durationMinutes: needs.durationMinutes,
      place: needs.place,
      window: w ? { start: w.start, end: w.end } : null,
      staffNeeded: needs.staffNeeded,
      staffNeededReason: needs.staffNeeded === 2 ? needs.staffNeededReason : null,
      // A complex episode needs a registered therapist whatever was recorded.
      registeredRequired: needs.registeredRequired || episode.complexity === 'complex',
      skills: [...needs.skills],
      preferredStaffId: needs.preferredStaffId,
      dueBy,
      priority,
    });
  };

  // First contact: the earliest day the patient can be seen, when it falls due in the horizon (or is overdue).
  let firstVisitOn: string | null = null;
  const firstContactBooked = episode.booked.find((b) => b.purpose === 'first-contact');
  if (episode.firstContactDueOn !== null) {
    if (firstContactBooked) firstVisitOn = firstContactBooked.date;
    else if (episode.firstContactDueOn <= horizon.to) {
      const day = open.find((d) => !taken.has(d)) ?? null;
      if (day === null) warnings.push('No free day for the first contact in this period');
      else {
        if (day > episode.firstContactDueOn) {
          warnings.push(`First contact is due by ${formatDisplayDate(episode.firstContactDueOn)} but the earliest day the patient can be seen is ${formatDisplayDate(day)}`);
        }
        const pressing = episode.priority === 'P1' || daysBetween(horizon.from, episode.firstContactDueOn) <= 1;
        propose(day, 'first-contact', episode.firstContactDueOn, pressing ? 3 : 2);
        firstVisitOn = day;
      }
    } else {
      // Not due yet: the waiting list is seen in its order, not all at once.
      return none('nothing-due', `First contact is not due until ${formatDisplayDate(episode.firstContactDueOn)}, after this period`);
    }
  }

  // Regular visits, week by week, after the first contact when there is one to make.
  const regularFrom = firstVisitOn !== null ? addCalendarDays(firstVisitOn, 1) : horizon.from;
  for (let monday = mondayOf(horizon.from); monday <= horizon.to; monday = addCalendarDays(monday, 7)) {
    const want = visitsInWeek(episode.visitsPerWeek, weekNumber(monday));
    const week = Array.from({ length: 7 }, (_, i) => addCalendarDays(monday, i));
    let slots = idealWeekdays(want).map((w) => week[w - 1]!);
    // What is booked this week (the first contact too) takes the ideal slot nearest to it.
    for (const date of week.filter((d) => booked.has(d) || d === firstVisitOn)) {
      if (slots.length === 0) break;
      const nearest = slots.reduce((a, b) => (Math.abs(daysBetween(a, date)) <= Math.abs(daysBetween(b, date)) ? a : b));
      slots = slots.filter((s) => s !== nearest);
    }
    for (const slot of slots) {
      if (slot < regularFrom || slot > horizon.to) continue; // days gone by, or after the period
      const candidates = week.filter((d) => d >= regularFrom && d <= horizon.to && !unavailable.has(weekdayOfDate(d)) && !taken.has(d));
      if (candidates.length === 0) {
        warnings.push(`One visit in the week of ${formatDisplayDate(monday)} has no free day the patient can be seen`);
        continue;
      }
      // The nearest day to the ideal one; on a tie the later, so the spacing from the last visit holds.
      const day = candidates.reduce((a, b) => {
        const da = Math.abs(daysBetween(slot, a));
        const db = Math.abs(daysBetween(slot, b));
        return db < da || (db === da && b > a) ? b : a;
      });
      propose(day, 'therapy', null, episode.priority === 'P1' ? 2 : 1);
    }
  }

  // A review by its due date: the last visit on or before it becomes the review, or one is added.
  const reviewBooked = episode.booked.some((b) => b.purpose === 'review');
  if (episode.reviewDueOn !== null && episode.reviewDueOn <= horizon.to && !reviewBooked) {
    const byDue = proposals.filter((p) => p.purpose === 'therapy' && p.date <= episode.reviewDueOn!).at(-1);
    if (byDue) Object.assign(byDue, { purpose: 'review', dueBy: episode.reviewDueOn, priority: 2 });
    else {
      const onOrBefore = open.filter((d) => d <= episode.reviewDueOn! && !taken.has(d)).at(-1);
      const day = onOrBefore ?? open.find((d) => !taken.has(d));
      if (day === undefined) warnings.push('No free day for the review in this period');
      else {
        if (day > episode.reviewDueOn) warnings.push(`The review is due by ${formatDisplayDate(episode.reviewDueOn)}; the earliest day the patient can be seen is ${formatDisplayDate(day)}`);
        propose(day, 'review', episode.reviewDueOn, 2);
      }
    }
  }

  proposals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (proposals.length === 0 && episode.booked.length === 0 && episode.visitsPerWeek <= 0) {
    return none('nothing-due', 'The episode needs no visits in this period (no visits a week recorded at triage)');
  }
  return { visits: proposals, cannotVisit: null, warnings };
}

const weekdayName: Record<Weekday, string> = { 1: 'Mondays', 2: 'Tuesdays', 3: 'Wednesdays', 4: 'Thursdays', 5: 'Fridays', 6: 'Saturdays', 7: 'Sundays' };
