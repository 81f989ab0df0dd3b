import { describe, expect, it } from 'vitest';
import { recallStepProblem } from './recall-action-steps.ts';

describe('working a recall action to the end', () => {
  it.each([
    ['to-contact', 'contacted', null, null],
    ['to-contact', 'collected', null, null],
    ['to-contact', 'closed', 'Not in the home any more: family returned it', null],
    ['contacted', 'inspected', null, null],
    ['inspected', 'collected', null, null],
    ['collected', 'closed', 'Returned to store and quarantined', null],
    ['contacted', 'to-contact', null, 'status'],
    ['collected', 'inspected', null, 'status'],
    ['contacted', 'contacted', null, 'status'],
    ['closed', 'closed', 'again', 'status'],
    ['contacted', 'closed', null, 'outcome'],
    ['contacted', 'closed', '   ', 'outcome'],
  ] as const)('%s -> %s (outcome %j): problem at %s', (from, to, outcome, path) => {
    expect(recallStepProblem(from, to, outcome)?.path ?? null).toBe(path);
  });
});
