// The patient page as the hub of a patient's care (issue 11, item 1): every episode, open and closed,
// any team's, with its status and the way into its record as far as the access rules allow; the
// referrals waiting; the latest letters. After discharge the record is reached from search and the
// patient page for 90 days, then through break-glass, which opens every episode's record.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('the patient page as the hub', () => {
  let t: TestApp;
  let therapist: TestClient;
  let supportWorker: TestClient;
  let patientId: string;
  let ownClosed: string;
  let ownOpen: string;
  let otherTeams: string;
  let letterId: string;

  beforeAll(async () => {
    // Discharged on 24 November 2026 (the test clock's day), so day 90 is 22 February 2027.
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919' }))).json().id;
    ownClosed = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-24', discharge_outcome: 'goals-met', discharge_destination: 'home-no-support' }).where('id', '=', ownClosed).execute();
    otherTeams = await seedEpisode(t, { patientId, service: 'stroke-early-supported-discharge', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
    letterId = uuidv7();
    const pdf = new Uint8Array([37, 80, 68, 70]);
    await t.db.insertInto('letters').values({
      id: letterId, episode_id: ownClosed, patient_id: patientId, kind: 'discharge-gp', recipient: 'GP, Burslem Health Centre (M83001)', print_size: 'standard',
      text_content: 'Discharged home', pdf, sha256: createHash('sha256').update(pdf).digest('hex'), produced_at: t.clock.now(), produced_by: t.service.a['registered-therapist'].id, produced_by_role: 'registered-therapist',
    }).execute();
    ownOpen = await seedEpisode(t, { patientId, service: 'd2a-pathway-0', allocatedTo: t.service.a['registered-therapist'].id });
  });
  afterAll(() => t.close());

  const cards = (html: string) => [...html.matchAll(/<div class="nhsuk-card nhsuk-u-margin-bottom-4">([\s\S]*?)<\/ul>\s*<\/div>\s*<\/div>/g)].map((m) => m[1]!);

  it('lists every episode, open ones first, each with its status, and the record, timeline and episode of its own team’s', async () => {
    const page = await therapist.get(`/patients/${patientId}`);
    expect(page.statusCode).toBe(200);
    const shown = cards(page.body);
    expect(shown).toHaveLength(3);
    // Open first: the d2a pathway 0 and team B's stroke episode (both active), then the discharged one.
    expect(shown.map((c) => c.includes(`/episodes/${ownClosed}"`))).toEqual([false, false, true]);
    const own = shown.find((c) => c.includes(`/episodes/${ownOpen}"`))!;
    expect(own).toContain('Active');
    for (const href of [`/episodes/${ownOpen}/record`, `/episodes/${ownOpen}/timeline`, `/episodes/${ownOpen}"`]) expect(own).toContain(`href="${href}`);
    const closed = shown[2]!;
    expect(closed).toContain('Discharged');
    expect(closed).toContain('discharged 24 November 2026');
    expect(closed).toContain(`href="/episodes/${ownClosed}/record"`);
    expect(closed).toContain(`href="/episodes/${ownClosed}/discharge-summary"`);
  });

  it('shows another team’s episode in summary: no record or timeline link, the way to emergency access instead', async () => {
    const page = await therapist.get(`/patients/${patientId}`);
    const other = cards(page.body).find((c) => c.includes(`/episodes/${otherTeams}"`))!;
    expect(other).toContain('Stafford Therapies (another team)');
    expect(other).not.toContain(`/episodes/${otherTeams}/record`);
    expect(other).not.toContain(`/episodes/${otherTeams}/timeline`);
    expect(other).toContain(`href="/patients/${patientId}/break-glass"`);
    // And each link the hub offers opens: none leads to a refusal.
    for (const href of [...page.body.matchAll(/href="(\/episodes\/[^"]+)"/g)].map((m) => m[1]!)) {
      expect((await therapist.get(href)).statusCode, href).toBe(200);
    }
  });

  it('lists the latest letters with their stored PDFs, and audits which episodes and letters the page showed', async () => {
    const page = await therapist.get(`/patients/${patientId}`);
    expect(page.body).toContain(`href="/letters/${letterId}.pdf"`);
    expect(page.body).toContain('Copy to the GP');
    const read = await t.db.selectFrom('audit_events').select('detail').where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'patient').where('action', '=', 'read').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(read.detail).toMatchObject({ basis: 'relationship', letterIds: [letterId] });
    expect([...(read.detail as { episodeIds: string[] }).episodeIds].sort()).toEqual([ownClosed, ownOpen, otherTeams].sort());
  });

  it('is refused, with break-glass offered, to a support worker with no work for the patient', async () => {
    const page = await supportWorker.get(`/patients/${patientId}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain(`href="/patients/${patientId}/break-glass"`);
  });

  it('after discharge (every episode closed), search reaches the record for 90 days; then break-glass opens every episode’s record from the hub', async () => {
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-24', discharge_outcome: 'goals-met', discharge_destination: 'home-no-support' }).where('id', 'in', [ownOpen]).execute();
    t.clock.set(new Date('2027-02-22T12:00:00Z'));
    let lead = await t.signIn(t.service.a['clinical-lead']);
    const found = await lead.get('/patients/search?by=nhs&nhsNumber=9434765919');
    expect(found.body).toContain('Your team');
    expect(found.body).toContain(`href="/patients/${patientId}"`);
    const day90 = await lead.get(`/patients/${patientId}`);
    expect(day90.statusCode).toBe(200);
    expect(day90.body).toContain(`href="/episodes/${ownClosed}/record"`);

    t.clock.set(new Date('2027-02-23T12:00:00Z'));
    lead = await t.signIn(t.service.a['clinical-lead']);
    const later = await lead.get('/patients/search?by=nhs&nhsNumber=9434765919');
    expect(later.body).toContain('Not your team');
    expect((await lead.get(`/patients/${patientId}`)).statusCode).toBe(403);
    expect((await lead.post(`/api/patients/${patientId}/break-glass`, { reason: 'Other (explain)', detail: 'GP asks about the discharge outcome' })).statusCode).toBe(201);
    const opened = await lead.get(`/patients/${patientId}`);
    expect(opened.statusCode).toBe(200);
    for (const id of [ownClosed, ownOpen, otherTeams]) expect(opened.body).toContain(`href="/episodes/${id}/record"`);
    expect((await lead.get(`/episodes/${otherTeams}/record`)).statusCode).toBe(200);
  });
});
