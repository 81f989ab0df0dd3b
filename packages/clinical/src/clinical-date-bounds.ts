// When a clinical date may fall. Every date the patient index, referrals, the caseload and the record
// accept is judged here, against the patient's birth, the referral, the episode's first contact and
// now, so every form and the JSON API refuse it in the same words:
//   "The date of the contact must be on or after 3 March 2026 (when the referral was received)"
//   "The date of the contact cannot be in the future"
// Days are Europe/London calendar days: a contact at 00:30 BST on 29 March is on the 29th, though it is
// the 28th in UTC. An instant is compared as an instant only where a time of day is the point (first
// contact, against the minute the referral arrived: the response clock runs between them).
import { tz } from '@date-fns/tz';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { formatDisplayDate } from './date-parts.ts';
import { ukDateOf } from './episode-dates.ts';
import { toUkWallClock } from './uk-wall-clock.ts';

export const clinicalDateKinds = [
  'date-of-birth',
  'referral-received',
  'first-contact',
  'next-contact',
  'contact',
  'assessment',
  'consent',
  'goal-target',
  'goal-rating',
  'review-held',
  'next-review',
  'planned-end',
  'activity-start',
  'activity-end',
  'activity-done',
  'discharge',
] as const;
export type ClinicalDateKind = (typeof clinicalDateKinds)[number];

/** What a date may not come before. A bound whose fact is unknown (no first contact yet) is skipped. */
export type EarliestBound = 'oldest-living' | 'birth' | 'referral' | 'first-contact' | 'goal-set' | 'activity-start' | 'today';
/** What a date may not come after: now (the past and present only), or a number of years from today (plans). */
export type LatestBound = 'now' | { yearsAhead: number };

export type ClinicalDateRule = {
  /** Starts every message: "The date of the contact". */
  label: string;
  /** For dates with a time of day, the message when the day is right but the time is not. */
  timeLabel?: string;
  earliest: readonly EarliestBound[];
  /** Compare with the referral to the minute rather than the day. */
  referralToTheMinute?: boolean;
  latest: LatestBound;
};

/** Nobody verified has lived to 123; a date of birth further back than this is a typing slip. */
export const oldestLivingYears = 130;
/** Goals, planned ends and programmes run for weeks or months; a date beyond this is a typing slip. */
export const planHorizonYears = 2;
/** A review or a visit is booked weeks ahead; one more than a year away is a typing slip. */
export const appointmentHorizonYears = 1;
/** A client's clock may run a few seconds ahead of the server's: "now" to the minute is not the future. */
export const clockSkewToleranceMs = 60_000;

const fromReferral = ['birth', 'referral'] as const;
const fromFirstContact = ['birth', 'referral', 'first-contact'] as const;

/**
 * The rule for each kind of date. Contact notes and assessments may describe the referral conversation
 * itself, so they may fall on the day the referral came in (not before); reviews held and discharge
 * follow the first contact when there was one. Consent has no date typed today (it is recorded now),
 * and is here so a date added later follows the same rule.
 */
export const clinicalDateRules: Record<ClinicalDateKind, ClinicalDateRule> = {
  'date-of-birth': { label: 'The date of birth', earliest: ['oldest-living'], latest: 'now' },
  'referral-received': { label: 'The date the referral was received', timeLabel: 'The time the referral was received', earliest: ['birth'], latest: 'now' },
  'first-contact': { label: 'The date of first contact', timeLabel: 'The time of first contact', earliest: fromReferral, referralToTheMinute: true, latest: 'now' },
  'next-contact': { label: 'The date of the next planned contact', timeLabel: 'The time of the next planned contact', earliest: fromReferral, latest: { yearsAhead: appointmentHorizonYears } },
  contact: { label: 'The date of the contact', timeLabel: 'The time of the contact', earliest: fromReferral, latest: 'now' },
  assessment: { label: 'The date of the assessment', timeLabel: 'The time of the assessment', earliest: fromReferral, latest: 'now' },
  consent: { label: 'The date of consent', timeLabel: 'The time of consent', earliest: fromReferral, latest: 'now' },
  'goal-target': { label: 'The target date', earliest: ['today'], latest: { yearsAhead: planHorizonYears } },
  'goal-rating': { label: 'The date of the rating', earliest: ['birth', 'referral', 'goal-set'], latest: 'now' },
  'review-held': { label: 'The date of the review', earliest: fromFirstContact, latest: 'now' },
  'next-review': { label: 'The date of the next review', earliest: ['today'], latest: { yearsAhead: appointmentHorizonYears } },
  'planned-end': { label: 'The new planned end', earliest: ['today'], latest: { yearsAhead: planHorizonYears } },
  'activity-start': { label: 'The start date', earliest: fromReferral, latest: { yearsAhead: appointmentHorizonYears } },
  'activity-end': { label: 'The end date', earliest: ['activity-start'], latest: { yearsAhead: planHorizonYears } },
  'activity-done': { label: 'The day it was done', earliest: ['birth', 'referral', 'activity-start'], latest: 'now' },
  discharge: { label: 'The date of discharge', earliest: fromFirstContact, latest: 'now' },
};

/** What is known about the patient and the episode; anything unknown is left out and its bound skipped. */
export type ClinicalDateFacts = {
  now: Date;
  /** The patient's date of birth, yyyy-mm-dd. */
  bornOn?: string | null;
  referralReceivedAt?: Date | string | null;
  firstContactAt?: Date | string | null;
  /** The day the goal being rated was set, yyyy-mm-dd or an instant. */
  goalSetOn?: Date | string | null;
  /** The start date of the programme activity, yyyy-mm-dd. */
  activityStartsOn?: string | null;
};

const because: Record<Exclude<EarliestBound, 'today'>, string> = {
  'oldest-living': `${oldestLivingYears} years ago`,
  birth: 'when the patient was born',
  referral: 'when the referral was received',
  'first-contact': 'the first contact in this episode',
  'goal-set': 'when the goal was set',
  'activity-start': 'the start date of the activity',
};

const utc = tz('UTC');

/** A calendar date moved by whole years; 29 February becomes 28 February in a common year. */
export function addCalendarYears(day: string, years: number): string {
  return format(addYears(new Date(`${day}T00:00:00Z`), years, { in: utc }), 'yyyy-MM-dd', { in: utc });
}

const instantOf = (value: Date | string) => (value instanceof Date ? value : new Date(value));
/** A yyyy-mm-dd string is a day already; anything else is an instant read on the UK calendar. */
const dayOf = (value: Date | string) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ukDateOf(instantOf(value)));

type Bound = { on: string; at: Date | null; why: string };

function earliestBound(rule: ClinicalDateRule, facts: ClinicalDateFacts, today: string): Bound | 'today' | null {
  let latest: Bound | null = null;
  for (const from of rule.earliest) {
    if (from === 'today') return 'today';
    let bound: Bound | null = null;
    if (from === 'oldest-living') bound = { on: addCalendarYears(today, -oldestLivingYears), at: null, why: because[from] };
    else if (from === 'birth' && facts.bornOn) bound = { on: facts.bornOn, at: null, why: because[from] };
    else if (from === 'referral' && facts.referralReceivedAt) {
      const at = instantOf(facts.referralReceivedAt);
      // Times are typed to the minute: a referral at 10:15:40 and a visit typed as 10:15 agree.
      bound = { on: ukDateOf(at), at: rule.referralToTheMinute ? new Date(Math.floor(at.getTime() / 60_000) * 60_000) : null, why: because[from] };
    } else if (from === 'first-contact' && facts.firstContactAt) bound = { on: dayOf(facts.firstContactAt), at: null, why: because[from] };
    else if (from === 'goal-set' && facts.goalSetOn) bound = { on: dayOf(facts.goalSetOn), at: null, why: because[from] };
    else if (from === 'activity-start' && facts.activityStartsOn) bound = { on: facts.activityStartsOn, at: null, why: because[from] };
    // The later bound is the one that binds; on the same day the later-listed (more specific) one is named.
    if (bound && (latest === null || bound.on >= latest.on)) latest = bound;
  }
  return latest;
}

/**
 * Whether a clinical date is acceptable: null if it is, else the message to show. `value` is a
 * calendar date (yyyy-mm-dd) for kinds without a time, or the instant for kinds with one. The value
 * must already be a real date: the NHS.UK date-field messages ("must be a real date") come first.
 */
export function clinicalDateProblem(kind: ClinicalDateKind, value: Date | string, facts: ClinicalDateFacts): string | null {
  const rule = clinicalDateRules[kind];
  const today = ukDateOf(facts.now);
  const day = dayOf(value);
  const instant = typeof value === 'string' && day === value ? null : instantOf(value);
  const timeLabel = rule.timeLabel ?? rule.label;

  if (rule.latest === 'now') {
    if (day > today) return `${rule.label} cannot be in the future`;
    if (instant && instant.getTime() > facts.now.getTime() + clockSkewToleranceMs) return `${timeLabel} cannot be in the future`;
  } else {
    const years = rule.latest.yearsAhead;
    const last = addCalendarYears(today, years);
    if (day > last) return `${rule.label} must be on or before ${formatDisplayDate(last)} (${years === 1 ? '1 year' : `${years} years`} from today)`;
  }

  const earliest = earliestBound(rule, facts, today);
  if (earliest === 'today') {
    if (day < today) return `${rule.label} cannot be in the past`;
  } else if (earliest) {
    if (day < earliest.on) return `${rule.label} must be on or after ${formatDisplayDate(earliest.on)} (${earliest.why})`;
    if (earliest.at && instant && day === earliest.on && instant.getTime() < earliest.at.getTime()) {
      return `${timeLabel} must be ${toUkWallClock(earliest.at).time} or later (${earliest.why})`;
    }
  }
  return null;
}
