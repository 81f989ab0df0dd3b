// Turning a UK wall-clock date and time (as typed into a form) into an instant, across the clock changes.
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Minutes Europe/London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: number): number {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a UK local date (yyyy-mm-dd) and time (HH:MM). A time in the repeated hour in October
 * is read as the first (BST) one; a time in the hour skipped in March is read on GMT.
 */
export function ukLocalToInstant(date: string, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const candidates = [wall - 60 * 60_000, wall].filter((c) => c + londonOffsetMinutes(c) * 60_000 === wall);
  return new Date(candidates[0] ?? wall);
}

/** "14:05" in UK time, for putting a time back into a form field. */
export function ukTimeOf(instant: Date): string {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute}`;
}

/** Checks a typed 24-hour time, "9:30" or "09:30"; returns it as HH:MM or null. */
export function parseTimeOfDay(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${match[2]}`;
}
