// Axe (WCAG 2.2 AA) on every page a person can reach, in the states they see it in: empty, with
// results, and with errors. Each check first asserts the page is the one meant, so a test cannot
// pass by running axe on a sign-in redirect or an error page by mistake.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { homewardRoles } from '@homeward/clinical';
import { axeSignature, expectNoAxeViolations, homewardInBrowser, referAndTriageByApi, referralDetails, registerPatientByApi, signOutThroughPage } from './browser.ts';

describe('every page passes axe (WCAG 2.2 AA)', () => {
  const run = homewardInBrowser();
  const { pageFor } = run;
  let patientId: string;

  beforeAll(async () => {
    const therapist = run.home.service.a['registered-therapist'];
    const patient = await registerPatientByApi(run.home, therapist, { riskFlags: ['animals', 'visit-in-pairs'], communicationNeeds: { needs: ['interpreter'], interpreterLanguage: 'Polish', notes: null } });
    patientId = patient.id;
  });

  async function visit(page: Page, url: string, status: number, heading: string | RegExp): Promise<void> {
    const res = await page.goto(url);
    expect(res?.status(), `status of ${url}`).toBe(status);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(heading);
  }

  it('the check itself fails on a page with a violation (an unlabelled input)', async () => {
    const o = await run.open();
    await o.page.goto('/sign-in');
    await o.page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    await expect(expectNoAxeViolations(o.page, 'broken sign-in')).rejects.toThrow(/label \(critical\): Form elements must have labels\n\s+at #maincontent > input/);
  });

  it('the check itself fails on a violation made after axe has run on the same page (axe-core goes into each page once)', async () => {
    const o = await run.open();
    await o.page.goto('/sign-in');
    await expectNoAxeViolations(o.page, 'sign-in');
    await o.page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    await expect(expectNoAxeViolations(o.page, 'sign-in, changed')).rejects.toThrow(/label \(critical\): Form elements must have labels\n\s+at #maincontent > input/);
  });

  it('axe is skipped only for a page the same as one it passed: same elements, classes and references, other ids', async () => {
    const { page } = await run.open();
    const html = (id: string, cls: string, ref: string, token: string) =>
      `<html lang="en"><head><title>t</title></head><body><main><p id="p-${id}" class="${cls}">Patient ${id.slice(0, 4)}</p><a href="/episodes/${id}" aria-describedby="p-${ref}">Open</a><input type="hidden" name="_csrf" value="${token}"></main></body></html>`;
    const a = '01a1792d-ff20-7709-8579-d26c831b7019';
    const b = '01a245d1-4308-7b61-8612-954ac3703c18';
    const signatureOf = async (content: string) => {
      await page.setContent(content);
      return axeSignature(page);
    };
    const first = await signatureOf(html(a, 'nhsuk-u-font-size-16', a, 'tokenAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(await signatureOf(html(b, 'nhsuk-u-font-size-16', b, 'tokenBBBBBBBBBBBBBBBBBBBBBBBB'))).toBe(first);
    expect(await signatureOf(html(a, 'nhsuk-u-secondary-text-color', a, 'tokenAAAAAAAAAAAAAAAAAAAAAAAA'))).not.toBe(first);
    expect(await signatureOf(html(a, 'nhsuk-u-font-size-16', b, 'tokenAAAAAAAAAAAAAAAAAAAAAAAA'))).not.toBe(first);
  });

  it('the check waits for the page to stop moving: white text sliding onto a blue box is judged where it stops', async () => {
    const o = await run.open();
    await o.page.setContent(`<!doctype html><html lang="en" style="background:#d8dde0"><head><title>Sliding</title></head><body>
      <main><div style="position:absolute;left:0;top:0;width:300px;height:60px;background:#005eb8"></div>
      <p id="slider" style="position:absolute;top:10px;left:400px;color:#fff;margin:0">Home</p></main>
      <script>let f = 0; const step = () => { if (++f > 120) return; document.getElementById('slider').style.left = (400 - 2.5 * f) + 'px'; requestAnimationFrame(step); }; requestAnimationFrame(step);</script>
      </body></html>`);
    // For its first 40 frames the text is on the grey (white on #d8dde0 fails); settled, it is on the blue.
    await expectNoAxeViolations(o.page, 'sliding');
    await expect(o.page.evaluate(() => document.getElementById('slider')!.getBoundingClientRect().left)).resolves.toBe(100);
  });

  it('the sign-in page, empty and with errors', async () => {
    const o = await run.open();
    await visit(o.page, '/sign-in', 200, 'Sign in to Homeward');
    await expectNoAxeViolations(o.page, 'sign-in');
    await o.page.getByRole('button', { name: 'Sign in' }).click();
    await o.page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(o.page, 'sign-in with errors');
  });

  it.each(homewardRoles)('the home page for a %s', async (role) => {
    const page = await pageFor(run.home.service.a[role]);
    await visit(page, '/', 200, 'Homeward');
    await expectNoAxeViolations(page, `home (${role})`);
  });

  describe('as a registered therapist', () => {
    let page: Page;
    beforeAll(async () => {
      page = await pageFor(run.home.service.a['registered-therapist']);
    });

    it('patient search: empty, with results, none found, and with errors', async () => {
      await visit(page, '/patients/search', 200, 'Find a patient');
      await expectNoAxeViolations(page, 'search (empty)');

      await visit(page, '/patients/search?by=nhs&nhsNumber=943+476+5919', 200, 'Find a patient');
      await expect(page.getByRole('heading', { name: '1 patient found' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page, 'search (results)');

      await visit(page, '/patients/search?by=name&familyName=Nobody&dateOfBirth-day=1&dateOfBirth-month=1&dateOfBirth-year=1950', 200, 'Find a patient');
      await expect(page.getByRole('heading', { name: '0 patients found' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page, 'search (none found)');

      await visit(page, '/patients/search?by=nhs&nhsNumber=123', 400, 'Find a patient');
      await expect(page.getByText('There is a problem').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page, 'search (NHS number error)');

      await visit(page, '/patients/search?by=name&familyName=&dateOfBirth-day=31&dateOfBirth-month=2&dateOfBirth-year=1950', 400, 'Find a patient');
      expect(await page.locator('.nhsuk-error-summary li').count()).toBe(2);
      await expectNoAxeViolations(page, 'search (name and date errors)');
    });

    it('a changed address: the error page with its error summary, and the page for bytes that are not UTF-8', async () => {
      await visit(page, '/patients/not-a-uuid', 400, 'There is a problem with what was sent');
      await expect(page.locator('.nhsuk-error-summary li').count()).resolves.toBe(1);
      await expectNoAxeViolations(page, 'error page (bad id)');
      await visit(page, '/patients/%C0%80/edit', 400, 'There is a problem with the address');
      await expect(page.locator('.nhsuk-error-summary li').count()).resolves.toBe(1);
      await expectNoAxeViolations(page, 'error page (address not UTF-8)');
    });

    it('the register-patient form, empty and after submitting it empty', async () => {
      await visit(page, '/patients/new', 200, 'Register a patient');
      await expectNoAxeViolations(page, 'register (empty)');
      await page.getByRole('button', { name: 'Register patient' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, 'register (errors)');
    });

    it('the patient page, the edit form (with and without errors) and the history', async () => {
      await visit(page, `/patients/${patientId}`, 200, 'Patient details');
      await expectNoAxeViolations(page, 'patient');

      await visit(page, `/patients/${patientId}/edit`, 200, 'Change patient details');
      await expectNoAxeViolations(page, 'edit');
      await page.getByLabel('NHS number').fill('123 456 7890');
      await page.getByLabel('Postcode').fill('nowhere');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, 'edit (errors)');

      await page.getByLabel('NHS number').fill('943 476 5919');
      await page.getByLabel('Postcode').fill('ST6 3HR');
      await page.getByLabel('Phone number (optional)').fill('01632 960777');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Changes saved').waitFor();
      await expectNoAxeViolations(page, 'patient (changes saved)');

      await visit(page, `/patients/${patientId}/history`, 200, 'Changes to patient details');
      expect(await page.getByRole('table').count()).toBe(1);
      await expectNoAxeViolations(page, 'history');
    });
  });

  describe('as a therapist in another team', () => {
    let page: Page;
    beforeAll(async () => {
      page = await pageFor(run.home.service.otherTeamTherapist);
    });

    it('the no-access page offers break-glass', async () => {
      await visit(page, `/patients/${patientId}`, 403, 'You do not have access to this record');
      await expect(page.getByRole('link', { name: /break-glass/ }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page, 'no access');
    });

    it('the break-glass page, empty and with errors, and the record opened under break-glass', async () => {
      await visit(page, `/patients/${patientId}/break-glass`, 200, 'Emergency access to a record');
      await expectNoAxeViolations(page, 'break-glass');
      await page.getByRole('button', { name: 'Open the record' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, 'break-glass (errors)');
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Open the record' }).click();
      await page.getByRole('heading', { level: 1, name: 'Patient details' }).waitFor();
      await expect(page.getByRole('region', { name: 'Emergency access' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page, 'patient (under break-glass)');
    });
  });

  it('the 403 page (an administrator is not a clinician)', async () => {
    const page = await pageFor(run.home.service.a.administrator);
    await visit(page, '/patients/search', 403, 'You cannot open this page');
    await expectNoAxeViolations(page, '403');
  });

  it('the 404 page, signed in and signed out', async () => {
    const page = await pageFor(run.home.service.a['support-worker']);
    await visit(page, '/no-such-page', 404, 'Page not found');
    await expectNoAxeViolations(page, '404 (signed in)');
    await visit(page, `/patients/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`, 404, 'Page not found');
    await expectNoAxeViolations(page, '404 (no such patient)');
    const o = await run.open();
    await visit(o.page, '/no-such-page', 404, 'Page not found');
    await expectNoAxeViolations(o.page, '404 (signed out)');
  });

  // Staff administration and the access audit are other engineers' templates: violations found here
  // are reported to them rather than fixed in passing.
  it('the staff administration pages (administrator)', async () => {
    const page = await pageFor(run.home.service.a.administrator);
    await visit(page, '/staff', 200, 'Staff accounts');
    await expectNoAxeViolations(page, 'staff list');
    await visit(page, `/staff/${run.home.service.a['support-worker'].id}`, 200, 'Alex support worker');
    await expectNoAxeViolations(page, 'staff account');
    await visit(page, `/staff/${run.home.service.a['support-worker'].id}/edit`, 200, 'Change staff details');
    await expectNoAxeViolations(page, 'staff edit');
    await visit(page, '/staff/new', 200, 'Add a staff member');
    await expectNoAxeViolations(page, 'staff new');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'staff new (errors)');
  });

  it('the rota pages (issue 13): the week, a working pattern, leave with its confirmation and cancelling, on call', async () => {
    const lead = run.home.service.a['clinical-lead'];
    const worker = run.home.service.a['support-worker'];
    const client = await run.home.signIn(lead);
    const set = await client.put(`/api/rota/staff/${worker.id}/pattern`, { week: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })), startsFrom: 'base', carDriver: true });
    expect(set.statusCode, set.body).toBe(200);
    const leave = await client.post(`/api/rota/staff/${worker.id}/exceptions`, { kind: 'annual-leave', startsOn: '2026-12-22', endsOn: '2026-12-23', note: 'Christmas' });
    expect(leave.statusCode, leave.body).toBe(201);
    const page = await pageFor(lead);
    await visit(page, '/rota?week=2026-12-21', 200, 'Rota: week of 21 December 2026');
    await expectNoAxeViolations(page, 'rota week');
    await visit(page, `/rota/staff/${worker.id}`, 200, 'Alex support worker: working pattern');
    await expectNoAxeViolations(page, 'rota pattern');
    await page.locator('#day-2-end').fill('07:00');
    await page.getByRole('button', { name: 'Save the working pattern' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'rota pattern (errors)');
    await visit(page, `/rota/staff/${worker.id}/exceptions/new`, 200, 'Add leave, absence or an extra shift');
    await expectNoAxeViolations(page, 'rota exception new');
    await page.getByRole('button', { name: 'Add to the rota' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'rota exception new (errors)');
    await visit(page, `/rota/exceptions/${leave.json().id}?added`, 200, 'Annual leave added');
    await expectNoAxeViolations(page, 'rota exception added');
    await visit(page, `/rota/exceptions/${leave.json().id}/cancel`, 200, 'Cancel annual leave');
    await expectNoAxeViolations(page, 'rota exception cancel');
    await visit(page, '/rota/on-call?date=2026-12-21', 200, 'On call: Monday 21 December 2026');
    await expectNoAxeViolations(page, 'rota on call');
    const viewer = await pageFor(worker);
    await visit(viewer, `/rota/staff/${worker.id}`, 200, 'Alex support worker: working pattern');
    await expectNoAxeViolations(viewer, 'rota pattern (read only)');
  });

  it('the access audit pages (privacy officer)', async () => {
    const page = await pageFor(run.home.service.a['privacy-officer']);
    // By now the other-team therapist has been refused and has broken glass, so the tables have rows.
    await visit(page, '/audit', 200, 'Access audit');
    expect(await page.getByRole('table').count()).toBe(1);
    await expectNoAxeViolations(page, 'audit');
    await visit(page, '/audit?nhsNumber=123', 400, 'Access audit');
    await expectNoAxeViolations(page, 'audit (NHS number error)');
    await visit(page, `/audit/patients/${patientId}`, 200, 'Access history');
    await expectNoAxeViolations(page, 'audit patient');
    await visit(page, '/audit/refusals', 200, 'Refusals');
    expect(await page.getByRole('table').count()).toBe(1);
    await expectNoAxeViolations(page, 'audit refusals');
  });

  it('the signed-out page', async () => {
    const page = await pageFor(run.home.service.a['clinical-lead']);
    await visit(page, '/', 200, 'Homeward');
    await signOutThroughPage(page);
    await expectNoAxeViolations(page, 'signed out');
  });

  // Issue 3: referrals, episodes of care, caseloads and the waiting list. The story in
  // referral-to-caseload.e2e.test.ts already runs axe on the referral form (empty, errors, received),
  // the incoming list, triage (empty, errors, accepted), allocation (empty, errors, refused), the episode
  // (waiting, allocated, active, handed over, discharged), first contact, hand-over and discharge (each
  // empty and with errors), my caseload and its printable view, the waiting list and the report; the
  // states here are the rest. Data is made through the API where the page itself is not what is checked.
  describe('referrals, episodes of care, caseloads and the waiting list', () => {
    let therapist: Page;
    let lead: Page;
    let episodeId: string;
    let toReject: string;

    const errorSummary = (page: Page) => page.getByText('There is a problem');
    const submit = async (page: Page, button: string, urlAfter?: string) => {
      if (urlAfter) await Promise.all([page.waitForURL(urlAfter), page.getByRole('button', { name: button }).click()]);
      else await page.getByRole('button', { name: button }).click();
    };

    beforeAll(async () => {
      const rt = run.home.service.a['registered-therapist'];
      const client = await run.home.signIn(rt);
      // On the waiting list: one breached two days ago, one due within the hour (urgent, UCR standard).
      await referAndTriageByApi(run.home, rt, patientId, { referral: { receivedAt: '2026-11-20T09:00:00Z' } });
      await referAndTriageByApi(run.home, rt, patientId, { referral: { service: 'd2a-pathway-0', receivedAt: '2026-11-24T08:00:00Z', urgencyRequested: 'urgent' }, triage: { priority: 'P1' } });
      // On the therapist's caseload, seen this morning.
      episodeId = (await referAndTriageByApi(run.home, rt, patientId, { referral: { service: 'community-stroke-rehabilitation', receivedAt: '2026-11-23T09:00:00Z' }, triage: { priority: 'P3' } })).episodeId;
      const allocated = await client.post(`/api/episodes/${episodeId}/allocation`, { staffId: rt.id, version: 1 });
      expect(allocated.statusCode, allocated.body).toBe(200);
      const contact = await client.post(`/api/episodes/${episodeId}/first-contact`, { at: '2026-11-24T08:30:00Z', version: 2 });
      expect(contact.statusCode, contact.body).toBe(200);
      // Incoming, to be rejected.
      const made = await client.post('/api/referrals', referralDetails(patientId, { service: 'rehabilitation-medicine' }));
      expect(made.statusCode, made.body).toBe(201);
      toReject = (made.json() as { id: string }).id;
      therapist = await pageFor(rt);
      lead = await pageFor(run.home.service.a['clinical-lead']);
    });

    it('the referral form warning of a repeat referral', async () => {
      await visit(therapist, `/patients/${patientId}/referrals/new`, 200, 'Make a referral');
      await therapist.getByRole('group', { name: 'Where did the referral come from?' }).getByLabel('GP').check();
      await therapist.getByRole('group', { name: 'Which service is the patient referred to?' }).getByLabel('Rehabilitation medicine').check();
      await therapist.getByRole('group', { name: 'Where will the patient be seen?' }).getByLabel('Clinic').check();
      await therapist.getByLabel('Reason for referral').fill('Spasticity review');
      await therapist.getByRole('group', { name: /How soon does the referrer ask/ }).getByLabel('Routine').check();
      await therapist.getByLabel('Name and role').fill('Dr Ahmed, GP');
      await therapist.getByLabel('How to reach them').fill('01782 555000');
      await therapist.getByRole('group', { name: 'Has the patient consented to the referral?' }).getByLabel('Yes').check();
      await submit(therapist, 'Save referral');
      await therapist.getByText('This may be a repeat referral').waitFor();
      await expectNoAxeViolations(therapist, 'referral form (repeat-referral warning)');
    });

    it('a referral an assistant practitioner may not triage; rejecting one: empty, errors, and the emptied list', async () => {
      const ap = await pageFor(run.home.service.a['assistant-practitioner']);
      await visit(ap, `/referrals/${toReject}`, 200, 'Referral to Rehabilitation medicine');
      await expect(ap.getByRole('button', { name: 'Triage this referral' }).count()).resolves.toBe(0);
      await expectNoAxeViolations(ap, 'referral (assistant practitioner)');

      await visit(therapist, `/referrals/${toReject}/reject`, 200, 'Reject referral to Rehabilitation medicine');
      await expectNoAxeViolations(therapist, 'reject (empty)');
      await therapist.getByLabel('Other', { exact: true }).check();
      await submit(therapist, 'Reject referral');
      await errorSummary(therapist).waitFor();
      await expectNoAxeViolations(therapist, 'reject (errors)');
      await therapist.getByLabel('Lives outside the area the team covers').check();
      await submit(therapist, 'Reject referral', '**/referrals?rejected=1');
      await expect(therapist.getByText('Referral rejected').isVisible()).resolves.toBe(true);
      await expect(therapist.getByText('There are no referrals waiting for triage.').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(therapist, 'incoming referrals (one rejected, none left)');
    });

    it('the waiting list with a breached row and one about to breach, filtered, and printable', async () => {
      await visit(lead, '/caseload/waiting', 200, 'Waiting list');
      const rows = lead.locator('table.hw-caseload tbody tr');
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.first().textContent()).resolves.toMatch(/Breached/);
      await expect(rows.nth(1).textContent()).resolves.toMatch(/Due within 4 hours/);
      await expectNoAxeViolations(lead, 'waiting list (breached and due soon)');
      await visit(lead, '/caseload/waiting?breached=1', 200, 'Waiting list');
      await expect(rows.count()).resolves.toBe(1);
      await expectNoAxeViolations(lead, 'waiting list (breached only)');
      await visit(lead, '/caseload/waiting?priority=P3', 200, 'Waiting list');
      await expect(lead.getByText('No episodes match these filters.').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(lead, 'waiting list (none match)');
      await visit(lead, '/caseload/waiting?print=1', 200, 'Waiting list');
      await expectNoAxeViolations(lead, 'waiting list (print)');
    });

    it('the episode: reallocation, hold and onward referral forms (empty and with errors), on hold with an onward referral', async () => {
      const base = `/episodes/${episodeId}`;
      await visit(lead, `${base}/allocate`, 200, 'Allocate the episode');
      await expect(lead.getByRole('group', { name: 'Why is it moving?' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(lead, 'reallocate (empty)');

      await visit(therapist, `${base}/hold`, 200, 'Put the episode on hold');
      await expectNoAxeViolations(therapist, 'hold (empty)');
      await therapist.getByLabel('Other', { exact: true }).check();
      await submit(therapist, 'Put on hold');
      await errorSummary(therapist).waitFor();
      await expectNoAxeViolations(therapist, 'hold (errors)');
      await therapist.getByLabel('Waiting for equipment').check();
      await submit(therapist, 'Put on hold', `**${base}?done=on-hold`);

      await visit(therapist, `${base}/onward-referrals/new`, 200, 'Refer on to another service');
      await expectNoAxeViolations(therapist, 'onward referral (empty)');
      await submit(therapist, 'Record onward referral');
      await errorSummary(therapist).waitFor();
      await expectNoAxeViolations(therapist, 'onward referral (errors)');
      await therapist.getByLabel('Service referred to').fill('Wheelchair service');
      await submit(therapist, 'Record onward referral', `**${base}?done=onward-referral`);
      await expect(therapist.getByText('Awaiting acknowledgement').isVisible()).resolves.toBe(true);
      await expect(therapist.getByRole('button', { name: 'Resume the episode' }).isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(therapist, 'episode (on hold, onward referral awaiting acknowledgement)');
    });

    it('caseloads: mine with an on-hold row, filtered, empty; the team’s with capacity, filtered and printable', async () => {
      await visit(therapist, '/caseload', 200, 'My caseload');
      await expect(therapist.locator('table.hw-caseload tbody tr').count()).resolves.toBe(1);
      await expect(therapist.locator('table.hw-caseload').getByText('On hold', { exact: true }).first().isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(therapist, 'my caseload (on hold)');
      await visit(therapist, '/caseload?priority=P1', 200, 'My caseload');
      await expect(therapist.getByText('No episodes match these filters.').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(therapist, 'my caseload (none match)');

      await visit(lead, '/caseload', 200, 'My caseload');
      await expect(lead.getByText('There are no open episodes on this caseload.').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(lead, 'my caseload (empty)');
      await visit(lead, '/caseload/team', 200, 'Team caseload');
      await expect(lead.getByRole('heading', { level: 2, name: 'Capacity' }).isVisible()).resolves.toBe(true);
      await expect(lead.locator('table.hw-caseload tbody tr').count()).resolves.toBe(3);
      await expectNoAxeViolations(lead, 'team caseload');
      await visit(lead, '/caseload/team?unallocated=1&breached=1', 200, 'Team caseload');
      await expect(lead.locator('table.hw-caseload tbody tr').count()).resolves.toBe(1);
      await expectNoAxeViolations(lead, 'team caseload (filtered)');
      await visit(lead, '/caseload/team?print=1', 200, 'Team caseload');
      await expectNoAxeViolations(lead, 'team caseload (print)');
    });

    it('the referral-to-first-contact report, with a row and with errors', async () => {
      await visit(lead, '/reports/first-contact', 200, 'Referral to first contact');
      await expect(lead.locator('main table tbody tr').first().textContent()).resolves.toContain('Community stroke rehabilitation');
      await expectNoAxeViolations(lead, 'first-contact report');
      await visit(lead, '/reports/first-contact?from=last+week&to=2026-11-01', 400, 'Referral to first contact');
      await errorSummary(lead).waitFor();
      await expectNoAxeViolations(lead, 'first-contact report (errors)');
    });
  });

  it('raised no script errors, CSP refusals or missing assets on any page', () => {
    expect(run.problems()).toEqual([]);
  });
});
