// The privacy officer audits access, not care: when Mrs B's assistant practitioner amends a note, the
// privacy officer sees that it was amended, by whom and when, and that a reason was given, but not
// the reason's words (clinical content). A break-glass reason, which justifies access, stays shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

const amendmentReason = 'Wrong level of assistance recorded: she fell twice in the kitchen';

describe('the privacy officer sees that clinical words exist, not what they say', () => {
  let t: TestApp;
  let assistant: TestClient;
  let officer: TestClient;
  let mrsB: string;

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    officer = await t.signIn(t.service.a['privacy-officer']);
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(710_001) }))).json().id;
    const episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    const consent = await assistant.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
    expect(consent.statusCode, consent.body).toBe(201);
    const occurredAt = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const note = { kind: 'treatment', occurredAt, durationMinutes: 45, place: 'Home', staffPresent: null, body: 'Kitchen practice: made a hot drink with supervision.', therapyMinutes: {} };
    const draft = await assistant.post(`/api/episodes/${episode}/contact-notes`, note);
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    const final = await assistant.post(`/api/contact-notes/${id}/finalise`, { version: 1 });
    expect(final.statusCode, final.body).toBe(200);
    const amended = await assistant.post(`/api/contact-notes/${id}/amendments`, { ...note, body: 'Kitchen practice: needed hands-on help.', reason: amendmentReason, version: 2 });
    expect(amended.statusCode, amended.body).toBe(201);
  });
  afterAll(() => t.close());

  it('in the API: the amendment is listed with the reason left out and named as withheld', async () => {
    const res = await officer.get(`/api/audit/patients/${mrsB}/events`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('fell twice');
    const events = res.json().events as Array<{ recordKind: string; detail: Record<string, unknown>; clinicalTextWithheld: string[]; staff: { id: string } }>;
    const amendment = events.find((e) => e.recordKind === 'contact-note' && e.detail.change === 'amended')!;
    expect(amendment.staff.id).toBe(t.service.a['assistant-practitioner'].id);
    expect(amendment.detail).not.toHaveProperty('reason');
    expect(amendment.clinicalTextWithheld).toEqual(['reason']);
    // The audit itself keeps every word: only the view leaves it out.
    const stored = await t.db.selectFrom('audit_events').select('detail').where('record_kind', '=', 'contact-note').where('patient_id', '=', mrsB).execute();
    expect(stored.some((r) => r.detail.reason === amendmentReason)).toBe(true);
  });

  it('on the page: says a reason was recorded, without its words', async () => {
    const page = await officer.get(`/audit/patients/${mrsB}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('fell twice');
    expect(page.body).toContain('A reason was recorded (clinical content, not shown here)');
  });
});
