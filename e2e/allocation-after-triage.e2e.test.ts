// Issue 11, item 7, in the browser with axe at desktop, tablet (768 px) and phone (390 px) widths:
// the clinical lead's home page lists the episode nobody holds yet; the triage confirmation offers the
// clinicians who can hold it (one press each) and says why each other person cannot; one press
// allocates and lands on the episode.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, homewardInBrowser, referAndTriageByApi, registerPatientByApi, sidewaysOverflow } from './browser.ts';
import { clickAndWait, flash, squash, summaryValue } from './record-pages.ts';

/** Axe and no sideways scrolling at each width, then back to the desktop width. */
async function atEveryWidth(page: Page, label: string): Promise<void> {
  for (const width of [1280, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page, `${label} at ${width} px`);
    expect(await sidewaysOverflow(page), `${label} at ${width} px`).toBe(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('allocation offered where triage ends, and unallocated episodes on the team lead’s home page', () => {
  const run = homewardInBrowser();
  let referralId: string;
  let episodeId: string;

  beforeAll(async () => {
    const therapist = run.home.service.a['registered-therapist'];
    const patient = await registerPatientByApi(run.home, therapist, { givenName: 'Betty', familyName: 'Bloor' });
    ({ referralId, episodeId } = await referAndTriageByApi(run.home, therapist, patient.id, {
      triage: { complexity: 'complex', complexityReason: 'Two falls, lives alone, new cognitive concerns', priority: 'P2', skillsNeeded: ['OT'] },
    }));
  });

  it('the clinical lead sees the unallocated episode on their home page', async () => {
    const lead = await run.pageFor(run.home.service.a['clinical-lead']);
    await lead.goto('/');
    const section = lead.getByRole('region', { name: 'Waiting for allocation (1)' });
    expect(squash(await section.textContent())).toContain('BLOOR, Betty');
    await expect(section.getByRole('link', { name: 'Allocate Betty Bloor’s episode' }).getAttribute('href')).resolves.toBe(`/episodes/${episodeId}/allocate`);
    await atEveryWidth(lead, 'home (clinical lead, one unallocated)');
  });

  it('the triage confirmation offers who can hold the episode, says why the others cannot, and allocates with one press', async () => {
    const rt = await run.pageFor(run.home.service.a['registered-therapist']);
    await rt.goto(`/referrals/${referralId}?triaged=1`);
    const offer = rt.getByRole('region', { name: 'Allocate the episode now' });
    await expect(offer.getByRole('button', { name: 'Allocate to Alex registered therapist' }).isVisible()).resolves.toBe(true);
    await expect(offer.getByRole('button', { name: 'Allocate to Alex clinical lead' }).isVisible()).resolves.toBe(true);
    await expect(offer.getByRole('button', { name: /Alex assistant practitioner/ }).count()).resolves.toBe(0);
    const reasons = (await offer.getByRole('listitem').allInnerTexts()).map(squash);
    expect(reasons).toContain('Alex assistant practitioner (Therapy assistant practitioner, band 4): Assistant practitioners can only hold non-complex episodes. This episode is complex.');
    await atEveryWidth(rt, 'referral (triaged, allocation offered)');

    await rt.setViewportSize({ width: 390, height: 844 });
    await clickAndWait(rt, offer.getByRole('button', { name: 'Allocate to Alex registered therapist' }), `**/episodes/${episodeId}?done=allocated`);
    await expect(flash(rt)).resolves.toContain('Allocation saved');
    expect(squash(await summaryValue(rt, 'Held by').textContent())).toBe('Alex registered therapist');
    await atEveryWidth(rt, 'episode (allocated from the triage confirmation)');

    await rt.goto(`/referrals/${referralId}`);
    await expect(rt.getByRole('region', { name: 'Allocate the episode now' }).count()).resolves.toBe(0);
  });

  it('the clinical lead’s home page says every episode is allocated', async () => {
    const lead = await run.pageFor(run.home.service.a['clinical-lead']);
    await lead.goto('/');
    await expect(lead.getByText('Every triaged episode in your team is allocated.').isVisible()).resolves.toBe(true);
    await atEveryWidth(lead, 'home (clinical lead, none unallocated)');
    expect(run.problems()).toEqual([]);
  });
});
