// Response clocks: when the first contact is due under the service's standard, and where a clock stands now.
//
// Why date-fns and @date-fns/tz: standards are set in UK local time (UCR counts 08:00-20:00 Europe/London;
// "2 days" means the same time on the day after tomorrow). Adding milliseconds to UTC gets these wrong
// across the clock changes in March and October; TZDate and date-fns' `in: tz(...)` do the local arithmetic.
import { TZDate, tz } from '@date-fns/tz';
// From its own module: the package index loads every date-fns function, a second of CPU at each start.
import { addDays } from 'date-fns/addDays';
import type { Priority, Service } from './referral-vocabulary.ts';

export const ukTimeZone = 'Europe/London';

/**
 * A response standard. Kinds:
 *  - 'hours': elapsed hours, around the clock (stroke ESD 24 hours).
 *  - 'days': calendar days in UK time: the same local time that many days later (2 days from Monday 14:00
 *    is Wednesday 14:00, which is 47 or 49 real hours across a clock change).
 *  - 'window-hours': hours counted only while the service runs each day, 7 days a week, in UK local time
 *    (UCR: 2 hours within 08:00-20:00, so 19:30 is due 09:30 the next day and 06:00 is due 10:00).
 */
export type ResponseStandard =
  | { kind: 'hours'; hours: number; name: string }
  | { kind: 'days'; days: number; name: string }
  | { kind: 'window-hours'; hours: number; opensAt: string; closesAt: string; name: string };

export const urgentCommunityResponseStandard: ResponseStandard = {
  kind: 'window-hours',
  hours: 2,
  opensAt: '08:00',
  closesAt: '20:00',
  name: 'Urgent community response',
};
export const reablementStandard: ResponseStandard = { kind: 'days', days: 2, name: 'Reablement' };
export const strokeEsdStandard: ResponseStandard = { kind: 'hours', hours: 24, name: 'Stroke early supported discharge' };
const within24Hours: ResponseStandard = { kind: 'hours', hours: 24, name: 'Urgent' };
const within72Hours: ResponseStandard = { kind: 'hours', hours: 72, name: 'Stroke early supported discharge (routine)' };
const within2Days: ResponseStandard = { kind: 'days', days: 2, name: 'Soon' };
const within10Days: ResponseStandard = { kind: 'days', days: 10, name: 'Routine' };

export type ResponseStandards = Record<Service, Record<Priority, ResponseStandard>>;

/**
 * The default standards, by service and the priority set at triage. Teams may pass their own table.
 *
 * | service                              | P1                      | P2           | P3        |
 * |--------------------------------------|-------------------------|--------------|-----------|
 * | D2A pathway 0 and 1 (home)           | UCR: 2 h in 08:00-20:00 | 2 days       | 10 days   |
 * | D2A pathway 2 and 3 (beds)           | 24 hours                | 2 days       | 10 days   |
 * | Stroke early supported discharge     | 24 hours                | 24 hours     | 72 hours  |
 * | Community stroke rehab, rehab medicine, bed-based rehab | 24 hours | 2 days | 10 days   |
 *
 * An urgent home referral is a crisis at home, so it is held to the UCR 2-hour standard; P2 home referrals
 * use the 2-day reablement standard; ESD aims to visit within 24 hours of leaving hospital, and its P3 uses
 * the 72 hours SSNAP also records.
 */
export const defaultResponseStandards: ResponseStandards = {
  'd2a-pathway-0': { P1: urgentCommunityResponseStandard, P2: reablementStandard, P3: within10Days },
  'd2a-pathway-1': { P1: urgentCommunityResponseStandard, P2: reablementStandard, P3: within10Days },
  'd2a-pathway-2': { P1: within24Hours, P2: within2Days, P3: within10Days },
  'd2a-pathway-3': { P1: within24Hours, P2: within2Days, P3: within10Days },
  'stroke-early-supported-discharge': { P1: strokeEsdStandard, P2: strokeEsdStandard, P3: within72Hours },
  'community-stroke-rehabilitation': { P1: within24Hours, P2: within2Days, P3: within10Days },
  'rehabilitation-medicine': { P1: within24Hours, P2: within2Days, P3: within10Days },
  'bed-based-rehabilitation': { P1: within24Hours, P2: within2Days, P3: within10Days },
};

const minuteMs = 60_000;

function parseTimeOfDay(text: string): { hours: number; minutes: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 24 || minutes > 59) throw new RangeError(`Not a time of day: ${text}`);
  return { hours, minutes };
}

function localAt(day: TZDate, time: { hours: number; minutes: number }, dayOffset = 0): number {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + dayOffset, time.hours, time.minutes, ukTimeZone).getTime();
}

/** Counts service hours only while the daily window is open, in UK local time. */
function addWindowHours(start: Date, standard: Extract<ResponseStandard, { kind: 'window-hours' }>): Date {
  const opens = parseTimeOfDay(standard.opensAt);
  const closes = parseTimeOfDay(standard.closesAt);
  let remaining = standard.hours * 60 * minuteMs;
  let cursor = start.getTime();
  // Each pass consumes at most one day's window; the bound only guards against a window that never opens.
  for (let pass = 0; pass < 1000; pass++) {
    const day = new TZDate(cursor, ukTimeZone);
    const open = localAt(day, opens);
    const close = localAt(day, closes);
    if (close <= open) throw new RangeError('A service window must close after it opens');
    if (cursor < open) cursor = open;
    if (cursor >= close) {
      cursor = localAt(day, opens, 1);
      continue;
    }
    const available = close - cursor;
    if (remaining <= available) return new Date(cursor + remaining);
    remaining -= available;
    cursor = localAt(day, opens, 1);
  }
  throw new RangeError('The response clock could not be worked out');
}

export function addResponseTime(clockStartsAt: Date, standard: ResponseStandard): Date {
  switch (standard.kind) {
    case 'hours':
      return new Date(clockStartsAt.getTime() + standard.hours * 60 * minuteMs);
    case 'days':
      return new Date(addDays(clockStartsAt, standard.days, { in: tz(ukTimeZone) }).getTime());
    case 'window-hours':
      return addWindowHours(clockStartsAt, standard);
  }
}

export type ResponseDueOptions = {
  service: Service;
  priority: Priority;
  clockStartsAt: Date;
  standards?: ResponseStandards;
};

export function responseStandardFor(service: Service, priority: Priority, standards = defaultResponseStandards): ResponseStandard {
  return standards[service][priority];
}

/** When the first contact is due. */
export function responseDueAt(options: ResponseDueOptions): Date {
  return addResponseTime(options.clockStartsAt, responseStandardFor(options.service, options.priority, options.standards));
}

/** "2 hours, counting 08:00 to 20:00", "2 days", "24 hours": for triage pages and the waiting list. */
export function describeStandard(standard: ResponseStandard): string {
  switch (standard.kind) {
    case 'hours':
      return plural(standard.hours, 'hour');
    case 'days':
      return plural(standard.days, 'day');
    case 'window-hours':
      return `${plural(standard.hours, 'hour')}, counting ${standard.opensAt} to ${standard.closesAt}`;
  }
}

export const clockStates = ['met', 'running', 'due-soon', 'breached', 'breached-met-late'] as const;
export type ClockStateName = (typeof clockStates)[number];

export const clockStateLabels: Record<ClockStateName, string> = {
  met: 'Met',
  running: 'On track',
  'due-soon': 'Due soon',
  breached: 'Breached',
  'breached-met-late': 'Met late',
};

/** minutesLeft: before the due time (for 'met', the time to spare at first contact); minutesOver: past it. */
export type ClockState =
  | { state: 'met' | 'running' | 'due-soon'; minutesLeft: number }
  | { state: 'breached' | 'breached-met-late'; minutesOver: number };

/** A clock is "due soon" within this many minutes of its due time: a day, so it can be planned into today. */
export const defaultDueSoonMinutes = 24 * 60;

export type ClockStateOptions = {
  dueAt: Date;
  firstContactAt: Date | null;
  now: Date;
  dueSoonMinutes?: number;
};

/** Where a clock stands. Contact exactly at the due time meets it; the clock breaches the minute after. */
export function clockState(options: ClockStateOptions): ClockState {
  const { dueAt, firstContactAt, now } = options;
  const dueSoon = options.dueSoonMinutes ?? defaultDueSoonMinutes;
  const due = dueAt.getTime();
  if (firstContactAt) {
    const at = firstContactAt.getTime();
    if (at <= due) return { state: 'met', minutesLeft: Math.floor((due - at) / minuteMs) };
    return { state: 'breached-met-late', minutesOver: Math.ceil((at - due) / minuteMs) };
  }
  const at = now.getTime();
  if (at > due) return { state: 'breached', minutesOver: Math.ceil((at - due) / minuteMs) };
  const minutesLeft = Math.floor((due - at) / minuteMs);
  return { state: minutesLeft <= dueSoon ? 'due-soon' : 'running', minutesLeft };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "45 min", "3 h 20 min", "3 h", "1 day 2 h", "2 days": coarser as it grows, as people say it. */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const days = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  return h === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${h} h`;
}

/** The words for a clock on the caseload and waiting list. */
export function describeClock(clock: ClockState): string {
  switch (clock.state) {
    case 'met':
      return 'Met';
    case 'running':
    case 'due-soon':
      return clock.minutesLeft === 0 ? 'Due now' : `Due in ${formatDuration(clock.minutesLeft)}`;
    case 'breached':
      return `Breached by ${formatDuration(clock.minutesOver)}`;
    case 'breached-met-late':
      return `Met late by ${formatDuration(clock.minutesOver)}`;
  }
}
