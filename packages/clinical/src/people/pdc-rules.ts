// The annual Performance Development Conversation (appraisal): who holds it with whom, when the next
// review falls, and when it is agreed.
//
// Decisions (the Trust's appraisal policy as the job description puts it: an annual PDC with the line
// manager, objectives and a development plan, both sign it):
//  - The manager is the clinical lead or service manager of the person's team (never the person).
//  - The next review is within 12 months of the conversation (an interim review may be sooner), and
//    not before the day it was held.
//  - It is agreed once both the member of staff and the manager have confirmed it; any change to the
//    objectives or plan clears both confirmations, so each confirms what they saw.
//  - A review is amber from 28 days before its date, red after it (the one rule in due-status.ts).
import type { HomewardRole } from '../staff-roles.ts';
import { addCalendarMonths } from '../episode-dates.ts';
import { daysBetween } from '../episode-dates.ts';

export const pdcManagerRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];

export function mayHoldPdc(role: HomewardRole): boolean {
  return pdcManagerRoles.includes(role);
}

export const pdcItemKinds = ['objective', 'development'] as const;
export type PdcItemKind = (typeof pdcItemKinds)[number];
export const pdcItemKindLabels: Record<PdcItemKind, string> = { objective: 'Objective', development: 'Development plan' };

export const pdcItemStatuses = ['open', 'met', 'partly-met', 'not-met', 'dropped'] as const;
export type PdcItemStatusValue = (typeof pdcItemStatuses)[number];
export const pdcItemStatusLabels: Record<PdcItemStatusValue, string> = { open: 'Open', met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met', dropped: 'Dropped' };

/** What is wrong with a PDC's dates, in the words the form shows; null when they are right. */
export function pdcDatesProblem(o: { heldOn: string; nextReviewOn: string; today: string }): { path: 'heldOn' | 'nextReviewOn'; message: string } | null {
  if (daysBetween(o.today, o.heldOn) > 0) return { path: 'heldOn', message: 'The date of the conversation cannot be in the future' };
  if (daysBetween(o.heldOn, o.nextReviewOn) <= 0) return { path: 'nextReviewOn', message: 'The next review must be after the date of the conversation' };
  if (daysBetween(addCalendarMonths(o.heldOn, 12), o.nextReviewOn) > 0) return { path: 'nextReviewOn', message: 'The next review must be within 12 months of the conversation' };
  return null;
}

/** What is wrong with an item's review date; null when it is right (none is right too). */
export function pdcItemReviewProblem(o: { heldOn: string; reviewOn: string | null }): string | null {
  if (o.reviewOn === null) return null;
  if (daysBetween(o.heldOn, o.reviewOn) < 0) return 'The review date must be on or after the date of the conversation';
  if (daysBetween(addCalendarMonths(o.heldOn, 12), o.reviewOn) > 0) return 'The review date must be within 12 months of the conversation';
  return null;
}
