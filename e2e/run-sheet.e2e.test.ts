// Issue 13 #4 in a real browser, on a phone first (390 px), then a tablet and a desktop: axe on every
// page state and no sideways scrolling. The therapist opens her run sheet from the published plan,
// starts a contact note from her first visit (the form prefilled with its time, place and staff), finds
// nobody in at the second, records no access (the error summary first), confirms the proposed rebooking
// and goes back to her run sheet; the printable version; the clinical lead opens the therapist's sheet.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedPlannedVisit } from '../packages/server/test/seed-visit-plan.ts';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { clickAndWait, errorLinks, heading, squash } from './record-pages.ts';

// Phone first: each check leaves the page at a phone's width.
const widths = [390, 768, 1280] as const;


describe('the run sheet on a phone: the day, a note from a visit, no access and a rebooking', () => {
  const run = homewardInBrowser();
  let first: string;
  let second: string;

  beforeAll(async () => {
    const home = run.home;
    const therapist = home.service.a['registered-therapist'];
    const episodeFor = async (index: number, givenName: string, familyName: string) => {
      const patient = await registerPatientByApi(home, therapist, { nhsNumber: testNhsNumberForIndex(index), givenName, familyName });
      return { episodeId: await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: therapist.id }) };
    };
    const a = await episodeFor(710_001, 'Betty', 'Bloor');
    const b = await episodeFor(710_002, 'Derek', 'Dale');
    // The test clock is 09:00 on Tuesday 24 November 2026: the first visit is under way, the second later.
    first = await seedPlannedVisit(home, { episodeId: a.episodeId, staffId: therapist.id, start: '08:30' });
    second = await seedPlannedVisit(home, { episodeId: b.episodeId, staffId: therapist.id, start: '11:15' });
  });

  it('the therapist’s day, a note started from a visit, and no access with its rebooking', async () => {
    const { page } = await run.open(run.home.service.a['registered-therapist']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/run-sheet');
    expect(squash(await heading(page))).toMatch(/^Your run sheet Tuesday 24 November 2026 \(today\)$/);
    const cards = page.locator('.hw-run-sheet-stop');
    await expect(cards.count()).resolves.toBe(2);
    expect(squash(await cards.nth(0).locator('h2').textContent())).toMatch(/^08:30–09:00 BLOOR, Betty/);
    await checkAtEveryWidth(page, 'run sheet', widths);

    await clickAndWait(page, cards.nth(0).getByRole('button', { name: /Start contact note/ }), /\/contact-notes\/new\?visit=/);
    await expect(page.locator('#occurredAtTime').inputValue()).resolves.toBe('08:30');
    await expect(page.locator('#place').inputValue()).resolves.toBe('Patient’s home');
    await expect(page.locator('#staffPresent').inputValue()).resolves.toBe('Alex registered therapist');
    await checkAtEveryWidth(page, 'note form from a visit', widths);

    await page.goto('/run-sheet');
    await clickAndWait(page, page.locator(`#visit-${second}`).getByRole('link', { name: /^No access/ }), /\/outcome\?outcome=no-access$/);
    expect(squash(await heading(page))).toBe('No access: record it and rebook');
    await checkAtEveryWidth(page, 'no access form', widths);
    await clickAndWait(page, page.getByRole('button', { name: 'Record no access' }), /\/outcome$/);
    expect(await errorLinks(page)).toEqual(['Choose why there was no access']);
    await checkAtEveryWidth(page, 'no access form with errors', widths);
    await page.getByLabel('No answer at the door').check();
    await page.getByLabel('More about the reason').fill('Curtains drawn, no answer on the phone');
    await clickAndWait(page, page.getByRole('button', { name: 'Record no access' }), /\/outcome\/done$/);
    expect(squash(await page.locator('.nhsuk-panel').textContent())).toBe('No access recorded Another visit is booked for Wednesday 25 November 2026');
    await checkAtEveryWidth(page, 'no access recorded', widths);
    await clickAndWait(page, page.getByRole('link', { name: 'Back to the run sheet' }).last(), /\/run-sheet\?date=2026-11-24$/);
    expect(squash(await page.locator(`#visit-${second}`).textContent())).toContain('No access: No answer at the door: Curtains drawn, no answer on the phone');

    await page.goto('/run-sheet?date=2026-11-24&print=1');
    await expect(page.locator('.nhsuk-header').count()).resolves.toBe(0);
    await checkAtEveryWidth(page, 'printable run sheet', widths);
    expect(run.problems()).toEqual([]);
  });

  it('the clinical lead sees the therapist’s run sheet', async () => {
    const { page } = await run.open(run.home.service.a['clinical-lead']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/run-sheet');
    await page.getByText('Other run sheets in your team (1)').click();
    await checkAtEveryWidth(page, 'the lead’s own run sheet with the team’s', widths);
    await clickAndWait(page, page.getByRole('link', { name: 'Alex registered therapist' }), /\/run-sheet\/[0-9a-f-]+\?date=2026-11-24$/);
    expect(squash(await heading(page))).toMatch(/^Run sheet: Alex registered therapist/);
    await expect(page.locator(`#visit-${first}`).count()).resolves.toBe(1);
    await checkAtEveryWidth(page, 'the lead’s view of a run sheet', widths);
    expect(run.problems()).toEqual([]);
  });
});
