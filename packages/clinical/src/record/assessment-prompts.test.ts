import { describe, expect, it } from 'vitest';
import { assessmentPromptKindLabels, assessmentPromptKinds, defaultInstrumentsFor, listAssessmentPrompts, type PromptedEpisode } from './assessment-prompts.ts';

// A D2A pathway 1 episode: first contact 1 December, 6 weeks planned (ends 12 January), half-way 22 December.
const episode = (o: Partial<PromptedEpisode> = {}): PromptedEpisode => ({
  service: 'd2a-pathway-1',
  status: 'active',
  startOn: '2026-12-01',
  plannedEndOn: '2027-01-12',
  reviewDueOn: '2026-12-22',
  dischargedOn: null,
  ...o,
});
const baselines = [
  { instrumentId: 'barthel-index', timePoint: 'baseline', on: '2026-12-01' },
  { instrumentId: 'timed-up-and-go', timePoint: 'baseline', on: '2026-12-01' },
];
const kinds = (prompts: ReturnType<typeof listAssessmentPrompts>) => prompts.map((p) => `${p.instrumentId}:${p.kind}:${p.state}`);

describe('defaultInstrumentsFor', () => {
  it('asks for the Barthel everywhere and the Timed Up and Go on D2A pathways 0 to 2', () => {
    expect(defaultInstrumentsFor('stroke-early-supported-discharge')).toEqual(['barthel-index']);
    expect(defaultInstrumentsFor('d2a-pathway-0')).toEqual(['barthel-index', 'timed-up-and-go']);
    expect(defaultInstrumentsFor('d2a-pathway-2')).toEqual(['barthel-index', 'timed-up-and-go']);
    expect(defaultInstrumentsFor('d2a-pathway-3')).toEqual(['barthel-index']);
  });
});

describe('listAssessmentPrompts', () => {
  it('asks for nothing before first contact', () => {
    expect(listAssessmentPrompts({ episode: episode({ status: 'waiting', startOn: null }), assessments: [], today: '2026-11-30' })).toEqual([]);
  });

  it('asks for a baseline of each default instrument once the episode is active, overdue after a week', () => {
    const due = listAssessmentPrompts({ episode: episode(), assessments: [], today: '2026-12-03' });
    expect(kinds(due)).toEqual(['barthel-index:baseline:due', 'timed-up-and-go:baseline:due']);
    expect(due[0]).toMatchObject({ timePoint: 'baseline', dueOn: '2026-12-01', instrumentName: 'Barthel Index', text: 'Barthel Index: baseline assessment, due 1 December 2026' });
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: [], today: '2026-12-09' }))).toEqual(['barthel-index:baseline:overdue', 'timed-up-and-go:baseline:overdue']);
  });

  it('adds instruments already used in the episode, but not unscored checklists', () => {
    const used = [...baselines, { instrumentId: 'berg-balance-scale', timePoint: 'review', on: '2026-12-05' }, { instrumentId: 'home-environment-checklist', timePoint: 'other', on: '2026-12-02' }];
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: used, today: '2026-12-06' }))).toEqual(['berg-balance-scale:baseline:due']);
  });

  it('asks for nothing while an episode is on hold', () => {
    expect(listAssessmentPrompts({ episode: episode({ status: 'on-hold' }), assessments: [], today: '2026-12-23' })).toEqual([]);
  });

  it('asks for a reassessment from the half-way date until a review score is recorded', () => {
    expect(listAssessmentPrompts({ episode: episode(), assessments: baselines, today: '2026-12-21' })).toEqual([]);
    const due = listAssessmentPrompts({ episode: episode(), assessments: baselines, today: '2026-12-22' });
    expect(kinds(due)).toEqual(['barthel-index:review:due', 'timed-up-and-go:review:due']);
    expect(due[0]).toMatchObject({ timePoint: 'review', dueOn: '2026-12-22' });
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: baselines, today: '2026-12-24' }))).toEqual(['barthel-index:review:overdue', 'timed-up-and-go:review:overdue']);
    const reviewed = [...baselines, { instrumentId: 'barthel-index', timePoint: 'review', on: '2026-12-24' }];
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: reviewed, today: '2026-12-24' }))).toEqual(['timed-up-and-go:review:overdue']);
  });

  it('counts a reassessment done up to a week before the review date, but not earlier', () => {
    const early = [...baselines, { instrumentId: 'barthel-index', timePoint: 'review', on: '2026-12-15' }, { instrumentId: 'timed-up-and-go', timePoint: 'review', on: '2026-12-14' }];
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: early, today: '2026-12-22' }))).toEqual(['timed-up-and-go:review:due']);
  });

  it('uses a later review date the team has set, as well as the half-way point', () => {
    const reviewed = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'review', on: '2026-12-22' }))];
    expect(listAssessmentPrompts({ episode: episode({ reviewDueOn: '2027-01-05' }), assessments: reviewed, today: '2027-01-04' })).toEqual([]);
    expect(kinds(listAssessmentPrompts({ episode: episode({ reviewDueOn: '2027-01-05' }), assessments: reviewed, today: '2027-01-05' }))).toEqual(['barthel-index:review:due', 'timed-up-and-go:review:due']);
  });

  it('counts a review held as a reassessment point, so extending the episode does not lose the prompt', () => {
    // Extended at the half-way review on 22 December to 9 February: half-way is now 5 January.
    const extended = episode({ plannedEndOn: '2027-02-09', reviewDueOn: '2027-01-12', lastReviewOn: '2026-12-22' });
    const oneReviewed = [...baselines, { instrumentId: 'barthel-index', timePoint: 'review', on: '2026-12-22' }];
    expect(kinds(listAssessmentPrompts({ episode: extended, assessments: oneReviewed, today: '2026-12-23' }))).toEqual(['timed-up-and-go:review:overdue']);
    expect(listAssessmentPrompts({ episode: extended, assessments: oneReviewed, today: '2026-12-23' })[0]!.dueOn).toBe('2026-12-22');
  });

  it('asks for the end-of-episode reassessment at the planned end, recorded as the final score', () => {
    const reviewed = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'review', on: '2026-12-22' }))];
    const end = listAssessmentPrompts({ episode: episode(), assessments: reviewed, today: '2027-01-12' });
    expect(kinds(end)).toEqual(['barthel-index:end:due', 'timed-up-and-go:end:due']);
    expect(end[0]).toMatchObject({ timePoint: 'discharge', dueOn: '2027-01-12', text: 'Barthel Index: reassessment at the end of the planned episode, due 12 January 2027' });
    const final = [...reviewed, { instrumentId: 'barthel-index', timePoint: 'discharge', on: '2027-01-08' }];
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: final, today: '2027-01-13' }))).toEqual(['timed-up-and-go:end:overdue']);
  });

  it('uses the review date alone for a service with no planned end', () => {
    const stroke = episode({ service: 'community-stroke-rehabilitation', plannedEndOn: null, reviewDueOn: '2027-01-12' });
    const barthel = [baselines[0]!];
    expect(listAssessmentPrompts({ episode: stroke, assessments: barthel, today: '2027-01-11' })).toEqual([]);
    expect(kinds(listAssessmentPrompts({ episode: stroke, assessments: barthel, today: '2027-01-12' }))).toEqual(['barthel-index:review:due']);
  });

  it('asks for every final score when discharge is planned, and after discharge for any still missing', () => {
    const withOneFinal = [...baselines, { instrumentId: 'barthel-index', timePoint: 'discharge', on: '2026-12-20' }];
    const planned = listAssessmentPrompts({ episode: episode(), assessments: withOneFinal, today: '2026-12-20', dischargePlanned: true });
    expect(kinds(planned)).toEqual(['timed-up-and-go:discharge:due']);
    expect(planned[0]).toMatchObject({ timePoint: 'discharge', text: 'Timed Up and Go: final score needed before discharge, due 20 December 2026' });
    const after = listAssessmentPrompts({ episode: episode({ status: 'discharged', dischargedOn: '2026-12-21' }), assessments: withOneFinal, today: '2026-12-28' });
    expect(kinds(after)).toEqual(['timed-up-and-go:discharge:overdue']);
    expect(after[0]!.dueOn).toBe('2026-12-21');
    // A baseline that was never done cannot be prompted for after discharge.
    expect(listAssessmentPrompts({ episode: episode({ status: 'discharged', dischargedOn: '2026-12-21' }), assessments: [], today: '2026-12-28' })).toEqual([]);
  });
});

describe('listAssessmentPrompts: edges and words', () => {
  it('names each kind of prompt', () => {
    expect(assessmentPromptKinds.map((k) => assessmentPromptKindLabels[k])).toEqual(['Baseline', 'Half-way or review reassessment', 'End of the planned episode', 'Final score at discharge']);
  });

  it('keeps a baseline due for a week after first contact, then says since when it is overdue', () => {
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: [], today: '2026-12-08' }))).toEqual(['barthel-index:baseline:due', 'timed-up-and-go:baseline:due']);
    expect(listAssessmentPrompts({ episode: episode(), assessments: [], today: '2026-12-09' })[1]).toEqual({
      kind: 'baseline',
      instrumentId: 'timed-up-and-go',
      instrumentName: 'Timed Up and Go',
      timePoint: 'baseline',
      dueOn: '2026-12-01',
      state: 'overdue',
      text: 'Timed Up and Go: baseline assessment, overdue since 1 December 2026',
    });
  });

  it('takes another window when asked', () => {
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: [], today: '2026-12-04', dueWindowDays: 2 }))).toEqual(['barthel-index:baseline:overdue', 'timed-up-and-go:baseline:overdue']);
    const early = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'review', on: '2026-12-19' }))];
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: early, today: '2026-12-22', dueWindowDays: 2 }))).toEqual(['barthel-index:review:due', 'timed-up-and-go:review:due']);
  });

  it('leaves out instruments it does not know', () => {
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: [{ instrumentId: 'made-up', timePoint: 'baseline', on: '2026-12-01' }], today: '2026-12-02' }))).toEqual([
      'barthel-index:baseline:due',
      'timed-up-and-go:baseline:due',
    ]);
  });

  it('counts the latest reassessment, review or final, and not one at another time point', () => {
    const outOfOrder = [...baselines, { instrumentId: 'barthel-index', timePoint: 'review', on: '2026-12-22' }, { instrumentId: 'barthel-index', timePoint: 'review', on: '2026-12-02' }];
    const other = [...baselines, { instrumentId: 'timed-up-and-go', timePoint: 'other', on: '2026-12-22' }];
    expect(kinds(listAssessmentPrompts({ episode: episode(), assessments: [...outOfOrder, ...other.slice(2)], today: '2026-12-23' }))).toEqual(['timed-up-and-go:review:overdue']);
    const final = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'discharge', on: '2026-12-21' }))];
    expect(listAssessmentPrompts({ episode: episode(), assessments: final, today: '2026-12-23' })).toEqual([]);
  });

  it('prompts on the day of a review date the team set, naming it', () => {
    const reviewed = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'review', on: '2026-12-22' }))];
    expect(listAssessmentPrompts({ episode: episode({ reviewDueOn: '2027-01-12' }), assessments: reviewed, today: '2027-01-11' })).toEqual([]);
    expect(listAssessmentPrompts({ episode: episode({ reviewDueOn: '2027-01-11', lastReviewOn: null }), assessments: reviewed, today: '2027-01-11' })[0]).toMatchObject({
      kind: 'review',
      dueOn: '2027-01-11',
      text: 'Barthel Index: reassessment for the review, due 11 January 2027',
    });
  });

  it('after discharge, asks for a missing final score at the discharge date, or today when none is recorded, and nothing when it is there', () => {
    const after = listAssessmentPrompts({ episode: episode({ status: 'discharged', dischargedOn: null }), assessments: [baselines[0]!], today: '2026-12-28' });
    expect(after).toEqual([
      {
        kind: 'discharge',
        instrumentId: 'barthel-index',
        instrumentName: 'Barthel Index',
        timePoint: 'discharge',
        dueOn: '2026-12-28',
        state: 'overdue',
        text: 'Barthel Index: final score at discharge not recorded, overdue since 28 December 2026',
      },
    ]);
    const done = [baselines[0]!, { instrumentId: 'barthel-index', timePoint: 'discharge', on: '2026-12-20' }];
    expect(listAssessmentPrompts({ episode: episode({ status: 'discharged', dischargedOn: '2026-12-21' }), assessments: done, today: '2026-12-28' })).toEqual([]);
  });

  it('asks for nothing more when discharge is planned and every final score is in', () => {
    const final = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'discharge', on: '2027-01-13' }))];
    expect(listAssessmentPrompts({ episode: episode(), assessments: final, today: '2027-01-13', dischargePlanned: true })).toEqual([]);
    expect(listAssessmentPrompts({ episode: episode(), assessments: final, today: '2027-01-14' })).toEqual([]);
  });

  it('asks for nothing before first contact even when the episode is active, or when the status is unknown', () => {
    expect(listAssessmentPrompts({ episode: episode({ startOn: null }), assessments: [], today: '2026-12-03' })).toEqual([]);
    expect(listAssessmentPrompts({ episode: episode({ status: 'waiting' }), assessments: [], today: '2026-12-03' })).toEqual([]);
  });

  it('asks for the Timed Up and Go on pathway 1 but not for other services or an unknown one', () => {
    expect(defaultInstrumentsFor('d2a-pathway-1')).toEqual(['barthel-index', 'timed-up-and-go']);
    expect(defaultInstrumentsFor('community-stroke-rehabilitation')).toEqual(['barthel-index']);
    expect(defaultInstrumentsFor('physio')).toEqual(['barthel-index']);
  });
});

describe('listAssessmentPrompts: which review date counts', () => {
  it('prompts at the half-way date of the planned length when no review date is set', () => {
    expect(listAssessmentPrompts({ episode: episode({ reviewDueOn: null }), assessments: baselines, today: '2026-12-21' })).toEqual([]);
    expect(kinds(listAssessmentPrompts({ episode: episode({ reviewDueOn: null }), assessments: baselines, today: '2026-12-22' }))).toEqual(['barthel-index:review:due', 'timed-up-and-go:review:due']);
  });

  it('acts on the latest review date passed, whichever way the dates were recorded', () => {
    // Reviewed on 22 December (half-way), which set the next review for 5 January: on 6 January a
    // reassessment from 22 December no longer counts.
    const reviewed = [...baselines, ...baselines.map((b) => ({ ...b, timePoint: 'review', on: '2026-12-22' }))];
    const prompts = listAssessmentPrompts({ episode: episode({ reviewDueOn: '2027-01-05', lastReviewOn: '2026-12-22' }), assessments: reviewed, today: '2027-01-06' });
    expect(prompts.map((p) => [p.kind, p.dueOn, p.state])).toEqual([
      ['review', '2027-01-05', 'overdue'],
      ['review', '2027-01-05', 'overdue'],
    ]);
  });
});
