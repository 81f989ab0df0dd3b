// Allocation offered where triage ends (issue 11, item 7): the triage confirmation lists who in the
// team can hold the new episode within the competence rules, each with one button, and says why each
// of the others cannot; a press allocates once (a double press or a second button does not allocate
// again), against the version shown, audited. The clinical lead's home page shows the team's
// unallocated episodes. Those who may not allocate are not offered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from './test-app.ts';

const hidden = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1];

describe('allocation offered on the triage confirmation', () => {
  let t: TestApp;
  let therapist: TestClient;
  let lead: TestClient;
  let assistant: TestClient;
  let manager: TestClient;
  let referralId: string;
  let episodeId: string;

  const events = () => t.db.selectFrom('episode_events').select(['kind', 'staff_id']).where('episode_id', '=', episodeId).where('kind', 'in', ['allocated', 'reallocated']).execute();
  const holder = async () => (await t.db.selectFrom('episodes').select(['allocated_to', 'version']).where('id', '=', episodeId).executeTakeFirstOrThrow());

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    manager = await t.signIn(t.service.a['service-manager']);
    const patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(7101), givenName: 'Betty', familyName: 'Bloor' }))).json().id;
    const referral = await therapist.post('/api/referrals', {
      patientId, source: 'acute-ward', sourceDetail: 'Ward 7', receivedAt: '2026-11-24T08:30:00Z', service: 'd2a-pathway-1', setting: 'home',
      reason: 'Fall at home, now medically fit for discharge', presentingNeeds: null, urgencyRequested: 'soon', referrerName: 'Ward 7', referrerContact: '01632 960000', consentToReferral: true, consentNote: null,
    });
    expect(referral.statusCode).toBe(201);
    referralId = referral.json().id;
    // Complex and needing OT: the assistant practitioner cannot hold it, nor the support worker or student.
    const triage = await therapist.form(`/referrals/${referralId}/triage`, { version: '1', complexity: 'complex', complexityReason: 'Two falls, lives alone, new cognitive concerns', priority: 'P2', skillsNeeded: 'OT', visitsPerWeek: '2', notes: '' });
    expect(triage.statusCode).toBe(303);
    expect(triage.headers.location).toBe(`/referrals/${referralId}?triaged=1`);
    episodeId = (await t.db.selectFrom('episodes').select('id').where('referral_id', '=', referralId).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('shows the clinical lead the unallocated episode on their home page, audited as a read of the waiting list', async () => {
    const home = await lead.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Waiting for allocation (1)');
    expect(home.body).toContain('BLOOR, Betty');
    expect(home.body).toContain(`href="/episodes/${episodeId}/allocate"`);
    const read = await t.db.selectFrom('audit_events').select(['detail']).where('staff_id', '=', lead.staff.id).where('record_kind', '=', 'waiting-list').executeTakeFirstOrThrow();
    expect(read.detail).toMatchObject({ scope: 'home', count: 1, episodeIds: [episodeId], total: 1 });
    // Nobody else's home page lists patients.
    for (const other of [therapist, assistant, manager]) expect((await other.get('/')).body).not.toContain('Waiting for allocation');
  });

  it('offers, after triage, each clinician who can hold the episode with one button, and the reason for each who cannot', async () => {
    const page = await therapist.get(`/referrals/${referralId}?triaged=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Referral triaged and an episode of care opened');
    expect(page.body).toContain('Allocate the episode now');
    expect(page.body).toContain('Allocate to Alex registered therapist');
    expect(page.body).toContain('Allocate to Alex clinical lead');
    expect(page.body).not.toContain('Allocate to Alex assistant practitioner');
    expect(page.body).toMatch(/Alex assistant practitioner \(Therapy assistant practitioner, band 4\): Assistant practitioners can only hold non-complex episodes\. This episode is complex\./);
    expect(page.body).toMatch(/Alex support worker \(Therapy support worker, band 3\): Therapy support workers do not hold episodes of care/);
    expect(page.body).toMatch(/Alex student \(Therapy student on placement\): Therapy students on placement do not hold episodes of care/);
    expect(page.body).not.toContain('Allocate to Alex service manager');
    const offered = await t.db.selectFrom('audit_events').select(['record_id', 'detail']).where('staff_id', '=', therapist.staff.id).where('record_kind', '=', 'episode').where('action', '=', 'read').execute();
    expect(offered).toContainEqual({ record_id: episodeId, detail: { basis: 'relationship', purpose: 'allocation-offer' } });
  });

  it('does not offer allocation to those who may not allocate', async () => {
    for (const client of [assistant, manager]) {
      const page = await client.get(`/referrals/${referralId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Allocate the episode now');
      expect(page.body).not.toContain(`action="/episodes/${episodeId}/allocate"`);
    }
  });

  it('allocates with one press, once: a double press and a second button change nothing more, and the press is audited', async () => {
    const page = (await therapist.get(`/referrals/${referralId}`)).body;
    const formId = hidden(page, 'formId')!;
    const version = hidden(page, 'version')!;
    expect(formId).toMatch(/^[0-9a-f-]{36}$/);
    const press = { version, formId, staffId: t.service.a['registered-therapist'].id };
    const writes = () => t.db.selectFrom('audit_events').select(['detail']).where('staff_id', '=', therapist.staff.id).where('record_id', '=', episodeId).where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    const writesBefore = (await writes()).length;
    const first = await therapist.form(`/episodes/${episodeId}/allocate`, press);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/episodes/${episodeId}?done=allocated`);
    const after = await holder();
    expect(after.allocated_to).toBe(t.service.a['registered-therapist'].id);
    const again = await therapist.form(`/episodes/${episodeId}/allocate`, press);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/episodes/${episodeId}?done=allocated`);
    const other = await therapist.form(`/episodes/${episodeId}/allocate`, { ...press, staffId: t.service.a['clinical-lead'].id });
    expect(other.statusCode).toBe(409);
    expect(other.body).toContain('already sent and saved, with different answers');
    expect(await events()).toEqual([{ kind: 'allocated', staff_id: therapist.staff.id }]);
    expect(await holder()).toEqual(after);
    expect((await writes()).length).toBe(writesBefore + 1);
    // Allocated: the confirmation no longer offers it, and the lead's home page no longer lists it.
    expect((await therapist.get(`/referrals/${referralId}`)).body).not.toContain('Allocate the episode now');
    expect((await lead.get('/')).body).toContain('Every triaged episode in your team is allocated');
  });

  it('checks the version and the competence rule again when the button is pressed', async () => {
    // A page shown before the allocation (its version is stale): nothing changes.
    const stale = await lead.form(`/episodes/${episodeId}/allocate`, { version: '1', formId: '019a0000-0000-7000-8000-000000000001', staffId: t.service.a['clinical-lead'].id, reason: 'caseload-balance' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this episode while you had it open');
    // A forged press for the assistant practitioner: refused with the rule, and the refusal audited.
    const { version } = await holder();
    const forged = await lead.form(`/episodes/${episodeId}/allocate`, { version: String(version), formId: '019a0000-0000-7000-8000-000000000002', staffId: t.service.a['assistant-practitioner'].id, reason: 'caseload-balance' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Alex assistant practitioner cannot hold this episode. Assistant practitioners can only hold non-complex episodes');
    const refused = await t.db.selectFrom('audit_events').select(['detail']).where('staff_id', '=', lead.staff.id).where('record_id', '=', episodeId).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(refused.detail).toMatchObject({ change: 'allocation', rule: 'assistant-practitioner-non-complex-only' });
    expect((await holder()).allocated_to).toBe(t.service.a['registered-therapist'].id);
  });
});
