import { describe, expect, it } from 'vitest';
import { minutesPerTherapyDay, ssnapTherapyTotals } from './ssnap-therapy.ts';

describe('SSNAP therapy days and minutes', () => {
  it('counts a day once per therapy type however many contacts gave it', () => {
    const t = ssnapTherapyTotals([
      { day: '2026-11-02', therapyMinutes: { physiotherapy: 30 } },
      { day: '2026-11-02', therapyMinutes: { physiotherapy: 15, 'occupational-therapy': 40 } },
      { day: '2026-11-03', therapyMinutes: { 'occupational-therapy': 20 } },
    ]);
    expect(t.physiotherapy).toEqual({ minutes: 45, days: 1 });
    expect(t['occupational-therapy']).toEqual({ minutes: 60, days: 2 });
    expect(t.all).toEqual({ minutes: 105, days: 2 });
    expect(t['speech-and-language-therapy']).toEqual({ minutes: 0, days: 0 });
  });

  it('does not count a day on which no minutes of a type were given', () => {
    const t = ssnapTherapyTotals([{ day: '2026-11-02', therapyMinutes: { physiotherapy: 0, other: 10 } }]);
    expect(t.physiotherapy).toEqual({ minutes: 0, days: 0 });
    expect(t.other).toEqual({ minutes: 10, days: 1 });
  });

  it('gives minutes per day of therapy, or none without a day', () => {
    expect(minutesPerTherapyDay({ minutes: 105, days: 2 })).toBe(53);
    expect(minutesPerTherapyDay({ minutes: 0, days: 0 })).toBeNull();
  });
});
