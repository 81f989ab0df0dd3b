import { describe, it, expect } from 'vitest';
import type { PriorityScoreInput } from './priority-score.ts';
import { compareForCaseload, priorityScore, priorityScoreWeights } from './priority-score.ts';
import type { ClockState } from './response-clock.ts';
import type { Priority } from './referral-vocabulary.ts';
import { priorities } from './referral-vocabulary.ts';
import { reviewStates } from './episode-dates.ts';

const calm: Omit<PriorityScoreInput, 'priority' | 'clock'> = { riskFlagCount: 0, livesAlone: false, daysSinceLastContact: 2, review: 'not-due' };
const worst: Omit<PriorityScoreInput, 'priority' | 'clock'> = { riskFlagCount: 9, livesAlone: true, daysSinceLastContact: 60, review: 'overdue' };

const clocks = {
  none: null,
  met: { state: 'met', minutesLeft: 10 },
  'met-late': { state: 'breached-met-late', minutesOver: 3000 },
  running: { state: 'running', minutesLeft: 3 * 24 * 60 },
  'due-soon': { state: 'due-soon', minutesLeft: 90 },
  breached: { state: 'breached', minutesOver: 30 },
  'long-breached': { state: 'breached', minutesOver: 30 * 24 * 60 },
} satisfies Record<string, ClockState | null>;
type ClockName = keyof typeof clocks;

const score = (priority: Priority, clock: ClockName, others = calm) => priorityScore({ priority, clock: clocks[clock], ...others }).score;

describe('priorityScore: reasons and points', () => {
  it.each<[string, PriorityScoreInput, number, [string, number][]]>([
    [
      'Mrs B: P2, first visit due in 3 h 20 min, lives alone, not yet seen',
      { priority: 'P2', clock: { state: 'due-soon', minutesLeft: 200 }, riskFlagCount: 0, livesAlone: true, daysSinceLastContact: null, review: 'not-due' },
      95,
      [['First contact due in 3 h 20 min', 50], ['P2 (soon)', 40], ['Lives alone', 5]],
    ],
    [
      'breached P3, 2 days over, 4 risk flags, 20 days since contact, review overdue',
      { priority: 'P3', clock: { state: 'breached', minutesOver: 2 * 24 * 60 + 5 }, riskFlagCount: 4, livesAlone: false, daysSinceLastContact: 20, review: 'overdue' },
      140,
      [['First contact standard breached', 85], ['4 risk flags', 15], ['P3 (routine)', 10], ['Breached for 2 days', 10], ['Last contact 20 days ago', 10], ['Review overdue', 10]],
    ],
    [
      'met clock adds nothing; 8 days since contact adds 1; review due adds 5',
      { priority: 'P1', clock: { state: 'met', minutesLeft: 0 }, riskFlagCount: 1, livesAlone: false, daysSinceLastContact: 8, review: 'due' },
      111,
      [['P1 (urgent)', 100], ['1 risk flag', 5], ['Review due', 5], ['Last contact 8 days ago', 1]],
    ],
    [
      'met late adds nothing; 7 days since contact is within the grace',
      { priority: 'P3', clock: { state: 'breached-met-late', minutesOver: 5000 }, riskFlagCount: 0, livesAlone: false, daysSinceLastContact: 7, review: 'not-due' },
      10,
      [['P3 (routine)', 10]],
    ],
    [
      'lateness stops counting at 5 days, and the label tells the real length',
      { priority: 'P2', clock: { state: 'breached', minutesOver: 9 * 24 * 60 }, riskFlagCount: 0, livesAlone: false, daysSinceLastContact: null, review: 'not-due' },
      165,
      [['First contact standard breached', 100], ['P2 (soon)', 40], ['Breached for 9 days', 25]],
    ],
    [
      'under a day over adds no lateness; due now reads as such',
      { priority: 'P1', clock: { state: 'due-soon', minutesLeft: 0 }, riskFlagCount: 0, livesAlone: false, daysSinceLastContact: null, review: 'not-due' },
      250,
      [['First contact due now', 150], ['P1 (urgent)', 100]],
    ],
    [
      'nonsense counts are treated as none',
      { priority: 'P3', clock: null, riskFlagCount: -2, livesAlone: false, daysSinceLastContact: Number.NaN, review: 'not-due' },
      10,
      [['P3 (routine)', 10]],
    ],
  ])('%s', (_story, input, total, reasons) => {
    const result = priorityScore(input);
    expect(result.score).toBe(total);
    expect(result.reasons.map((r) => [r.label, r.points])).toEqual(reasons);
  });

  it('uses a team’s own weights', () => {
    const weights = { ...priorityScoreWeights, livesAlone: 50 };
    expect(priorityScore({ priority: 'P3', clock: null, ...calm, livesAlone: true }, weights).score).toBe(60);
  });

  it('counts a team’s own points per day without contact', () => {
    const weights = { ...priorityScoreWeights, perDayWithoutContact: 2 };
    expect(priorityScore({ priority: 'P3', clock: null, ...calm, daysSinceLastContact: 10 }, weights).reasons).toEqual([
      { label: 'P3 (routine)', points: 10 },
      { label: 'Last contact 10 days ago', points: 6 },
    ]);
  });

  it('treats an endless count as none', () => {
    expect(priorityScore({ priority: 'P3', clock: null, ...calm, riskFlagCount: Number.POSITIVE_INFINITY, daysSinceLastContact: Number.POSITIVE_INFINITY }).reasons).toEqual([
      { label: 'P3 (routine)', points: 10 },
    ]);
  });

  const grid: PriorityScoreInput[] = [];
  for (const priority of priorities)
    for (const clock of Object.values(clocks))
      for (const review of reviewStates)
        for (const others of [calm, worst, { ...calm, livesAlone: true, riskFlagCount: 2, daysSinceLastContact: null }])
          grid.push({ priority, clock, ...others, review });

  it.each(grid)('reasons sum to the score, sorted by points, none zero: %j', (input) => {
    const { score: total, reasons } = priorityScore(input);
    expect(reasons.reduce((sum, r) => sum + r.points, 0)).toBe(total);
    expect(reasons.map((r) => r.points)).toEqual([...reasons.map((r) => r.points)].sort((a, b) => b - a));
    expect(reasons.every((r) => r.points > 0)).toBe(true);
  });
});

describe('priorityScore: the order it gives', () => {
  it('ranks the ladder documented in priority-score.ts with other factors equal', () => {
    const ladder: [Priority, ClockName][] = [
      ['P1', 'breached'],
      ['P1', 'due-soon'],
      ['P2', 'breached'],
      ['P1', 'running'],
      ['P3', 'breached'],
      ['P2', 'due-soon'],
      ['P3', 'due-soon'],
      ['P2', 'running'],
      ['P3', 'running'],
    ];
    for (const others of [calm, worst]) {
      const scores = ladder.map(([p, c]) => score(p, c, others));
      for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThan(scores[i]!);
    }
  });

  const allClocks = Object.keys(clocks) as ClockName[];
  const othersThanP1DueOrBreached = priorities
    .flatMap((p) => allClocks.map((c) => [p, c] as const))
    .filter(([p, c]) => !(p === 'P1' && (c === 'due-soon' || c.includes('breached'))));
  it.each(othersThanP1DueOrBreached)('a P1 due soon with nothing else outranks %s (%s clock) with everything else', (priority, clock) => {
    expect(score('P1', 'due-soon', calm)).toBeGreaterThan(score(priority, clock, worst));
  });

  it.each(['none', 'met', 'met-late', 'running'] as const)('a breached P3 with nothing else outranks a P2 (%s) with everything else', (clock) => {
    expect(score('P3', 'breached', calm)).toBeGreaterThan(score('P2', clock, worst));
  });

  it('a longer breach ranks higher at the same priority', () => {
    expect(score('P3', 'long-breached')).toBeGreaterThan(score('P3', 'breached'));
  });

  it('with no clock, a risky patient not seen for weeks outranks a calm one of the same priority', () => {
    expect(score('P2', 'none', worst)).toBeGreaterThan(score('P2', 'none', calm));
  });
});

describe('compareForCaseload', () => {
  const d = (iso: string) => new Date(iso);
  it('orders by score, then earlier due time, then those without a clock', () => {
    const rows = [
      { id: 'a', score: 50, dueAt: null },
      { id: 'b', score: 95, dueAt: d('2026-03-30T10:00:00Z') },
      { id: 'c', score: 95, dueAt: d('2026-03-29T10:00:00Z') },
      { id: 'd', score: 50, dueAt: d('2026-04-01T10:00:00Z') },
      { id: 'e', score: 250, dueAt: null },
    ];
    expect(rows.sort(compareForCaseload).map((r) => r.id)).toEqual(['e', 'c', 'b', 'd', 'a']);
  });

  it.each([
    ['the earlier due time first', d('2026-03-29T10:00:00Z'), d('2026-03-30T10:00:00Z'), -1],
    ['the later due time second', d('2026-03-30T10:00:00Z'), d('2026-03-29T10:00:00Z'), 1],
    ['the same due time: neither first', d('2026-03-29T10:00:00Z'), d('2026-03-29T10:00:00Z'), 0],
    ['no clock after a clock', null, d('2026-03-29T10:00:00Z'), 1],
    ['a clock before no clock', d('2026-03-29T10:00:00Z'), null, -1],
    ['two without a clock: neither first', null, null, 0],
  ] as const)('with equal scores, %s', (_story, aDue, bDue, expected) => {
    expect(compareForCaseload({ score: 95, dueAt: aDue }, { score: 95, dueAt: bDue })).toBe(expected);
  });
});

describe('an episode on hold', () => {
  it('scores nothing, whatever its clock and risks, and says why', () => {
    const result = priorityScore({
      priority: 'P1',
      clock: { state: 'breached', minutesOver: 3 * 24 * 60 },
      riskFlagCount: 4,
      livesAlone: true,
      daysSinceLastContact: 30,
      review: 'overdue',
      onHold: true,
    });
    expect(result).toEqual({ score: 0, reasons: [{ label: 'On hold', points: 0 }] });
  });
});
