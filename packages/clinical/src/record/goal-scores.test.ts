import { describe, expect, it } from 'vitest';
import { gasTScoreExplanation, scoreGoalSet, type GoalToScore } from './goal-scores.ts';

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

describe('scoreGoalSet: what it says and counts', () => {
  it('is unweighted, with nothing counted, when there are no goals to count', () => {
    expect(scoreGoalSet([])).toEqual({
      countedGoalIds: [],
      weighted: false,
      baseline: { tScore: null, message: 'There are no goals to score' },
      latest: { tScore: null, message: 'There are no goals to score' },
      unratedGoalIds: [],
    });
    expect(scoreGoalSet([goal('a', { status: 'discontinued', importance: 3, difficulty: 3 })]).weighted).toBe(false);
  });

  it('is unweighted when a goal has importance but no difficulty, or difficulty but no importance', () => {
    expect(scoreGoalSet([goal('a', { importance: 3, difficulty: 2, latestLevel: 0 }), goal('b', { importance: 2, latestLevel: 0 })]).weighted).toBe(false);
    expect(scoreGoalSet([goal('a', { importance: 3, difficulty: 2, latestLevel: 0 }), goal('b', { difficulty: 2, latestLevel: 0 })]).weighted).toBe(false);
  });

  it('numbers goals as listed, discontinued ones included, and lists three or more with commas', () => {
    const scores = scoreGoalSet([goal('gone', { status: 'discontinued' }), goal('a'), goal('b'), goal('c', { latestLevel: 1 }), goal('d')]);
    expect(scores.latest).toEqual({ tScore: null, message: 'Not yet: goal 2, goal 3 and goal 5 have not been rated' });
    expect(scores.unratedGoalIds).toEqual(['a', 'b', 'd']);
  });

  it('explains the T-score in words', () => {
    expect(gasTScoreExplanation).toBe('50 = goals met as expected. Each level above or below what was expected moves the score by about 10: below 50 is less than expected, above 50 more.');
  });

  it('joins the scorer’s refusals into one message', () => {
    expect(scoreGoalSet([goal('a', { baseline: 1, latestLevel: 5 })])).toMatchObject({
      baseline: { tScore: 60, message: null },
      latest: { tScore: null, message: 'Goal 1: attainment must be -2, -1, 0, +1 or +2' },
    });
    expect(scoreGoalSet([goal('a', { baseline: 3, latestLevel: 0 }), goal('b', { baseline: 7, latestLevel: 0 })]).baseline).toEqual({
      tScore: null,
      message: 'Goal 1: attainment must be -2, -1, 0, +1 or +2. Goal 2: attainment must be -2, -1, 0, +1 or +2',
    });
  });
});
