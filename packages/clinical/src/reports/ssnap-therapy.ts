// SSNAP therapy counting for stroke patients seen by community teams: for each type of therapy, the
// minutes and the number of days on which it was given. A day counts for a therapy type when any
// minutes of it were recorded on that UK calendar day, so two visits in one day are one day (SSNAP
// asks for days of therapy, not contacts). Only final notes are counted; an amended note counts as it
// now reads.
import { ssnapTherapyTypes, type SsnapTherapyType, type TherapyMinutes } from '../record/contact-note.ts';

export type SsnapContact = { day: string; therapyMinutes: TherapyMinutes };

export type SsnapTherapyTotals = Record<SsnapTherapyType, { minutes: number; days: number }> & {
  /** Days with any therapy of any type, and all minutes. */
  all: { minutes: number; days: number };
};

export function ssnapTherapyTotals(contacts: readonly SsnapContact[]): SsnapTherapyTotals {
  const minutes = new Map<SsnapTherapyType | 'all', number>();
  const days = new Map<SsnapTherapyType | 'all', Set<string>>();
  for (const c of contacts) {
    for (const type of ssnapTherapyTypes) {
      const m = c.therapyMinutes[type] ?? 0;
      if (!(m > 0)) continue;
      for (const key of [type, 'all'] as const) {
        minutes.set(key, (minutes.get(key) ?? 0) + m);
        days.set(key, (days.get(key) ?? new Set()).add(c.day));
      }
    }
  }
  const of = (key: SsnapTherapyType | 'all') => ({ minutes: minutes.get(key) ?? 0, days: days.get(key)?.size ?? 0 });
  return Object.fromEntries([...ssnapTherapyTypes, 'all'].map((k) => [k, of(k as SsnapTherapyType | 'all')])) as SsnapTherapyTotals;
}

/** Mean minutes on the days therapy of that type was given (SSNAP's "minutes per day of therapy"); null with no days. */
export function minutesPerTherapyDay(t: { minutes: number; days: number }): number | null {
  return t.days === 0 ? null : Math.round(t.minutes / t.days);
}
