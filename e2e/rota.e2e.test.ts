// Issue 13 #1 in the browser, on a desktop and a phone: the clinical lead sets a working week from the
// rota, books leave with day/month/year fields and sees the confirmation, sets who is on call; the week
// fits a 390 px phone and a 768 px tablet without sideways scrolling; a support worker sees it, and no
// way to change it. Axe on each page (the pages' other states are in accessibility.e2e.test.ts).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, sidewaysOverflow, homewardInBrowser, followHeaderLink } from './browser.ts';

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('the rota: a week, a pattern, leave and on call, on a desktop and a phone', () => {
  const run = homewardInBrowser();

  it('the lead keeps the rota; the week fits a phone; a support worker only looks', async () => {
    const lead = run.home.service.a['clinical-lead'];
    const worker = run.home.service.a['support-worker'];
    const page = await run.pageFor(lead);

    // Desktop: from the navigation to the support worker's pattern.
    await page.goto('/');
    await Promise.all([page.waitForURL('**/rota'), followHeaderLink(page, 'Rota')]);
    await expect(heading(page)).resolves.toMatch(/^Rota: week of /);
    await page.goto('/rota?week=2026-12-21');
    await Promise.all([page.waitForURL(`**/rota/staff/${worker.id}`), page.getByRole('link', { name: 'Alex support worker' }).click()]);
    for (const day of [1, 2, 3, 4, 5]) {
      await page.locator(`#day-${day}-works`).check();
      await page.locator(`#day-${day}-start`).fill('08:30');
      await page.locator(`#day-${day}-end`).fill('16:30');
      await page.locator(`#day-${day}-break`).fill('30');
    }
    await page.locator('#startsFrom').check();
    await page.locator('#carDriver').check();
    await Promise.all([page.waitForURL('**?done=saved'), page.getByRole('button', { name: 'Save the working pattern' }).click()]);
    await page.getByText('Working pattern saved').waitFor();
    await expectNoAxeViolations(page, 'rota pattern saved');

    // Phone: book Christmas leave, see the confirmation.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(sidewaysOverflow(page)).resolves.toBe(0);
    await Promise.all([page.waitForURL('**/exceptions/new'), page.getByRole('link', { name: 'Add leave, absence or an extra shift' }).click()]);
    await expect(sidewaysOverflow(page)).resolves.toBe(0);
    await page.getByLabel('Annual leave').check();
    await page.locator('#startsOn-day').fill('22');
    await page.locator('#startsOn-month').fill('12');
    await page.locator('#startsOn-year').fill('2026');
    await page.locator('#endsOn-day').fill('23');
    await page.locator('#endsOn-month').fill('12');
    await page.locator('#endsOn-year').fill('2026');
    await Promise.all([page.waitForURL(/\/rota\/exceptions\/[0-9a-f-]{36}\?added$/), page.getByRole('button', { name: 'Add to the rota' }).click()]);
    await expect(heading(page)).resolves.toContain('Annual leave added');
    await expectNoAxeViolations(page, 'rota leave added (phone)');

    // On call for Christmas Eve, from the week.
    await page.goto('/rota?week=2026-12-21');
    await Promise.all([page.waitForURL('**/rota/on-call?date=2026-12-24'), page.getByRole('link', { name: /Set who is on call on Thursday 24 December 2026/ }).click()]);
    await page.getByLabel('Who is on call?').selectOption({ label: 'Alex registered therapist (registered therapist)' });
    await Promise.all([page.waitForURL('**done=on-call'), page.getByRole('button', { name: 'Save who is on call' }).click()]);
    await page.getByText('On call saved').waitFor();

    // The week on a phone and a tablet: no sideways scrolling; leave, the bank holiday, on call all there.
    for (const width of [390, 768, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await expect(sidewaysOverflow(page), `week at ${width}px`).resolves.toBe(0);
    }
    const text = await page.locator('main').innerText();
    for (const expected of ['Christmas Day', 'Annual leave', '08:30 to 16:30', 'Alex registered therapist on call']) expect(text).toContain(expected);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, 'rota week (phone)');

    // The support worker sees the week, with no way to change it.
    const sw = await run.pageFor(worker);
    await sw.setViewportSize({ width: 390, height: 844 });
    await sw.goto('/rota?week=2026-12-21');
    await expect(heading(sw)).resolves.toBe('Rota: week of 21 December 2026');
    await expect(sw.getByRole('link', { name: /who is on call/ }).count()).resolves.toBe(0);
    await sw.goto(`/rota/staff/${worker.id}`);
    await expect(sw.getByRole('button', { name: 'Save the working pattern' }).count()).resolves.toBe(0);
    await expect(sidewaysOverflow(sw)).resolves.toBe(0);
    const refused = await sw.goto(`/rota/staff/${worker.id}/exceptions/new`);
    expect(refused?.status()).toBe(403);
    expect(run.problems()).toEqual([]);
  }, 300_000);
});
