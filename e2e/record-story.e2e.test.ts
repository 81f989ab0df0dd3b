// Issue 4's whole story in a real browser, with axe on every page visited: Mrs B (large print, GP at
// Burslem) is referred to stroke early supported discharge, triaged and allocated to her Band 4
// assistant practitioner through the API. Everything after that goes through the pages: the registered
// therapist records the support worker's kitchen-practice competence; at the first home visit, on a
// tablet, the assistant practitioner records first contact and Mrs B's consent, scores a Barthel Index
// and a Timed Up and Go, writes the contact note with SSNAP minutes, agrees three goals rated with Goal
// Attainment Scaling and sets a programme of care (kitchen practice with the support worker twice a
// week, sit-to-stand with her daughter daily). The support worker logs her visit and writes a note; the
// assistant practitioner reviews it from the queue. Three weeks on the Barthel has risen by 4 points,
// which Homeward says passes the minimal clinically important difference, and she records the half-way
// review. At discharge she rates the goals, discharges Mrs B, lets Homeward draft the discharge summary,
// edits and finalises it, and produces the large-print letter and the GP copy, whose stored PDFs say
// what was finalised. The timeline shows the story.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfBodyFontSize, pdfText } from '../packages/server/test/pdf-text.ts';
import { episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, laterAs, sidewaysOverflow } from './browser.ts';
import { clickAndWait, fillDate, flash, heading, squash, summaryValue } from './record-pages.ts';

// Barthel items as the form shows them: 12 points at the first visit, 16 at the review.
const barthelAt12: Array<[string, string]> = [
  ['Bowels', 'Continent'],
  ['Bladder', 'Continent'],
  ['Grooming', 'Independent with face, hair, teeth, shaving'],
  ['Toilet use', 'Needs some help but can do something alone'],
  ['Feeding', 'Independent'],
  ['Transfer (bed to chair and back)', 'Minor help (verbal or physical)'],
  ['Mobility (on level surfaces)', 'Wheelchair independent, including corners'],
  ['Dressing', 'Needs help, does about half'],
  ['Stairs', 'Unable'],
  ['Bathing', 'Dependent'],
];
const barthelAt16: Array<[string, string]> = barthelAt12.map(([item, answer]) => {
  const better: Record<string, string> = {
    'Toilet use': 'Independent',
    'Transfer (bed to chair and back)': 'Independent',
    'Mobility (on level surfaces)': 'Walks with help of one person',
    Stairs: 'Needs help (verbal, physical, carrying aid)',
  };
  return [item, better[item] ?? answer];
});

const goals = [
  {
    statement: 'I want to make my own cup of tea and carry it to the lounge',
    levels: ['Cannot make a hot drink', 'Makes tea with help; her daughter carries it', 'Makes tea alone and carries it using a trolley', 'Makes tea alone and carries it in a lidded mug', 'Makes tea for a visitor too'],
    importance: '3: Very important',
    difficulty: '2: Moderately difficult',
  },
  {
    statement: 'I want to get up from my armchair without calling Sarah',
    levels: ['Needs Sarah to pull her up', 'Stands with Sarah steadying her', 'Stands alone using the chair arms', 'Stands alone from the armchair at the first try', 'Stands alone from a dining chair without arms'],
    importance: '3: Very important',
    difficulty: '1: A little difficult',
  },
  {
    statement: 'I want to walk to the corner shop for my paper',
    levels: ['Does not leave the house', 'Walks to the front gate with Sarah', 'Walks to the shop with Sarah', 'Walks to the shop with Sarah waiting at the gate', 'Walks to the shop alone'],
    importance: '2: Moderately important',
    difficulty: '3: Very difficult',
  },
];

describe('issue 4: Mrs B’s clinical record from the first home visit to the discharge letter', () => {
  const run = homewardInBrowser();
  const { pageFor } = run;
  let episodeId: string;
  let ap: Page;
  let patientLetterHref: string;
  let gpLetterHref: string;

  const staff = () => run.home.service.a;

  beforeAll(async () => {
    // Outside the story: Mrs B registered (large print, address, GP practice), referred to stroke early
    // supported discharge, triaged non-complex so a Band 4 may hold her, and allocated to the AP.
    ({ episodeId } = await episodeAllocatedTo(run.home, staff()['assistant-practitioner'], { referral: { service: 'stroke-early-supported-discharge' } }));
  });

  /** On the tablet nothing should need scrolling sideways: the page is no wider than the screen. */
  const fitsTheTablet = async (page: Page) => expect(await sidewaysOverflow(page)).toBe(0);
  const toRecord = async (page: Page) => {
    await page.goto(`/episodes/${episodeId}/record`);
    await expect(heading(page)).resolves.toBe('Clinical record');
  };

  it('the registered therapist records the support worker’s kitchen-practice competence', async () => {
    const rt = await pageFor(staff()['registered-therapist']);
    await rt.goto('/staff/competences');
    await expect(heading(rt)).resolves.toBe('Staff competences');
    await expectNoAxeViolations(rt, 'competences (none)');
    await rt.getByLabel('Who was assessed?').selectOption({ label: 'Alex support worker (support worker)' });
    await rt.getByLabel('Competence', { exact: true }).selectOption({ label: 'Kitchen practice (meal and hot drink preparation)' });
    await fillDate(rt.getByRole('group', { name: 'Date they were assessed as competent' }), '20', '11', '2026');
    await clickAndWait(rt, rt.getByRole('button', { name: 'Record the competence' }), /\/staff\/competences\?done=recorded/);
    await expect(flash(rt)).resolves.toContain('Competence recorded');
    const table = rt.getByRole('table', { name: 'Competences recorded for Alex support worker' });
    expect(squash(await table.locator('tbody tr').first().textContent())).toContain('Kitchen practice (meal and hot drink preparation)');
    await expectNoAxeViolations(rt, 'competences (kitchen practice recorded)');
  });

  it('at the first home visit, on a tablet, the assistant practitioner records first contact and Mrs B’s consent', async () => {
    ap = await pageFor(staff()['assistant-practitioner']);
    await ap.setViewportSize({ width: 820, height: 1180 });
    await laterAs(run.home, ap, '2026-11-25T11:30:00Z', staff()['assistant-practitioner']);
    await ap.goto('/caseload');
    await expect(heading(ap)).resolves.toBe('My caseload');
    await expectNoAxeViolations(ap, 'caseload (tablet)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'BLOOR, Betty' }), `**/episodes/${episodeId}`);
    await expectNoAxeViolations(ap, 'episode (allocated)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Record first contact' }), `**/episodes/${episodeId}/first-contact`);
    await expectNoAxeViolations(ap, 'first contact');
    await ap.getByLabel('Time of first contact').fill('10:00');
    await ap.getByLabel('The first assessment was done at this contact').check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record first contact' }), `**/episodes/${episodeId}?done=first-contact`);
    await expect(flash(ap)).resolves.toContain('First contact recorded');
    expect(squash(await summaryValue(ap, 'Status').textContent())).toBe('Active');
    await expectNoAxeViolations(ap, 'episode (active)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Record consent' }), `**/episodes/${episodeId}/consent/new`);
    await expect(heading(ap)).resolves.toBe('Record consent');
    await expectNoAxeViolations(ap, 'consent form');
    await ap.getByLabel('What was agreed').fill('Assessment and treatment at home, including kitchen practice and exercises with her daughter');
    await ap.getByRole('group', { name: 'How was consent given?' }).getByLabel('Verbal').check();
    await ap.getByRole('group', { name: 'Who gave consent?' }).getByLabel('The patient', { exact: true }).check();
    await ap.getByLabel('Communication support used (optional)').fill('Large print information leaflet');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record consent' }), `**/episodes/${episodeId}/record?done=consent`);
    await expect(flash(ap)).resolves.toContain('Consent recorded');
    const consent = squash(await ap.getByRole('table', { name: 'Consent and withdrawals, oldest first' }).locator('tbody tr').first().textContent());
    expect(consent).toContain('Verbal, given by the patient. Capacity presumed.');
    await expectNoAxeViolations(ap, 'record (consent recorded)');
  });

  it('she scores a Barthel Index and a Timed Up and Go as the baseline', async () => {
    await clickAndWait(ap, ap.getByRole('link', { name: 'Record an assessment' }), `**/episodes/${episodeId}/assessments/new`);
    await expect(heading(ap)).resolves.toBe('Record an assessment');
    await expectNoAxeViolations(ap, 'choose an assessment');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Barthel Index' }), /\/assessments\/new\?instrument=barthel-index$/);
    await expect(heading(ap)).resolves.toBe('Record a Barthel Index');
    await expect(ap.getByRole('group', { name: 'When in the episode was this done?' }).getByLabel('Baseline (start of the episode)').isChecked()).resolves.toBe(true);
    await fitsTheTablet(ap);
    await expectNoAxeViolations(ap, 'Barthel form (baseline)');
    await ap.getByRole('group', { name: 'How was it done?' }).getByLabel('Observed by the clinician').check();
    await ap.getByLabel('Time of the assessment').fill('10:15');
    for (const [item, answer] of barthelAt12) await ap.getByRole('group', { name: item, exact: true }).getByLabel(answer, { exact: true }).check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the Barthel' }), /\/assessments\?done=/);
    await expect(flash(ap)).resolves.toContain('Barthel Index recorded: total 12 points');
    await expectNoAxeViolations(ap, 'assessments (Barthel baseline)');

    await ap.goto(`/episodes/${episodeId}/assessments/new`);
    await expectNoAxeViolations(ap, 'choose an assessment (again)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Timed Up and Go' }), /\/assessments\/new\?instrument=timed-up-and-go$/);
    await fitsTheTablet(ap);
    await expectNoAxeViolations(ap, 'TUG form (baseline)');
    await ap.getByLabel('Time of the assessment').fill('10:30');
    await ap.getByLabel('Time (seconds)').fill('18.6');
    await ap.getByRole('group', { name: 'Walking aid used' }).getByLabel('Walking frame').check();
    await ap.getByRole('group', { name: 'Assistance' }).getByLabel('Supervision or verbal prompting').check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the TUG' }), /\/assessments\?done=/);
    await expect(flash(ap)).resolves.toContain('Timed Up and Go recorded: total 18.6 seconds');
    await expectNoAxeViolations(ap, 'assessments (TUG baseline)');
  });

  it('she writes the contact note with the minutes of therapy and finalises it', async () => {
    await toRecord(ap);
    await expectNoAxeViolations(ap, 'record (assessments scored)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Write a contact note' }), `**/episodes/${episodeId}/contact-notes/new`);
    await expect(ap.getByRole('group', { name: 'Therapy minutes by SSNAP therapy type' }).isVisible()).resolves.toBe(true);
    await fitsTheTablet(ap);
    await expectNoAxeViolations(ap, 'note form (first visit)');
    await ap.getByRole('group', { name: 'Kind of contact' }).getByLabel('Assessment', { exact: true }).check();
    await ap.getByLabel('Time of the contact').fill('10:00');
    await ap.getByLabel('Duration in minutes').fill('75');
    await ap.getByLabel('Place (optional)').fill('Patient’s home');
    await ap.getByLabel('Note', { exact: true }).fill('First home visit. Consent given verbally. Barthel 12, TUG 18.6 s with a frame and supervision. Three goals agreed with Mrs B and Sarah. Programme: kitchen practice with the support worker twice a week; sit-to-stand with Sarah daily.');
    const minutes = ap.getByRole('group', { name: 'Therapy minutes by SSNAP therapy type' });
    await minutes.getByLabel('Occupational therapy').fill('40');
    await minutes.getByLabel('Physiotherapy').fill('20');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save and finalise' }), /\/contact-notes\/[0-9a-f-]{36}\?done=final$/);
    await expect(flash(ap)).resolves.toContain('Note finalised');
    await expect(heading(ap)).resolves.toBe('Assessment note');
    expect(squash(await summaryValue(ap, 'Therapy minutes \\(SSNAP\\)').textContent())).toBe('Physiotherapy: 20 min; Occupational therapy: 40 min');
    await expectNoAxeViolations(ap, 'note (first visit, final)');
  });

  it('she agrees three goals with Mrs B, each with its five GAS levels described', async () => {
    await toRecord(ap);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Goals', exact: true }), `**/episodes/${episodeId}/goals`);
    await expect(ap.getByText('No goals have been set for this episode.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'goals (none yet)');
    for (const [index, goal] of goals.entries()) {
      await clickAndWait(ap, ap.getByRole('link', { name: 'Set a goal' }), `**/episodes/${episodeId}/goals/new`);
      if (index === 0) await fitsTheTablet(ap);
      await expectNoAxeViolations(ap, `goal form (goal ${index + 1})`);
      await ap.getByLabel('The goal, in the patient’s own words').fill(goal.statement);
      await ap.getByLabel('Agreed with (optional)').fill('Mrs B and her daughter Sarah');
      const levels = ap.getByRole('group', { name: 'What each level would look like' });
      const labels = ['-2: Much less than expected', '-1: Somewhat less than expected', '0: Expected outcome', '+1: Somewhat more than expected', '+2: Much more than expected'];
      for (const [i, label] of labels.entries()) await levels.getByLabel(label).fill(goal.levels[i]!);
      await ap.getByRole('group', { name: 'How important is this goal to the patient?' }).getByLabel(goal.importance).check();
      await ap.getByRole('group', { name: 'How difficult will it be to achieve?' }).getByLabel(goal.difficulty).check();
      await fillDate(ap.getByRole('group', { name: 'Target date' }), '6', '1', '2027');
      await clickAndWait(ap, ap.getByRole('button', { name: 'Set the goal' }), /\/goals\?done=/);
      await expect(flash(ap)).resolves.toContain(`Goal ${index + 1} set: “${goal.statement}”. Baseline -1 (somewhat less than expected), target 6 January 2027.`);
      await expectNoAxeViolations(ap, `goals (${index + 1} set)`);
    }
    // Every goal starts at -1, so the T-score at baseline is below 50.
    expect(squash(await summaryValue(ap, 'At baseline').textContent())).toMatch(/^\d\d\.\d\d$/);
    expect(squash(await summaryValue(ap, 'Now \\(latest ratings\\)').textContent())).toMatch(/^Not yet/);
  });

  it('she sets the programme: kitchen practice with the support worker twice a week, sit-to-stand with her daughter daily', async () => {
    await toRecord(ap);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Programme of care' }), `**/episodes/${episodeId}/programme`);
    await expect(ap.getByText('No current activities.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'programme (empty)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Set an activity' }).first(), `**/episodes/${episodeId}/programme/new`);
    await expectNoAxeViolations(ap, 'activity form (kitchen practice)');
    await ap.getByRole('group', { name: 'Kind of activity' }).getByLabel('Functional practice').check();
    await ap.getByLabel('Name of the activity').fill('Kitchen practice');
    await ap.getByLabel('What to do').fill('Make a hot drink and a simple lunch, carrying them to the table on the trolley.');
    await ap.getByLabel('Goal it works towards (optional)').selectOption({ label: goals[0]!.statement });
    await ap.getByLabel('Number of times').fill('2');
    await ap.getByRole('group', { name: 'Each', exact: true }).getByLabel('a week').check();
    await ap.getByRole('group', { name: 'Who does it or helps with it?' }).getByLabel('A member of the therapy team').check();
    await ap.getByLabel('Member of staff (if the therapy team delivers it)').selectOption({ label: 'Alex support worker (Therapy support worker)' });
    await ap.getByLabel('Competence it needs (if delegated to a support worker)').selectOption({ label: 'Kitchen practice (meal and hot drink preparation)' });
    await clickAndWait(ap, ap.getByRole('button', { name: 'Set the activity' }), /\/programme\?done=set/);
    await expect(flash(ap)).resolves.toContain('Kitchen practice added to the programme: twice a week, delivered by Alex support worker (Therapy support worker)');
    await expectNoAxeViolations(ap, 'programme (kitchen practice)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Set an activity' }).first(), `**/episodes/${episodeId}/programme/new`);
    await expectNoAxeViolations(ap, 'activity form (sit-to-stand)');
    await ap.getByRole('group', { name: 'Kind of activity' }).getByLabel('Exercise').check();
    await ap.getByLabel('Name of the activity').fill('Sit-to-stand practice');
    await ap.getByLabel('What to do').fill('Stand up from the armchair and sit down slowly, 10 times, with Sarah beside you.');
    await ap.getByLabel('Goal it works towards (optional)').selectOption({ label: goals[1]!.statement });
    await ap.getByLabel('Number of times').fill('1');
    await ap.getByRole('group', { name: 'Each', exact: true }).getByLabel('a day').check();
    await ap.getByRole('group', { name: 'Who does it or helps with it?' }).getByLabel('A family member or unpaid carer').check();
    await ap.getByLabel('Name of the carer or care agency (if they help)').fill('Sarah (daughter)');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Set the activity' }), /\/programme\?done=set/);
    await expect(flash(ap)).resolves.toContain('Sit-to-stand practice added to the programme: every day, delivered by Sarah (daughter), carer');
    const current = ap.getByRole('table', { name: 'Current activities, with the last 7 days against what is expected' });
    await expect(current.locator('tbody tr').count()).resolves.toBe(2);
    await expectNoAxeViolations(ap, 'programme (two activities)');
  });

  it('the next day the support worker logs her kitchen-practice visit and writes her note', async () => {
    const sw = await pageFor(staff()['support-worker']);
    await laterAs(run.home, sw, '2026-11-26T14:00:00Z', staff()['support-worker']);
    await sw.goto(`/episodes/${episodeId}/programme`);
    await expect(sw.getByRole('link', { name: 'Set an activity' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(sw, 'programme (support worker)');
    await clickAndWait(sw, sw.getByRole('link', { name: 'Log a completion of Kitchen practice' }), /\/programme-activities\/[0-9a-f-]{36}\/log$/);
    await expect(heading(sw)).resolves.toBe('Log Kitchen practice');
    await expectNoAxeViolations(sw, 'log form');
    await sw.getByRole('group', { name: 'Was it done?' }).getByLabel('Done', { exact: true }).check();
    await expect(sw.getByRole('group', { name: 'Who says so?' }).getByLabel('I did it with the patient (staff visit)').isChecked()).resolves.toBe(true);
    await sw.getByLabel('Note (needed if it was not done)').fill('Made tea and beans on toast; carried them to the table on the trolley');
    await clickAndWait(sw, sw.getByRole('button', { name: 'Log it' }), /\/programme\?done=logged/);
    await expect(flash(sw)).resolves.toContain('Logged: Kitchen practice, done on 26 November 2026');
    await expectNoAxeViolations(sw, 'programme (logged)');

    await toRecord(sw);
    await expectNoAxeViolations(sw, 'record (support worker)');
    await clickAndWait(sw, sw.getByRole('link', { name: 'Write a contact note' }), `**/episodes/${episodeId}/contact-notes/new`);
    await expectNoAxeViolations(sw, 'note form (support worker)');
    await sw.getByRole('group', { name: 'Kind of contact' }).getByLabel('Treatment', { exact: true }).check();
    await sw.getByLabel('Time of the contact').fill('13:00');
    await sw.getByLabel('Duration in minutes').fill('45');
    await sw.getByLabel('Note', { exact: true }).fill('Kitchen practice: made tea and beans on toast with prompting; used the trolley safely.');
    await sw.getByRole('group', { name: 'Therapy minutes by SSNAP therapy type' }).getByLabel('Occupational therapy').fill('40');
    await clickAndWait(sw, sw.getByRole('button', { name: 'Save and finalise' }), /\/contact-notes\/[0-9a-f-]{36}\?done=final$/);
    await expect(flash(sw)).resolves.toContain('Note finalised');
    expect(squash(await summaryValue(sw, 'Supervisor review').textContent())).toMatch(/^Awaiting review/);
    await expectNoAxeViolations(sw, 'note (support worker, awaiting review)');
  });

  it('the assistant practitioner reviews the support worker’s note from the queue and sees the visit logged', async () => {
    await laterAs(run.home, ap, '2026-11-26T16:30:00Z', staff()['assistant-practitioner']);
    await ap.goto('/');
    await expectNoAxeViolations(ap, 'home (assistant practitioner)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Notes to review' }), '**/record/review-queue');
    await expect(heading(ap)).resolves.toBe('Notes to review');
    const queue = ap.getByRole('table', { name: 'Notes awaiting review' });
    await expect(queue.locator('tbody tr').count()).resolves.toBe(1);
    const row = queue.locator('tbody tr').first();
    expect(squash(await row.innerText())).toMatch(/^BLOOR, Betty NHS number 943 476 5919 Treatment, 26 Nov 2026, 13:00 Alex support worker Therapy support worker The note$/);
    await expectNoAxeViolations(ap, 'review queue (one note)');
    await clickAndWait(ap, row.getByRole('link', { name: /^Treatment,/ }), /\/contact-notes\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(ap, 'note (to review)');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Mark as reviewed' }), /\/contact-notes\/[0-9a-f-]{36}\?done=reviewed$/);
    await expect(flash(ap)).resolves.toContain('Note marked as reviewed');
    expect(squash(await summaryValue(ap, 'Supervisor review').textContent())).toMatch(/^Reviewed .* by Alex assistant practitioner$/);
    await expectNoAxeViolations(ap, 'note (reviewed)');
    await ap.goto('/record/review-queue');
    await expect(ap.getByText('There are no notes waiting for review.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'review queue (empty)');

    await ap.goto(`/episodes/${episodeId}/programme`);
    const logs = ap.getByRole('table', { name: 'Completion logs for Kitchen practice, most recent first' });
    expect(squash(await logs.locator('tbody tr').first().textContent())).toContain('Made tea and beans on toast');
    await expectNoAxeViolations(ap, 'programme (reviewing the log)');
  });

  it('three weeks on, the review Barthel is 4 points higher and Homeward says it passes the MCID', async () => {
    await laterAs(run.home, ap, '2026-12-16T11:00:00Z', staff()['assistant-practitioner']);
    await toRecord(ap);
    await expectNoAxeViolations(ap, 'record (at review)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Record an assessment' }), `**/episodes/${episodeId}/assessments/new`);
    await expectNoAxeViolations(ap, 'choose an assessment (review)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Barthel Index' }), /\/assessments\/new\?instrument=barthel-index$/);
    await expectNoAxeViolations(ap, 'Barthel form (review)');
    await ap.getByRole('group', { name: 'When in the episode was this done?' }).getByLabel('Review', { exact: true }).check();
    await ap.getByRole('group', { name: 'How was it done?' }).getByLabel('Observed by the clinician').check();
    await ap.getByLabel('Time of the assessment').fill('10:00');
    for (const [item, answer] of barthelAt16) await ap.getByRole('group', { name: item, exact: true }).getByLabel(answer, { exact: true }).check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the Barthel' }), /\/assessments\?done=/);
    const said = await flash(ap);
    expect(said).toContain('Barthel Index recorded: total 16 points');
    expect(said).toContain('Up 4 points (improved): passes the minimal clinically important difference of 1.85 points');
    await expect(ap.getByRole('img', { name: /^Barthel Index rose from 12 to 16 points .*passes the minimal clinically important difference/ }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'assessments (review Barthel)');
  });

  it('she rates the three goals at review and records the half-way review', async () => {
    await toRecord(ap);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Goals', exact: true }), `**/episodes/${episodeId}/goals`);
    await expectNoAxeViolations(ap, 'goals (at review)');
    for (const [n, level] of [[1, '0: Expected outcome'], [2, '0: Expected outcome'], [3, '-1: Somewhat less than expected']] as const) {
      await clickAndWait(ap, ap.getByRole('link', { name: `Rate attainment of goal ${n}` }), /\/goals\/[0-9a-f-]{36}\/rate$/);
      await expectNoAxeViolations(ap, `rate goal ${n} (review)`);
      await ap.getByRole('group', { name: 'Which level has the patient attained?' }).getByLabel(level).check();
      await ap.getByRole('group', { name: 'When in the episode is this rating?' }).getByLabel('Review').check();
      await clickAndWait(ap, ap.getByRole('button', { name: 'Save the rating' }), /\/goals\?done=/);
      await expect(flash(ap)).resolves.toContain(`Goal ${n} rated ${level.split(':')[0]}`);
      await expectNoAxeViolations(ap, `goals (goal ${n} rated at review)`);
    }
    expect(squash(await summaryValue(ap, 'Now \\(latest ratings\\)').textContent())).toMatch(/^\d\d\.\d\d$/);

    await toRecord(ap);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Reviews', exact: true }), `**/episodes/${episodeId}/reviews`);
    await expect(heading(ap)).resolves.toBe('Reviews');
    await expectNoAxeViolations(ap, 'reviews (none held)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Record a review' }), `**/episodes/${episodeId}/reviews/new`);
    await expectNoAxeViolations(ap, 'review form');
    await ap.getByRole('group', { name: 'Which review was this?' }).getByLabel('Half-way review').check();
    await ap.getByLabel('Summary of the review').fill('Reviewed with Mrs B and Sarah. Barthel 12 to 16, passing the MCID. Making tea and standing from the armchair as expected; the walk to the shop still needs Sarah. Continue as planned.');
    await ap.getByRole('group', { name: 'Decision' }).getByLabel('Continue as planned').check();
    await fillDate(ap.getByRole('group', { name: 'Date of the next review' }), '6', '1', '2027');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the review' }), /\/reviews\?done=/);
    await expect(flash(ap)).resolves.toContain('Half-way review recorded: continue as planned. Next review 6 January 2027.');
    const held = squash(await ap.getByRole('table', { name: 'Reviews held, most recent first' }).locator('tbody tr').first().textContent());
    expect(held).toContain('Half-way review: continue as planned');
    await expectNoAxeViolations(ap, 'reviews (half-way review held)');
  });

  it('at discharge she rates the goals and discharges Mrs B home', async () => {
    await laterAs(run.home, ap, '2027-01-06T11:00:00Z', staff()['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}/goals`);
    await expectNoAxeViolations(ap, 'goals (at discharge)');
    for (const [n, level] of [[1, '+1: Somewhat more than expected'], [2, '0: Expected outcome'], [3, '0: Expected outcome']] as const) {
      await clickAndWait(ap, ap.getByRole('link', { name: `Rate attainment of goal ${n}` }), /\/goals\/[0-9a-f-]{36}\/rate$/);
      await expectNoAxeViolations(ap, `rate goal ${n} (discharge)`);
      await ap.getByRole('group', { name: 'Which level has the patient attained?' }).getByLabel(level).check();
      await ap.getByRole('group', { name: 'When in the episode is this rating?' }).getByLabel('Discharge').check();
      await clickAndWait(ap, ap.getByRole('button', { name: 'Save the rating' }), /\/goals\?done=/);
      await expect(flash(ap)).resolves.toContain(`Goal ${n} rated ${level.split(':')[0]}`);
      await expectNoAxeViolations(ap, `goals (goal ${n} rated at discharge)`);
    }

    await ap.goto(`/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Discharge', exact: true }), `**/episodes/${episodeId}/discharge`);
    await expect(heading(ap)).resolves.toBe('Discharge the patient');
    await expectNoAxeViolations(ap, 'discharge the patient');
    await ap.getByRole('group', { name: 'Outcome of the episode' }).getByLabel('Goals met').check();
    await ap.getByRole('group', { name: 'Where did the patient go?' }).getByLabel('Home with support from family or friends').check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Discharge' }), `**/episodes/${episodeId}?done=discharged`);
    await expect(flash(ap)).resolves.toContain('Patient discharged');
    expect(squash(await summaryValue(ap, 'Status').textContent())).toBe('Discharged');
    await expectNoAxeViolations(ap, 'episode (discharged)');
  });

  it('Homeward drafts the discharge summary from the record; she edits it, saves and finalises it', async () => {
    await toRecord(ap);
    await expectNoAxeViolations(ap, 'record (at discharge)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Discharge summary and letters' }), `**/episodes/${episodeId}/discharge-summary`);
    await expect(ap.getByText('No discharge summary has been drafted for this episode yet.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'discharge summary (none yet)');

    await clickAndWait(ap, ap.getByRole('button', { name: 'Draft the discharge summary' }), `**/episodes/${episodeId}/discharge-summary?done=drafted`);
    await expect(flash(ap)).resolves.toContain('Discharge summary drafted from the record');
    await expect(ap.getByLabel('For the GP and the record: Outcome measures').inputValue()).resolves.toMatch(/Barthel Index: from 12 to 16 points\. .*passes the minimal clinically important difference/);
    await expect(ap.getByLabel('For the patient, in plain English: Outcome measures').inputValue()).resolves.toContain(
      'Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.',
    );
    const goalsText = await ap.getByLabel('For the GP and the record: Goals and attainment').inputValue();
    for (const goal of goals) expect(goalsText).toContain(goal.statement);
    const programmeText = await ap.getByLabel('For the GP and the record: Programme of care completed').inputValue();
    expect(programmeText).toContain('Kitchen practice');
    expect(programmeText).toContain('Sit-to-stand practice');
    await expect(ap.getByLabel('For the GP and the record: Follow-up and who to contact').inputValue()).resolves.toContain('Outcome: Goals met.');
    await expectNoAxeViolations(ap, 'discharge summary (draft)');

    // She edits the advice in Mrs B's letter, in her own words.
    const advice = ap.getByLabel('For the patient, in plain English: Advice given');
    const drafted = await advice.inputValue();
    await advice.fill(`${drafted ? `${drafted}\n` : ''}- Keep standing up from your armchair 10 times every day, with Sarah beside you.`);
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the draft' }), `**/episodes/${episodeId}/discharge-summary?done=saved`);
    await expect(flash(ap)).resolves.toContain('Draft saved (version 2).');
    await expect(ap.getByLabel('For the patient, in plain English: Advice given').inputValue()).resolves.toContain('Keep standing up from your armchair 10 times every day, with Sarah beside you.');
    await expectNoAxeViolations(ap, 'discharge summary (edited)');

    await clickAndWait(ap, ap.getByRole('button', { name: 'Save and finalise' }), `**/episodes/${episodeId}/discharge-summary?done=finalised`);
    await expect(flash(ap)).resolves.toContain('Discharge summary finalised');
    await expect(ap.getByText('Keep standing up from your armchair 10 times every day, with Sarah beside you.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'discharge summary (final)');
  });

  it('she sends it as a letter to Mrs B in large print, with a copy to her GP', async () => {
    const printSize = ap.getByRole('group', { name: 'Print size' });
    await expect(printSize.getByLabel('Large print (18 point)').isChecked()).resolves.toBe(true);
    await expect(printSize.getByText('Large print, because Betty Bloor’s recorded communication needs include large print.').isVisible()).resolves.toBe(true);
    await clickAndWait(ap, ap.getByRole('button', { name: 'Produce the letter to the patient' }), /discharge-summary\?done=letter&letter=[0-9a-f-]{36}#letters$/);
    await expect(flash(ap)).resolves.toContain('Letter to the patient produced in large print and stored with the record.');
    await expectNoAxeViolations(ap, 'discharge summary (patient letter produced)');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Produce the copy for the GP' }), /discharge-summary\?done=letter&letter=[0-9a-f-]{36}#letters$/);
    await expect(flash(ap)).resolves.toContain('Copy to the GP produced and stored with the record.');
    await expectNoAxeViolations(ap, 'discharge summary (GP copy produced)');

    const letters = ap.getByRole('table', { name: 'Letters produced from this discharge summary, most recent first' });
    const rows = (await letters.locator('tbody tr').allInnerTexts()).map(squash);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/Copy to the GP GP, Burslem Health Centre \(M83001\) Standard Alex assistant practitioner/);
    expect(rows[1]).toMatch(/Letter to the patient Betty Bloor Large Alex assistant practitioner/);
    patientLetterHref = (await letters.getByRole('link', { name: /^Open the PDF \(Letter to the patient, produced/ }).getAttribute('href'))!;
    gpLetterHref = (await letters.getByRole('link', { name: /^Open the PDF \(Copy to the GP, produced/ }).getAttribute('href'))!;
    expect(patientLetterHref).toMatch(/^\/letters\/[0-9a-f-]{36}\.pdf$/);
    expect(gpLetterHref).toMatch(/^\/letters\/[0-9a-f-]{36}\.pdf$/);

    // The stored PDFs, fetched with her session as the browser would open them.
    const patientPdf = await ap.request.get(patientLetterHref);
    expect(patientPdf.status()).toBe(200);
    expect(patientPdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await patientPdf.body();
    expect(await pdfBodyFontSize(bytes)).toBeGreaterThanOrEqual(16);
    // Read as one text: the running header each page repeats (the letter now runs to three pages) is left out.
    const letter = (await pdfText(bytes)).text.replace(/ Betty Bloor · NHS number 943 476 5919 · Page \d+ of \d+ /g, ' ');
    expect(letter).toContain('Betty Bloor');
    expect(letter).toContain('12 Waterloo Road');
    expect(letter).toContain('Keep standing up from your armchair 10 times every day, with Sarah beside you.');
    expect(letter).toContain('Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    expect(letter).not.toContain('MCID');

    const gpPdf = await ap.request.get(gpLetterHref);
    expect(gpPdf.status()).toBe(200);
    const gp = (await pdfText(await gpPdf.body())).text;
    expect(gp).toContain('NHS number: 943 476 5919');
    expect(gp).toContain('Burslem Health Centre');
    expect(gp).toContain('Barthel Index: from 12 to 16 points');
  });

  it('the timeline tells the story, newest first', async () => {
    await toRecord(ap);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Timeline', exact: true }), `**/episodes/${episodeId}/timeline`);
    await expect(heading(ap)).resolves.toBe('Timeline');
    await expect(ap.getByRole('region', { name: 'Patient details' }).textContent()).resolves.toContain('943 476 5919');
    const days = (await ap.getByRole('heading', { level: 2 }).allTextContents()).map(squash).filter((d) => /\d{4}$/.test(d));
    expect(days[0]).toBe('Wednesday 6 January 2027');
    expect(days.at(-1)).toBe('Tuesday 24 November 2026');
    expect(days).toEqual(expect.arrayContaining(['Wednesday 16 December 2026', 'Thursday 26 November 2026', 'Wednesday 25 November 2026']));
    const entries = (await ap.locator('main table tbody tr td:nth-child(2)').allInnerTexts()).map(squash);
    const has = (pattern: RegExp) => expect(entries.some((e) => pattern.test(e)), `no timeline entry matches ${pattern}:\n${entries.join('\n')}`).toBe(true);
    has(/^Referral Referral received from /);
    has(/^Episode change First contact and first assessment/);
    has(/^Consent Verbal consent from the patient to Assessment and treatment at home/);
    has(/^Assessment Barthel Index at baseline: 12 points: Severe dependency$/);
    has(/^Assessment Timed Up and Go at baseline: 18\.6 seconds/);
    has(/^Assessment Barthel Index at review: 16 points: Moderate dependency$/);
    has(/^Contact note Assessment: First home visit/);
    has(/^Contact note Treatment: Kitchen practice: made tea/);
    for (const goal of goals) has(new RegExp(`^Goal Goal set: “${goal.statement}”`));
    has(/^Goal Goal rated at review: /);
    has(/^Goal Goal rated at discharge: /);
    has(/^Programme of care Programme of care: Kitchen practice, twice a week/);
    has(/^Programme of care Programme of care: Sit-to-stand practice, every day, with Sarah \(daughter\)$/);
    has(/^Programme of care Kitchen practice: done/);
    has(/^Review Half-way review: decided to continue the episode\. Reviewed with Mrs B and Sarah/);
    has(/^Episode change Discharged: goals met; to home with support from family or friends$/);
    has(/^Discharge summary or letter Discharge summary drafted$/);
    has(/^Discharge summary or letter Discharge summary finalised$/);
    has(/^Discharge summary or letter Discharge letter to the patient produced for Betty Bloor \(large print\)$/);
    has(/^Discharge summary or letter Discharge letter to the GP produced for GP, Burslem Health Centre \(M83001\)$/);
    await expectNoAxeViolations(ap, 'timeline (the whole story)');
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(run.problems()).toEqual([]);
    expect(run.externalRequests()).toEqual([]);
  });
});
