// Reading and driving Homeward's NHS.UK pages in browser tests: the parts every page shares (the h1,
// the notification banner that confirms a save, the error summary, summary lists, day/month/year date
// fields) and clicking through to the page that follows. One copy here, so every test reads a page the
// same way and a change to the design system's markup is fixed once.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Text as it reads on screen: each run of white space one space, trimmed; nothing at all as ''. */
export const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Clicks something that submits or navigates, and waits for the page it leads to. */
export async function clickAndWait(page: Page, target: Locator, url: Parameters<Page['waitForURL']>[0]): Promise<void> {
  await Promise.all([page.waitForURL(url), target.click()]);
}

/** The page's h1, as the page has it. */
export const heading = (page: Page): Promise<string | null> => page.getByRole('heading', { level: 1 }).textContent();

/** What the notification banner says (the "done" message after a save), squashed. */
export const flash = async (page: Page): Promise<string> => squash(await page.locator('.nhsuk-notification-banner').textContent());

/** The NHS.UK error summary at the top of a page that came back with errors. */
export const errorSummary = (page: Page): Locator => page.locator('.nhsuk-error-summary');

/** The error summary's links, squashed, in page order. */
export const errorLinks = async (page: Page): Promise<string[]> => (await errorSummary(page).getByRole('link').allTextContents()).map(squash);

/**
 * Submits a form that should be refused: the POST answers 400, the error summary shows and the title
 * starts "Error: ". Returns the summary's links for the test to check.
 */
export async function submitExpectingErrors(page: Page, button: Locator): Promise<string[]> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()]);
  expect(response.status()).toBe(400);
  await errorSummary(page).waitFor();
  await expect(page.title()).resolves.toMatch(/^Error: /);
  return errorLinks(page);
}

/**
 * The value beside `key` (a regular expression source, matched as the whole key) in the first summary
 * list on the page, or in `within` when given.
 */
export const summaryValue = (page: Page, key: string, within: Page | Locator = page): Locator =>
  within.locator('.nhsuk-summary-list__row', { has: page.locator('.nhsuk-summary-list__key', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) }).first().locator('.nhsuk-summary-list__value');

/** Fills an NHS.UK date input: the Day, Month and Year fields inside `group`. */
export async function fillDate(group: Locator, day: string, month: string, year: string): Promise<void> {
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}
