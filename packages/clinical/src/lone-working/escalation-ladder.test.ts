import { describe, expect, it } from 'vitest';
import { defaultGraceSeconds, defaultLadder } from './escalation-ladder.ts';

describe('the Trust’s default ladder', () => {
  it('allows 15 minutes’ grace (the Lone Working Policy), then clinician, responder at 10 minutes, manager at 25', () => {
    expect(defaultGraceSeconds).toBe(900);
    expect(defaultLadder.map((r) => [r.level, r.who, r.afterSeconds])).toEqual([
      [1, 'clinician', 0],
      [2, 'responder', 600],
      [3, 'manager', 1500],
    ]);
  });
});
