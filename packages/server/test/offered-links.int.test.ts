// Never offer what the user cannot do (issue 11, item 10): every role signs in and opens a
// representative set of pages (home, lists, a patient, an episode and each part of its record, a
// referral, a note), and every link each page offers is followed as that person. None may lead to a
// refusal ("You cannot open this page", 401/403) or an error: a link is shown only when the rule its
// route applies would let this person through. Break-glass is offered on purpose when a record is
// refused, and the offer itself is a page they can open, so it is followed too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homewardRoles, type HomewardRole } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient, type TestStaff } from './test-app.ts';
import { seedEpisode, seedSupervision } from './seed-episode.ts';

/** Links in a page's HTML that lead to another page of Homeward (not assets, fragments or other sites). */
export function offeredLinks(html: string): string[] {
  const links = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
    const href = m[1]!.replace(/&amp;/g, '&').split('#')[0]!;
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/static/') || href.startsWith('/assets/')) continue;
    links.add(href);
  }
  return [...links];
}

describe('links offered to each role lead to pages that role can open', () => {
  let t: TestApp;
  let pages: string[];

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const assistant = await t.signIn(t.service.a['assistant-practitioner']);
    const patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(7201), givenName: 'Betty', familyName: 'Bloor' }))).json().id;
    const episodeId = await seedEpisode(t, { patientId, service: 'stroke-early-supported-discharge', allocatedTo: t.service.a['assistant-practitioner'].id });
    // The support worker and the student work on the episode, so they see it (and its pages).
    await seedSupervision(t, { episodeId, staffId: t.service.a['support-worker'].id });
    await seedSupervision(t, { episodeId, staffId: t.service.a.student.id });
    const note = await assistant.post(`/api/episodes/${episodeId}/contact-notes`, {
      kind: 'treatment', occurredAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), durationMinutes: 45, place: 'Home', staffPresent: null,
      body: 'Kitchen practice: made a hot drink with supervision.', therapyMinutes: { 'occupational-therapy': 30 }, finalise: true, consentMissingReason: 'Consent given verbally at the visit; to be recorded',
    });
    expect(note.statusCode, note.body).toBe(201);
    // A referral waiting for triage, for another patient of the team.
    const second = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(7202), givenName: 'Cyril', familyName: 'Colclough' }))).json().id;
    const referral = await therapist.post('/api/referrals', {
      patientId: second, source: 'gp', sourceDetail: 'Burslem Health Centre', receivedAt: '2026-11-24T08:30:00Z', service: 'd2a-pathway-1', setting: 'home',
      reason: 'Falls at home', presentingNeeds: null, urgencyRequested: 'soon', referrerName: 'Dr Okafor', referrerContact: '01632 960456', consentToReferral: true, consentNote: null,
    });
    expect(referral.statusCode).toBe(201);
    const e = `/episodes/${episodeId}`;
    pages = [
      '/', '/caseload', '/caseload/team', '/caseload/waiting', '/referrals', '/patients/search', '/record/review-queue', '/staff', '/audit', '/equipment', '/safety',
      `/patients/${patientId}`, `/patients/${second}`, `/referrals/${referral.json().id}`,
      e, `${e}/record`, `${e}/timeline`, `${e}/assessments`, `${e}/goals`, `${e}/programme`, `${e}/reviews`, `${e}/discharge-summary`,
      `/contact-notes/${note.json().id}`,
    ];
  });
  afterAll(async () => t?.close());

  const staffFor = (role: HomewardRole | 'other-team'): TestStaff => (role === 'other-team' ? t.service.otherTeamTherapist : t.service.a[role]);

  it.each([...homewardRoles, 'other-team' as const])('as the %s', async (role) => {
    const client: TestClient = await t.signIn(staffFor(role));
    const followed = new Map<string, number>();
    const deadEnds: string[] = [];
    let opened = 0;
    for (const page of pages) {
      const res = await client.get(page);
      // A page this person cannot open is not one they are offered from anywhere (checked below).
      if (res.statusCode !== 200) continue;
      opened++;
      for (const link of offeredLinks(res.body)) {
        if (!followed.has(link)) followed.set(link, (await client.get(link)).statusCode);
        const status = followed.get(link)!;
        if (status >= 400 && !(status === 404 && link.startsWith('/caseload?'))) deadEnds.push(`${page} offers ${link}: ${status}`);
      }
    }
    // Everyone who sees Mrs B's record opened her episode's pages (so their links were checked).
    const seesTheRecord = (['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'] as string[]).includes(role);
    expect(opened).toBeGreaterThanOrEqual(seesTheRecord ? 12 : 1);
    expect(followed.size).toBeGreaterThan(1);
    expect(deadEnds).toEqual([]);
  });
});
