// Safeguarding concerns' rules (issue 17 #2): what a concern must say before it is raised, the 24-hour
// decision clock, what each decision needs, that closing needs a decision, and who may open one. Pure,
// so the pages, the API and the database's own checks (migration 0050) say the same thing.
import {
  consentToShareValues,
  safeguardingCategoriesFor,
  safeguardingDecisionHours,
  safeguardingDecisions,
  safeguardingKinds,
  type SafeguardingDecision,
  type SafeguardingKind,
} from './safeguarding-vocabulary.ts';

export type SafeguardingProblem = { path: string; message: string };

export const safeguardingTextLimits = { concern: 10_000, immediateActions: 5_000, otherPerson: 300, reason: 5_000, laReference: 100, note: 10_000 } as const;

const blank = (s: string | null | undefined) => !(s ?? '').trim();
function tooLong(problems: SafeguardingProblem[], path: string, value: string | null | undefined, limit: number, what: string) {
  if (value && value.length > limit) problems.push({ path, message: `${what} must be ${limit} characters or fewer` });
}

/** When the lead's decision is due: 24 hours after the concern was raised (a clock, not working hours: harm does not wait for Monday). */
export function safeguardingDecisionDueAt(raisedAt: Date): Date {
  return new Date(raisedAt.getTime() + safeguardingDecisionHours * 3_600_000);
}

/** The clock: past due or not, in words (whole hours rounded down; under an hour in minutes), and the minutes left (negative when overdue). */
export type DecisionClock = { overdue: boolean; words: string; minutesLeft: number };

function span(minutes: number): string {
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** The clock in the lead's words: "due in 5 hours", "overdue by 2 hours". Due exactly now is overdue. */
export function safeguardingDecisionClock(o: { dueAt: Date; now: Date }): DecisionClock {
  const ms = o.dueAt.getTime() - o.now.getTime();
  if (ms > 0) {
    const minutesLeft = Math.floor(ms / 60_000);
    return { overdue: false, words: minutesLeft === 0 ? 'due now' : `due in ${span(minutesLeft)}`, minutesLeft };
  }
  const late = Math.floor(-ms / 60_000);
  return { overdue: true, words: late === 0 ? 'due now' : `overdue by ${span(late)}`, minutesLeft: -late };
}

export type ConcernInput = {
  kind: string;
  categories: readonly string[];
  personAtRisk: string;
  otherPerson: string;
  concern: string;
  /** Null when not answered. */
  immediateDanger: boolean | null;
  immediateActions: string;
  consentToShare: string;
  shareWithoutConsentReason: string;
};

/** What a concern must say before it is raised. Paths are the form's and the API's field names. */
export function checkSafeguardingConcern(o: ConcernInput): SafeguardingProblem[] {
  const problems: SafeguardingProblem[] = [];
  const kind = (safeguardingKinds as readonly string[]).includes(o.kind) ? (o.kind as SafeguardingKind) : null;
  if (!kind) problems.push({ path: 'kind', message: 'Select whether the concern is about an adult or a child' });
  if (o.categories.length === 0) problems.push({ path: 'categories', message: 'Select at least one category of abuse or neglect' });
  else if (kind) {
    const allowed = safeguardingCategoriesFor(kind) as readonly string[];
    const wrong = o.categories.filter((c) => !allowed.includes(c));
    if (wrong.length) problems.push({ path: 'categories', message: `Select categories for ${kind === 'adult' ? 'an adult' : 'a child'}: ${wrong.join(', ')} is not one of them` });
    else if (new Set(o.categories).size !== o.categories.length) problems.push({ path: 'categories', message: 'Select each category once' });
  }
  if (o.personAtRisk !== 'patient' && o.personAtRisk !== 'other') problems.push({ path: 'personAtRisk', message: 'Select who is at risk' });
  else if (o.personAtRisk === 'other' && blank(o.otherPerson)) problems.push({ path: 'otherPerson', message: 'Enter the name of the person at risk and their relationship to the patient' });
  tooLong(problems, 'otherPerson', o.otherPerson, safeguardingTextLimits.otherPerson, 'The person at risk');
  if (blank(o.concern)) problems.push({ path: 'concern', message: 'Enter what you saw or were told' });
  tooLong(problems, 'concern', o.concern, safeguardingTextLimits.concern, 'The concern');
  if (o.immediateDanger === null) problems.push({ path: 'immediateDanger', message: 'Select whether anyone is in immediate danger' });
  if (blank(o.immediateActions)) problems.push({ path: 'immediateActions', message: o.immediateDanger ? 'Enter what you did to make them safe (for example, called 999)' : 'Enter what you have done so far' });
  tooLong(problems, 'immediateActions', o.immediateActions, safeguardingTextLimits.immediateActions, 'What was done');
  if (!(consentToShareValues as readonly string[]).includes(o.consentToShare)) problems.push({ path: 'consentToShare', message: 'Select whether the person agreed to the concern being shared' });
  else if (o.consentToShare !== 'given' && blank(o.shareWithoutConsentReason)) problems.push({ path: 'shareWithoutConsentReason', message: 'Enter why the concern is shared without their consent' });
  tooLong(problems, 'shareWithoutConsentReason', o.shareWithoutConsentReason, safeguardingTextLimits.reason, 'The reason');
  return problems;
}

export type DecisionInput = { decision: string; reason: string; localAuthorityReference: string; localAuthorityReferredOn: string | null; today: string };

/** What each decision needs: a referral its date and the local authority's reference; any other decision its reason. */
export function checkSafeguardingDecision(o: DecisionInput): SafeguardingProblem[] {
  const problems: SafeguardingProblem[] = [];
  if (!(safeguardingDecisions as readonly string[]).includes(o.decision)) {
    problems.push({ path: 'decision', message: 'Select the decision' });
    return problems;
  }
  const decision = o.decision as SafeguardingDecision;
  if (decision === 'refer-to-local-authority') {
    if (!o.localAuthorityReferredOn) problems.push({ path: 'localAuthorityReferredOn', message: 'Enter the date the referral was made to the local authority' });
    else if (o.localAuthorityReferredOn > o.today) problems.push({ path: 'localAuthorityReferredOn', message: 'The date of the referral cannot be in the future' });
    if (blank(o.localAuthorityReference)) problems.push({ path: 'localAuthorityReference', message: 'Enter the local authority’s reference for the referral' });
  } else if (blank(o.reason)) {
    problems.push({ path: 'reason', message: decision === 'no-further-action' ? 'Enter why no further action is needed' : decision === 'monitor' ? 'Enter how it will be monitored' : 'Enter the advice given' });
  }
  tooLong(problems, 'reason', o.reason, safeguardingTextLimits.reason, 'The reason');
  tooLong(problems, 'localAuthorityReference', o.localAuthorityReference, safeguardingTextLimits.laReference, 'The reference');
  return problems;
}

/** A concern is closed only once the lead has decided on it. */
export function checkCloseSafeguardingConcern(o: { decision: string | null; status: string }): SafeguardingProblem[] {
  if (o.status === 'closed') return [{ path: 'form', message: 'This concern is already closed' }];
  if (!o.decision) return [{ path: 'form', message: 'Record the decision before closing the concern' }];
  return [];
}

export type ConcernReadBasis = 'safeguarding-lead' | 'raised-it' | 'named';

/**
 * Who may open a concern: the safeguarding leads, the person who raised it and the people a lead named.
 * Nobody else, whatever their relationship to the patient or their grade: they see the banner flag only.
 */
export function safeguardingConcernReadBasis(o: { staffId: string; isSafeguardingLead: boolean; raisedBy: string; namedStaffIds: readonly string[] }): ConcernReadBasis | null {
  if (o.isSafeguardingLead) return 'safeguarding-lead';
  if (o.raisedBy === o.staffId) return 'raised-it';
  if (o.namedStaffIds.includes(o.staffId)) return 'named';
  return null;
}
