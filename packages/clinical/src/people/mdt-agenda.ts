// Why a patient is on an MDT meeting's agenda (issue 16 #6): one rule, so the meeting page, the API and
// the demo put the same patients on it for the same reasons, in the same order.
import { addCalendarDays } from '../episode-dates.ts';

export const mdtAgendaReasons = ['flagged', 'open-action', 'breach', 'review-due', 'discharge-planning'] as const;
export type MdtAgendaReason = (typeof mdtAgendaReasons)[number];

/** In the clinicians' words; the order above is the order they are taken in (most pressing first). */
export const mdtAgendaReasonLabels: Record<MdtAgendaReason, string> = {
  flagged: 'Flagged for discussion',
  'open-action': 'Open action from an earlier meeting',
  breach: 'Response time breached',
  'review-due': 'Review due',
  'discharge-planning': 'Discharge planning',
};

/** A review due within this many days of the meeting is discussed at it. */
export const mdtReviewWindowDays = 7;
/** A planned end within this many days of the meeting puts the discharge on the agenda. */
export const mdtDischargeWindowDays = 14;

export type MdtAgendaFacts = {
  flagged: boolean;
  /** Open actions about this episode from earlier meetings. */
  openActions: number;
  /** The response clock ran out before first contact (still waiting, or seen late and not yet discussed). */
  clockBreached: boolean;
  /** 'YYYY-MM-DD' or null. */
  reviewDueOn: string | null;
  /** 'YYYY-MM-DD' or null. */
  plannedEndOn: string | null;
  /** The last review decided to discharge. */
  dischargeDecided: boolean;
  /** 'YYYY-MM-DD', the meeting's day. */
  meetingOn: string;
};

/** Every reason this episode belongs on the agenda, most pressing first; empty: it does not. */
export function mdtAgendaReasonsFor(f: MdtAgendaFacts): MdtAgendaReason[] {
  const reasons: MdtAgendaReason[] = [];
  if (f.flagged) reasons.push('flagged');
  if (f.openActions > 0) reasons.push('open-action');
  if (f.clockBreached) reasons.push('breach');
  if (f.reviewDueOn !== null && f.reviewDueOn <= addCalendarDays(f.meetingOn, mdtReviewWindowDays)) reasons.push('review-due');
  if (f.dischargeDecided || (f.plannedEndOn !== null && f.plannedEndOn <= addCalendarDays(f.meetingOn, mdtDischargeWindowDays))) reasons.push('discharge-planning');
  return reasons;
}

/** Agenda order: by the most pressing reason, then by how many reasons, then as given (stable). */
export function compareMdtAgenda(a: readonly MdtAgendaReason[], b: readonly MdtAgendaReason[]): number {
  const rank = (r: readonly MdtAgendaReason[]) => (r.length ? Math.min(...r.map((x) => mdtAgendaReasons.indexOf(x))) : mdtAgendaReasons.length);
  return rank(a) - rank(b) || b.length - a.length;
}
