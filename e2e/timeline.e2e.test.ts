// The patient timeline in a real browser, with axe on every state: Mrs B's assistant practitioner has
// recorded consent, a first-visit note, a later note written a day late and a Barthel; she opens the
// record, follows the link to the timeline, reads it by day, filters it down to contact notes with the
// checkboxes (a plain GET form, no script needed), and goes back to everything and then to the record.
// An edited address with a made-up kind gets the NHS.UK error summary.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { barthelAt12, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, type OpenedPage } from './browser.ts';
import { clickAndWait, errorLinks, heading } from './record-pages.ts';

describe('the patient timeline', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage | null = null;
  let episodeId: string;

  beforeAll(async () => {
    const now = run.home.clock.now().getTime();
    const ago = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
    // Referred on the morning of the first visit, two days ago: no clinical entry may precede the referral.
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner'], { referral: { receivedAt: ago(48.5) } }));

    const ap = await run.home.signIn(run.home.service.a['assistant-practitioner']);
    const made = [
      await ap.post(`/api/episodes/${episodeId}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' }),
      await ap.post(`/api/episodes/${episodeId}/contact-notes`, { kind: 'assessment', occurredAt: ago(48), durationMinutes: 60, place: 'Home', body: 'First visit. Walks indoors with a frame; struggles to rise from the armchair.', finalise: true }),
      await ap.post(`/api/episodes/${episodeId}/contact-notes`, { kind: 'treatment', occurredAt: ago(25), durationMinutes: 45, place: 'Home', body: 'Kitchen practice: made tea sitting on the perching stool.', finalise: true }),
      await ap.post(`/api/episodes/${episodeId}/assessments`, {
        instrumentId: 'barthel-index', timePoint: 'baseline', method: 'observed', administeredAt: ago(47),
        responses: barthelAt12,
      }),
    ];
    for (const res of made) if (res.statusCode !== 201) throw new Error(`could not set up the record: ${res.statusCode} ${res.body}`);
  });

  const rowsOf = (page: Page) => page.locator('main table tbody tr');
  const tagsOf = async (page: Page) => (await page.locator('main table tbody tr td:nth-child(2) strong.nhsuk-tag:first-child').allTextContents()).map((t) => t.trim());

  it('opens from the record, with the patient banner, days newest first and the late entry labelled', async () => {
    opened = await run.open(run.home.service.a['assistant-practitioner']);
    const page = opened.page;
    await page.goto(`/episodes/${episodeId}/record`);
    await clickAndWait(page, page.getByRole('link', { name: 'Timeline', exact: true }), `**/episodes/${episodeId}/timeline`);
    await expect(heading(page)).resolves.toBe('Timeline');
    await expect(page.getByRole('region', { name: 'Patient details' }).textContent()).resolves.toContain('943 476 5919');
    const days = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(days.filter((d) => /\d{4}$/.test(d.trim()))).toEqual(['Tuesday 24 November 2026', 'Monday 23 November 2026', 'Sunday 22 November 2026']);
    expect(await tagsOf(page)).toEqual(expect.arrayContaining(['Contact note', 'Assessment', 'Consent', 'Referral', 'Episode change']));
    await expect(page.getByText('Late entry: happened 23 Nov 2026, 08:00').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Barthel Index at baseline: 12 points: Severe dependency' }).getAttribute('href')).resolves.toBe(`/episodes/${episodeId}/assessments`);
    await expectNoAxeViolations(page, 'timeline (everything)');
    expect(opened.problems).toEqual([]);
  });

  it('filters by kind with the checkboxes, and shows everything again', async () => {
    const page = opened!.page;
    const filter = page.getByRole('group', { name: 'Show only these kinds of entry' });
    await filter.getByLabel('Contact notes (2)').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Show entries' }), /\/timeline\?kind=contact-note$/);
    expect(await tagsOf(page)).toEqual(['Contact note', 'Contact note']);
    await expect(rowsOf(page).count()).resolves.toBe(2);
    await expect(page.getByText(/Showing 2 of \d+ entries\./).isVisible()).resolves.toBe(true);
    await expect(filter.getByLabel('Contact notes (2)').isChecked()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'timeline (contact notes only)');

    await clickAndWait(page, page.getByRole('link', { name: 'Show every kind of entry' }), `**/episodes/${episodeId}/timeline`);
    expect((await tagsOf(page)).length).toBeGreaterThan(2);
    await clickAndWait(page, page.getByRole('link', { name: 'Back to the record' }).first(), `**/episodes/${episodeId}/record`);
    await expect(heading(page)).resolves.toBe('Clinical record');
    expect(opened!.problems).toEqual([]);
  });

  it('says what is wrong with an edited address, and still shows the timeline', async () => {
    const page = opened!.page;
    const res = await page.goto(`/episodes/${episodeId}/timeline?kind=gossip`);
    expect(res?.status()).toBe(400);
    expect(await errorLinks(page)).toEqual(['Choose the kinds of entry from the list']);
    expect((await tagsOf(page)).length).toBeGreaterThan(2);
    await expectNoAxeViolations(page, 'timeline (unknown kind)');
  });
});
