// Issue 17 #3's browser story: the clinical lead adds a risk from the Safety page, scores it on the 5x5
// matrix with the descriptors as radios, sees it on the register with its band in words and on the heat
// map, follows the heat map's count to the filtered list, and reviews it (rescored, the next review
// date moved). Every page axe clean at a phone's and a tablet's width, without sideways scrolling.
import { describe, expect, it } from 'vitest';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser } from './browser.ts';
import { clickAndWait, fillDate, flash, squash } from './record-pages.ts';

const widths = [390, 768] as const;

describe('the risk register: a risk scored and seen on the heat map', () => {
  const run = homewardInBrowser();

  it('adds a risk, finds it on the heat map and the register, and reviews it', async () => {
    const home = run.home;
    const lead = home.service.a['clinical-lead'];
    const page = await run.pageFor(lead);
    await page.goto('/');
    await followHeaderLink(page, 'Safety');
    await clickAndWait(page, page.getByRole('link', { name: 'Risk register' }), /\/safety\/risks$/);
    await checkAtEveryWidth(page, 'the empty risk register', widths);

    await clickAndWait(page, page.getByRole('button', { name: 'Add a risk' }), /\/safety\/risks\/new$/);
    await checkAtEveryWidth(page, 'adding a risk', widths);
    // Sent with nothing filled in: the error summary, nothing saved.
    await clickAndWait(page, page.getByRole('button', { name: 'Add the risk' }), /\/safety\/risks\/new$/);
    expect(squash(await page.locator('.nhsuk-error-summary').textContent())).toContain('Enter a short title for the risk');
    await checkAtEveryWidth(page, 'adding a risk, refused', widths);

    await page.getByLabel('Title').fill('Lone visits where there is no phone signal');
    await page.getByLabel('Describe the risk').fill('Staff visit alone in the Moorlands villages, where phones often have no signal.');
    await page.getByLabel('Cause').fill('No mobile coverage in parts of the Moorlands');
    await page.getByLabel('Effect').fill('A clinician in trouble cannot call for help');
    await page.getByLabel('Owner').selectOption({ label: 'Alex clinical lead (Clinical lead, North Staffs Therapies)' });
    await page.getByLabel('Controls in place').fill('Lone-working check-ins; visits in daylight');
    await page.getByRole('group', { name: 'Likelihood', exact: true }).getByLabel('4 Likely').check();
    await page.getByRole('group', { name: 'Consequence', exact: true }).getByLabel('4 Major').check();
    await page.getByRole('group', { name: 'Target likelihood' }).getByLabel('2 Unlikely').check();
    await page.getByRole('group', { name: 'Target consequence' }).getByLabel('3 Moderate').check();
    await fillDate(page.getByRole('group', { name: 'Review by' }), '1', '12', '2026');
    await clickAndWait(page, page.getByRole('button', { name: 'Add the risk' }), /done=added/);
    expect(await flash(page)).toContain('Risk added to the register');
    const main = squash(await page.locator('main').textContent());
    expect(main).toContain('Extreme 16');
    expect(main).toContain('Moderate 6');
    const reference = /RSK-\d{6}/.exec(main)![0];
    await checkAtEveryWidth(page, 'a risk', widths);

    // On the heat map: Likely x Major holds one risk, its link opening the register filtered to that cell.
    await clickAndWait(page, page.getByRole('link', { name: 'Risk register' }), /\/safety\/risks$/);
    const likely = page.getByRole('row', { name: /^4 Likely/ });
    expect(squash(await likely.textContent())).toContain('Extreme 16 1 risk');
    await checkAtEveryWidth(page, 'the register with a risk on the heat map', widths);
    await clickAndWait(page, likely.getByRole('link', { name: /^1 risk\s*, likelihood Likely, consequence Major$/ }), /likelihood=4&consequence=4/);
    expect(squash(await page.locator('#risk-table').textContent())).toContain(reference);
    expect(squash(await page.locator('main').textContent())).toContain('Showing the risks with likelihood Likely, consequence Major');

    // Reviewed: a satellite phone in the pool car brings the likelihood down.
    await clickAndWait(page, page.getByRole('link', { name: reference }), /\/safety\/risks\/[0-9a-f-]{36}$/);
    await page.getByRole('group', { name: 'Likelihood now' }).getByLabel('2 Unlikely').check();
    await page.getByRole('group', { name: 'Consequence now' }).getByLabel('4 Major').check();
    await page.getByLabel('What the review found').fill('A satellite phone is now in the pool car');
    await fillDate(page.getByRole('group', { name: 'Next review by' }), '1', '2', '2027');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the review' }), /done=reviewed/);
    expect(await flash(page)).toContain('Review recorded');
    const reviewed = squash(await page.locator('main').textContent());
    expect(reviewed).toContain('High 8');
    expect(reviewed).toContain('1 February 2027');
    await checkAtEveryWidth(page, 'a reviewed risk', widths);
  });
});
