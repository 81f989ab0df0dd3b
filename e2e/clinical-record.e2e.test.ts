// The clinical record in a real browser, with axe on every page state: Mrs B's stroke episode is
// triaged and allocated to her Band 4 assistant practitioner through the API; the assistant practitioner
// records the patient's verbal consent through the form (after an empty submit lists what is missing),
// writes a treatment note with SSNAP minutes as a draft and finalises it, then amends it with a reason
// and sees both versions; she adds the support worker to the episode (until then the record is closed
// to her), who writes a note of her own, which lands in the registered therapist's review queue until
// it is marked as reviewed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { barthelAt12, barthelAt16, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, sidewaysOverflow } from './browser.ts';
import { clickAndWait, flash, heading, squash, submitExpectingErrors, summaryValue } from './record-pages.ts';

describe('the clinical record: consent, contact notes, amendment and supervisor review', () => {
  const run = homewardInBrowser();
  const { pageFor } = run;
  let episodeId: string;
  let noteId: string;
  let supportWorkerNoteId: string;

  beforeAll(async () => {
    // A stroke episode, so the note form asks for SSNAP therapy minutes; non-complex, so a Band 4 may hold it.
    // Referred yesterday: the baseline assessment below was done last night, and no clinical entry may precede the referral.
    const receivedAt = new Date(run.home.clock.now().getTime() - 24 * 3_600_000).toISOString();
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner'], { referral: { service: 'stroke-early-supported-discharge', receivedAt } }));
  });

  const noteIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

  let ap: Page;

  it('the assistant practitioner opens the empty record and records the patient’s verbal consent', async () => {
    ap = await pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Notes', exact: true }), `**/episodes/${episodeId}/record#notes`);
    await expect(heading(ap)).resolves.toBe('Clinical record');
    await expect(ap.getByRole('region', { name: 'Patient details' }).textContent()).resolves.toContain('943 476 5919');
    await expect(ap.getByText('No consent is recorded for this episode.').isVisible()).resolves.toBe(true);
    await expect(ap.getByText('No contact notes yet.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'record (empty)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Record consent' }), `**/episodes/${episodeId}/consent/new`);
    await expect(heading(ap)).resolves.toBe('Record consent');
    await expectNoAxeViolations(ap, 'consent form (empty)');

    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Record consent' }))).toEqual(
      expect.arrayContaining(['Choose how consent was given: verbal, written or implied', 'Choose who gave consent: the patient, or a best-interests decision']),
    );
    await expectNoAxeViolations(ap, 'consent form (errors)');
    expect(await run.home.db.selectFrom('consent_records').select('id').execute()).toHaveLength(0);

    await ap.getByLabel('What was agreed').fill('Assessment and treatment at home, including kitchen practice');
    await ap.getByRole('group', { name: 'How was consent given?' }).getByLabel('Verbal').check();
    await ap.getByRole('group', { name: 'Who gave consent?' }).getByLabel('The patient', { exact: true }).check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record consent' }), `**/episodes/${episodeId}/record?done=consent`);
    await expect(flash(ap)).resolves.toContain('Consent recorded');
    const consent = ap.getByRole('table', { name: 'Consent and withdrawals, oldest first' });
    const row = squash(await consent.locator('tbody tr').first().textContent());
    expect(row).toContain('Assessment and treatment at home, including kitchen practice');
    expect(row).toContain('Verbal, given by the patient. Capacity presumed.');
    expect(row).toContain('Alex assistant practitioner (Therapy assistant practitioner)');
    await expectNoAxeViolations(ap, 'record (consent recorded)');
    const stored = await run.home.db.selectFrom('consent_records').select(['method', 'given_by', 'recorded_by']).execute();
    expect(stored).toEqual([{ method: 'verbal', given_by: 'patient', recorded_by: run.home.service.a['assistant-practitioner'].id }]);
  });

  it('she writes a treatment note with SSNAP minutes: errors first, then a draft, then finalised', async () => {
    await clickAndWait(ap, ap.getByRole('link', { name: 'Write a contact note' }), `**/episodes/${episodeId}/contact-notes/new`);
    await expect(heading(ap)).resolves.toBe('Write a contact note');
    await expect(ap.getByRole('group', { name: 'Therapy minutes by SSNAP therapy type' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'note form (empty)');

    await ap.getByLabel('Time of the contact').fill('');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save as draft' }))).toEqual(['Choose the kind of contact', 'Enter the time of the contact', 'Enter how long the contact took, in minutes', 'Enter the note']);
    await expectNoAxeViolations(ap, 'note form (errors)');
    expect(await run.home.db.selectFrom('contact_notes').select('id').execute()).toHaveLength(0);

    await ap.getByRole('group', { name: 'Kind of contact' }).getByLabel('Treatment', { exact: true }).check();
    await ap.getByLabel('Time of the contact').fill('08:00');
    await ap.getByLabel('Duration in minutes').fill('45');
    await ap.getByLabel('Place (optional)').fill('Patient’s home');
    await ap.getByLabel('Note', { exact: true }).fill('Kitchen practice: made a hot drink with supervision.');
    const minutes = ap.getByRole('group', { name: 'Therapy minutes by SSNAP therapy type' });
    await minutes.getByLabel('Occupational therapy').fill('30');
    await minutes.getByLabel('Physiotherapy').fill('10');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save as draft' }), /\/contact-notes\/[0-9a-f-]{36}\?done=draft$/);
    noteId = noteIdOf(ap);
    await expect(flash(ap)).resolves.toContain('Draft note saved');
    await expect(heading(ap)).resolves.toBe('Treatment note');
    expect(squash(await summaryValue(ap, 'Finalised').textContent())).toBe('Not yet: this is a draft');
    expect(squash(await summaryValue(ap, 'Therapy minutes \\(SSNAP\\)').textContent())).toBe('Physiotherapy: 10 min; Occupational therapy: 30 min');
    await expectNoAxeViolations(ap, 'note (draft)');

    await clickAndWait(ap, ap.getByRole('button', { name: 'Finalise the note' }), `**/contact-notes/${noteId}?done=final`);
    await expect(flash(ap)).resolves.toContain('Note finalised');
    expect(squash(await summaryValue(ap, 'Finalised').textContent())).toMatch(/by Alex assistant practitioner$/);
    expect(squash(await summaryValue(ap, 'Consent').textContent())).toBe('On record');
    expect(squash(await summaryValue(ap, 'Supervisor review').textContent())).toBe('Not needed');
    await expect(ap.getByRole('link', { name: 'Change the draft' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(ap, 'note (final)');
    const row = await run.home.db.selectFrom('contact_notes').select(['status', 'duration_minutes']).where('id', '=', noteId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'final', duration_minutes: 45 });
  });

  it('she opens the note from the record, amends it with a reason, and sees both versions', async () => {
    run.home.clock.advanceMinutes(20);
    await ap.goto(`/episodes/${episodeId}/record`);
    const notes = ap.getByRole('list', { name: 'Contact notes, most recent contact first' });
    await expectNoAxeViolations(ap, 'record (one note)');
    await clickAndWait(ap, notes.getByRole('link', { name: /^Treatment\s+note\s*,/ }), `**/contact-notes/${noteId}`);
    await expect(heading(ap)).resolves.toBe('Treatment note');
    await expectNoAxeViolations(ap, 'note page');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Amend this note' }), `**/contact-notes/${noteId}/amend`);
    await expect(heading(ap)).resolves.toBe('Amend the note');
    await expect(ap.getByLabel('Note', { exact: true }).inputValue()).resolves.toBe('Kitchen practice: made a hot drink with supervision.');
    await expectNoAxeViolations(ap, 'amend form');
    await ap.getByLabel('Note', { exact: true }).fill('Kitchen practice: made a hot drink independently.');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Add the amendment' }))).toEqual(['Enter why the note is being amended']);
    await expectNoAxeViolations(ap, 'amend form (errors)');

    await ap.getByLabel('Why are you amending this note?').fill('Wrong level of assistance recorded');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Add the amendment' }), `**/contact-notes/${noteId}?done=amended`);
    await expect(flash(ap)).resolves.toContain('Amendment added. The earlier version stays in the record');
    const versions = (await ap.getByRole('heading', { level: 2 }).allTextContents()).map(squash);
    expect(versions).toEqual(expect.arrayContaining(['Amendment 1 (version 2): current', 'Original entry']));
    expect(versions.indexOf('Amendment 1 (version 2): current')).toBeLessThan(versions.indexOf('Original entry'));
    const amendment = ap.locator('#version-2 + .nhsuk-summary-list');
    const original = ap.locator('#version-1 + .nhsuk-summary-list');
    expect(squash(await summaryValue(ap, 'Note', amendment).textContent())).toBe('Kitchen practice: made a hot drink independently.');
    expect(squash(await summaryValue(ap, 'Reason for amendment', amendment).textContent())).toBe('Wrong level of assistance recorded');
    expect(squash(await summaryValue(ap, 'Amended', amendment).textContent())).toMatch(/by Alex assistant practitioner \(Therapy assistant practitioner\)$/);
    expect(squash(await summaryValue(ap, 'Note', original).textContent())).toBe('Kitchen practice: made a hot drink with supervision.');
    await expect(original.locator('.nhsuk-summary-list__key', { hasText: 'Reason for amendment' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(ap, 'note (amended)');
  });

  it('the assistant practitioner adds the support worker to the episode, to work on it under her supervision', async () => {
    // Until then the support worker cannot open Mrs B's record: support workers see only the patients they work with.
    const before = await pageFor(run.home.service.a['support-worker']);
    const refused = await before.goto(`/episodes/${episodeId}/record`);
    expect(refused?.status()).toBe(403);
    await expect(before.getByRole('link', { name: /break-glass/ }).count()).resolves.toBe(1);
    await expectNoAxeViolations(before, 'record refused (support worker, no work on the episode)');

    await ap.goto(`/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Support workers and students working on this episode' }), `**/episodes/${episodeId}/supervision`);
    await expect(heading(ap)).resolves.toBe('Support workers and students on this episode');
    await expectNoAxeViolations(ap, 'supervision (nobody yet)');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Add to this episode' }))).toEqual(['Choose the support worker or student who works on this episode with you']);
    await expectNoAxeViolations(ap, 'supervision (errors)');
    await ap.getByLabel('Support worker or student').selectOption({ label: 'Alex support worker (Therapy support worker)' });
    await clickAndWait(ap, ap.getByRole('button', { name: 'Add to this episode' }), `**/episodes/${episodeId}/supervision?done=started`);
    await expect(flash(ap)).resolves.toContain('they can now open this patient’s record');
    const table = ap.getByRole('table', { name: 'Support workers and students working on this episode now' });
    expect(squash(await table.locator('tbody tr').first().textContent())).toContain('Alex support worker');
    await expectNoAxeViolations(ap, 'supervision (support worker added)');
    // On a phone and a tablet, without sideways scrolling.
    const size = ap.viewportSize();
    for (const width of [390, 768]) {
      await ap.setViewportSize({ width, height: 844 });
      expect(await sidewaysOverflow(ap), `${width} px`).toBe(0);
    }
    if (size) await ap.setViewportSize(size);
  });

  it('the support worker writes and finalises a note; it awaits a registered therapist’s review', async () => {
    const sw = await pageFor(run.home.service.a['support-worker']);
    await sw.goto(`/episodes/${episodeId}/record`);
    await expect(heading(sw)).resolves.toBe('Clinical record');
    await clickAndWait(sw, sw.getByRole('link', { name: 'Write a contact note' }), `**/episodes/${episodeId}/contact-notes/new`);
    await expectNoAxeViolations(sw, 'note form (support worker)');
    await sw.getByRole('group', { name: 'Kind of contact' }).getByLabel('Treatment', { exact: true }).check();
    await sw.getByLabel('Time of the contact').fill('08:30');
    await sw.getByLabel('Duration in minutes').fill('30');
    await sw.getByLabel('Note', { exact: true }).fill('Sit-to-stand practice x10 with daughter');
    await sw.getByRole('group', { name: 'Therapy minutes by SSNAP therapy type' }).getByLabel('Physiotherapy').fill('25');
    await clickAndWait(sw, sw.getByRole('button', { name: 'Save and finalise' }), /\/contact-notes\/[0-9a-f-]{36}\?done=final$/);
    supportWorkerNoteId = noteIdOf(sw);
    await expect(flash(sw)).resolves.toContain('Note finalised');
    expect(squash(await summaryValue(sw, 'Supervisor review').textContent())).toBe('Awaiting review by a supervising clinician');
    await expect(sw.getByRole('button', { name: 'Mark as reviewed' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(sw, 'note (support worker, awaiting review)');

    await sw.goto(`/episodes/${episodeId}/record`);
    const notes = sw.getByRole('list', { name: 'Contact notes, most recent contact first' });
    expect(squash(await notes.getByRole('listitem').filter({ hasText: 'Written by Alex support worker' }).textContent())).toContain('Awaiting review');
    await expectNoAxeViolations(sw, 'record (two notes)');
  });

  it('the registered therapist finds it in the review queue and marks it reviewed', async () => {
    run.home.clock.advanceMinutes(30);
    const rt = await pageFor(run.home.service.a['registered-therapist']);
    await rt.goto('/record/review-queue');
    await expect(heading(rt)).resolves.toBe('Notes to review');
    const queue = rt.getByRole('table', { name: 'Notes awaiting review' });
    await expect(queue.locator('tbody tr').count()).resolves.toBe(1);
    const row = queue.locator('tbody tr').first();
    expect(squash(await row.innerText())).toMatch(/^BLOOR, Betty NHS number 943 476 5919 Treatment, .* Alex support worker Therapy support worker The note$/);
    await expectNoAxeViolations(rt, 'review queue (one note)');

    await clickAndWait(rt, row.getByRole('link', { name: /^Treatment,/ }), `**/contact-notes/${supportWorkerNoteId}`);
    await expectNoAxeViolations(rt, 'note (to review)');
    await clickAndWait(rt, rt.getByRole('button', { name: 'Mark as reviewed' }), `**/contact-notes/${supportWorkerNoteId}?done=reviewed`);
    await expect(flash(rt)).resolves.toContain('Note marked as reviewed');
    expect(squash(await summaryValue(rt, 'Supervisor review').textContent())).toMatch(/^Reviewed .* by Alex registered therapist$/);
    await expect(rt.getByRole('button', { name: 'Mark as reviewed' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(rt, 'note (reviewed)');
    const reviewed = await run.home.db.selectFrom('contact_notes').select('reviewed_by').where('id', '=', supportWorkerNoteId).executeTakeFirstOrThrow();
    expect(reviewed.reviewed_by).toBe(run.home.service.a['registered-therapist'].id);

    await rt.goto('/record/review-queue');
    await expect(rt.getByText('There are no notes waiting for review.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(rt, 'review queue (empty)');
  });

  it('assessment pages: choose an instrument, the form from its definition, its errors, and the results with change from baseline', async () => {
    await ap.goto(`/episodes/${episodeId}/assessments/new`);
    await expectNoAxeViolations(ap, 'assessment (choose instrument)');
    await ap.goto(`/episodes/${episodeId}/assessments/new?instrument=barthel-index`);
    await expectNoAxeViolations(ap, 'assessment form (Barthel, empty)');
    await submitExpectingErrors(ap, ap.getByRole('button', { name: /save|record/i }).first());
    await expectNoAxeViolations(ap, 'assessment form (Barthel, errors)');
    await ap.goto(`/episodes/${episodeId}/assessments/new?instrument=timed-up-and-go`);
    await expectNoAxeViolations(ap, 'assessment form (TUG, numeric item)');
    await ap.goto(`/episodes/${episodeId}/assessments`);
    await expectNoAxeViolations(ap, 'assessments (none yet)');

    // A baseline and a review Barthel (through the API), then the pages that show them.
    const apClient = await run.home.signIn(run.home.service.a['assistant-practitioner']);
    const at = (minutesAgo: number) => new Date(run.home.clock.now().getTime() - minutesAgo * 60_000).toISOString();
    for (const [timePoint, responses, ago] of [['baseline', barthelAt12, 600], ['review', barthelAt16, 60]] as const) {
      const saved = await apClient.post(`/api/episodes/${episodeId}/assessments`, { instrumentId: 'barthel-index', method: 'observed', timePoint, administeredAt: at(ago), responses });
      expect(saved.statusCode).toBe(201);
    }
    await ap.goto(`/episodes/${episodeId}/assessments`);
    await expect(ap.getByText(/Up 4 points/).first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'assessments (baseline and review)');
    await ap.goto(`/episodes/${episodeId}/record`);
    await expect(ap.getByRole('table', { name: 'Change from baseline by assessment' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'record (with assessments)');
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(run.problems()).toEqual([]);
  });
});
