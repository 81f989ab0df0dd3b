// The outcomes a clinician records on a visit that did not happen, in their words: the reasons offered
// (a short list, and "another reason" with its words required), and the rebooking day's limits. Shared
// by the run sheet's pages and the API, so both refuse in the same words.
import { addCalendarDays, formatDisplayDate, weekdayNames, weekdayOf } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';

export const visitOutcomes = ['no-access', 'cancelled'] as const;
export type VisitOutcome = (typeof visitOutcomes)[number];

export const visitOutcomeReasons = {
  'no-access': {
    'no-answer': 'No answer at the door',
    'patient-out': 'Patient out (at an appointment or elsewhere)',
    'in-hospital': 'Patient admitted to hospital',
    'could-not-get-in': 'Could not get in (key safe code wrong, door locked)',
    other: 'Another reason',
  },
  cancelled: {
    'patient-declined': 'Patient declined the visit',
    'patient-unwell': 'Patient unwell',
    'in-hospital': 'Patient admitted to hospital',
    'staff-unavailable': 'No staff available',
    'no-longer-needed': 'Visit no longer needed',
    other: 'Another reason',
  },
} as const satisfies Record<VisitOutcome, Record<string, string>>;

export type VisitOutcomeReason = keyof (typeof visitOutcomeReasons)['no-access'] | keyof (typeof visitOutcomeReasons)['cancelled'];
export const allVisitOutcomeReasons = [...new Set([...Object.keys(visitOutcomeReasons['no-access']), ...Object.keys(visitOutcomeReasons.cancelled)])] as [VisitOutcomeReason, ...VisitOutcomeReason[]];

export const outcomeLabels: Record<VisitOutcome, string> = { 'no-access': 'No access', cancelled: 'Cancelled' };


export type VisitOutcomeInput = { outcome: VisitOutcome; reason: VisitOutcomeReason; reasonDetail: string | null; rebookOn: string | null };

/** The reason as stored on the visit (outcome_reason): its words, and the clinician's own after them. */
export function outcomeReasonText(i: Pick<VisitOutcomeInput, 'outcome' | 'reason' | 'reasonDetail'>): string {
  const label = (visitOutcomeReasons[i.outcome] as Record<string, string>)[i.reason] ?? i.reason;
  const detail = i.reasonDetail?.trim();
  if (i.reason === 'other') return detail ?? '';
  return detail ? `${label}: ${detail}` : label;
}

/** What is wrong with an outcome, as field errors (none: it may be recorded). */
export function checkVisitOutcome(i: VisitOutcomeInput, o: { today: string; unavailableWeekdays: readonly number[] }): FieldError[] {
  const fields: FieldError[] = [];
  if (!Object.hasOwn(visitOutcomeReasons[i.outcome], i.reason)) fields.push({ path: 'reason', message: i.outcome === 'no-access' ? 'Choose why there was no access' : 'Choose why the visit is cancelled' });
  if (i.reason === 'other' && !i.reasonDetail?.trim()) fields.push({ path: 'reasonDetail', message: 'Enter the reason' });
  if ((i.reasonDetail ?? '').length > 500) fields.push({ path: 'reasonDetail', message: 'The reason must be 500 characters or fewer' });
  if (i.rebookOn !== null) {
    const latest = addCalendarDays(o.today, 92);
    if (i.rebookOn < o.today) fields.push({ path: 'rebookOn', message: 'The date of the new visit must be today or later' });
    else if (i.rebookOn > latest) fields.push({ path: 'rebookOn', message: `The date of the new visit must be on or before ${formatDisplayDate(latest)}. Leave it to the team’s planning further ahead.` });
    else if (o.unavailableWeekdays.includes(weekdayOf(i.rebookOn))) fields.push({ path: 'rebookOn', message: `The patient cannot be seen on ${weekdayNames[weekdayOf(i.rebookOn) - 1]}s. Choose another day.` });
  }
  return fields;
}
