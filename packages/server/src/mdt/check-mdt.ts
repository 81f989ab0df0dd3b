// The rules a meeting, an attendee, a discussion and an action must meet, shared by the pages and the
// API so both say the same words. Structure is Zod's; these are the domain's (a real day, a length).
import { addCalendarDays, fromUkWallClock } from '@homeward/clinical';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';

export const mdtTextLimits = { place: 200, name: 200, role: 100, discussion: 10_000, decision: 2_000, action: 500, flagReason: 500, closingNote: 1_000 } as const;

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export function throwIfAny(fields: FieldError[]): void {
  if (fields.length) throw validationFailed(fields);
}

function tooLong(fields: FieldError[], path: string, value: string | null | undefined, limit: number, what: string) {
  if (value && value.length > limit) fields.push({ path, message: `${what} must be ${limit} characters or fewer` });
}

/** A meeting's day and time (Europe/London): within a year either side of today. */
export function checkMeetingTime(o: { on: string; at: string; today: string }, fields: FieldError[]): Date | null {
  if (!isDay(o.on)) {
    fields.push({ path: 'on', message: 'The meeting date must be a real date' });
    return null;
  }
  if (o.on < addCalendarDays(o.today, -366) || o.on > addCalendarDays(o.today, 366)) {
    fields.push({ path: 'on', message: 'The meeting date must be within a year of today' });
    return null;
  }
  const at = /^\d{2}:\d{2}$/.test(o.at) ? fromUkWallClock(o.on, o.at) : null;
  if (!at) fields.push({ path: 'at', message: 'Enter the time the meeting starts, like 13:30' });
  return at;
}

export function checkMeetingPlace(place: string, fields: FieldError[]): void {
  tooLong(fields, 'place', place, mdtTextLimits.place, 'Where the meeting is');
}

export function checkAttendee(o: { staffId: string | null; name: string | null; role: string }, fields: FieldError[]): void {
  if (!o.staffId && !(o.name ?? '').trim()) fields.push({ path: 'name', message: 'Choose a member of the team, or enter the name of someone from outside it' });
  if (o.staffId && o.name) fields.push({ path: 'name', message: 'Choose a member of the team or enter a name, not both' });
  tooLong(fields, 'name', o.name, mdtTextLimits.name, 'The name');
  tooLong(fields, 'role', o.role, mdtTextLimits.role, 'What they are');
}

export function checkDiscussion(o: { discussion: string; decision: string }, fields: FieldError[]): void {
  if (!o.discussion.trim() && !o.decision.trim()) fields.push({ path: 'discussion', message: 'Enter what was discussed or what was decided' });
  tooLong(fields, 'discussion', o.discussion, mdtTextLimits.discussion, 'The discussion');
  tooLong(fields, 'decision', o.decision, mdtTextLimits.decision, 'The decision');
}

export function checkAction(o: { action: string; dueOn: string | null; today: string }, fields: FieldError[]): void {
  if (!o.action.trim()) fields.push({ path: 'action', message: 'Enter the action agreed' });
  tooLong(fields, 'action', o.action, mdtTextLimits.action, 'The action');
  if (o.dueOn !== null) {
    if (!isDay(o.dueOn)) fields.push({ path: 'dueOn', message: 'The due date must be a real date' });
    else if (o.dueOn > addCalendarDays(o.today, 366)) fields.push({ path: 'dueOn', message: 'The due date must be within a year' });
  }
}
