// One activity of a programme of care as it is set: what kind, what to do (in plain English: it is
// printed for the patient and carer), how often, who delivers it, and from when to when. Who delivers it
// is judged by checkDelegation (delegation.ts); this checks the rest.
import type { RecordFieldError } from './consent.ts';
import { bannedTermsIn } from './plain-words.ts';
import { clinicalDateProblem, type ClinicalDateFacts } from '../clinical-date-bounds.ts';
import { programmeActivityKinds, programmeDelivererKinds, programmePeriods, type ProgrammeActivityKind, type ProgrammeDelivererKind, type ProgrammePeriod } from './programme-of-care.ts';

export type ProgrammeActivityInput = {
  goalId: string | null;
  kind: ProgrammeActivityKind;
  competence: string | null;
  title: string;
  instructions: string;
  timesPerPeriod: number;
  period: ProgrammePeriod;
  delivererKind: ProgrammeDelivererKind;
  delivererStaffId: string | null;
  delivererName: string | null;
  startsOn: string;
  endsOn: string | null;
};

/** More than this many times a day is a routine, not a programme activity; the table allows up to 28 a week. */
export const maxActivityTimesPerDay = 10;
export const maxActivityTimesPerWeek = 28;
export const maxActivityTitleLength = 120;
export const maxActivityInstructionsLength = 2000;

/** A real calendar date written yyyy-mm-dd. */
export function isActivityDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(utc).toISOString().slice(0, 10) === value;
}

/** `dates`: the patient's birth, the referral and now, which the start and end dates are judged against (clinical-date-bounds.ts). */
export type CheckProgrammeActivityOptions = { input: ProgrammeActivityInput; dates: ClinicalDateFacts };

export function checkProgrammeActivity(o: CheckProgrammeActivityOptions): RecordFieldError[] {
  const a = o.input;
  const fields: RecordFieldError[] = [];
  if (!(programmeActivityKinds as readonly string[]).includes(a.kind)) fields.push({ path: 'kind', message: 'Choose the kind of activity: exercise, functional practice, equipment use, carer training, or advice and signposting' });
  if (!a.title.trim()) fields.push({ path: 'title', message: 'Enter a short name for the activity, for example Sit-to-stand practice' });
  else if (a.title.trim().length > maxActivityTitleLength) fields.push({ path: 'title', message: `The name of the activity must be ${maxActivityTitleLength} characters or fewer` });
  if (!a.instructions.trim()) fields.push({ path: 'instructions', message: 'Enter what to do, in plain English: it is printed on the patient’s and carer’s sheet' });
  else if (a.instructions.trim().length > maxActivityInstructionsLength) fields.push({ path: 'instructions', message: `What to do must be ${maxActivityInstructionsLength} characters or fewer` });
  // The title and what to do are printed on the patient's and carer's sheet: no shorthand.
  for (const [path, text, what] of [['title', a.title, 'The name of the activity'], ['instructions', a.instructions, 'What to do']] as const) {
    const banned = bannedTermsIn(text);
    if (banned.length && !fields.some((f) => f.path === path)) fields.push({ path, message: `${what} uses ${banned.map((t) => `“${t}”`).join(', ')}. It is printed on the patient’s and carer’s sheet, so say it in everyday words` });
  }
  const periodKnown = (programmePeriods as readonly string[]).includes(a.period);
  if (!periodKnown) fields.push({ path: 'period', message: 'Choose whether the number of times is a day or a week' });
  const max = a.period === 'day' ? maxActivityTimesPerDay : maxActivityTimesPerWeek;
  if (!Number.isInteger(a.timesPerPeriod) || a.timesPerPeriod < 1 || (periodKnown && a.timesPerPeriod > max)) {
    fields.push({ path: 'timesPerPeriod', message: `How often must be a whole number of times from 1 to ${periodKnown ? `${max} a ${a.period}` : max}` });
  }
  if (!(programmeDelivererKinds as readonly string[]).includes(a.delivererKind)) fields.push({ path: 'delivererKind', message: 'Choose who does or helps with the activity' });
  const startKnown = isActivityDate(a.startsOn);
  const starts = startKnown ? clinicalDateProblem('activity-start', a.startsOn, o.dates) : null;
  if (!startKnown) fields.push({ path: 'startsOn', message: 'Enter the date the activity starts' });
  else if (starts) fields.push({ path: 'startsOn', message: starts });
  if (a.endsOn !== null) {
    // Judged against the bounds only once it is a real date: clinicalDateProblem cannot read "soon" (it throws).
    if (!isActivityDate(a.endsOn)) fields.push({ path: 'endsOn', message: 'The end date must be a real date' });
    else {
      const ends = clinicalDateProblem('activity-end', a.endsOn, { ...o.dates, activityStartsOn: startKnown ? a.startsOn : null });
      if (ends) fields.push({ path: 'endsOn', message: ends });
    }
  }
  return fields;
}
