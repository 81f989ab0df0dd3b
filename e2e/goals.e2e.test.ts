// Goals in a real browser, with axe on every page state: Mrs B's episode is triaged and allocated to
// her Band 4 assistant practitioner through the API; at the first visit the assistant practitioner opens
// the goals from the record, sets a goal with its five GAS levels described (after an empty submit lists
// what is missing), sees the T-score at baseline, rates the goal at review against its own level
// descriptions, sees the T-score now, and marks the goal achieved.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser } from './browser.ts';
import { clickAndWait, flash, heading, squash, submitExpectingErrors, summaryValue } from './record-pages.ts';

describe('goals rated with Goal Attainment Scaling', () => {
  const run = homewardInBrowser();
  let episodeId: string;
  let ap: Page;

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
    ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
  });

  const goalsUrl = new RegExp(`/episodes/[0-9a-f-]{36}/goals\\?done=`);

  it('the assistant practitioner opens the goals from the record and sets a goal in Mrs B’s words', async () => {
    await ap.goto(`/episodes/${episodeId}/record`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Goals', exact: true }), `**/episodes/${episodeId}/goals`);
    await expect(heading(ap)).resolves.toBe('Goals');
    await expect(ap.getByRole('region', { name: 'Patient details' }).textContent()).resolves.toContain('943 476 5919');
    await expect(ap.getByText('No goals have been set for this episode.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'goals (none yet)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Set a goal' }), `**/episodes/${episodeId}/goals/new`);
    await expect(heading(ap)).resolves.toBe('Set a goal');
    await expectNoAxeViolations(ap, 'goal form (empty)');

    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Set the goal' }))).toEqual([
      'Enter the goal in the patient’s own words',
      'Describe what +2 (much more than expected) would look like',
      'Describe what +1 (somewhat more than expected) would look like',
      'Describe what 0 (expected outcome) would look like',
      'Describe what -1 (somewhat less than expected) would look like',
      'Describe what -2 (much less than expected) would look like',
      'Choose how important the goal is to the patient',
      'Choose how difficult the goal will be to reach',
      'Enter target date',
    ]);
    await expectNoAxeViolations(ap, 'goal form (errors)');
    expect(await run.home.db.selectFrom('goals').select('id').execute()).toHaveLength(0);

    await ap.getByLabel('The goal, in the patient’s own words').fill('I want to make my own cup of tea and carry it to the lounge');
    await ap.getByLabel('Agreed with (optional)').fill('Mrs B and her daughter');
    const levels = ap.getByRole('group', { name: 'What each level would look like' });
    await levels.getByLabel('+2: Much more than expected').fill('Makes tea for a visitor too');
    await levels.getByLabel('+1: Somewhat more than expected').fill('Makes tea alone and carries it in a lidded mug');
    await levels.getByLabel('0: Expected outcome').fill('Makes tea alone and carries it using a trolley');
    await levels.getByLabel('-1: Somewhat less than expected').fill('Makes tea with help; her daughter carries it');
    await levels.getByLabel('-2: Much less than expected').fill('Cannot make a hot drink');
    await expect(ap.getByRole('group', { name: 'Baseline: where is the patient now?' }).getByLabel('-1: Somewhat less than expected').isChecked()).resolves.toBe(true);
    await ap.getByRole('group', { name: 'How important is this goal to the patient?' }).getByLabel('3: Very important').check();
    await ap.getByRole('group', { name: 'How difficult will it be to achieve?' }).getByLabel('2: Moderately difficult').check();
    const target = ap.getByRole('group', { name: 'Target date' });
    await target.getByLabel('Day').fill('22');
    await target.getByLabel('Month').fill('12');
    await target.getByLabel('Year').fill('2026');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Set the goal' }), goalsUrl);
    await expect(flash(ap)).resolves.toContain('Goal 1 set: “I want to make my own cup of tea and carry it to the lounge”. Baseline -1 (somewhat less than expected), target 22 December 2026.');
    expect(squash(await summaryValue(ap, 'At baseline').textContent())).toBe('40.00');
    expect(squash(await summaryValue(ap, 'Now \\(latest ratings\\)').textContent())).toBe('Not yet: goal 1 has not been rated');
    expect(squash(await summaryValue(ap, 'Weight').textContent())).toBe('6 (importance × difficulty)');
    await expect(ap.getByText('50 = goals met as expected').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'goals (one goal set)');
    const stored = await run.home.db.selectFrom('goals').select(['importance', 'difficulty', 'baseline_level', 'created_by']).execute();
    expect(stored).toEqual([{ importance: 3, difficulty: 2, baseline_level: -1, created_by: run.home.service.a['assistant-practitioner'].id }]);
  });

  it('she refines the wording while the goal is unrated', async () => {
    await clickAndWait(ap, ap.getByRole('link', { name: /^Change the wording or plan\s*of goal 1$/ }), /\/goals\/[0-9a-f-]{36}\/edit$/);
    await expect(heading(ap)).resolves.toBe('Change the goal');
    await expect(ap.getByRole('group', { name: 'Target date' }).getByLabel('Day').inputValue()).resolves.toBe('22');
    await expectNoAxeViolations(ap, 'goal form (refine)');
    await ap.getByLabel('The goal, in the patient’s own words').fill('I want to make my own cup of tea and carry it to the lounge myself');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the changes' }), goalsUrl);
    await expect(flash(ap)).resolves.toContain('Goal 1 changed: “I want to make my own cup of tea and carry it to the lounge myself”.');
    await expectNoAxeViolations(ap, 'goals (refined)');
  });

  it('at review she rates the goal against its own descriptions; the T-score now is shown', async () => {
    await clickAndWait(ap, ap.getByRole('link', { name: 'Rate attainment of goal 1' }), /\/goals\/[0-9a-f-]{36}\/rate$/);
    await expect(heading(ap)).resolves.toBe('Rate goal 1');
    const level = ap.getByRole('group', { name: 'Which level has the patient attained?' });
    await expect(level.getByText('Makes tea with help; her daughter carries it (baseline)').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'rate goal (empty)');

    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save the rating' }))).toEqual([
      'Choose the level the patient has attained',
      'Choose when in the episode this rating was made: review, discharge or other',
    ]);
    await expectNoAxeViolations(ap, 'rate goal (errors)');

    await level.getByLabel('+1: Somewhat more than expected').check();
    await ap.getByRole('group', { name: 'When in the episode is this rating?' }).getByLabel('Review').check();
    await ap.getByLabel('Note (optional)').fill('Carried tea to the lounge in a lidded mug');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the rating' }), goalsUrl);
    await expect(flash(ap)).resolves.toContain('Goal 1 rated +1 (somewhat more than expected) at review on 24 November 2026.');
    expect(squash(await summaryValue(ap, 'Now \\(latest ratings\\)').textContent())).toBe('60.00');
    const ratings = ap.getByRole('table', { name: 'Goal 1: ratings, most recent first' });
    expect(squash(await ratings.locator('tbody tr').first().textContent())).toContain('Carried tea to the lounge in a lidded mug');
    await expect(ap.getByRole('link', { name: /^Change the wording or plan/ }).count()).resolves.toBe(0);
    await expectNoAxeViolations(ap, 'goals (rated)');
  });

  it('she marks the goal achieved, with how', async () => {
    await clickAndWait(ap, ap.getByRole('link', { name: /^Mark as achieved or discontinued\s*\(goal 1\)$/ }), /\/goals\/[0-9a-f-]{36}\/status$/);
    await expectNoAxeViolations(ap, 'goal status (empty)');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save the status' }))).toEqual(['Choose achieved, discontinued or active', 'Enter why the status is changing']);
    await expectNoAxeViolations(ap, 'goal status (errors)');
    await ap.getByRole('group', { name: 'What is the goal’s status now?' }).getByLabel('Achieved').check();
    await ap.getByLabel('Reason').fill('Makes and carries her tea every day');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the status' }), goalsUrl);
    await expect(flash(ap)).resolves.toContain('Goal 1 marked as achieved.');
    expect(squash(await summaryValue(ap, 'Achieved').textContent())).toBe('Makes and carries her tea every day');
    await expectNoAxeViolations(ap, 'goals (achieved)');
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(run.problems()).toEqual([]);
  });
});
