// A contact note dated 1 January 1900 (issue 9) in a real browser: Mrs B was referred at 09:00 today,
// 24 November 2026. Her assistant practitioner types 1 January 1900 on the note form and presses Save
// and finalise: the page comes back with the NHS.UK error summary saying the date must be on or after
// the day the referral was received, its link takes her to the day field, the field shows the same
// message, axe finds nothing, and nothing is saved. She puts the right date and the note is final.
import { beforeAll, describe, expect, it } from 'vitest';
import { episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser } from './browser.ts';
import { clickAndWait, errorSummary, fillDate, flash, heading, submitExpectingErrors } from './record-pages.ts';

describe('a contact note dated before the referral is refused on the page', () => {
  const run = homewardInBrowser();
  let episodeId: string;

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
  });

  it('shows the error summary linked to the day field, axe clean, and saves nothing until the date is right', async () => {
    const ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}/contact-notes/new`);
    await expect(heading(ap)).resolves.toBe('Write a contact note');
    const date = ap.getByRole('group', { name: 'Date of the contact' });

    await ap.getByRole('group', { name: 'Kind of contact' }).getByLabel('Telephone contact', { exact: true }).check();
    await fillDate(date, '1', '1', '1900');
    await ap.getByLabel('Time of the contact').fill('10:00');
    await ap.getByLabel('Duration in minutes').fill('15');
    await ap.getByLabel('Note', { exact: true }).fill('Spoke to Mrs B’s daughter about the referral and the first visit.');
    const message = 'The date of the contact must be on or after 24 November 2026 (when the referral was received)';
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save and finalise' }))).toEqual([message]);
    await expect(errorSummary(ap).getByRole('link', { name: message }).getAttribute('href')).resolves.toBe('#occurredAt-day');
    await expect(ap.locator('#occurredAt-error').textContent()).resolves.toContain(message);
    // What was typed is kept, so it can be put right.
    await expect(date.getByLabel('Year').inputValue()).resolves.toBe('1900');
    await expectNoAxeViolations(ap, 'note form (date before the referral)');

    // The summary's link takes her to the day field.
    await errorSummary(ap).getByRole('link', { name: message }).click();
    await expect(ap.evaluate(() => document.activeElement?.id)).resolves.toBe('occurredAt-day');
    expect(await run.home.db.selectFrom('contact_notes').select('id').execute()).toHaveLength(0);

    // Tomorrow is refused too, in the same style.
    await fillDate(date, '25', '11', '2026');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save and finalise' }))).toEqual(['The date of the contact cannot be in the future']);
    await expectNoAxeViolations(ap, 'note form (date in the future)');
    expect(await run.home.db.selectFrom('contact_notes').select('id').execute()).toHaveLength(0);

    await fillDate(date, '24', '11', '2026');
    await ap.getByLabel('Time of the contact').fill('08:55');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save and finalise' }), /\/contact-notes\/[0-9a-f-]{36}\?done=final$/);
    await expect(flash(ap)).resolves.toContain('Note finalised');
    expect(await run.home.db.selectFrom('contact_notes').select(['status']).execute()).toEqual([{ status: 'final' }]);
    expect(run.problems()).toEqual([]);
  });
});
