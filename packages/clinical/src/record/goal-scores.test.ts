import { describe, expect, it } from 'vitest';
import { scoreGoalSet, type GoalToScore } from './goal-scores.ts';

const goal = (id: string, o: Partial<GoalToScore> = {}): GoalToScore => ({ id, status: 'active', baseline: -1, importance: null, difficulty: null, latestLevel: null, ...o });

describe('scoreGoalSet: the episode’s T-score at baseline and now', () => {
  it('Mrs B: weighted 6, 2 and 3, baseline 36.91, at review 52.38', () => {
    const scores = scoreGoalSet([
      goal('tea', { importance: 3, difficulty: 2, latestLevel: 0 }),
      goal('garden', { importance: 2, difficulty: 1, latestLevel: 1 }),
      goal('bus', { importance: 3, difficulty: 1, latestLevel: 0 }),
    ]);
    expect(scores).toEqual({ countedGoalIds: ['tea', 'garden', 'bus'], weighted: true, baseline: { tScore: 36.91, message: null }, latest: { tScore: 52.38, message: null }, unratedGoalIds: [] });
  });

  it('unweighted when any goal lacks importance or difficulty: the measures.md vector [+1, +1, 0] -> 59.13', () => {
    const scores = scoreGoalSet([goal('a', { latestLevel: 1, importance: 3, difficulty: 3 }), goal('b', { latestLevel: 1 }), goal('c', { latestLevel: 0 })]);
    expect(scores.weighted).toBe(false);
    expect(scores.latest).toEqual({ tScore: 59.13, message: null });
    expect(scores.baseline).toEqual({ tScore: 36.31, message: null });
  });

  it('the weighted vector w = [2, 1, 6], x = [+1, -1, +2] -> 67.86', () => {
    const scores = scoreGoalSet([
      goal('a', { importance: 2, difficulty: 1, latestLevel: 1 }),
      goal('b', { importance: 1, difficulty: 1, latestLevel: -1 }),
      goal('c', { importance: 3, difficulty: 2, latestLevel: 2 }),
    ]);
    expect(scores.latest.tScore).toBe(67.86);
  });

  it('waits for every active or achieved goal to be rated, naming those that are not', () => {
    const scores = scoreGoalSet([goal('a', { latestLevel: 0 }), goal('b'), goal('c', { status: 'achieved' })]);
    expect(scores.latest).toEqual({ tScore: null, message: 'Not yet: goal 2 and goal 3 have not been rated' });
    expect(scores.unratedGoalIds).toEqual(['b', 'c']);
    expect(scores.baseline.tScore).toBe(36.31);
    expect(scoreGoalSet([goal('a'), goal('b', { latestLevel: 0 })]).latest.message).toBe('Not yet: goal 1 has not been rated');
  });

  it('leaves discontinued goals out of both scores', () => {
    const scores = scoreGoalSet([goal('a', { latestLevel: 0 }), goal('b', { status: 'discontinued' }), goal('c', { latestLevel: 0, baseline: -2 })]);
    expect(scores.countedGoalIds).toEqual(['a', 'c']);
    expect(scores.latest.tScore).toBe(50);
    expect(scores.baseline.tScore).toBe(Math.round((50 - 30 / Math.sqrt(0.7 * 2 + 0.3 * 4)) * 100) / 100);
  });

  it('says why there is no score: no goals, or every goal of weight 0', () => {
    expect(scoreGoalSet([])).toMatchObject({ baseline: { tScore: null, message: 'There are no goals to score' }, latest: { tScore: null, message: 'There are no goals to score' } });
    expect(scoreGoalSet([goal('a', { status: 'discontinued' })]).baseline.message).toBe('There are no goals to score');
    expect(scoreGoalSet([goal('a', { importance: 0, difficulty: 3, latestLevel: 0 })]).latest.message).toBe('Every goal has weight 0: at least one goal must matter to the patient');
  });
});
