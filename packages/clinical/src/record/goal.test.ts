import { describe, expect, it } from 'vitest';
import {
  checkGoalPlan,
  checkGoalRating,
  checkGoalStatusChange,
  gasLevelName,
  goalPlanFixedMessage,
  goalStatuses,
  goalStatusLabels,
  goalTimePointLabels,
  goalTimePoints,
  maySetGoals,
  type GoalPlanInput,
} from './goal.ts';

const today = '2026-11-24';
const now = new Date('2026-11-24T12:00:00Z');
const tea: GoalPlanInput = {
  statement: 'I want to make my own cup of tea and carry it to the lounge',
  levels: {
    '-2': 'Cannot make a hot drink',
    '-1': 'Makes tea with help; someone else carries it',
    '0': 'Makes tea alone and carries it using a trolley',
    '+1': 'Makes tea alone and carries it in a lidded mug',
    '+2': 'Makes tea for a visitor too',
  },
  baseline: -1,
  importance: 3,
  difficulty: 2,
  targetOn: '2026-12-22',
  agreedWith: 'Mrs B and her daughter',
};
const paths = (plan: GoalPlanInput, currentTargetOn?: string) => checkGoalPlan(plan, { now, currentTargetOn }).map((f) => f.path);

describe('who sets and rates goals', () => {
  it('is the assessing clinician, not a support worker or a manager', () => {
    expect(maySetGoals('assistant-practitioner')).toBe(true);
    expect(maySetGoals('registered-therapist')).toBe(true);
    expect(maySetGoals('clinical-lead')).toBe(true);
    expect(maySetGoals('support-worker')).toBe(false);
    expect(maySetGoals('service-manager')).toBe(false);
  });
});

describe('checkGoalPlan', () => {
  it('accepts a fully described goal with a target date from today on', () => {
    expect(paths(tea)).toEqual([]);
    expect(paths({ ...tea, targetOn: today, agreedWith: null })).toEqual([]);
  });

  it('keeps the GAS rules’ messages, as field paths', () => {
    expect(checkGoalPlan({ ...tea, levels: { ...tea.levels, '+2': ' ' }, importance: 4 }, { now })).toEqual([
      { path: 'levels.+2', message: 'Describe what +2 (much more than expected) would look like' },
      { path: 'importance', message: 'Importance must be 0, 1, 2 or 3' },
    ]);
  });

  it('refuses a target date in the past or beyond 2 years, a missing one and one that is not a date', () => {
    expect(checkGoalPlan({ ...tea, targetOn: '2026-11-23' }, { now })).toEqual([{ path: 'targetOn', message: 'The target date cannot be in the past' }]);
    expect(paths({ ...tea, targetOn: '2028-11-24' })).toEqual([]);
    expect(checkGoalPlan({ ...tea, targetOn: '2028-11-25' }, { now })).toEqual([{ path: 'targetOn', message: 'The target date must be on or before 24 November 2028 (2 years from today)' }]);
    expect(paths({ ...tea, targetOn: null })).toEqual(['targetOn']);
    expect(paths({ ...tea, targetOn: '22/12/2026' })).toEqual(['targetOn']);
    expect(paths({ ...tea, targetOn: '2027-02-29' })).toEqual(['targetOn']);
  });

  it('lets a refined goal keep a target date that has since passed', () => {
    expect(paths({ ...tea, targetOn: '2026-11-20' }, '2026-11-20')).toEqual([]);
    expect(paths({ ...tea, targetOn: '2026-11-21' }, '2026-11-20')).toEqual(['targetOn']);
  });

  it('refuses overlong text', () => {
    expect(paths({ ...tea, statement: 'x'.repeat(1001), levels: { ...tea.levels, '0': 'y'.repeat(501) }, agreedWith: 'z'.repeat(201) })).toEqual(['statement', 'levels.0', 'agreedWith']);
  });
});

describe('checkGoalRating', () => {
  const o = { now, bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-09T10:00:00Z'), goalSetOn: '2026-11-10', episodeDischarged: false };
  const rating = { level: 1, timePoint: 'review', ratedOn: today, note: null };

  it('accepts a rating between the day the goal was set and today', () => {
    expect(checkGoalRating(rating, o)).toEqual([]);
    expect(checkGoalRating({ ...rating, level: -2, ratedOn: '2026-11-10' }, o)).toEqual([]);
  });

  it.each([[3], [-3], [0.5]])('refuses level %s', (level) => {
    expect(checkGoalRating({ ...rating, level }, o)).toEqual([{ path: 'level', message: 'Level attained must be -2, -1, 0, +1 or +2' }]);
  });

  it('refuses no level, an unknown time point and dates outside the goal’s life', () => {
    expect(checkGoalRating({ level: null, timePoint: 'baseline', ratedOn: null, note: null }, o).map((f) => f.path)).toEqual(['level', 'timePoint', 'ratedOn']);
    expect(checkGoalRating({ ...rating, ratedOn: '2026-11-25' }, o)).toEqual([{ path: 'ratedOn', message: 'The date of the rating cannot be in the future' }]);
    expect(checkGoalRating({ ...rating, ratedOn: '2026-11-09' }, o)).toEqual([{ path: 'ratedOn', message: 'The date of the rating must be on or after 10 November 2026 (when the goal was set)' }]);
    expect(checkGoalRating({ ...rating, ratedOn: '1900-01-01' }, o)).toEqual([{ path: 'ratedOn', message: 'The date of the rating must be on or after 10 November 2026 (when the goal was set)' }]);
  });

  it('takes only the discharge rating once the episode is discharged', () => {
    const discharged = { ...o, episodeDischarged: true };
    expect(checkGoalRating({ ...rating, timePoint: 'discharge' }, discharged)).toEqual([]);
    expect(checkGoalRating(rating, discharged)).toEqual([{ path: 'timePoint', message: 'This episode has been discharged: only the rating at discharge can be recorded now' }]);
  });
});

describe('checkGoalStatusChange', () => {
  it('needs a different status and a reason', () => {
    expect(checkGoalStatusChange({ from: 'active', to: 'achieved', reason: 'Met at review' })).toEqual([]);
    expect(checkGoalStatusChange({ from: 'achieved', to: 'active', reason: 'Marked achieved in error' })).toEqual([]);
    expect(checkGoalStatusChange({ from: 'active', to: 'discontinued', reason: ' ' })).toEqual([{ path: 'reason', message: 'Enter why the goal is being discontinued' }]);
    expect(checkGoalStatusChange({ from: 'active', to: 'achieved', reason: null })).toEqual([{ path: 'reason', message: 'Enter how the goal was achieved' }]);
    expect(checkGoalStatusChange({ from: 'achieved', to: 'achieved', reason: 'x' })).toEqual([{ path: 'status', message: 'This goal is already achieved' }]);
    expect(checkGoalStatusChange({ from: 'active', to: 'paused', reason: 'x' })).toEqual([{ path: 'status', message: 'Choose achieved, discontinued or active' }]);
  });
});

describe('gasLevelName', () => {
  it('writes the level and its label', () => {
    expect(gasLevelName(1)).toBe('+1: Somewhat more than expected');
    expect(gasLevelName(-2)).toBe('-2: Much less than expected');
  });
});

describe('the words for statuses, time points and limits', () => {
  it('names each status and each time point as the goals pages show them', () => {
    expect(goalStatuses.map((s) => goalStatusLabels[s])).toEqual(['Active', 'Achieved', 'Discontinued']);
    expect(goalTimePoints.map((t) => goalTimePointLabels[t])).toEqual(['Review', 'Discharge', 'Other']);
  });

  it('says why a rated goal’s plan cannot change', () => {
    expect(goalPlanFixedMessage).toBe('This goal has been rated, so its plan is fixed: the levels it was rated against cannot change. Record a new goal instead.');
  });
});

describe('checkGoalPlan: each message, and the limits exactly', () => {
  it('takes text at each limit and refuses one character more, saying the limit', () => {
    expect(paths({ ...tea, statement: 'x'.repeat(1000), levels: { ...tea.levels, '-2': 'y'.repeat(500) }, agreedWith: 'z'.repeat(200) })).toEqual([]);
    expect(checkGoalPlan({ ...tea, statement: 'x'.repeat(1001), levels: { ...tea.levels, '+1': 'y'.repeat(501) }, agreedWith: 'z'.repeat(201) }, { now })).toEqual([
      { path: 'statement', message: 'The goal must be 1000 characters or fewer' },
      { path: 'levels.+1', message: 'The description of +1 must be 500 characters or fewer' },
      { path: 'agreedWith', message: 'Who agreed the goal must be 200 characters or fewer' },
    ]);
  });

  it('says a target date is missing, or not a real date', () => {
    expect(checkGoalPlan({ ...tea, targetOn: '' }, { now })).toEqual([{ path: 'targetOn', message: 'Enter the target date' }]);
    expect(checkGoalPlan({ ...tea, targetOn: '2027-02-29' }, { now })).toEqual([{ path: 'targetOn', message: 'Target date must be a real date' }]);
    expect(checkGoalPlan({ ...tea, targetOn: '2026-12-22T00:00' }, { now })).toEqual([{ path: 'targetOn', message: 'Target date must be a real date' }]);
  });

  it('checks a changed target against today even when the goal had one before', () => {
    expect(checkGoalPlan({ ...tea, targetOn: '2026-11-23' }, { now, currentTargetOn: null })).toEqual([{ path: 'targetOn', message: 'The target date cannot be in the past' }]);
  });
});

describe('checkGoalRating: each message, and the note’s limit', () => {
  const o = { now, bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-09T10:00:00Z'), goalSetOn: '2026-11-10', episodeDischarged: false };
  const rating = { level: 0, timePoint: 'other', ratedOn: today, note: null };

  it('names what is missing', () => {
    expect(checkGoalRating({ level: null, timePoint: null, ratedOn: '', note: null }, o)).toEqual([
      { path: 'level', message: 'Choose the level the patient has attained' },
      { path: 'timePoint', message: 'Choose when in the episode this rating was made: review, discharge or other' },
      { path: 'ratedOn', message: 'Enter the date of the rating' },
    ]);
  });

  it('refuses a rating date that is not a real date', () => {
    expect(checkGoalRating({ ...rating, ratedOn: '2026-11-31' }, o)).toEqual([{ path: 'ratedOn', message: 'Date of the rating must be a real date' }]);
  });

  it('takes a note of 2000 characters and refuses 2001', () => {
    expect(checkGoalRating({ ...rating, note: 'n'.repeat(2000) }, o)).toEqual([]);
    expect(checkGoalRating({ ...rating, note: 'n'.repeat(2001) }, o)).toEqual([{ path: 'note', message: 'The note must be 2000 characters or fewer' }]);
  });

  it('refuses an unknown time point once discharged too, with the unknown-time-point message only', () => {
    expect(checkGoalRating({ ...rating, timePoint: 'baseline' }, { ...o, episodeDischarged: true })).toEqual([
      { path: 'timePoint', message: 'Choose when in the episode this rating was made: review, discharge or other' },
    ]);
  });
});

describe('checkGoalStatusChange: each message, and the reason’s limit', () => {
  it('asks why a goal is reopened, and names the status it already has', () => {
    expect(checkGoalStatusChange({ from: 'achieved', to: 'active', reason: null })).toEqual([{ path: 'reason', message: 'Enter why the status is changing' }]);
    expect(checkGoalStatusChange({ from: 'active', to: 'active', reason: 'x' })).toEqual([{ path: 'status', message: 'This goal is already active' }]);
    expect(checkGoalStatusChange({ from: 'discontinued', to: 'discontinued', reason: 'x' })).toEqual([{ path: 'status', message: 'This goal is already discontinued' }]);
  });

  it('asks for a reason when no status is chosen either', () => {
    expect(checkGoalStatusChange({ from: 'active', to: null, reason: '' })).toEqual([
      { path: 'status', message: 'Choose achieved, discontinued or active' },
      { path: 'reason', message: 'Enter why the status is changing' },
    ]);
  });

  it('takes a reason of 1000 characters, not counting spaces around it, and refuses 1001', () => {
    expect(checkGoalStatusChange({ from: 'active', to: 'achieved', reason: ` ${'r'.repeat(1000)} ` })).toEqual([]);
    expect(checkGoalStatusChange({ from: 'active', to: 'achieved', reason: 'r'.repeat(1001) })).toEqual([{ path: 'reason', message: 'The reason must be 1000 characters or fewer' }]);
  });
});
