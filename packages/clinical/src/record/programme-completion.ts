// Completion logs: each time an activity was (or was not) done, logged by the member of staff who did it
// or on the patient's or a carer's report. A support worker logs only the work delegated to them (their
// own visits) or what the patient or a carer tells them; the week's count is set against what the
// programme expects, so whoever delegated it can see at a glance whether it is happening.
import { clinicalDateProblem, type ClinicalDateFacts } from '../clinical-date-bounds.ts';
import { addCalendarDays, daysBetween } from '../episode-dates.ts';
import type { HomewardRole } from '../staff-roles.ts';
import type { RecordFieldError } from './consent.ts';
import { mayWriteContactNotes } from './contact-note.ts';
import type { CompletionOutcome, CompletionReporter, ProgrammeDelivererKind, ProgrammePeriod, ProgrammeStatus } from './programme-of-care.ts';
import { isActivityDate } from './programme-activity.ts';
import { competenceLabel } from './programme-of-care.ts';

export const maxCompletionNoteLength = 2000;

export type CheckProgrammeCompletionOptions = {
  doneOn: string;
  outcome: CompletionOutcome;
  note: string | null;
  /** The activity's start date, yyyy-mm-dd. */
  startsOn: string;
  /** The patient's birth, the referral and now (clinical-date-bounds.ts). */
  dates: ClinicalDateFacts;
};

export function checkProgrammeCompletion(o: CheckProgrammeCompletionOptions): RecordFieldError[] {
  const fields: RecordFieldError[] = [];
  if (!isActivityDate(o.doneOn)) fields.push({ path: 'doneOn', message: 'Enter the day the activity was done' });
  else {
    const when = clinicalDateProblem('activity-done', o.doneOn, { ...o.dates, activityStartsOn: o.startsOn });
    if (when) fields.push({ path: 'doneOn', message: when });
  }
  if (o.outcome === 'not-done' && !o.note?.trim()) fields.push({ path: 'note', message: 'Say why the activity was not done' });
  if (o.note && o.note.length > maxCompletionNoteLength) fields.push({ path: 'note', message: `The note must be ${maxCompletionNoteLength} characters or fewer` });
  return fields;
}

export const completionLogRules = ['role-does-not-log', 'not-delegated-to-you', 'support-worker-reports-only', 'competence-not-current'] as const;
export type CompletionLogRule = (typeof completionLogRules)[number];
export type CompletionLogDecision = { allowed: true } | { allowed: false; rule: CompletionLogRule; message: string };

export type MayLogCompletionOptions = {
  role: HomewardRole;
  staffId: string;
  reportedBy: CompletionReporter;
  delivererKind: ProgrammeDelivererKind;
  delivererStaffId: string | null;
  /** The competence the activity was delegated within, and the logger's current recorded ones (when known). */
  competence?: string | null;
  competencesHeld?: readonly string[] | null;
};

export function mayLogCompletion(o: MayLogCompletionOptions): CompletionLogDecision {
  if (!mayWriteContactNotes(o.role)) return { allowed: false, rule: 'role-does-not-log', message: 'Only clinical staff who see patients can log that an activity was done' };
  // Support workers and students work under supervision, so log only their own delegated visits (a
  // student is never delegated any) or what the patient or a carer tells them.
  if (o.role !== 'support-worker' && o.role !== 'student') return { allowed: true };
  if (o.reportedBy === 'staff' && !(o.delivererKind === 'staff' && o.delivererStaffId === o.staffId)) {
    return { allowed: false, rule: 'not-delegated-to-you', message: 'This activity is not delegated to you, so you cannot log doing it yourself. You can log it on the patient’s or a carer’s report' };
  }
  // Delegation holds only within a current recorded competence: once it is withdrawn, the support
  // worker stops doing the activity herself until the clinician who delegated it has looked again.
  if (o.role === 'support-worker' && o.reportedBy === 'staff' && o.competence && o.competencesHeld && !o.competencesHeld.includes(o.competence)) {
    return {
      allowed: false,
      rule: 'competence-not-current',
      message: `Your recorded competence for ${competenceLabel(o.competence).toLowerCase()} is no longer current, so you cannot do or log this activity yourself. Speak to the clinician who delegated it`,
    };
  }
  if (o.reportedBy === 'agency') {
    const message =
      o.role === 'student'
        ? 'As a student on placement you can log what the patient or a carer tells you. Ask your practice educator to log the agency’s report'
        : 'As a support worker you can log your own delegated visits, or what the patient or a carer tells you. Ask the assistant practitioner or therapist to log the agency’s report';
    return { allowed: false, rule: 'support-worker-reports-only', message };
  }
  return { allowed: true };
}

export type CompletionEntry = { doneOn: string; outcome: CompletionOutcome };

export type SummariseCompletionsOptions = {
  timesPerPeriod: number;
  period: ProgrammePeriod;
  startsOn: string;
  endsOn: string | null;
  status: ProgrammeStatus;
  completions: readonly CompletionEntry[];
  /** Today on the UK calendar, yyyy-mm-dd. */
  today: string;
};

export type CompletionSummary = {
  /** The first day of the last 7 days (today and the 6 before it). */
  windowStartsOn: string;
  done: number;
  partlyDone: number;
  notDone: number;
  /** How many times the programme expects it in the window; null once it has stopped or completed. */
  expected: number | null;
  /** The last day it was done, even partly. */
  lastDoneOn: string | null;
};

/**
 * The last 7 days against what is expected over the days of that window the activity ran: "every
 * day" started 3 days ago expects 3, "twice a week" started yesterday expects 1 (rounded, at least 1).
 */
export function summariseCompletions(o: SummariseCompletionsOptions): CompletionSummary {
  const windowStartsOn = addCalendarDays(o.today, -6);
  const inWindow = o.completions.filter((c) => c.doneOn >= windowStartsOn && c.doneOn <= o.today);
  const count = (outcome: CompletionOutcome) => inWindow.filter((c) => c.outcome === outcome).length;
  const happened = o.completions.filter((c) => c.outcome !== 'not-done').map((c) => c.doneOn).sort();
  let expected: number | null = null;
  if (o.status === 'active') {
    const from = o.startsOn > windowStartsOn ? o.startsOn : windowStartsOn;
    const to = o.endsOn !== null && o.endsOn < o.today ? o.endsOn : o.today;
    const days = from > to ? 0 : daysBetween(from, to) + 1;
    if (days === 0) expected = 0;
    else if (o.period === 'day') expected = o.timesPerPeriod * days;
    else expected = Math.max(1, Math.round((o.timesPerPeriod * days) / 7));
  }
  return { windowStartsOn, done: count('done'), partlyDone: count('partly-done'), notDone: count('not-done'), expected, lastDoneOn: happened.at(-1) ?? null };
}
