// The record's notes in a real browser (issue 11 item 6), on a desktop, a tablet and a phone, axe clean
// at each: Mrs B's assistant practitioner reads her history on the record page without opening a note.
// Each note shows its text, author, role and time, most recent contact first; a long note shows its
// first lines and opens in full from its "Read the whole note" (a <details>: it works with JavaScript
// off too); an amended note shows the amended text, marked, with the original a click away.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, useSession, sidewaysOverflow } from './browser.ts';
import { squash } from './record-pages.ts';

const longNote = [
  'S: Mrs B is tired in the afternoons and worries about falling in the kitchen.',
  'O: Walked 10 m indoors with her frame; sit to stand from the armchair took two attempts.',
  'A: Improving since discharge; kitchen tasks are the priority.',
  'P: Perching stool and trolley ordered; review on Friday with her daughter.',
].join('\n');

describe('the record lists each note’s text, author, role and time', () => {
  const run = homewardInBrowser();
  let episodeId: string;

  beforeAll(async () => {
    const now = run.home.clock.now().getTime();
    const ago = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner'], { referral: { receivedAt: ago(60) } }));
    const ap = await run.home.signIn(run.home.service.a['assistant-practitioner']);
    const consent = await ap.post(`/api/episodes/${episodeId}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
    if (consent.statusCode !== 201) throw new Error(`could not record consent: ${consent.statusCode} ${consent.body}`);
    const write = async (note: Record<string, unknown>) => {
      const res = await ap.post(`/api/episodes/${episodeId}/contact-notes`, { durationMinutes: 45, place: 'Home', finalise: true, ...note });
      if (res.statusCode !== 201) throw new Error(`could not write a test note: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; version: number };
    };
    await write({ kind: 'assessment', occurredAt: ago(50), body: longNote });
    const tea = await write({ kind: 'treatment', occurredAt: ago(3), body: 'Kitchen practice: made tea with supervision.' });
    const amended = await ap.post(`/api/contact-notes/${tea.id}/amendments`, {
      kind: 'treatment', occurredAt: ago(3), durationMinutes: 45, place: 'Home', body: 'Kitchen practice: made tea on her own, carried it in a lidded mug.', reason: 'Wrong level of assistance recorded', version: tea.version,
    });
    if (amended.statusCode !== 201) throw new Error(`could not amend the test note: ${amended.statusCode} ${amended.body}`);
  });

  const notes = (page: Page) => page.getByRole('list', { name: 'Contact notes, most recent contact first' }).getByRole('listitem');

  for (const width of [1280, 768, 390]) {
    it(`at ${width} px: each note’s text, author and role, newest first; the long one opens in full; the amended one is marked`, async () => {
      const { page } = await run.open(run.home.service.a['assistant-practitioner']);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/episodes/${episodeId}/record`);
      await expect(notes(page).count()).resolves.toBe(2);
      const [amendedNote, longOne] = [notes(page).nth(0), notes(page).nth(1)];
      await expect(amendedNote.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/^Treatment note, /);
      await expect(longOne.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/^Assessment note, /);
      expect(squash(await amendedNote.textContent())).toContain('Written by Alex assistant practitioner, Therapy assistant practitioner');

      // The amended note: its current text, marked, with who amended it and why; the original one click away.
      await expect(amendedNote.getByText('Kitchen practice: made tea on her own, carried it in a lidded mug.').isVisible()).resolves.toBe(true);
      await expect(amendedNote.locator('.nhsuk-tag', { hasText: 'Amended' }).isVisible()).resolves.toBe(true);
      await expect(amendedNote.getByText(/Reason: Wrong level of assistance recorded/).isVisible()).resolves.toBe(true);
      const original = amendedNote.getByText('Kitchen practice: made tea with supervision.');
      await expect(original.isVisible()).resolves.toBe(false);
      await amendedNote.getByText('The original entry').click();
      await expect(original.isVisible()).resolves.toBe(true);

      // The long note: its first three lines; the fourth only once opened, and then the preview steps aside.
      const fourth = longOne.getByText(/P: Perching stool and trolley ordered/);
      await expect(longOne.getByText(/A: Improving since discharge/).first().isVisible()).resolves.toBe(true);
      await expect(fourth.isVisible()).resolves.toBe(false);
      await expectNoAxeViolations(page, `record notes, closed (${width} px)`);
      // By keyboard, as the summary is a control like any other.
      await longOne.locator('summary', { hasText: 'Read the whole note' }).focus();
      await page.keyboard.press('Enter');
      await expect(fourth.isVisible()).resolves.toBe(true);
      await expect(longOne.locator('.hw-note__preview').isVisible()).resolves.toBe(false);
      await expectNoAxeViolations(page, `record notes, opened (${width} px)`);
      expect(await sidewaysOverflow(page), `sideways scroll at ${width} px`).toBe(0);
    });
  }

  it('opens the whole note with JavaScript switched off', async () => {
    const context = await run.browser.newContext({ baseURL: run.home.baseUrl, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      await useSession(context, run.home, run.home.service.a['assistant-practitioner']);
      const page = await context.newPage();
      await page.goto(`/episodes/${episodeId}/record`);
      const longOne = notes(page).nth(1);
      const fourth = longOne.getByText(/P: Perching stool and trolley ordered/);
      await expect(fourth.isVisible()).resolves.toBe(false);
      await longOne.locator('summary', { hasText: 'Read the whole note' }).click();
      await expect(fourth.isVisible()).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });

  it('raised no script errors, CSP refusals or missing assets on any page', () => {
    expect(run.problems()).toEqual([]);
  });
});
