import { describe, expect, it } from 'vitest';
import { isLateTimelineEntry } from './timeline-late-entry.ts';

describe('isLateTimelineEntry', () => {
  it('labels a timed entry written more than 24 hours after the event', () => {
    const occurredAt = new Date('2026-11-20T10:00:00Z');
    expect(isLateTimelineEntry({ occurredAt, writtenAt: new Date('2026-11-21T10:00:00Z') })).toBe(false);
    expect(isLateTimelineEntry({ occurredAt, writtenAt: new Date('2026-11-21T10:01:00Z') })).toBe(true);
  });

  it('labels an entry about a day when written after the day that followed it (UK calendar)', () => {
    expect(isLateTimelineEntry({ occurredOn: '2026-11-20', writtenAt: new Date('2026-11-20T16:00:00Z') })).toBe(false);
    expect(isLateTimelineEntry({ occurredOn: '2026-11-20', writtenAt: new Date('2026-11-21T23:59:00Z') })).toBe(false);
    expect(isLateTimelineEntry({ occurredOn: '2026-11-20', writtenAt: new Date('2026-11-22T00:00:00Z') })).toBe(true);
    // 23:30 UTC on 20 June 2026 is 00:30 BST on the 21st.
    expect(isLateTimelineEntry({ occurredOn: '2026-06-19', writtenAt: new Date('2026-06-20T23:30:00Z') })).toBe(true);
  });
});
