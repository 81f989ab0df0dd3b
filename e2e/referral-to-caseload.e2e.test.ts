// Issue 3's story, end to end in a real browser with axe on every page: a ward therapist refers Mrs B
// (registered by another team, so she opens the record by break-glass first) for D2A pathway 1; the referral lands on the team's incoming list; a
// registered OT triages it; the clinical lead allocates it to a Band 4 assistant practitioner, whose
// caseload shows Mrs B, her clock and why she sits where she does; a complex stroke episode cannot be
// given to that assistant practitioner; a week on she hands Mrs B over for the weekend, gets her back,
// and discharges her home with the outcome recorded. One story, steps in order, the clock moved on
// between days as the team would live them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../packages/server/src/staff/password.ts';
import { expectNoAxeViolations, homewardInBrowser, laterAs, referAndTriageByApi, registerPatientByApi, signInThroughPage, testPassword, useSession, type TestStaff } from './browser.ts';
import { clickAndWait, errorSummary, flash, heading, squash, submitExpectingErrors, summaryValue } from './record-pages.ts';

describe('Mrs B from referral to discharge, through triage, allocation within competence and the caseload', () => {
  const run = homewardInBrowser();
  const { pageFor } = run;
  let mrsB: string;
  let stroke: { referralId: string; episodeId: string };
  let referralId: string;
  let episodeId: string;
  /** A second Band 4 assistant practitioner in team A, to cover the weekend. */
  let colleague: TestStaff;

  beforeAll(async () => {
    // Mrs B is known to the other team only: team A has no relationship with her until the referral.
    mrsB = (await registerPatientByApi(run.home, run.home.service.otherTeamTherapist, { riskFlags: ['animals'], livesAlone: true })).id;
    const id = uuidv7();
    const now = run.home.clock.now();
    await run.home.db.insertInto('staff').values({
      id,
      email: 'carys.evans@test.example',
      given_name: 'Carys',
      family_name: 'Evans',
      profession: 'none',
      registration_number: null,
      band: '4',
      homeward_role: 'assistant-practitioner',
      team_id: run.home.service.teamA,
      base_location: null,
      password_hash: await hashPassword(testPassword, 10),
      created_at: now,
      updated_at: now,
    }).execute();
    colleague = { id, email: 'carys.evans@test.example', role: 'assistant-practitioner', teamId: run.home.service.teamA };
    // A complex stroke patient the team already knows, referred and triaged through the API: the story
    // is about who may hold it, not how it arrived.
    const strokePatient = await registerPatientByApi(run.home, run.home.service.a['clinical-lead'], { nhsNumber: '4010232137', givenName: 'Stanley', familyName: 'Stone', sex: 'male', dateOfBirth: '1939-03-02', contacts: [], riskFlags: [] });
    stroke = await referAndTriageByApi(run.home, run.home.service.a['registered-therapist'], strokePatient.id, {
      referral: { service: 'stroke-early-supported-discharge', reason: 'Left middle cerebral artery stroke: dense right hemiparesis, expressive dysphasia', urgencyRequested: 'urgent' },
      triage: { complexity: 'complex', complexityReason: 'Dense hemiparesis, dysphasia, two carers on each visit', priority: 'P1', skillsNeeded: ['OT', 'PT', 'two-person'], visitsPerWeek: 5 },
    });
  });
  let therapist: Page; // Alex registered therapist, an OT: the ward therapist role-play, then the triaging OT
  let lead: Page;
  let ap: Page; // Alex assistant practitioner, Band 4
  let cover: Page; // Carys Evans, the colleague covering the weekend

  /** Each body row's cells as read on screen (innerText, so a line break reads as a space). */
  const rowsOf = (table: Locator) => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.innerText.replace(/\s+/g, ' ').trim())));
  const history = (page: Page) => rowsOf(page.getByRole('table', { name: /Everything that has happened to this episode/ }));
  const caseloadTable = (page: Page) => page.locator('table.hw-caseload');
  const caseloadRow = (page: Page, name: string) => caseloadTable(page).getByRole('row', { name: new RegExp(name) });

  it('the ward therapist finds Mrs B, who is not her team’s patient, opens her record with the reason, and opens the referral form', async () => {
    therapist = await pageFor(run.home.service.a['registered-therapist']);
    await therapist.goto('/patients/search');
    await therapist.getByLabel('NHS number').fill('943 476 5919');
    await clickAndWait(therapist, therapist.getByRole('button', { name: 'Search by NHS number' }), /nhsNumber=/);
    const row = therapist.getByRole('listitem').filter({ has: therapist.getByRole('link', { name: 'BLOOR, Betty' }) });
    await expect(row.textContent()).resolves.toContain('Not your team');
    // A referral opens the record to the whole team, so its maker must see the record first: by
    // break-glass, with the reason, which the privacy officer reviews.
    await expect(therapist.goto(`/patients/${mrsB}/referrals/new`).then((r) => r?.status())).resolves.toBe(403);
    await therapist.goBack();
    await clickAndWait(therapist, therapist.getByRole('listitem').filter({ has: therapist.getByRole('link', { name: 'BLOOR, Betty' }) }).getByRole('link', { name: /Emergency access/ }), `**/patients/${mrsB}/break-glass`);
    await therapist.getByLabel('A referral for this patient has reached my team').check();
    await therapist.getByRole('textbox', { name: /Explain/ }).fill('Ward 7 referral by phone');
    await clickAndWait(therapist, therapist.getByRole('button', { name: 'Open the record' }), `**/patients/${mrsB}`);
    await clickAndWait(therapist, therapist.getByRole('link', { name: 'Make a referral' }), `**/patients/${mrsB}/referrals/new`);
    await expect(heading(therapist)).resolves.toBe('Make a referral');
    const banner = therapist.getByRole('region', { name: 'Patient details' });
    await expect(banner.textContent()).resolves.toContain('943 476 5919');
    await expect(therapist.getByRole('region', { name: 'Emergency access' }).textContent()).resolves.toContain('A referral for this patient has reached my team: Ward 7 referral by phone');
    await expectNoAxeViolations(therapist, 'referral form (empty, under break-glass)');
  });

  it('the form lists every missing answer, each linked to its field', async () => {
    await therapist.getByLabel('Time received').fill('');
    expect(await submitExpectingErrors(therapist, therapist.getByRole('button', { name: 'Save referral' }))).toEqual(
      expect.arrayContaining([
        'Select where the referral came from',
        'Enter the time the referral was received, like 14:30',
        'Select the service the patient is referred to',
        'Select where the patient will be seen',
        'Enter the reason for the referral',
        'Enter the name of the referrer',
        'Select whether the patient consented to the referral',
      ]),
    );
    await errorSummary(therapist).getByRole('link', { name: 'Enter the reason for the referral' }).click();
    await expect(therapist.evaluate(() => document.activeElement?.id)).resolves.toBe('reason');
    await expectNoAxeViolations(therapist, 'referral form (errors)');
  });

  it('refers Mrs B for D2A pathway 1 after a fall at home, now medically fit', async () => {
    const p = therapist;
    await p.getByRole('group', { name: 'Where did the referral come from?' }).getByLabel('Acute hospital ward').check();
    await p.getByLabel('Which ward, practice or team').fill('Ward 7, Royal Stoke');
    await p.getByLabel('Time received').fill('08:30');
    await p.getByRole('group', { name: 'Which service is the patient referred to?' }).getByLabel('D2A pathway 1', { exact: true }).check();
    await p.getByRole('group', { name: 'Where will the patient be seen?' }).getByLabel('Home').check();
    await p.getByLabel('Reason for referral').fill('Fall at home, long lie; now medically fit for discharge');
    await p.getByLabel('Presenting needs (optional)').fill('Walks with a frame; needs help with washing and dressing; lives alone with a dog');
    await p.getByRole('group', { name: /How soon does the referrer ask/ }).getByLabel('Soon').check();
    await p.getByLabel('Name and role').fill('Priya Shah, ward occupational therapist');
    await p.getByLabel('How to reach them').fill('01782 715444 bleep 123');
    await p.getByRole('group', { name: 'Has the patient consented to the referral?' }).getByLabel('Yes').check();
    await clickAndWait(p, p.getByRole('button', { name: 'Save referral' }), /\/referrals\/[0-9a-f-]{36}\?received=1$/);
    referralId = new URL(p.url()).pathname.split('/')[2]!;
    await expect(heading(p)).resolves.toBe('Referral to D2A pathway 1');
    await expect(flash(p)).resolves.toContain('Referral received');
    expect(squash(await summaryValue(p, 'Received').textContent())).toBe('24 Nov 2026, 08:30');
    expect(squash(await summaryValue(p, 'From').textContent())).toBe('Acute hospital ward (Ward 7, Royal Stoke)');
    await expectNoAxeViolations(p, 'referral (received)');
  });

  it('the referral is on the team’s incoming list', async () => {
    await clickAndWait(therapist, therapist.getByRole('link', { name: 'Referrals', exact: true }).first(), '**/referrals');
    await expect(heading(therapist)).resolves.toBe('Incoming referrals');
    const rows = await rowsOf(therapist.getByRole('table', { name: /waiting for triage/ }));
    expect(rows).toHaveLength(1);
    const [patient, ...rest] = rows[0]!;
    expect(patient).toMatch(/^BLOOR, Betty ?: referral to D2A pathway 1 Born 17 May 1941$/);
    expect(rest).toEqual(['943 476 5919', 'D2A pathway 1', '24 Nov 2026, 08:30', 'Soon', '30 min']);
    await expectNoAxeViolations(therapist, 'incoming referrals');
  });

  it('a registered OT triages it: non-complex, P2, occupational therapy, and sees when first contact is due', async () => {
    const p = therapist;
    await clickAndWait(p, p.getByRole('link', { name: /BLOOR, Betty/ }), `**/referrals/${referralId}`);
    await clickAndWait(p, p.getByRole('button', { name: 'Triage this referral' }), `**/referrals/${referralId}/triage`);
    await expectNoAxeViolations(p, 'triage (empty)');
    // Each priority says, before choosing it, when first contact would be due under the service's standard.
    await expect(p.getByRole('group', { name: 'Priority' }).textContent()).resolves.toContain('First contact due by 26 Nov 2026, 08:30 (Reablement: 2 days)');

    expect(await submitExpectingErrors(p, p.getByRole('button', { name: 'Accept and open episode of care' }))).toEqual(
      expect.arrayContaining(['Select whether the patient’s needs are complex or non-complex', 'Select a priority: P1, P2 or P3', 'Select occupational therapy, physiotherapy or both']),
    );
    await expectNoAxeViolations(p, 'triage (errors)');

    await p.getByRole('group', { name: 'Are the patient’s needs complex?' }).getByLabel('Non-complex').check();
    await p.getByLabel('Why', { exact: true }).fill('Single need after a fall, medically stable, daughter nearby');
    await p.getByRole('group', { name: 'Priority' }).getByLabel('P2 (soon)').check();
    await p.getByRole('group', { name: 'Skills needed' }).getByLabel('Occupational therapy').check();
    await p.getByLabel('Visits per week').fill('2');
    await clickAndWait(p, p.getByRole('button', { name: 'Accept and open episode of care' }), `**/referrals/${referralId}?triaged=1`);
    await expect(flash(p)).resolves.toContain('First contact is due by 26 Nov 2026, 08:30 (Reablement: 2 days from 24 Nov 2026, 08:30)');
    expect(squash(await summaryValue(p, 'Priority').textContent())).toBe('P2 (soon)');
    expect(squash(await summaryValue(p, 'Skills needed').textContent())).toBe('Occupational therapy');
    await expectNoAxeViolations(p, 'referral (triaged)');
    // Triaged, the referral has left the incoming list.
    await p.goto('/referrals');
    await expect(p.getByText('There are no referrals waiting for triage.').isVisible()).resolves.toBe(true);
  });

  it('the clinical lead finds Mrs B on the waiting list and allocates her to the Band 4 assistant practitioner', async () => {
    lead = await pageFor(run.home.service.a['clinical-lead']);
    await lead.goto('/');
    await clickAndWait(lead, lead.getByRole('link', { name: 'Waiting list', exact: true }).first(), '**/caseload/waiting');
    await expect(heading(lead)).resolves.toBe('Waiting list');
    const row = caseloadRow(lead, 'BLOOR, Betty');
    expect(squash(await row.textContent())).toContain('Due in 1 day 23 h');
    await expectNoAxeViolations(lead, 'waiting list');
    await clickAndWait(lead, row.getByRole('link', { name: 'BLOOR, Betty' }), /\/episodes\/[0-9a-f-]{36}$/);
    episodeId = new URL(lead.url()).pathname.split('/')[2]!;
    expect(squash(await summaryValue(lead, 'Held by').textContent())).toBe('Nobody: on the team’s waiting list');
    await expectNoAxeViolations(lead, 'episode (waiting)');

    await clickAndWait(lead, lead.getByRole('link', { name: 'Allocate this episode' }), `**/episodes/${episodeId}/allocate`);
    await expect(heading(lead)).resolves.toBe('Allocate the episode');
    const competence = lead.getByRole('table', { name: /caseload and competence/ });
    expect(squash(await competence.getByRole('row', { name: /Alex assistant practitioner/ }).textContent())).toMatch(/Yes$/);
    expect(squash(await competence.getByRole('row', { name: /Alex support worker/ }).textContent())).toContain('No: Therapy support workers do not hold episodes of care or carry out assessments');
    await expectNoAxeViolations(lead, 'allocate (empty)');

    await lead.getByRole('button', { name: 'Save allocation' }).click();
    await errorSummary(lead).waitFor();
    await expect(errorSummary(lead).textContent()).resolves.toContain('Choose who will hold the episode, or the team’s waiting list');
    await expectNoAxeViolations(lead, 'allocate (errors)');

    await lead.getByRole('group', { name: 'Who will hold the episode?' }).getByLabel('Alex assistant practitioner').check();
    await clickAndWait(lead, lead.getByRole('button', { name: 'Save allocation' }), `**/episodes/${episodeId}?done=allocated`);
    await expect(flash(lead)).resolves.toContain('Allocation saved');
    expect(squash(await summaryValue(lead, 'Held by').textContent())).toBe('Alex assistant practitioner');
    const events = await history(lead);
    expect(events.map((e) => [e[1], e[2]])).toEqual([
      ['Triaged Reason: Single need after a fall, medically stable, daughter nearby', 'Alex registered therapist'],
      ['Allocated to Alex assistant practitioner', 'Alex clinical lead'],
    ]);
    await expectNoAxeViolations(lead, 'episode (allocated)');
  });

  it('the assistant practitioner signs in; her caseload shows Mrs B, her clock and why she sits where she does', async () => {
    ap = await pageFor();
    await signInThroughPage(ap, run.home.service.a['assistant-practitioner']);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Caseload', exact: true }).first(), '**/caseload');
    await expect(heading(ap)).resolves.toBe('My caseload');
    const rows = await rowsOf(caseloadTable(ap));
    expect(rows).toHaveLength(1);
    const [patient, priority, clock, contact, review, , why] = rows[0]!;
    expect(patient).toMatch(/^BLOOR, Betty NHS number 943 476 5919 D2A pathway 1 Animals$/);
    expect(priority).toBe('P2 Non-complex');
    expect(clock).toBe('Due in 1 day 23 h Due 26 Nov 2026, 08:30');
    expect(contact).toBe('Last: none yet Next: none planned');
    expect(review).toBe('Not set');
    // The reasons for her place in the order, with their points.
    expect(why).toMatch(/^Score \d+ P2 \(soon\) \(\+\d+\)/);
    expect(why).toMatch(/1 risk flag \(\+\d+\)/);
    expect(why).toMatch(/Lives alone \(\+\d+\)/);
    await expectNoAxeViolations(ap, 'my caseload');

    await clickAndWait(ap, ap.getByRole('link', { name: /Printable view/ }), '**/caseload?print=1');
    await expect(ap.getByText('Contains patient information').isVisible()).resolves.toBe(true);
    await expect(caseloadTable(ap).getByRole('link').count()).resolves.toBe(0);
    await expectNoAxeViolations(ap, 'my caseload (print)');
    // No dead end: the way back is shown on screen (and hidden only on paper).
    await clickAndWait(ap, ap.getByRole('link', { name: 'Back to the screen view' }), '**/caseload');
  });

  it('a complex stroke episode cannot be allocated to the assistant practitioner, and the page says why', async () => {
    await lead.goto(`/episodes/${stroke.episodeId}/allocate`);
    await expect(heading(lead)).resolves.toBe('Allocate the episode');
    const competence = lead.getByRole('table', { name: /caseload and competence/ });
    expect(squash(await competence.getByRole('row', { name: /Alex assistant practitioner/ }).textContent())).toContain(
      'No: Assistant practitioners can only hold non-complex episodes. This episode is complex.',
    );
    const choices = lead.getByRole('group', { name: 'Who will hold the episode?' });
    await expect(choices.getByLabel('Alex assistant practitioner').count()).resolves.toBe(0);
    await expect(choices.getByLabel('Alex clinical lead').count()).resolves.toBe(1);

    // A form from before the triage changed, or one tampered with: the server refuses just the same.
    await lead.evaluate((staffId) => {
      const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'staffId', value: staffId });
      document.querySelector('form[action$="/allocate"]')?.append(input);
    }, run.home.service.a['assistant-practitioner'].id);
    const [response] = await Promise.all([lead.waitForResponse((r) => r.url().endsWith('/allocate') && r.request().method() === 'POST'), lead.getByRole('button', { name: 'Save allocation' }).click()]);
    expect(response.status()).toBe(400);
    await errorSummary(lead).waitFor();
    expect(squash(await errorSummary(lead).getByRole('link').first().textContent())).toBe(
      'Alex assistant practitioner cannot hold this episode. Assistant practitioners can only hold non-complex episodes. This episode is complex.',
    );
    await expectNoAxeViolations(lead, 'allocate (refused)');

    const episode = await run.home.db.selectFrom('episodes').select(['allocated_to', 'version']).where('id', '=', stroke.episodeId).executeTakeFirstOrThrow();
    expect(episode).toEqual({ allocated_to: null, version: 1 });
    const refusal = await run.home.db.selectFrom('audit_events').select(['staff_id', 'detail']).where('record_id', '=', stroke.episodeId).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(refusal.staff_id).toBe(run.home.service.a['clinical-lead'].id);
    expect(refusal.detail).toMatchObject({ rule: 'assistant-practitioner-non-complex-only', staffId: run.home.service.a['assistant-practitioner'].id });
  });

  it('the next morning she records first contact, within the clock', async () => {
    await laterAs(run.home, ap, '2026-11-25T10:30:00Z', run.home.service.a['assistant-practitioner']); // Wednesday
    await ap.goto('/caseload');
    await clickAndWait(ap, caseloadRow(ap, 'BLOOR, Betty').getByRole('link', { name: 'BLOOR, Betty' }), `**/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Record first contact' }), `**/episodes/${episodeId}/first-contact`);
    await expect(heading(ap)).resolves.toBe('Record first contact');
    await expectNoAxeViolations(ap, 'first contact (empty)');
    await ap.getByLabel('Time of first contact').fill('25:00');
    await ap.getByRole('button', { name: 'Record first contact' }).click();
    await errorSummary(ap).waitFor();
    await expect(errorSummary(ap).textContent()).resolves.toContain('Enter a real time, using the 24-hour clock');
    await expectNoAxeViolations(ap, 'first contact (errors)');
    await ap.getByLabel('Time of first contact').fill('10:00');
    await ap.getByLabel('The first assessment was done at this contact').check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record first contact' }), `**/episodes/${episodeId}?done=first-contact`);
    await expect(flash(ap)).resolves.toContain('First contact recorded');
    expect(squash(await summaryValue(ap, 'Status').textContent())).toBe('Active');
    expect(squash(await summaryValue(ap, 'First contact').textContent())).toBe('25 Nov 2026, 10:00');
    await expect(ap.getByText('First contact met').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'episode (active)');
  });

  it('a week later she hands Mrs B over to a colleague for the weekend, with the reason kept in the history', async () => {
    await laterAs(run.home, ap, '2026-12-04T15:00:00Z', run.home.service.a['assistant-practitioner']); // Friday afternoon
    await ap.goto(`/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Hand over to a colleague' }), `**/episodes/${episodeId}/hand-over`);
    await expect(heading(ap)).resolves.toBe('Hand over the episode');
    await expectNoAxeViolations(ap, 'hand over (empty)');
    await ap.getByRole('group', { name: 'Which colleague is taking it?' }).getByLabel('Carys Evans').check();
    await ap.getByRole('button', { name: 'Hand over' }).click();
    await errorSummary(ap).waitFor();
    await expect(errorSummary(ap).textContent()).resolves.toContain('Choose why the episode is being handed over');
    await expectNoAxeViolations(ap, 'hand over (errors)');

    await ap.getByRole('group', { name: 'Why is it moving?' }).getByLabel('Weekend hand-over').check();
    await ap.getByLabel('Note (optional)').fill('Saturday and Sunday morning visits: practise the stairs; key safe by the side door');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Hand over' }), `**/episodes/${episodeId}?done=handed-over`);
    await expect(flash(ap)).resolves.toContain('Episode handed over');
    expect(squash(await summaryValue(ap, 'Held by').textContent())).toBe('Carys Evans');
    const last = (await history(ap)).at(-1)!;
    expect(last[1]).toBe('Handed over from Alex assistant practitioner to Carys Evans Reason: Weekend hand-over: Saturday and Sunday morning visits: practise the stairs; key safe by the side door');
    expect(last[2]).toBe('Alex assistant practitioner');
    await expectNoAxeViolations(ap, 'episode (handed over)');

    await ap.goto('/caseload');
    await expect(ap.getByText('There are no open episodes on this caseload.').isVisible()).resolves.toBe(true);
    cover = await pageFor(colleague);
    await cover.goto('/caseload');
    await expect(caseloadRow(cover, 'BLOOR, Betty').count()).resolves.toBe(1);
  });

  it('on Monday the colleague hands her back', async () => {
    await laterAs(run.home, cover, '2026-12-07T08:30:00Z', colleague);
    await cover.goto(`/episodes/${episodeId}/hand-over`);
    await cover.getByRole('group', { name: 'Which colleague is taking it?' }).getByLabel('Alex assistant practitioner').check();
    await cover.getByRole('group', { name: 'Why is it moving?' }).getByLabel('Weekend hand-over').check();
    await cover.getByLabel('Note (optional)').fill('Back after the weekend: stairs practised both days');
    await clickAndWait(cover, cover.getByRole('button', { name: 'Hand over' }), `**/episodes/${episodeId}?done=handed-over`);
    expect(squash(await summaryValue(cover, 'Held by').textContent())).toBe('Alex assistant practitioner');
  });

  it('at the end she discharges Mrs B home: the outcome is required, then recorded, and Mrs B leaves the caseload', async () => {
    await laterAs(run.home, ap, '2026-12-11T14:00:00Z', run.home.service.a['assistant-practitioner']);
    await ap.goto('/caseload');
    await clickAndWait(ap, caseloadRow(ap, 'BLOOR, Betty').getByRole('link', { name: 'BLOOR, Betty' }), `**/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Discharge', exact: true }), `**/episodes/${episodeId}/discharge`);
    await expect(heading(ap)).resolves.toBe('Discharge the patient');
    await expectNoAxeViolations(ap, 'discharge (empty)');

    await ap.getByRole('button', { name: 'Discharge' }).click();
    await errorSummary(ap).waitFor();
    await expect(errorSummary(ap).getByRole('link').count()).resolves.toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(ap, 'discharge (errors)');
    const unchanged = await run.home.db.selectFrom('episodes').select('status').where('id', '=', episodeId).executeTakeFirstOrThrow();
    expect(unchanged.status).toBe('active');

    await ap.getByRole('group', { name: 'Outcome of the episode' }).getByLabel('Goals met').check();
    await ap.getByRole('group', { name: 'Where did the patient go?' }).getByLabel('Home with support from family or friends').check();
    await ap.getByLabel('Discharge note (optional)').fill('Walking indoors with a stick, managing stairs and washing independently');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Discharge' }), `**/episodes/${episodeId}?done=discharged`);
    await expect(flash(ap)).resolves.toContain('Patient discharged');
    expect(squash(await summaryValue(ap, 'Status').textContent())).toBe('Discharged');
    expect(squash(await summaryValue(ap, 'Discharged').textContent())).toBe('11 December 2026: Goals met, Home with support from family or friends');
    const events = await history(ap);
    expect(events.map((e) => e[1]?.replace(/ Reason: .*$/, ''))).toEqual([
      'Triaged',
      'Allocated to Alex assistant practitioner',
      'First contact and first assessment recorded',
      'Handed over from Alex assistant practitioner to Carys Evans',
      'Handed over from Carys Evans to Alex assistant practitioner',
      'Discharged: Goals met',
    ]);
    await expectNoAxeViolations(ap, 'episode (discharged)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Caseload', exact: true }).first(), '**/caseload');
    await expect(caseloadRow(ap, 'BLOOR, Betty').count()).resolves.toBe(0);
    await expect(ap.getByText('There are no open episodes on this caseload.').isVisible()).resolves.toBe(true);
    await ap.goto('/caseload/team');
    await expect(caseloadRow(ap, 'BLOOR, Betty').count()).resolves.toBe(0);
    await expect(caseloadRow(ap, 'STONE, Stanley').count()).resolves.toBe(1);
  });

  it('the clinical lead sees Mrs B’s wait in the referral-to-first-contact report', async () => {
    await useSession(lead.context(), run.home, run.home.service.a['clinical-lead']);
    await lead.goto('/reports/first-contact');
    await expect(heading(lead)).resolves.toBe('Referral to first contact');
    const rows = await rowsOf(lead.getByRole('table', { name: 'Referral to first contact, by service' }));
    expect(rows).toEqual([['D2A pathway 1', '1', '1 day 1 h', '1 day 1 h', '100% (1 of 1)']]);
    await expectNoAxeViolations(lead, 'first-contact report');
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(run.problems()).toEqual([]);
  });
});
