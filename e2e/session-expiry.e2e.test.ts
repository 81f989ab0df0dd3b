// Nothing typed is lost to a session ending (issue 9), in a real browser: the registered therapist
// writes Mrs B's treatment note, is called away, and presses Save after her session has timed out. She
// is asked to sign in, with a message saying her form will come back; once she has, the note form is
// back with everything she typed; she saves it and it is in the record once. Axe on each page.
import { beforeAll, describe, expect, it } from 'vitest';
import { episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, testPassword } from './browser.ts';
import { clickAndWait, flash, heading } from './record-pages.ts';

describe('a note typed while the session ended is not lost', () => {
  const run = homewardInBrowser();
  let episodeId: string;
  const typed = 'Practised getting in and out of the bath with the board and seat: managed with one prompt. Carer shown how to help.';

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['registered-therapist']));
  });

  it('holds the note through sign-in and gives it back to save once', async () => {
    const therapist = run.home.service.a['registered-therapist'];
    const page = await run.pageFor(therapist);
    const formPath = `/episodes/${episodeId}/contact-notes/new`;
    await page.goto(formPath);
    await expect(heading(page)).resolves.toBe('Write a contact note');
    await page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Treatment', { exact: true }).check();
    await page.getByLabel('Duration in minutes').fill('40');
    await page.getByLabel('Place (optional)').fill('Patient’s home');
    await page.getByLabel('Note', { exact: true }).fill(typed);
    const formId = await page.locator('input[name="formId"]').inputValue();

    // She is called away; the session times out (the app's clock moves on, not the test's).
    run.home.clock.advanceMinutes(31);
    await clickAndWait(page, page.getByRole('button', { name: 'Save as draft' }), (url) => url.pathname === '/sign-in');
    await expect(page.getByText('Your session ended. Sign in again and we will take you back to your form with what you typed. Nothing has been saved yet.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'sign-in (form held)');
    expect(await run.home.db.selectFrom('contact_notes').select('id').where('episode_id', '=', episodeId).execute()).toHaveLength(0);

    await page.getByLabel('Email address').fill(therapist.email);
    await page.getByLabel('Password').fill(testPassword);
    await clickAndWait(page, page.getByRole('button', { name: 'Sign in' }), (url) => url.pathname === formPath);
    await expect(page.getByText('Your session ended before this form was saved. We have put back what you typed').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Note', { exact: true }).inputValue()).resolves.toBe(typed);
    await expect(page.getByLabel('Duration in minutes').inputValue()).resolves.toBe('40');
    await expect(page.getByLabel('Place (optional)').inputValue()).resolves.toBe('Patient’s home');
    await expect(page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Treatment', { exact: true }).isChecked()).resolves.toBe(true);
    // The same form, not a new one: a save that had somehow happened would not be made twice.
    await expect(page.locator('input[name="formId"]').inputValue()).resolves.toBe(formId);
    await expectNoAxeViolations(page, 'note form (given back)');

    await clickAndWait(page, page.getByRole('button', { name: 'Save as draft' }), (url) => url.pathname.startsWith('/contact-notes/'));
    await expect(flash(page)).resolves.toContain('Draft note saved');
    const notes = await run.home.db.selectFrom('contact_notes').select(['body', 'written_by']).where('episode_id', '=', episodeId).execute();
    expect(notes).toEqual([{ body: typed, written_by: therapist.id }]);
    expect(await run.home.db.selectFrom('held_forms').select('id').execute()).toEqual([]);
  });

  it('met no script errors, failed loads or outside requests', () => {
    expect(run.problems()).toEqual([]);
    expect(run.externalRequests()).toEqual([]);
  });
});
