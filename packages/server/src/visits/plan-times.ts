// The plan's clock: the planner counts minutes from midnight of the plan's day; the plan and the
// pages say Europe/London wall-clock 'HH:MM' on that day.

/** 'HH:MM' to minutes from midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes from midnight to 'HH:MM' (rounded to the minute, within the day). */
export function clockOf(minutes: number): string {
  const whole = Math.min(24 * 60 - 1, Math.max(0, Math.round(minutes)));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export const clockPattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
