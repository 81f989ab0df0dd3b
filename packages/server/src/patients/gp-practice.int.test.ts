// The GP practice is asked for where the patient enters the service (registration, the referral)
// and a missing one is said where discharge starts, with the way to add it, not found out as a
// refusal when the GP copy is due (issue 11, item 8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

const referralForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
  source: 'gp',
  sourceDetail: 'Burslem Health Centre',
  'receivedAt-day': '24',
  'receivedAt-month': '11',
  'receivedAt-year': '2026',
  receivedTime: '08:30',
  service: 'd2a-pathway-1',
  setting: 'home',
  reason: 'Fall at home, now medically fit for discharge',
  presentingNeeds: '',
  urgencyRequested: 'soon',
  referrerName: 'Dr Okafor, GP',
  referrerContact: '01632 960456',
  consentToReferral: 'yes',
  consentNote: '',
  ...overrides,
});

/** The patient form as the browser sends it, from the JSON details the tests use. */
const patientForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
  formId: uuidv7(),
  nhsNumber: '',
  givenName: 'Jan',
  familyName: 'Kowalski',
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '1940',
  sex: 'male',
  addressLine1: '4 Market Place',
  town: 'Burslem',
  postcode: 'ST6 3AA',
  livesAlone: 'yes',
  keySafe: 'no',
  ...overrides,
});

describe('the GP practice, asked for up front', () => {
  let t: TestApp;
  let therapist: TestClient;

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
  });
  afterAll(() => t.close());

  const register = async (overrides: Record<string, unknown>) => therapist.post('/api/patients', patientDetails(overrides));

  it('registration takes the ODS code however it is typed, and stores it upper case without spaces', async () => {
    const res = await register({ nhsNumber: '9434765919', gpPracticeCode: ' m83 001', gpPracticeName: 'Burslem Health Centre' });
    expect(res.statusCode).toBe(201);
    expect(res.json().gpPracticeCode).toBe('M83001');
  });

  it('refuses half a GP practice (a name without its code, a code without its name) and a code that is not an ODS code', async () => {
    const nameOnly = await register({ nhsNumber: '4010232137', gpPracticeCode: null, gpPracticeName: 'Burslem Health Centre' });
    expect(nameOnly.statusCode).toBe(400);
    expect(nameOnly.json().error.fields).toEqual([{ path: 'gpPracticeCode', message: 'Enter the GP practice’s ODS code as well as its name, like M83001' }]);
    const codeOnly = await register({ nhsNumber: '4010232137', gpPracticeCode: 'M83001', gpPracticeName: null });
    expect(codeOnly.statusCode).toBe(400);
    expect(codeOnly.json().error.fields).toEqual([{ path: 'gpPracticeName', message: 'Enter the GP practice’s name as well as its ODS code' }]);
    const badCode = await register({ nhsNumber: '4010232137', gpPracticeCode: 'M8300', gpPracticeName: 'Burslem Health Centre' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.gpPracticeCode']);
    const none = await t.db.selectFrom('patients').select('id').where('nhs_number', '=', '4010232137').execute();
    expect(none).toEqual([]);
  });

  it('the registration page asks for the practice name and ODS code, and reports half a practice with the other errors at once', async () => {
    const form = await therapist.get('/patients/new');
    expect(form.body).toContain('Practice ODS code');
    expect(form.body).toContain('The GP gets a copy of the discharge letter');
    const res = await therapist.form('/patients/new', patientForm({ nhsNumber: '123', gpPracticeName: 'Burslem Health Centre' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#nhsNumber"');
    expect(res.body).toContain('href="#gpPracticeCode"');
    expect(res.body).toContain('Enter the GP practice’s ODS code as well as its name, like M83001');
  });

  describe('on the referral', () => {
    let patientId: string;
    beforeAll(async () => {
      const res = await register({ nhsNumber: '9434765870', givenName: 'Jan', familyName: 'Kowalski', gpPracticeCode: null, gpPracticeName: null });
      patientId = res.json().id;
    });

    it('asks for the GP practice when none is recorded', async () => {
      const page = await therapist.get(`/patients/${patientId}/referrals/new`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('The patient’s GP practice');
      expect(page.body).toContain('None is recorded for Jan Kowalski');
    });

    it('refuses a bad ODS code with the referral’s own errors, and saves nothing', async () => {
      const res = await therapist.form(`/patients/${patientId}/referrals/new`, referralForm({ formId: uuidv7(), reason: '', gpPracticeName: 'Burslem Health Centre', gpPracticeCode: 'ABC' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#reason"');
      expect(res.body).toContain('href="#gpPracticeCode"');
      expect(await t.db.selectFrom('referrals').select('id').where('patient_id', '=', patientId).execute()).toEqual([]);
    });

    it('saves the practice to the patient’s details with the referral, as a new audited version', async () => {
      const formId = uuidv7();
      const res = await therapist.form(`/patients/${patientId}/referrals/new`, referralForm({ formId, gpPracticeName: 'Burslem Health Centre', gpPracticeCode: 'm83001' }));
      expect(res.statusCode).toBe(303);
      const patient = await t.db.selectFrom('patients').select(['gp_practice_code', 'gp_practice_name', 'version']).where('id', '=', patientId).executeTakeFirstOrThrow();
      expect(patient).toEqual({ gp_practice_code: 'M83001', gp_practice_name: 'Burslem Health Centre', version: 2 });
      const write = await t.db.selectFrom('audit_events').select(['detail']).where('patient_id', '=', patientId).where('record_kind', '=', 'patient').where('action', '=', 'write').execute();
      expect(write.map((w) => w.detail)).toEqual([expect.objectContaining({ change: 'registered' }), expect.objectContaining({ change: 'details', version: 2 })]);
      // Now recorded: the next referral shows it, and does not ask again.
      const again = await therapist.get(`/patients/${patientId}/referrals/new`);
      expect(again.body).not.toContain('The patient’s GP practice');
      expect(again.body).toContain('GP practice: Burslem Health Centre (M83001)');
    });
  });

  describe('on a referral through the JSON API', () => {
    const body = (patientId: string, extra: Record<string, unknown> = {}) => ({
      patientId, source: 'gp', sourceDetail: null, receivedAt: '2026-11-24T08:30:00Z', service: 'd2a-pathway-1', setting: 'home', reason: 'Fall at home', presentingNeeds: null,
      urgencyRequested: 'soon', referrerName: 'Dr Okafor', referrerContact: '01632 960456', consentToReferral: true, consentNote: null, ...extra,
    });

    it('records a missing GP practice with the referral; refuses a bad one or one already recorded, saving nothing', async () => {
      const patientId = (await register({ nhsNumber: '9990000026', givenName: 'Iris', familyName: 'Nogp', gpPracticeCode: null, gpPracticeName: null })).json().id;
      const bad = await therapist.post('/api/referrals', body(patientId, { gpPractice: { code: 'M83', name: 'Burslem Health Centre' } }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([{ path: 'body.gpPractice.code', message: 'The GP practice’s ODS code must be a letter and 5 numbers, like M83001' }]);
      expect(await t.db.selectFrom('referrals').select('id').where('patient_id', '=', patientId).execute()).toEqual([]);
      const made = await therapist.post('/api/referrals', body(patientId, { gpPractice: { code: 'm83001', name: 'Burslem Health Centre' } }));
      expect(made.statusCode).toBe(201);
      const stored = await t.db.selectFrom('patients').select(['gp_practice_code', 'gp_practice_name']).where('id', '=', patientId).executeTakeFirstOrThrow();
      expect(stored).toEqual({ gp_practice_code: 'M83001', gp_practice_name: 'Burslem Health Centre' });
      const again = await therapist.post('/api/referrals', body(patientId, { service: 'd2a-pathway-0', gpPractice: { code: 'M83002', name: 'Tunstall Surgery' } }));
      expect(again.statusCode).toBe(400);
      expect(again.json().error.fields[0].path).toBe('body.gpPractice');
    });
  });

  describe('at discharge', () => {
    let patientId: string;
    let episodeId: string;
    beforeAll(async () => {
      const res = await register({ nhsNumber: '9990000018', givenName: 'Ada', familyName: 'Nogp', gpPracticeCode: null, gpPracticeName: null });
      patientId = res.json().id;
      episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    });

    it('says the GP practice is missing on the discharge form and the discharge summary, each linking to add it and come back', async () => {
      for (const path of [`/episodes/${episodeId}/discharge`, `/episodes/${episodeId}/discharge-summary`]) {
        const page = await therapist.get(path);
        expect(page.statusCode, path).toBe(200);
        expect(page.body, path).toContain('No GP practice recorded');
        expect(page.body, path).toContain(`href="/patients/${patientId}/edit?next=${encodeURIComponent(path)}#gpPracticeName"`);
        // Said before the form: the warning comes before the first button.
        expect(page.body.indexOf('No GP practice recorded'), path).toBeLessThan(page.body.indexOf('nhsuk-button'));
      }
    });

    it('after adding the practice from there, goes back to the discharge page, which no longer warns', async () => {
      const next = `/episodes/${episodeId}/discharge-summary`;
      const edit = await therapist.get(`/patients/${patientId}/edit?next=${encodeURIComponent(next)}`);
      expect(edit.body).toContain(`name="next" value="${next}"`);
      const { version } = await t.db.selectFrom('patients').select('version').where('id', '=', patientId).executeTakeFirstOrThrow();
      const fields = patientForm({ nhsNumber: '9990000018', givenName: 'Ada', familyName: 'Nogp', postcode: 'ST6 3HR', version: String(version), next, gpPracticeName: 'Burslem Health Centre', gpPracticeCode: 'M83001' });
      const saved = await therapist.form(`/patients/${patientId}/edit`, fields);
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(`${next}?details=saved`);
      const back = await therapist.get(saved.headers.location as string);
      expect(back.body).toContain('Patient details saved.');
      expect(back.body).not.toContain('No GP practice recorded');
    });

    it('goes back only to an episode’s discharge pages: any other next is ignored', async () => {
      const { version } = await t.db.selectFrom('patients').select('version').where('id', '=', patientId).executeTakeFirstOrThrow();
      for (const next of ['https://evil.example/', '//evil.example', '/audit', `/episodes/${episodeId}/discharge-summary/../../audit`]) {
        const saved = await therapist.form(`/patients/${patientId}/edit`, patientForm({ nhsNumber: '9990000018', givenName: 'Ada', familyName: 'Nogp', version: String(version + 0), next, gpPracticeName: 'Burslem Health Centre', gpPracticeCode: 'M83001' }));
        expect(saved.headers.location, next).toBe(`/patients/${patientId}?saved=1`);
      }
    });
  });
});
