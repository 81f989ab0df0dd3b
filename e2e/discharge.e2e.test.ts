// Discharge in a real browser, with axe on every page state: at the end of Mrs B's stroke early
// supported discharge her assistant practitioner opens the discharge summary from the record, drafts
// it from what is recorded (her Barthel 12 to 16, her goal rated at discharge), fills in the equipment
// section, is stopped from finalising with the follow-up wording empty, then finalises it and produces
// her letter in large print (the default, from her recorded communication needs) and the GP copy.
// Both stored PDFs open from the list of letters.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { pdfBodyFontSize, pdfText } from '../packages/server/test/pdf-text.ts';
import { barthelAt12, barthelAt16, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, openPage, referAndTriageByApi, registerPatientByApi, type OpenedPage } from './browser.ts';
import { clickAndWait, flash, heading, squash, submitExpectingErrors } from './record-pages.ts';

describe('discharge: draft, edit, finalise, and the letters to Mrs B and her GP', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage;
  let ap: Page;
  let episodeId: string;

  beforeAll(async () => {
    const apStaff = run.home.service.a['assistant-practitioner'];
    let patientId: string;
    // Referred yesterday: the baseline assessment below was done last night, and no clinical entry may precede the referral.
    const receivedAt = new Date(run.home.clock.now().getTime() - 24 * 3_600_000).toISOString();
    ({ episodeId, patientId } = await episodeAllocatedTo(run.home, apStaff, { referral: { service: 'stroke-early-supported-discharge', receivedAt } }));

    // What the assistant practitioner has recorded: a Barthel baseline of 12 and 16 at discharge, and a goal rated at discharge.
    const apClient = await run.home.signIn(apStaff);
    const at = (minutesAgo: number) => new Date(run.home.clock.now().getTime() - minutesAgo * 60_000);
    for (const [timePoint, responses, ago] of [['baseline', barthelAt12, 600], ['discharge', barthelAt16, 60]] as const) {
      const saved = await apClient.post(`/api/episodes/${episodeId}/assessments`, { instrumentId: 'barthel-index', method: 'observed', timePoint, administeredAt: at(ago).toISOString(), responses });
      if (saved.statusCode !== 201) throw new Error(`could not record a Barthel: ${saved.statusCode} ${saved.body}`);
    }
    const goalId = uuidv7();
    const stamp = { created_at: at(500), created_by: apStaff.id, updated_at: at(500), updated_by: apStaff.id };
    const levels = { '-2': 'Cannot make a drink', '-1': 'Makes a hot drink with help', '0': 'Makes a hot drink on her own', '+1': 'Makes a drink and a snack on her own', '+2': 'Makes a simple meal on her own' };
    await run.home.db.insertInto('goals').values({ id: goalId, episode_id: episodeId, patient_id: patientId, statement: 'I want to make my own cup of tea', levels: JSON.stringify(levels), baseline_level: -1, importance: null, difficulty: null, target_on: '2026-12-08', agreed_with: 'Betty', ...stamp }).execute();
    await run.home.db.insertInto('goal_attainments').values({ id: uuidv7(), goal_id: goalId, episode_id: episodeId, patient_id: patientId, time_point: 'discharge', level: 1, note: null, rated_at: at(30), recorded_at: at(30), recorded_by: apStaff.id, recorded_by_role: 'assistant-practitioner' }).execute();

    opened = await run.open(apStaff);
    ap = opened.page;
  });

  it('she opens the discharge summary from the record: nothing drafted yet, explained, with a way to draft it', async () => {
    await ap.goto(`/episodes/${episodeId}/record`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Discharge summary and letters' }), `**/episodes/${episodeId}/discharge-summary`);
    await expect(heading(ap)).resolves.toBe('Discharge summary');
    await expect(ap.getByRole('region', { name: 'Patient details' }).textContent()).resolves.toContain('943 476 5919');
    await expect(ap.getByText('No discharge summary has been drafted for this episode yet.').isVisible()).resolves.toBe(true);
    await expect(ap.getByRole('link', { name: 'Back to the record' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'discharge summary (none yet)');
  });

  it('she drafts it from the record and sees each section with where it came from', async () => {
    await clickAndWait(ap, ap.getByRole('button', { name: 'Draft the discharge summary' }), `**/episodes/${episodeId}/discharge-summary?done=drafted`);
    await expect(flash(ap)).resolves.toContain('Discharge summary drafted from the record');
    const measures = ap.getByLabel('For the GP and the record: Outcome measures');
    await expect(measures.inputValue()).resolves.toMatch(/Barthel Index: from 12 to 16 points\. .*passes the minimal clinically important difference/);
    await expect(ap.getByLabel('For the patient, in plain English: Outcome measures').inputValue()).resolves.toBe('- Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    await expect(ap.getByLabel('For the GP and the record: Goals and attainment').inputValue()).resolves.toContain('GAS T-score (unweighted, 1 goal): 40.00 at baseline, 60.00 at discharge.');
    await expect(ap.getByText(/Where this came from: Homeward does not keep an equipment record yet/).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'discharge summary (draft)');
  });

  it('she fills in the equipment and saves the draft; finalising with the follow-up wording empty is refused', async () => {
    await ap.getByLabel('For the GP and the record: Equipment').fill('Perching stool issued (loan ref EQ-4471).');
    await ap.getByLabel('For the patient, in plain English: Equipment').fill('We lent you a perching stool to use in the kitchen.');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the draft' }), `**/episodes/${episodeId}/discharge-summary?done=saved`);
    await expect(flash(ap)).resolves.toContain('Draft saved (version 2).');
    await expect(ap.getByLabel('For the GP and the record: Equipment').inputValue()).resolves.toBe('Perching stool issued (loan ref EQ-4471).');
    await expectNoAxeViolations(ap, 'discharge summary (saved)');

    const followUp = ap.getByLabel('For the patient, in plain English: Follow-up and who to contact');
    const wording = await followUp.inputValue();
    await followUp.fill('');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save and finalise' }))).toEqual(['Follow-up and who to contact: enter the patient’s wording before finalising']);
    await expectNoAxeViolations(ap, 'discharge summary (errors)');
    expect((await run.home.db.selectFrom('discharge_summaries').select('status').executeTakeFirstOrThrow()).status).toBe('draft');

    await ap.getByLabel('For the patient, in plain English: Follow-up and who to contact').fill(wording);
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save and finalise' }), `**/episodes/${episodeId}/discharge-summary?done=finalised`);
    await expect(flash(ap)).resolves.toContain('Discharge summary finalised');
    await expect(ap.getByText('We lent you a perching stool to use in the kitchen.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'discharge summary (final)');
  });

  it('she produces Mrs B’s letter in large print (her recorded need) and the copy to her GP; both PDFs open from the list', async () => {
    const printSize = ap.getByRole('group', { name: 'Print size' });
    await expect(printSize.getByLabel('Large print (18 point)').isChecked()).resolves.toBe(true);
    await expect(printSize.getByText('Large print, because Betty Bloor’s recorded communication needs include large print.').isVisible()).resolves.toBe(true);
    await clickAndWait(ap, ap.getByRole('button', { name: 'Produce the letter to the patient' }), /discharge-summary\?done=letter&letter=[0-9a-f-]{36}#letters$/);
    await expect(flash(ap)).resolves.toContain('Letter to the patient produced in large print and stored with the record.');
    await expectNoAxeViolations(ap, 'discharge summary (patient letter produced)');

    await clickAndWait(ap, ap.getByRole('button', { name: 'Produce the copy for the GP' }), /discharge-summary\?done=letter&letter=[0-9a-f-]{36}#letters$/);
    await expect(flash(ap)).resolves.toContain('Copy to the GP produced and stored with the record.');
    await expectNoAxeViolations(ap, 'discharge summary (GP copy produced)');

    const letters = ap.locator('table.nhsuk-table', { has: ap.locator('caption', { hasText: 'Letters produced from this discharge summary' }) });
    const rows = (await letters.locator('tbody tr').allInnerTexts()).map(squash);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/Copy to the GP GP, Burslem Health Centre \(M83001\) Standard Alex assistant practitioner/);
    expect(rows[1]).toMatch(/Letter to the patient Betty Bloor Large Alex assistant practitioner/);

    const patientHref = await letters.getByRole('link', { name: /^Open the PDF \(Letter to the patient, produced/ }).getAttribute('href');
    const pdf = await ap.request.get(patientHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await pdf.body();
    expect(await pdfBodyFontSize(bytes)).toBeGreaterThanOrEqual(16);
    const { text } = await pdfText(bytes);
    expect(text).toContain('12 Waterloo Road');
    expect(text).toContain('Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    expect(text).not.toContain('MCID');

    const gpHref = await letters.getByRole('link', { name: /^Open the PDF \(Copy to the GP, produced/ }).getAttribute('href');
    const gp = await pdfText(await (await ap.request.get(gpHref!)).body());
    expect(gp.text).toContain('NHS number: 943 476 5919');
    expect(gp.text).toContain('Burslem Health Centre');
  });

  it('for a patient who needs an interpreter and has no GP recorded, the page warns before any letter is produced', async () => {
    const therapist = run.home.service.a['registered-therapist'];
    const mrK = await registerPatientByApi(run.home, therapist, {
      nhsNumber: '9434765870',
      givenName: 'Jan',
      familyName: 'Kowalski',
      gpPracticeCode: null,
      gpPracticeName: null,
      communicationNeeds: { needs: ['interpreter', 'easy-read'], interpreterLanguage: 'Polish', notes: null },
    });
    const { episodeId: his } = await referAndTriageByApi(run.home, therapist, mrK.id);
    const rt = await run.home.signIn(therapist);
    const drafted = await rt.post(`/api/episodes/${his}/discharge-summary`);
    expect((await rt.post(`/api/discharge-summaries/${drafted.json().id}/finalise`, { version: 1 })).statusCode).toBe(200);

    const page = await openPage(run.browser, run.home, therapist);
    try {
      await page.page.goto(`/episodes/${his}/discharge-summary`);
      await expect(page.page.getByText('This letter needs an alternative format').isVisible()).resolves.toBe(true);
      await expect(page.page.getByText(/Jan Kowalski needs an interpreter \(Polish\)/).isVisible()).resolves.toBe(true);
      await expect(page.page.getByText(/Jan Kowalski needs easy read/).isVisible()).resolves.toBe(true);
      await expect(page.page.getByRole('heading', { name: /No GP practice/ }).isVisible()).resolves.toBe(true);
      await expect(page.page.getByRole('group', { name: 'Print size' }).getByLabel('Standard print (12 point)').isChecked()).resolves.toBe(true);
      await expectNoAxeViolations(page.page, 'discharge summary (final, warnings)');
      // No button that could only be refused: the way to the GP copy is adding the practice.
      await expect(page.page.getByRole('button', { name: 'Produce the copy for the GP' }).count()).resolves.toBe(0);
      await expect(page.page.getByRole('link', { name: 'add the GP practice to Jan Kowalski’s details', exact: true }).count()).resolves.toBe(1);
      expect(page.problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(opened.problems).toEqual([]);
    expect(opened.externalRequests).toEqual([]);
  });
});
