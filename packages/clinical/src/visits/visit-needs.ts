// What an open episode needs in visits (issue 13): how long, where, when the patient can be seen,
// who must come. Shared by the needs form, the API and the proposer, so all three refuse the same
// things in the same words.
import type { Complexity } from '../referral-vocabulary.ts';

export const visitPlaces = ['home', 'clinic', 'ward'] as const;
export type VisitPlace = (typeof visitPlaces)[number];
export const visitPlaceLabels: Record<VisitPlace, string> = { home: 'At home', clinic: 'In clinic', ward: 'On a ward' };

export const visitPurposes = ['first-contact', 'therapy', 'review', 'equipment', 'discharge', 'other'] as const;
export type VisitPurpose = (typeof visitPurposes)[number];
export const visitPurposeLabels: Record<VisitPurpose, string> = {
  'first-contact': 'First contact',
  therapy: 'Therapy',
  review: 'Review',
  equipment: 'Equipment',
  discharge: 'Discharge',
  other: 'Other',
};

/** ISO weekdays: Monday 1 .. Sunday 7. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayLabels: Record<Weekday, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

/** "Carer there 09:00-10:00 on Mondays and Thursdays": days null means every day. */
export type VisitWindow = { days: Weekday[] | null; start: string; end: string; note: string | null };

export type VisitNeeds = {
  durationMinutes: number;
  place: VisitPlace;
  windows: VisitWindow[];
  unavailableDays: Weekday[];
  staffNeeded: 1 | 2;
  staffNeededReason: string | null;
  registeredRequired: boolean;
  skills: string[];
  preferredStaffId: string | null;
};

export const visitDurationBounds = { min: 5, max: 480 } as const;

/** Needs before anyone has recorded them: from triage (a complex episode's visits take longer). */
export function defaultVisitNeeds(o: { complexity: Complexity; skillsNeeded: readonly string[]; pairsReason: string | null }): VisitNeeds {
  return {
    durationMinutes: o.complexity === 'complex' ? 60 : 45,
    place: 'home',
    windows: [],
    unavailableDays: [],
    staffNeeded: o.pairsReason === null ? 1 : 2,
    staffNeededReason: o.pairsReason,
    registeredRequired: o.complexity === 'complex',
    // 'two-person' is met by staffNeeded, not by anyone's skill.
    skills: o.skillsNeeded.filter((skill) => skill !== 'two-person'),
    preferredStaffId: null,
  };
}

/**
 * Why two staff are prefilled: a 'visit in pairs' risk flag, a hoist in the programme of care or
 * needed at triage, or two-person visits set at triage; null for one.
 */
export function pairsReasonFrom(o: { riskFlags: readonly string[]; programmeActivities: readonly string[]; skillsNeeded?: readonly string[] }): string | null {
  if (o.riskFlags.some((flag) => /pairs|two staff|2 staff/i.test(flag))) return 'Risk flag: visit in pairs';
  if (o.programmeActivities.some((activity) => /hoist/i.test(activity))) return 'Hoist transfers in the programme of care';
  if (o.skillsNeeded?.includes('hoist-competent')) return 'Hoist transfers (set at triage)';
  if (o.skillsNeeded?.includes('two-person')) return 'Two-person visits (set at triage)';
  return null;
}

const timePattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export type NeedsProblem = { path: (string | number)[]; message: string };

/** Everything wrong with the needs, each with its field path; an empty list means they can be kept. */
export function visitNeedsProblems(needs: VisitNeeds, o: { complexity: Complexity }): NeedsProblem[] {
  const problems: NeedsProblem[] = [];
  if (!Number.isInteger(needs.durationMinutes) || needs.durationMinutes < visitDurationBounds.min || needs.durationMinutes > visitDurationBounds.max) {
    problems.push({ path: ['durationMinutes'], message: `A visit must last between ${visitDurationBounds.min} minutes and 8 hours` });
  }
  needs.windows.forEach((w, i) => problems.push(...visitWindowProblems(w.start, w.end).map((p) => ({ path: ['windows', i, ...p.path], message: p.message }))));
  if (needs.unavailableDays.length === 7) problems.push({ path: ['unavailableDays'], message: 'The patient must be available on at least one day of the week' });
  if (needs.staffNeeded === 2 && (needs.staffNeededReason ?? '').trim() === '') {
    problems.push({ path: ['staffNeededReason'], message: 'Say why two staff must come (for example a hoist, or a risk flag)' });
  }
  if (o.complexity === 'complex' && !needs.registeredRequired) {
    problems.push({ path: ['registeredRequired'], message: 'A complex episode must be visited by a registered therapist' });
  }
  return problems;
}

/** A time window's problems: times as hh:mm, and the end after the start. */
export function visitWindowProblems(start: string, end: string): NeedsProblem[] {
  const problems: NeedsProblem[] = [];
  if (!timePattern.test(start)) problems.push({ path: ['start'], message: 'Enter the start of the window as a time, like 09:00' });
  if (!timePattern.test(end)) problems.push({ path: ['end'], message: 'Enter the end of the window as a time, like 10:00' });
  if (problems.length === 0 && end <= start) problems.push({ path: ['end'], message: `The window must end after it starts (${start})` });
  return problems;
}

/** The window that applies on a weekday: the first that names the day, else the first for every day. */
export function windowOn(windows: readonly VisitWindow[], weekday: Weekday): VisitWindow | null {
  return windows.find((w) => w.days !== null && w.days.includes(weekday)) ?? windows.find((w) => w.days === null) ?? null;
}
