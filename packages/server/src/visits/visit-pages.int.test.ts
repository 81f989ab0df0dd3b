// The visits pages (issue 13 part 2) on both databases: the lead records Betty's visit needs (a bad
// window first: the error summary, nothing saved), proposes the next 7 days from the visits page
// (the same form twice saves once), adds a visit, pins it, sees a stale change refused, unpins and
// cancels it with the reason. Support workers and students do not see the team's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';

describe('the visits pages', () => {
  let t: TestApp;
  let lead: TestClient;
  let episode: string;
  let visitId: string;
  const count = async (table: 'visits' | 'visit_needs') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const needsForm = (o: Record<string, string | string[]> = {}) => ({ version: '', durationMinutes: '30', place: 'home', 'window-0-start': '9:00', 'window-0-end': '10:00', 'window-0-days': ['1', '3', '5'], 'window-0-note': 'Carer there', unavailableDays: '2', staffNeeded: '2', staffNeededReason: 'Hoist', skills: 'OT', preferredStaffId: '', notes: '', ...o });

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    const betty = (await lead.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(921) }))).json().id;
    episode = await seedEpisode(t, { patientId: betty, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await t.db.updateTable('episodes').set({ visits_per_week: 3 }).where('id', '=', episode).execute();
    // Frank waits for a routine first contact due in three weeks: nothing to propose yet, and the page says why.
    const frank = (await lead.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(922), givenName: 'Frank', familyName: 'Hulme' }))).json().id;
    const frankEpisode = await seedEpisode(t, { patientId: frank, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await t.db.updateTable('episodes').set({ status: 'waiting', first_contact_at: null, last_contact_at: null, response_due_at: new Date('2026-12-15T12:00:00Z') }).where('id', '=', frankEpisode).execute();
  });
  afterAll(async () => t?.close());

  it('shows triage’s defaults under the patient banner, refuses a window that ends before it starts, then saves', async () => {
    const page = await lead.get(`/episodes/${episode}/visit-needs`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No visit needs have been recorded for this episode yet');
    expect(page.body).toMatch(/NHS number: <strong><span class="hw-nowrap">\d{3} \d{3} \d{4}<\/span>/);
    const bad = await lead.form(`/episodes/${episode}/visit-needs`, needsForm({ 'window-0-start': '10:00', 'window-0-end': '09:00' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('href="#window-0-end"');
    expect(bad.body).toContain('The window must end after it starts (10:00)');
    expect(await count('visit_needs')).toBe(0);
    const saved = await lead.form(`/episodes/${episode}/visit-needs`, needsForm());
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/episodes/${episode}/visit-needs?saved=1`);
    expect((await lead.get(saved.headers.location as string)).body).toContain('Visit needs saved');
    const row = await t.db.selectFrom('visit_needs').selectAll().where('episode_id', '=', episode).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ duration_minutes: 30, staff_needed: 2, staff_needed_reason: 'Hoist', windows: [{ days: [1, 3, 5], start: '09:00', end: '10:00', note: 'Carer there' }], unavailable_days: [2] });
    // The same form sent again, with no version: someone has recorded them since. A 409, nothing changed.
    const again = await lead.form(`/episodes/${episode}/visit-needs`, needsForm({ durationMinutes: '60' }));
    expect(again.statusCode).toBe(409);
    expect((await t.db.selectFrom('visit_needs').select('duration_minutes').executeTakeFirstOrThrow()).duration_minutes).toBe(30);
  });

  it('proposes the next 7 days from the visits page, once for one form', async () => {
    const week = await lead.get('/visits/week');
    expect(week.statusCode).toBe(200);
    expect(week.body).toContain('Propose visits for the next 7 days');
    const formId = uuidv7();
    const proposed = await lead.form('/visits/proposals', { formId });
    expect(proposed.statusCode).toBe(303);
    expect(proposed.headers.location).toBe('/visits/week?date=2026-11-24&proposed=3');
    const repeat = await lead.form('/visits/proposals', { formId });
    expect(repeat.headers.location).toBe(proposed.headers.location);
    expect(await count('visits')).toBe(3);
    expect((await lead.form('/visits/proposals', { formId: uuidv7() })).headers.location).toBe('/visits/week?date=2026-11-24&proposed=0');
    const shown = await lead.get(proposed.headers.location as string);
    expect(shown.body).toContain('3 visits proposed for the next 7 days.');
    expect(shown.body).toContain('Frank Hulme</a>: First contact is not due until 15 December 2026, after this period');
    expect(shown.body.match(/Betty Bloor<\/a>/g)).toHaveLength(3);
    const audit = await t.db.selectFrom('audit_events').select(['record_kind', 'detail']).where('staff_id', '=', lead.staff.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ record_kind: 'visits', detail: { count: 2 } });
    expect(new Set((audit.detail as { episodeIds: string[] }).episodeIds)).toContain(episode);
  });

  it('adds a visit (a bad window refused first), pins it, refuses a stale change, unpins and cancels it', async () => {
    const form = (await lead.get(`/visits/new?episodeId=${episode}`)).body;
    const formId = /name="formId" value="([^"]+)"/.exec(form)![1]!;
    const fields = { formId, episodeId: episode, 'date-day': '26', 'date-month': '11', 'date-year': '2026', purpose: 'equipment', durationMinutes: '', windowStart: '13:00', windowEnd: '12:00', pinnedStaffId: '', pinnedStart: '' };
    const bad = await lead.form('/visits/new', fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The window must end after it starts (13:00)');
    const past = await lead.form('/visits/new', { ...fields, 'date-day': '20', windowEnd: '14:00' });
    expect(past.body).toContain('The date of the visit cannot be in the past (today is 24 November 2026)');
    expect(await count('visits')).toBe(3);
    const added = await lead.form('/visits/new', { ...fields, windowEnd: '14:00' });
    expect(added.statusCode).toBe(303);
    visitId = /\/visits\/([^?]+)\?done=added/.exec(added.headers.location as string)![1]!;
    const page = await lead.get(added.headers.location as string);
    expect(page.body).toContain('Visit added.');
    expect(page.body, page.body.slice(page.body.indexOf('Who must come'), page.body.indexOf('Who must come') + 300)).toContain('Two staff (Hoist)');

    const change = { version: '1', 'date-day': '26', 'date-month': '11', 'date-year': '2026', purpose: 'equipment', durationMinutes: '30', windowStart: '13:00', windowEnd: '14:00', pinnedStaffId: t.service.a['registered-therapist'].id, pinnedStart: '13:15' };
    expect((await lead.form(`/visits/${visitId}/change`, change)).headers.location).toBe(`/visits/${visitId}?done=changed`);
    const stale = await lead.form(`/visits/${visitId}/change`, { ...change, pinnedStart: '13:30' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this visit after you opened it');
    const other = await lead.form(`/visits/${visitId}/change`, { ...change, version: '2', pinnedStaffId: t.service.otherTeamTherapist.id });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('A visit can only be pinned to someone in the team');
    expect(await t.db.selectFrom('visits').select(['pinned_staff_id', 'pinned_start', 'version']).where('id', '=', visitId).executeTakeFirstOrThrow()).toEqual({ pinned_staff_id: t.service.a['registered-therapist'].id, pinned_start: '13:15', version: 2 });

    expect((await lead.form(`/visits/${visitId}/unpin`, { version: '2' })).headers.location).toBe(`/visits/${visitId}?done=unpinned`);
    const noReason = await lead.form(`/visits/${visitId}/cancel`, { version: '3', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why the visit is cancelled');
    expect((await lead.form(`/visits/${visitId}/cancel`, { version: '3', reason: 'Delivery moved to next week' })).headers.location).toBe(`/visits/${visitId}?done=cancelled`);
    const cancelled = await lead.get(`/visits/${visitId}`);
    expect(cancelled.body).toContain('Cancelled: Delivery moved to next week');
    expect(cancelled.body).not.toContain('Cancel the visit');
    expect((await lead.get('/visits?date=2026-11-26')).body).toContain('Delivery moved to next week');
    expect(await count('visits')).toBe(4);
  });

  it.each(['support-worker', 'student'] as const)('a %s does not see the team’s visits and cannot change one', async (role) => {
    const client = await t.signIn(t.service.a[role]);
    expect((await client.get('/visits')).statusCode).toBe(403);
    expect((await client.get('/visits/new')).statusCode).toBe(403);
    const v = await t.db.selectFrom('visits').select(['id', 'version']).where('status', '=', 'to-plan').executeTakeFirstOrThrow();
    expect((await client.form(`/visits/${v.id}/cancel`, { version: String(v.version), reason: 'Mine to cancel?' })).statusCode).toBe(403);
    expect((await client.form(`/episodes/${episode}/visit-needs`, needsForm({ version: '1' }))).statusCode).toBe(403);
  });
});
