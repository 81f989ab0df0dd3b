// Competences for every role (issue 16 #2) on a real database: the clinical lead signs off a registered
// therapist's hoist competence with its evidence and the last day it counts; allocation (caseload), the
// planner's skills (the rota's StaffDay), delegation (record) and the home page all use it, and on the
// day after it expires it counts for nothing anywhere, until it is signed off again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { readRotaForDates } from '../staff/public.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('competences with evidence and expiry, used wherever skills are', () => {
  let t: TestApp;
  let lead: TestClient;
  let therapist: TestClient;
  let assistant: TestClient;
  let hoistEpisode: string;
  let delegationEpisode: string;
  let hoistId: string;
  let therapistId: string;
  let swId: string;

  const optionsFor = async (staffId: string) => {
    const res = await lead.get(`/api/episodes/${hoistEpisode}/allocation-options`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().clinicians as { staffId: string; allowed: boolean; rule: string | null }[]).find((c) => c.staffId === staffId)!;
  };
  const kitchen = () => ({
    kind: 'functional-practice',
    competence: 'kitchen-practice',
    title: 'Kitchen practice',
    instructions: 'Make a hot drink and carry it to the table on the trolley.',
    timesPerPeriod: 2,
    period: 'week',
    delivererKind: 'staff',
    delivererStaffId: swId,
    startsOn: '2026-12-11',
  });

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapistId = t.service.a['registered-therapist'].id;
    swId = t.service.a['support-worker'].id;
    const patient = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(861_601) }))).json().id;
    hoistEpisode = await seedEpisode(t, { patientId: patient, service: 'd2a-pathway-1', allocatedTo: t.service.a['clinical-lead'].id });
    await t.db.updateTable('episodes').set({ skills_needed: JSON.stringify(['OT', 'hoist-competent']) }).where('id', '=', hoistEpisode).execute();
    delegationEpisode = await seedEpisode(t, { patientId: patient, service: 'community-rehab', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('refuses what a competence cannot be, with the field and nothing written', async () => {
    const before = (await t.db.selectFrom('staff_competences').select('id').execute()).length;
    const cases = [
      [{ competence: 'hoist-competent', assessedOn: '2026-11-20', expiresOn: '2026-11-19' }, 'expiresOn', 'The expiry date must be after the date they were assessed'],
      [{ competence: 'hoist-competent', assessedOn: '2026-11-01', expiresOn: '2026-11-20' }, 'expiresOn', 'The expiry date must be today or later: an expired competence counts for nothing'],
      [{ competence: 'hoist-competent', assessedOn: '2026-11-20', expiresOn: '2032-11-20' }, 'expiresOn', 'The expiry date must be within 5 years of the date they were assessed'],
      [{ competence: 'OT', assessedOn: '2026-11-20' }, 'competence', null],
      [{ competence: 'hoist-competent', assessedOn: '2026-11-20', expiresOn: '20/12/2026' }, 'body.expiresOn', null],
    ] as const;
    for (const [body, path, message] of cases) {
      const res = await lead.post(`/api/staff/${therapistId}/competences`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
      if (message) expect(res.json().error.fields[0].message).toBe(message);
    }
    const forManager = await lead.post(`/api/staff/${t.service.a['service-manager'].id}/competences`, { competence: 'hoist-competent', assessedOn: '2026-11-20' });
    expect(forManager.statusCode).toBe(400);
    expect(forManager.json().error.fields).toEqual([{ path: 'staffId', message: 'Competences are recorded for staff who see patients. Alex service manager is a service manager' }]);
    // A part-filled expiry date on the page: the error summary, nothing saved.
    const page = await lead.form('/staff/competences', { staffId: therapistId, competence: 'hoist-competent', 'assessedOn-day': '20', 'assessedOn-month': '11', 'assessedOn-year': '2026', 'expiresOn-day': '10', 'expiresOn-month': '', 'expiresOn-year': '2026' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nhsuk-error-summary');
    expect(page.body).toContain('Date it expires must include a month');
    expect((await t.db.selectFrom('staff_competences').select('id').execute()).length).toBe(before);
  });

  it('a hoisting episode goes only to someone whose hoist competence is current: signed off by the lead with its evidence', async () => {
    expect(await optionsFor(therapistId)).toMatchObject({ allowed: false, rule: 'hoist-competence-needed' });
    const page = await lead.form('/staff/competences', {
      staffId: therapistId,
      competence: 'hoist-competent',
      'assessedOn-day': '20',
      'assessedOn-month': '11',
      'assessedOn-year': '2026',
      'expiresOn-day': '10',
      'expiresOn-month': '12',
      'expiresOn-year': '2026',
      evidence: 'Observed two hoist transfers with a Maxi Move; moving and handling update 2026',
    });
    expect(page.statusCode, page.body.slice(0, 500)).toBe(303);
    const listed = (await lead.get(`/api/staff/${therapistId}/competences`)).json();
    expect(listed.competences).toHaveLength(1);
    expect(listed.competences[0]).toMatchObject({ competence: 'hoist-competent', current: true, expiresOn: '2026-12-10', evidence: 'Observed two hoist transfers with a Maxi Move; moving and handling update 2026', recordedBy: { id: t.service.a['clinical-lead'].id } });
    hoistId = listed.competences[0].id;
    expect(await optionsFor(therapistId)).toMatchObject({ allowed: true });
    // The support worker's kitchen practice is signed off for the same period, through the API.
    const sw = await lead.post(`/api/staff/${swId}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-11-20', expiresOn: '2026-12-10', evidence: 'Observed in the home' });
    expect(sw.statusCode, sw.body).toBe(201);
  });

  it('the planner sees the skill on each day it counts, and not the day after it expires', async () => {
    const days = await readRotaForDates(t.db, { teamId: t.service.teamA, from: '2026-12-09', to: '2026-12-11' });
    const skillsOn = (date: string) => days.find((d) => d.staffId === therapistId && d.date === date)!.skills;
    expect(skillsOn('2026-12-09')).toContain('hoist-competent');
    expect(skillsOn('2026-12-10')).toContain('hoist-competent');
    expect(skillsOn('2026-12-11')).not.toContain('hoist-competent');
    // Held on its last day, and not the day after: without the first, 'not after' would pass for a skill never seen.
    expect(days.find((d) => d.staffId === swId && d.date === '2026-12-10')!.skills).toContain('kitchen-practice');
    expect(days.find((d) => d.staffId === swId && d.date === '2026-12-11')!.skills).not.toContain('kitchen-practice');
  });

  it('the home page says it expires within four weeks, to its holder and to the clinical lead', async () => {
    const own = await therapist.get('/');
    expect(own.body).toContain('Your competence in hoist transfers (moving and handling with a hoist) expires on 10 December 2026');
    const leads = await lead.get('/');
    expect(leads.body).toContain('2 competences in your team expire within four weeks or have expired');
    expect((await assistant.get('/')).body).not.toContain('competence in hoist');
  });

  it('the day after it expires it counts for nothing: allocation, delegation and the competences page say so', async () => {
    t.clock.set(new Date('2026-12-11T09:00:00Z'));
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    expect(await optionsFor(therapistId)).toMatchObject({ allowed: false, rule: 'hoist-competence-needed' });
    const allocate = await lead.post(`/api/episodes/${hoistEpisode}/allocation`, { staffId: therapistId, reason: 'other', note: 'Hoisting', version: 1 });
    expect(allocate.statusCode, allocate.body).toBe(400);
    expect(allocate.json().error.message).toContain('This clinician has no current hoist competence: none is signed off, or it has expired');
    const delegated = await assistant.post(`/api/episodes/${delegationEpisode}/programme`, kitchen());
    expect(delegated.statusCode).toBe(400);
    expect(delegated.json().error.message).toContain('no current recorded competence for kitchen practice');
    const page = await lead.get('/staff/competences');
    expect(page.body).toContain('Expired');
    expect(page.body).toContain('Counted until 10 December 2026');
    expect((await therapist.get('/')).body).toContain('expired on 10 December 2026: it counts for nothing until a registered therapist signs it off again');
  });

  it('signed off again, the expired sign-off is closed with that reason and kept, and the new one counts', async () => {
    const again = await lead.post(`/api/staff/${therapistId}/competences`, { competence: 'hoist-competent', assessedOn: '2026-12-11', expiresOn: '2027-12-10', evidence: 'Reassessed on the ward' });
    expect(again.statusCode, again.body).toBe(201);
    const all = (await lead.get(`/api/staff/${therapistId}/competences`)).json().competences;
    expect(all.map((c: { current: boolean }) => c.current)).toEqual([true, false]);
    expect(all[1]).toMatchObject({ id: hoistId, withdrawnReason: 'Expired on 2026-12-10; signed off again' });
    expect(await optionsFor(therapistId)).toMatchObject({ allowed: true });
    // A current one is not signed off twice.
    const twice = await lead.post(`/api/staff/${therapistId}/competences`, { competence: 'hoist-competent', assessedOn: '2026-12-11' });
    expect(twice.statusCode).toBe(409);
    const renewed = await lead.post(`/api/staff/${swId}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-12-11', expiresOn: '2027-12-10' });
    expect(renewed.statusCode).toBe(201);
    expect((await assistant.post(`/api/episodes/${delegationEpisode}/programme`, kitchen())).statusCode).toBe(201);
  });
});
