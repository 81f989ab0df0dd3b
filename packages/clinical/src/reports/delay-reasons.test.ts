import { describe, expect, it } from 'vitest';
import { delayReasonProblem, delayReasons, delayReasonLabels, dischargeDelayDays } from './delay-reasons.ts';

describe('discharge delays', () => {
  it('counts whole days after the Discharge Ready Date, never below nought', () => {
    expect(dischargeDelayDays('2026-11-10', '2026-11-14')).toBe(4);
    expect(dischargeDelayDays('2026-11-10', '2026-11-10')).toBe(0);
    expect(dischargeDelayDays('2026-11-10', '2026-11-08')).toBe(0);
    // Across the clocks going back (25 October 2026): still whole days.
    expect(dischargeDelayDays('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('has a label for every reason', () => {
    for (const r of delayReasons) expect(delayReasonLabels[r]).toBeTruthy();
  });

  it('refuses an unknown reason and "other" without a note', () => {
    expect(delayReasonProblem({ readyOn: '2026-11-10', dischargedOn: null, reasons: ['waiting-for-godot'], note: null })).toBe('waiting-for-godot is not a delay reason');
    expect(delayReasonProblem({ readyOn: '2026-11-10', dischargedOn: null, reasons: ['other'], note: ' ' })).toBe('Say what the other reason for the delay was');
    expect(delayReasonProblem({ readyOn: '2026-11-10', dischargedOn: null, reasons: ['other'], note: 'Key safe not fitted' })).toBeNull();
  });
});
