// The plan page's day: "tomorrow" is the next calendar day in London whatever the clock change does,
// and a day that does not exist is refused with its own message, nothing planned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';

describe('the plan page’s day', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => t?.close());

  it('is tomorrow by the calendar on the evening before the clocks go forward (not 24 hours on, which is the day after)', async () => {
    t.clock.set(new Date('2027-03-27T23:30:00Z')); // Saturday 27 March 2027, 23:30 GMT; BST starts at 01:00 on the 28th
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const page = await lead.get('/visits/plan');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Visit plan for Sunday 28 March 2027');
  });

  it('refuses a day that does not exist, saying so, and starts nothing', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const page = await lead.get('/visits/plan?date=2027-02-31');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Enter a real date');
    const started = await lead.form('/visits/plan/start', { date: '2027-02-31', version: '' });
    expect(started.statusCode).toBe(400);
    expect(started.body).toContain('The form is missing the plan’s date');
    expect(await t.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('keeps a day typed in the date fields that does not exist, beside its error', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const page = await lead.get('/visits/plan?date-day=31&date-month=2&date-year=2026');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nhsuk-error-summary');
    // What the lead typed, not tomorrow's date put in its place.
    expect(page.body).toMatch(/id="date-day" name="date-day" type="text" value="31"/);
    expect(page.body).toMatch(/id="date-month" name="date-month" type="text" value="2"/);
    expect(page.body).toMatch(/id="date-year" name="date-year" type="text" value="2026"/);
  });
});
