// What the board shows in words: each row's times in UK wall-clock time and its state in the lead's
// words. A duress code is shown as a red alert: here, and only here (the clinician's own screens
// show a normal check-out, and the board is for the clinical lead and service manager alone).
import { toUkWallClock } from '@homeward/clinical';
import type { LoneWorkingAlertKind } from '../db/schema.ts';
import type { Board, BoardAlert, BoardSession } from './board-queries.ts';

const alertLabels: Record<LoneWorkingAlertKind, string> = {
  'missed-check-in': 'Missed check-in',
  'missed-check-out': 'Missed check-out',
  amber: 'Amber alert',
  red: 'Red alert',
  duress: 'Red alert: duress code used',
};

const clock = (d: Date | null) => (d ? toUkWallClock(d).time : null);

/** "12 minutes", "1 hour 5 minutes". */
export function minutesText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return h > 0 ? (m > 0 ? `${part(h, 'hour')} ${part(m, 'minute')}` : part(h, 'hour')) : part(m, 'minute');
}

function where(o: { patient: BoardSession['patient']; place: string | null }): string {
  const who = o.patient ? `${o.patient.familyName.toUpperCase()}, ${o.patient.givenName}` : null;
  return [who, o.place].filter((x) => x).join(': ') || 'Not with a visit';
}

function alertView(a: BoardAlert, now: Date) {
  let state: string;
  if (a.status === 'running') state = `Timing: raises at ${clock(a.dueAt)} unless ended or extended`;
  else if (a.status === 'acknowledged') state = `Acknowledged at ${clock(a.acknowledgedAt)}${a.acknowledgedByName ? ` by ${a.acknowledgedByName}` : ''}`;
  else state = `Raised at ${clock(a.raisedAt)} (${minutesText(now.getTime() - (a.raisedAt ?? a.dueAt).getTime())} ago), level ${a.level}, not yet acknowledged`;
  return { ...a, label: alertLabels[a.kind], where: where(a), state, href: `/lone-working/alerts/${a.id}`, tagClass: a.red ? 'nhsuk-tag--red' : a.kind === 'amber' ? 'nhsuk-tag--orange' : 'nhsuk-tag--yellow' };
}

function sessionView(s: BoardSession, now: Date, date: string) {
  let state: string;
  if (s.overdueSince) state = s.status === 'expected' ? `Not checked in: due ${clock(s.expectedStart)}, ${minutesText(now.getTime() - s.expectedStart.getTime())} ago` : `Not checked out: due ${clock(s.expectedEnd)}, ${minutesText(now.getTime() - s.expectedEnd.getTime())} ago`;
  else if (s.status === 'checked-in') state = `Checked in since ${clock(s.checkedInAt)}`;
  else if (s.status === 'expected') state = `Expected at ${clock(s.expectedStart)}`;
  else if (s.status === 'checked-out') state = `Checked out at ${clock(s.checkedOutAt)}`;
  else state = 'Cancelled';
  return {
    ...s,
    where: where(s),
    state,
    times: `${clock(s.expectedStart)}–${clock(s.expectedEnd)}`,
    checkedIn: clock(s.checkedInAt),
    runSheetHref: `/run-sheet/${s.staffId}?date=${date}`,
  };
}

export function boardView(board: Board, now: Date) {
  const session = (s: BoardSession) => sessionView(s, now, board.date);
  return {
    date: board.date,
    updatedAt: clock(now),
    alerts: board.alerts.map((a) => alertView(a, now)),
    overdue: board.overdue.map(session),
    inVisit: board.inVisit.map(session),
    expected: board.expected.map(session),
    done: board.done.map(session),
    out: board.overdue.length + board.inVisit.length,
  };
}
