// Keyboard only: the skip link comes first and takes you past the header, and the register form can
// be filled in and sent without a mouse (Tab between fields, Space and arrows for choices, Enter).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { homewardInBrowser, type OpenedPage } from './browser.ts';
import { flash } from './record-pages.ts';

/** Presses Tab until the focused element matches `selector`; fails if it takes more than `max` presses. */
async function tabTo(page: Page, selector: string, max = 40): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return presses;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab did not reach ${selector} within ${max} presses (focus is on ${at})`);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', text: el?.textContent?.trim() ?? '', href: el?.getAttribute('href') ?? null, inMain: !!el?.closest('main'), id: el?.id ?? '' };
  });

describe('using Homeward with the keyboard alone', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    opened = await run.open(run.home.service.a['registered-therapist']);
    page = opened.page;
  });

  it.each(['/', '/patients/search', '/patients/new'])('on %s the skip link is the first tab stop and moves focus to the main content', async (url) => {
    await page.goto(url);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Skip to main content', href: '#maincontent' });
    // Hidden until focused, then on screen where a sighted keyboard user can see it.
    const box = await page.locator('a.nhsuk-skip-link').boundingBox();
    expect(box && box.width > 0 && box.height > 0 && box.y >= 0).toBe(true);

    await page.keyboard.press('Enter');
    // Following an in-page link settles a moment after the key press; wait for it rather than race it.
    await page.waitForURL((u) => u.hash === '#maincontent');
    expect(new URL(page.url()).hash).toBe('#maincontent');
    // Whether main itself takes focus (with scripts) or only the starting point moves (without),
    // the next Tab must land inside main, past the header's navigation.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ inMain: true });
  });

  it('the register form can be completed and sent with the keyboard alone', async () => {
    await page.goto('/patients/new');
    await tabTo(page, '#nhsNumber');
    await page.keyboard.type('943 476 5803');
    await tabTo(page, '#givenName', 1);
    await page.keyboard.type('Edna');
    await tabTo(page, '#familyName', 1);
    await page.keyboard.type('Machin');
    await tabTo(page, '#dateOfBirth-day', 1);
    await page.keyboard.type('9');
    await tabTo(page, '#dateOfBirth-month', 1);
    await page.keyboard.type('12');
    await tabTo(page, '#dateOfBirth-year', 1);
    await page.keyboard.type('1935');
    // A radio group is one tab stop: Tab lands on the first choice, an arrow moves to the next.
    await tabTo(page, 'input[name=sex]', 1);
    await page.keyboard.press('Space');
    await tabTo(page, '#addressLine1', 3);
    await page.keyboard.type('7 Hamil Road');
    await tabTo(page, '#town', 2);
    await page.keyboard.type('Burslem');
    await tabTo(page, '#postcode', 1);
    await page.keyboard.type('ST6 1AS');
    await tabTo(page, 'input[name=communicationNeeds][value=hearing]', 20);
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name=livesAlone]', 10);
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name=keySafe]', 1);
    await page.keyboard.press('ArrowRight');
    await tabTo(page, 'input[name=riskFlags][value=animals]', 3);
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type=submit], button:not([type])', 10);
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Register patient' });
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/patients\/[0-9a-f-]{36}\?registered=1$/);
    await expect(flash(page)).resolves.toContain('Patient registered');
    const id = new URL(page.url()).pathname.split('/')[2]!;
    const row = await run.home.db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      nhs_number: '9434765803',
      given_name: 'Edna',
      family_name: 'Machin',
      date_of_birth: '1935-12-09',
      sex: 'female',
      postcode: 'ST6 1AS',
      lives_alone: true,
      key_safe: false,
    });
    expect(row.risk_flags).toEqual(['animals']);
    expect(row.communication_needs).toMatchObject({ needs: ['hearing'] });
  });

  it('raised no script errors, CSP refusals or missing assets', () => {
    expect(opened.problems).toEqual([]);
  });
});
