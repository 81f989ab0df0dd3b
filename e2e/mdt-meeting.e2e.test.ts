// Issue 16's MDT story in a real browser: a therapist flags an episode for discussion from its page; the
// clinical lead schedules the meeting, builds its agenda from the caseload, records who came, records the
// patient's discussion and decision (which reaches the timeline) and an action for the assistant
// practitioner, who finds it on her home page and closes it. Every page axe clean at a phone's and a
// tablet's width, without sideways scrolling.
import { describe, expect, it } from 'vitest';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { clickAndWait, fillDate, flash, squash } from './record-pages.ts';

const widths = [390, 768] as const;

describe('an MDT meeting from its agenda to actions on the owner’s home page', () => {
  const run = homewardInBrowser();

  it('flags, schedules, builds the agenda, records attendance, the decision and an action, which its owner closes from her home page', async () => {
    const home = run.home;
    const therapist = home.service.a['registered-therapist'];
    const lead = home.service.a['clinical-lead'];
    const assistant = home.service.a['assistant-practitioner'];
    const patient = await registerPatientByApi(home, therapist, { nhsNumber: testNhsNumberForIndex(760_001), givenName: 'Betty', familyName: 'Bloor' });
    const episodeId = await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: therapist.id });

    // The therapist flags the episode from its page.
    const tPage = await run.pageFor(therapist);
    await tPage.goto(`/episodes/${episodeId}`);
    await clickAndWait(tPage, tPage.getByRole('link', { name: 'Flag for discussion at the MDT meeting' }), /\/mdt-flag$/);
    await checkAtEveryWidth(tPage, 'flagging an episode', widths);
    await tPage.getByLabel('What does the team need to discuss?').fill('Two falls since the hoist was fitted');
    await clickAndWait(tPage, tPage.getByRole('button', { name: 'Flag for discussion' }), /done=flagged/);
    expect(await flash(tPage)).toContain('Flagged for discussion at the next MDT meeting');

    // The lead schedules the meeting, Thursday 26 November at 13:30.
    const page = await run.pageFor(lead);
    await page.goto('/');
    await followHeaderLink(page, 'MDT meetings');
    await checkAtEveryWidth(page, 'MDT meetings', widths);
    await clickAndWait(page, page.getByRole('button', { name: 'Schedule a meeting' }), /\/mdt\/meetings\/new$/);
    await checkAtEveryWidth(page, 'scheduling a meeting', widths);
    await fillDate(page.getByRole('group', { name: 'Date of the meeting' }), '26', '11', '2026');
    await page.getByLabel('Start time').fill('13:30');
    await page.getByLabel('Where (optional)').fill('Seminar room, Haywood Hospital');
    await clickAndWait(page, page.getByRole('button', { name: 'Schedule the meeting' }), /done=scheduled/);

    // The agenda from the caseload: Betty, flagged.
    await clickAndWait(page, page.getByRole('button', { name: 'Build the agenda from the caseload' }), /done=agenda/);
    const agenda = page.locator('#agenda + table');
    expect(squash(await agenda.textContent())).toContain('Betty Bloor');
    expect(squash(await agenda.textContent())).toContain('Flagged for discussion');

    // Who came.
    await page.getByText('Record who attended').click();
    await page.getByLabel('A member of the team').selectOption({ label: 'Alex registered therapist (Registered therapist)' });
    await clickAndWait(page, page.getByRole('button', { name: 'Record attendance' }), /done=attendee/);
    expect(squash(await page.locator('#attendance + ul').textContent())).toContain('Alex registered therapist');
    await checkAtEveryWidth(page, 'a meeting with its agenda', widths);

    // Betty's discussion, decision and an action for the assistant practitioner.
    await clickAndWait(page, agenda.getByRole('link', { name: 'Betty Bloor', exact: true }), /\/mdt\/agenda-items\//);
    expect(squash(await page.locator('.hw-patient-banner').textContent())).toContain('BLOOR, Betty');
    await checkAtEveryWidth(page, 'a patient’s discussion', widths);
    await page.getByLabel('What was discussed').fill('Falls at transfer; carers unsure of the sling size.');
    await page.getByLabel('What was decided').fill('Joint visit with the moving and handling lead');
    await clickAndWait(page, page.getByRole('button', { name: 'Save the discussion' }), /done=discussed/);
    await page.getByLabel('Action').fill('Book a joint visit with the moving and handling lead');
    await page.getByLabel('Owner').selectOption({ label: 'Alex assistant practitioner (Therapy assistant practitioner)' });
    await fillDate(page.getByRole('group', { name: 'Due by' }), '30', '11', '2026');
    await clickAndWait(page, page.getByRole('button', { name: 'Add the action' }), /done=action/);
    expect(squash(await page.locator('#actions + table').textContent())).toContain('Book a joint visit');
    await checkAtEveryWidth(page, 'a discussion with its action', widths);

    // The decision is in Betty's timeline.
    await page.goto(`/episodes/${episodeId}/timeline`);
    expect(squash(await page.locator('main').textContent())).toContain('MDT decision (meeting of 2026-11-26): Joint visit with the moving and handling lead');

    // The assistant practitioner finds the action on her home page and closes it.
    const aPage = await run.pageFor(assistant);
    await aPage.goto('/');
    const due = aPage.locator('.hw-due');
    expect(squash(await due.textContent())).toContain('MDT actions: Book a joint visit with the moving and handling lead (Betty Bloor)');
    await checkAtEveryWidth(aPage, 'home with an MDT action due', widths);
    await clickAndWait(aPage, due.getByRole('link', { name: /Book a joint visit/ }), /\/mdt\/actions/);
    await checkAtEveryWidth(aPage, 'my MDT actions', widths);
    await aPage.getByLabel('What was done (optional)').fill('Booked for 2 December');
    await clickAndWait(aPage, aPage.getByRole('button', { name: /^Close/ }), /done=closed/);
    expect(squash(await aPage.locator('main').textContent())).toContain('You have no open MDT actions');
    await aPage.goto('/');
    // The closed action is off her home page (other parts' items, such as her supervision, may be there).
    expect(await aPage.locator('.hw-due').count() ? squash(await aPage.locator('.hw-due').textContent()) : '').not.toContain('MDT actions');
    expect(run.problems()).toEqual([]);
  });
});
