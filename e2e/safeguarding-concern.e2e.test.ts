// Issue 17's safeguarding story in a real browser: on a home visit the therapist raises an adult concern
// from the patient's episode (one page, with the patient banner; a missing answer gets the error
// summary), gets the reference and what happens next; the team's clinical lead sees only the banner flag;
// the safeguarding lead finds the concern on her home page and list by its 24-hour clock, opens it,
// decides to refer to the local authority with the date and reference, and closes it. Every page axe
// clean at a phone's and a tablet's width, without sideways scrolling.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { clickAndWait, fillDate, flash, squash } from './record-pages.ts';

const widths = [390, 768] as const;

describe('a safeguarding concern from a home visit to the lead’s decision', () => {
  const run = homewardInBrowser();

  it('raised from the episode, seen as a flag only by the team, decided and closed by the safeguarding lead', async () => {
    const home = run.home;
    const therapist = home.service.a['registered-therapist'];
    const clinicalLead = home.service.a['clinical-lead'];
    const sgLead = home.service.otherTeamTherapist;
    const now = home.clock.now();
    await home.db.insertInto('safety_designations').values({ id: uuidv7(), staff_id: sgLead.id, designation: 'safeguarding-lead', starts_on: '2026-01-01', created_at: now, created_by: sgLead.id, updated_at: now, updated_by: sgLead.id }).execute();
    const patient = await registerPatientByApi(home, therapist, { nhsNumber: testNhsNumberForIndex(761_001), givenName: 'Betty', familyName: 'Bloor' });
    const episodeId = await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: therapist.id });

    // The therapist, back from the visit, types the address from memory: the page says how, and leads to the episode.
    const tPage = await run.pageFor(therapist);
    await tPage.goto('/safety/safeguarding/new');
    expect(squash(await tPage.locator('main').textContent())).toContain('Open their episode and choose Raise a safeguarding concern');
    await checkAtEveryWidth(tPage, 'how to raise a safeguarding concern', widths);
    await clickAndWait(tPage, tPage.getByRole('link', { name: 'your caseload' }), /\/caseload$/);
    // Then raises the concern from the episode.
    await tPage.goto(`/episodes/${episodeId}`);
    await clickAndWait(tPage, tPage.getByRole('link', { name: 'Raise a safeguarding concern' }), /\/safety\/safeguarding\/new\?episodeId=/);
    expect(squash(await tPage.locator('.hw-patient-banner').textContent())).toContain('BLOOR, Betty');
    await checkAtEveryWidth(tPage, 'raising a safeguarding concern', widths);
    await tPage.getByRole('group', { name: 'Is the concern about an adult or a child?' }).getByLabel('An adult').check();
    await tPage.getByRole('group', { name: 'If an adult: categories of abuse or neglect (Care Act 2014)' }).getByLabel('Financial or material abuse').check();
    await tPage.getByRole('group', { name: 'Who is at risk?' }).getByLabel('The patient').check();
    await tPage.getByLabel('What did you see or were you told?').fill('Her grandson keeps her bank card; no food in the house this week.');
    // Forgot whether anyone is in danger: the error summary says so, and what was typed is kept.
    await tPage.getByLabel('What have you done so far?').fill('Spoke to her alone; food parcel arranged.');
    await tPage.getByLabel('Yes, they agreed to the concern being shared').check();
    await clickAndWait(tPage, tPage.getByRole('button', { name: 'Raise the concern' }), /\/safety\/safeguarding\/new/);
    expect(squash(await tPage.locator('.nhsuk-error-summary').textContent())).toContain('Select whether anyone is in immediate danger');
    await checkAtEveryWidth(tPage, 'a concern with a missing answer', widths);
    await tPage.getByRole('group', { name: 'Is anyone in immediate danger?' }).getByLabel('No').check();
    await clickAndWait(tPage, tPage.getByRole('button', { name: 'Raise the concern' }), /\/raised$/);
    const confirmation = squash(await tPage.locator('main').textContent());
    expect(confirmation).toMatch(/Your reference is ?SG-\d{6}/);
    expect(confirmation).toContain('What happens next');
    const reference = /SG-\d{6}/.exec(confirmation)![0];
    await checkAtEveryWidth(tPage, 'a concern raised', widths);

    // The team's clinical lead sees that a concern is open, and nothing of it.
    const cPage = await run.pageFor(clinicalLead);
    await cPage.goto(`/patients/${patient.id}`);
    expect(squash(await cPage.locator('.hw-patient-banner').textContent())).toContain('Safeguarding concern open');
    expect(squash(await cPage.locator('main').textContent())).not.toContain(reference);

    // The safeguarding lead: on her home page by its clock, then the list and the concern.
    const page = await run.pageFor(sgLead);
    await page.goto('/');
    const due = page.locator('.hw-due');
    expect(squash(await due.textContent())).toContain(`${reference}: decision due in 24 hours`);
    await clickAndWait(page, due.getByRole('link', { name: new RegExp(reference) }), /\/safety\/safeguarding\//);
    await checkAtEveryWidth(page, 'a safeguarding concern', widths);
    await page.goto('/safety/safeguarding');
    expect(squash(await page.locator('#concerns').textContent())).toContain('Decision due in 24 hours');
    await checkAtEveryWidth(page, 'the safeguarding lead’s list', widths);
    await clickAndWait(page, page.getByRole('link', { name: reference }), /\/safety\/safeguarding\/[0-9a-f-]{36}$/);

    // Closing first is refused with a clear message; then the decision, then closing.
    await clickAndWait(page, page.getByRole('button', { name: 'Close the concern' }), /\/close$/);
    expect(squash(await page.locator('.nhsuk-error-summary').textContent())).toContain('Record the decision before closing the concern');
    await page.getByRole('group', { name: 'Decision', exact: true }).getByLabel(/Refer to the local authority/).check();
    await fillDate(page.getByRole('group', { name: 'If referred: date of the referral' }), '24', '11', '2026');
    await page.getByLabel('If referred: the local authority’s reference').fill('STAFFS-ASC-1207');
    await clickAndWait(page, page.getByRole('button', { name: 'Save the decision' }), /done=decided/);
    expect(await flash(page)).toContain('Decision recorded');
    expect(squash(await page.locator('main').textContent())).toContain('local authority reference STAFFS-ASC-1207');
    await checkAtEveryWidth(page, 'a decided concern', widths);
    await clickAndWait(page, page.getByRole('button', { name: 'Close the concern' }), /done=closed/);
    expect(await flash(page)).toContain('Concern closed');
    await checkAtEveryWidth(page, 'a closed concern', widths);
    expect(run.problems()).toEqual([]);
  });
});
