// Issue 14 #6 in a real browser: the clinical lead's lone-working board on a phone (390 px), a tablet
// (768 px) and a desktop, axe on each, no sideways scrolling. Sessions and alerts are seeded straight
// into the database: a duress code shows as a red alert at the top; a red alert raised while the board
// is open arrives by itself (Server-Sent Events), and the plain refresh link works too.
import { beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { seedLoneWorkingAlert, seedLoneWorkingSession } from '../packages/server/test/seed-lone-working.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { heading, squash } from './record-pages.ts';

const widths = [390, 768, 1280] as const;

describe('the lone-working board on a phone and a tablet', () => {
  const run = homewardInBrowser();
  let duress: string;
  let therapistSession: string;

  beforeAll(async () => {
    const home = run.home;
    const a = home.service.a;
    const betty = await registerPatientByApi(home, a['registered-therapist'], { nhsNumber: testNhsNumberForIndex(730_001), givenName: 'Betty', familyName: 'Bloor' });
    const derek = await registerPatientByApi(home, a['registered-therapist'], { nhsNumber: testNhsNumberForIndex(730_002), givenName: 'Derek', familyName: 'Dale-Featherstonehaugh' });
    // The test clock is 09:00 on Tuesday 24 November 2026.
    therapistSession = await seedLoneWorkingSession(home, { staffId: a['registered-therapist'].id, patientId: betty.id, start: '2026-11-24T08:30:00Z', end: '2026-11-24T09:30:00Z', status: 'checked-in', checkedInAt: '2026-11-24T08:31:00Z' });
    await seedLoneWorkingSession(home, { staffId: a['assistant-practitioner'].id, patientId: derek.id, start: '2026-11-24T11:00:00Z', end: '2026-11-24T12:00:00Z' });
    await seedLoneWorkingSession(home, { staffId: a['support-worker'].id, place: 'Flat 14, Long Street Lane Court, Middleport, Stoke-on-Trent ST6 3LX', start: '2026-11-24T08:40:00Z', end: '2026-11-24T09:20:00Z' });
    await seedLoneWorkingSession(home, { staffId: a.student.id, patientId: derek.id, start: '2026-11-24T07:30:00Z', end: '2026-11-24T08:15:00Z', status: 'checked-out', checkedInAt: '2026-11-24T07:31:00Z', checkedOutAt: '2026-11-24T08:10:00Z' });
    const duressSession = await seedLoneWorkingSession(home, { staffId: a['clinical-lead'].id, patientId: derek.id, start: '2026-11-24T07:00:00Z', end: '2026-11-24T07:45:00Z', status: 'checked-out', checkedInAt: '2026-11-24T07:00:00Z', checkedOutAt: '2026-11-24T07:44:00Z' });
    duress = await seedLoneWorkingAlert(home, { staffId: a['clinical-lead'].id, sessionId: duressSession, kind: 'duress', status: 'raised', dueAt: '2026-11-24T07:44:00Z', level: 2 });
    await seedLoneWorkingAlert(home, { staffId: a.student.id, kind: 'amber', status: 'running', dueAt: '2026-11-24T09:45:00Z', note: 'Dog loose in the garden last week' });
  });

  it('the lead sees alerts first, a duress code as red, then who is out, at every width', async () => {
    const { page } = await run.open(run.home.service.a['service-manager']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    // The header offers it (folded under "More" on a narrow screen).
    await expect(page.locator('.nhsuk-header a[href="/lone-working"]').count()).resolves.toBeGreaterThan(0);
    await page.goto('/lone-working');
    expect(squash(await heading(page))).toBe('Lone working Who is out today, 24 November 2026');
    const first = page.locator('#lone-working-board li.nhsuk-card').first();
    await expect(first.getAttribute('id')).resolves.toBe(`alert-${duress}`);
    expect(squash(await first.locator('h3').textContent())).toBe('Alex clinical lead Red alert: duress code used');
    await expect(first.evaluate((e) => getComputedStyle(e).borderLeftColor)).resolves.toBe('rgb(213, 40, 27)');
    expect(squash(await page.locator(`#session-${therapistSession}`).textContent())).toContain('Checked in since 08:31');
    await checkAtEveryWidth(page, 'lone-working board', widths);

    // A red alert raised while the board is open reaches it by itself.
    const red = await seedLoneWorkingAlert(run.home, { staffId: run.home.service.a['registered-therapist'].id, sessionId: therapistSession, kind: 'red', status: 'raised', dueAt: '2026-11-24T09:00:00Z' });
    await page.locator(`#alert-${red}`).waitFor();
    expect(squash(await page.locator(`#alert-${red} h3`).textContent())).toBe('Alex registered therapist Red alert');
    await expect(page.locator(`#session-${therapistSession}`).count()).resolves.toBe(0);
    await expect(page.locator('#board-live-status').textContent()).resolves.toMatch(/New alert on the board: 3 alerts/);
    await checkAtEveryWidth(page, 'lone-working board after a live update', widths);

    // Without the script, the plain link loads the board again.
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Refresh the board' }).click()]);
    await expect(page.locator('#lone-working-board li.nhsuk-card').count()).resolves.toBe(6);
    expect(run.problems()).toEqual([]);
  });
});
