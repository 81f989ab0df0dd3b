// Times typed on forms are UK wall-clock times (what the ward said on the phone); the database keeps
// instants. Converting needs the Europe/London offset on that day, which changes in March and October.
// The platform's own time-zone database (Intl) answers that, on the server and in the browser alike.

const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export type UkWallClock = { date: string; time: string };

/** An instant as UK wall-clock date (yyyy-mm-dd) and time (hh:mm). */
export function toUkWallClock(instant: Date): UkWallClock {
  const parts = Object.fromEntries(ukParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant a UK wall-clock time names, or null for a time that did not happen (the hour skipped
 * when the clocks go forward). In the repeated hour in October the earlier (BST) instant is taken.
 */
export function fromUkWallClock(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The UK is at UTC+0 or UTC+1; try BST first so the repeated October hour resolves to its first pass.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const back = toUkWallClock(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return null;
}

/**
 * The instant a UK calendar day (yyyy-mm-dd) begins. Midnight is never skipped or repeated today (the
 * clocks change at 01:00 and 02:00); a day in the war years' double summer time (UTC+2: a date of birth
 * in 1941) begins at that offset, which fromUkWallClock does not try.
 */
export function ukDayStart(date: string): Date {
  const start = fromUkWallClock(date, '00:00');
  if (start) return start;
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const doubleSummerTime = new Date(midnightUtc - 2 * 3_600_000);
  // Two hours before UTC midnight reads 00:00 in the UK only at UTC+2, and then on this very day.
  return toUkWallClock(doubleSummerTime).time === '00:00' ? doubleSummerTime : new Date(midnightUtc);
}

/** Checks a typed 24-hour time, "9:30", "09:30" or "09.30"; returns it as hh:mm, or null. */
export function parseTimeOfDay(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${match[2]}`;
}

const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "26 Nov 2026, 09:00": UK time, 24-hour clock, as the pages show it. */
export function formatUkDateTime(instant: Date | string): string {
  return ukDateTime.format(new Date(instant));
}
