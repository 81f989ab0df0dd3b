// When a clinical date may fall (issue 9: "a contact note dated 1 January 1900 was accepted and
// finalised"). Mrs B was born on 17 May 1941; her referral came in at 09:00 on Saturday 21 November
// 2026 and she was first seen then; it is now 09:00 on Tuesday the 24th. Her assistant practitioner
// dates a note 1 January 1900, the day before the referral, and tomorrow: each is refused through the
// API (with the field's path) and through the page (the NHS.UK error summary linking the day field),
// in the same words, and nothing is written. The same for an assessment, a goal's target and rating,
// a review, a programme activity and its log, first contact, discharge, a referral received before
// she was born and a date of birth more than 130 years ago. Consent takes no date from anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { barthelAt12 } from './barthel-responses.ts';
import { seedEpisode } from './seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from './test-app.ts';

let nhsIndex = 760_000;

const afterReferral = '(when the referral was received)';
const contactTooEarly = `The date of the contact must be on or after 21 November 2026 ${afterReferral}`;

/** A UK date and time as the four fields of the page's date-and-time input. */
const when = (name: string, day: string, month: string, year: string, time?: string): Record<string, string> => ({
  [`${name}-day`]: day,
  [`${name}-month`]: month,
  [`${name}-year`]: year,
  ...(time ? { [`${name}-time`]: time } : {}),
});

describe('clinical dates lie between the patient’s birth (or the referral) and now', () => {
  let t: TestApp;
  let assistant: TestClient;
  let therapist: TestClient;
  let mrsB: string;
  let episode: string;

  const count = async (table: 'contact_notes' | 'contact_note_amendments' | 'assessments' | 'goals' | 'goal_attainments' | 'episode_reviews' | 'programme_activities' | 'programme_completions' | 'consent_records' | 'referrals' | 'patients') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const episodeRow = (id: string) => t.db.selectFrom('episodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  function refusedByApi(res: LightMyRequestResponse, path: string, message: string): void {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual({ path, message });
  }

  function refusedByPage(res: LightMyRequestResponse, anchor: string, message: string): void {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain('nhsuk-error-summary');
    expect(res.body).toContain('hw-patient-banner');
    // The summary's link goes to the day field, with the rule's own words.
    expect(res.body).toMatch(new RegExp(`<a href="#${anchor}"[^>]*>\\s*${message.replace(/[()]/g, '\\$&')}\\s*</a>`));
  }

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++) }))).json().id;
    // Referred and first seen at 09:00 on 21 November (three days before the test clock).
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  describe('contact notes', () => {
    const note = (occurredAt: string, o: Record<string, unknown> = {}) => ({ kind: 'assessment', occurredAt, durationMinutes: 40, place: 'Home', body: 'Talked through the referral with Mrs B and her daughter.', finalise: true, ...o });
    const noteForm = (date: Record<string, string>) => ({ kind: 'assessment', ...date, durationMinutes: '40', place: 'Home', body: 'Talked through the referral.', action: 'finalise', formId: uuidv7() });

    it('refuses a note dated 1 January 1900, the day before the referral, or tomorrow, through the API; nothing is written', async () => {
      const before = await count('contact_notes');
      refusedByApi(await assistant.post(`/api/episodes/${episode}/contact-notes`, note('1900-01-01T10:00:00Z')), 'occurredAt', contactTooEarly);
      refusedByApi(await assistant.post(`/api/episodes/${episode}/contact-notes`, note('2026-11-20T12:00:00Z')), 'occurredAt', contactTooEarly);
      refusedByApi(await assistant.post(`/api/episodes/${episode}/contact-notes`, note('2026-11-25T10:00:00Z')), 'occurredAt', 'The date of the contact cannot be in the future');
      refusedByApi(await assistant.post(`/api/episodes/${episode}/contact-notes`, note('2026-11-24T11:00:00Z')), 'occurredAt', 'The time of the contact cannot be in the future');
      expect(await count('contact_notes')).toBe(before);
    });

    it('accepts a note of the referral conversation itself, early on the day the referral came in', async () => {
      const res = await assistant.post(`/api/episodes/${episode}/contact-notes`, note('2026-11-21T08:30:00Z', { kind: 'telephone' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('final');
    });

    it('refuses the same dates through the page, with the error summary linking the day field; nothing is written', async () => {
      const before = await count('contact_notes');
      refusedByPage(await assistant.form(`/episodes/${episode}/contact-notes/new`, noteForm(when('occurredAt', '1', '1', '1900', '10:00'))), 'occurredAt-day', contactTooEarly);
      refusedByPage(await assistant.form(`/episodes/${episode}/contact-notes/new`, noteForm(when('occurredAt', '20', '11', '2026', '12:00'))), 'occurredAt-day', contactTooEarly);
      refusedByPage(await assistant.form(`/episodes/${episode}/contact-notes/new`, noteForm(when('occurredAt', '25', '11', '2026', '10:00'))), 'occurredAt-day', 'The date of the contact cannot be in the future');
      expect(await count('contact_notes')).toBe(before);
    });

    it('will not change a draft to 1900, amend a final note to 1900, or finalise a draft dated 1900 before the rule existed', async () => {
      const draft = (await assistant.post(`/api/episodes/${episode}/contact-notes`, note('2026-11-23T10:00:00Z', { finalise: false }))).json();
      refusedByApi(await assistant.put(`/api/contact-notes/${draft.id}`, { ...note('1900-01-01T10:00:00Z'), finalise: undefined, version: 1 }), 'occurredAt', contactTooEarly);
      const final = (await assistant.post(`/api/episodes/${episode}/contact-notes`, note('2026-11-23T11:00:00Z'))).json();
      refusedByApi(await assistant.post(`/api/contact-notes/${final.id}/amendments`, { ...note('1900-01-01T10:00:00Z'), finalise: undefined, reason: 'Wrong day', version: final.version }), 'occurredAt', contactTooEarly);
      expect(await count('contact_note_amendments')).toBe(0);

      // A draft saved with 1900 before dates were checked: finalising it is refused until the date is put right.
      await sql`update contact_notes set occurred_at = '1900-01-01T10:00:00Z' where id = ${draft.id}`.execute(t.db);
      const message = `${contactTooEarly}. Change the draft’s date, then finalise it`;
      refusedByApi(await assistant.post(`/api/contact-notes/${draft.id}/finalise`, { version: 1 }), 'occurredAt', message);
      const page = await assistant.form(`/contact-notes/${draft.id}/finalise`, { version: '1' });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('href="#version-1"');
      expect(page.body).toContain('Change the draft’s date, then finalise it');
      const row = await t.db.selectFrom('contact_notes').select(['status', 'version']).where('id', '=', draft.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'draft', version: 1 });
    });
  });

  describe('assessments', () => {
    const barthel = (administeredAt: string) => ({ instrumentId: 'barthel-index', method: 'observed', timePoint: 'other', administeredAt, responses: barthelAt12 });
    const barthelForm = (date: Record<string, string>) => ({
      timePoint: 'other',
      method: 'observed',
      ...date,
      formId: uuidv7(),
      ...Object.fromEntries(Object.entries(barthelAt12).map(([item, value]) => [`responses.${item}`, String(value)])),
    });
    const tooEarly = `The date of the assessment must be on or after 21 November 2026 ${afterReferral}`;

    it('refuses an assessment in 1900, before the referral or tomorrow, through the API and the page; nothing is written', async () => {
      const before = await count('assessments');
      refusedByApi(await assistant.post(`/api/episodes/${episode}/assessments`, barthel('1900-01-01T10:00:00Z')), 'administeredAt', tooEarly);
      refusedByApi(await assistant.post(`/api/episodes/${episode}/assessments`, barthel('2026-11-20T10:00:00Z')), 'administeredAt', tooEarly);
      refusedByApi(await assistant.post(`/api/episodes/${episode}/assessments`, barthel('2026-11-25T10:00:00Z')), 'administeredAt', 'The date of the assessment cannot be in the future');
      const url = `/episodes/${episode}/assessments/new?instrument=barthel-index`;
      refusedByPage(await assistant.form(url, barthelForm(when('administeredAt', '1', '1', '1900', '10:00'))), 'administeredAt-day', tooEarly);
      refusedByPage(await assistant.form(url, barthelForm(when('administeredAt', '25', '11', '2026', '10:00'))), 'administeredAt-day', 'The date of the assessment cannot be in the future');
      expect(await count('assessments')).toBe(before);
      expect((await assistant.post(`/api/episodes/${episode}/assessments`, barthel('2026-11-21T10:00:00Z'))).statusCode).toBe(201);
    });
  });

  describe('goals', () => {
    const tea = (targetOn: string) => ({
      statement: 'I want to make my own cup of tea',
      levels: { '-2': 'Cannot make a hot drink', '-1': 'Makes tea with help', '0': 'Makes tea alone using a trolley', '+1': 'Makes tea alone with a lidded mug', '+2': 'Makes tea for a visitor too' },
      baseline: -1,
      importance: 2,
      difficulty: 2,
      targetOn,
      agreedWith: 'Mrs B',
    });
    const teaForm = (date: Record<string, string>) => ({
      statement: 'I want to make my own cup of tea',
      'levels-minus-2': 'Cannot make a hot drink',
      'levels-minus-1': 'Makes tea with help',
      'levels-0': 'Makes tea alone using a trolley',
      'levels-plus-1': 'Makes tea alone with a lidded mug',
      'levels-plus-2': 'Makes tea for a visitor too',
      baseline: '-1',
      importance: '2',
      difficulty: '2',
      agreedWith: 'Mrs B',
      ...date,
      formId: uuidv7(),
    });
    const beyond = 'The target date must be on or before 24 November 2028 (2 years from today)';

    it('refuses a target in the past or more than 2 years ahead, through the API and the page; nothing is written', async () => {
      const before = await count('goals');
      refusedByApi(await assistant.post(`/api/episodes/${episode}/goals`, tea('1900-01-01')), 'targetOn', 'The target date cannot be in the past');
      refusedByApi(await assistant.post(`/api/episodes/${episode}/goals`, tea('2099-01-01')), 'targetOn', beyond);
      refusedByPage(await assistant.form(`/episodes/${episode}/goals/new`, teaForm(when('targetOn', '1', '1', '2099'))), 'targetOn-day', beyond);
      refusedByPage(await assistant.form(`/episodes/${episode}/goals/new`, teaForm(when('targetOn', '23', '11', '2026'))), 'targetOn-day', 'The target date cannot be in the past');
      expect(await count('goals')).toBe(before);
    });

    it('refuses a rating dated 1900 (before the goal was set) or tomorrow, through the API and the page; nothing is written', async () => {
      const goal = await assistant.post(`/api/episodes/${episode}/goals`, tea('2028-11-24'));
      expect(goal.statusCode, goal.body).toBe(201);
      const id = goal.json().id;
      const tooEarly = 'The date of the rating must be on or after 24 November 2026 (when the goal was set)';
      refusedByApi(await assistant.post(`/api/goals/${id}/attainments`, { level: 0, timePoint: 'review', ratedOn: '1900-01-01' }), 'ratedOn', tooEarly);
      refusedByApi(await assistant.post(`/api/goals/${id}/attainments`, { level: 0, timePoint: 'review', ratedOn: '2026-11-25' }), 'ratedOn', 'The date of the rating cannot be in the future');
      refusedByPage(await assistant.form(`/goals/${id}/rate`, { level: '0', timePoint: 'review', ...when('ratedOn', '1', '1', '1900'), formId: uuidv7() }), 'ratedOn-day', tooEarly);
      expect(await count('goal_attainments')).toBe(0);
    });
  });

  describe('reviews', () => {
    const review = (o: Record<string, unknown>) => ({ kind: 'half-way', heldOn: '2026-11-24', summary: 'Walking indoors with a frame', decision: 'continue', nextReviewOn: '2026-12-08', ...o });
    const tooEarly = 'The date of the review must be on or after 21 November 2026 (the first contact in this episode)';

    it('refuses a review held in 1900 or tomorrow, and a next review more than a year ahead, through the API and the page; nothing changes', async () => {
      const before = await episodeRow(episode);
      const version = before.version;
      refusedByApi(await assistant.post(`/api/episodes/${episode}/reviews`, review({ heldOn: '1900-01-01', version })), 'heldOn', tooEarly);
      refusedByApi(await assistant.post(`/api/episodes/${episode}/reviews`, review({ heldOn: '2026-11-25', nextReviewOn: '2026-12-09', version })), 'heldOn', 'The date of the review cannot be in the future');
      refusedByApi(await assistant.post(`/api/episodes/${episode}/reviews`, review({ nextReviewOn: '2099-01-01', version })), 'nextReviewOn', 'The date of the next review must be on or before 24 November 2027 (1 year from today)');
      const form = { kind: 'half-way', summary: 'Walking indoors', decision: 'continue', ...when('nextReviewOn', '8', '12', '2026'), version: String(version) };
      refusedByPage(await assistant.form(`/episodes/${episode}/reviews/new`, { ...form, ...when('heldOn', '1', '1', '1900') }), 'heldOn-day', tooEarly);
      expect(await count('episode_reviews')).toBe(0);
      const after = await episodeRow(episode);
      expect([after.version, after.review_due_on]).toEqual([before.version, before.review_due_on]);
    });
  });

  describe('programmes of care', () => {
    const sitToStand = (o: Record<string, unknown> = {}) => ({
      kind: 'exercise',
      title: 'Sit-to-stand practice',
      instructions: 'Stand up slowly from a firm chair, then sit down slowly. Do this 10 times.',
      timesPerPeriod: 1,
      period: 'day',
      delivererKind: 'carer',
      delivererName: 'Sarah (daughter)',
      startsOn: '2026-11-24',
      ...o,
    });

    it('refuses an activity starting in 1900 through the API and the page, and a log dated before it started; nothing is written', async () => {
      const before = await count('programme_activities');
      const tooEarly = `The start date must be on or after 21 November 2026 ${afterReferral}`;
      refusedByApi(await assistant.post(`/api/episodes/${episode}/programme`, sitToStand({ startsOn: '1900-01-01' })), 'startsOn', tooEarly);
      refusedByApi(await assistant.post(`/api/episodes/${episode}/programme`, sitToStand({ endsOn: '2099-01-01' })), 'endsOn', 'The end date must be on or before 24 November 2028 (2 years from today)');
      const form = { kind: 'exercise', title: 'Sit-to-stand practice', instructions: 'Stand up slowly, then sit down slowly.', timesPerPeriod: '1', period: 'day', delivererKind: 'carer', delivererName: 'Sarah (daughter)', formId: uuidv7() };
      refusedByPage(await assistant.form(`/episodes/${episode}/programme/new`, { ...form, ...when('startsOn', '1', '1', '1900') }), 'startsOn-day', tooEarly);
      expect(await count('programme_activities')).toBe(before);

      const activity = await assistant.post(`/api/episodes/${episode}/programme`, sitToStand());
      expect(activity.statusCode, activity.body).toBe(201);
      const id = activity.json().id;
      const notYet = 'The day it was done must be on or after 24 November 2026 (the start date of the activity)';
      refusedByApi(await assistant.post(`/api/programme-activities/${id}/completions`, { doneOn: '1900-01-01', outcome: 'done', reportedBy: 'carer' }), 'doneOn', notYet);
      refusedByApi(await assistant.post(`/api/programme-activities/${id}/completions`, { doneOn: '2026-11-25', outcome: 'done', reportedBy: 'carer' }), 'doneOn', 'The day it was done cannot be in the future');
      refusedByPage(await assistant.form(`/programme-activities/${id}/log`, { ...when('doneOn', '1', '1', '1900'), outcome: 'done', reportedBy: 'carer', formId: uuidv7() }), 'doneOn-day', notYet);
      expect(await count('programme_completions')).toBe(0);
    });
  });

  describe('consent', () => {
    it('takes no date from the client: it is dated by the server’s clock, so never before the referral', async () => {
      const before = await count('consent_records');
      const dated = await assistant.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient', recordedAt: '1900-01-01T10:00:00Z' });
      expect(dated.statusCode).toBe(400);
      expect(await count('consent_records')).toBe(before);
      const res = await assistant.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
      expect(res.statusCode).toBe(201);
      expect(res.json().recordedAt).toBe(t.clock.now().toISOString());
    });
  });

  describe('the episode: first contact and discharge', () => {
    it('refuses a first contact before the referral, to the minute, or a next contact more than a year ahead; nothing changes', async () => {
      const waiting = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
      await t.db.updateTable('episodes').set({ status: 'waiting', first_contact_at: null, last_contact_at: null }).where('id', '=', waiting).execute();
      const { version } = await episodeRow(waiting);
      refusedByApi(await therapist.post(`/api/episodes/${waiting}/first-contact`, { at: '1900-01-01T10:00:00Z', version }), 'at', `The date of first contact must be on or after 21 November 2026 ${afterReferral}`);
      refusedByApi(await therapist.post(`/api/episodes/${waiting}/first-contact`, { at: '2026-11-21T08:59:00Z', version }), 'at', `The time of first contact must be 09:00 or later ${afterReferral}`);
      refusedByApi(await therapist.post(`/api/episodes/${waiting}/first-contact`, { at: '2026-11-23T10:00:00Z', nextContactAt: '2099-01-01T10:00:00Z', version }), 'nextContactAt', 'The date of the next planned contact must be on or before 24 November 2027 (1 year from today)');
      refusedByPage(await therapist.form(`/episodes/${waiting}/first-contact`, { ...when('at', '1', '1', '1900', '10:00'), version: String(version) }), 'at-day', `The date of first contact must be on or after 21 November 2026 ${afterReferral}`);
      const row = await episodeRow(waiting);
      expect([row.status, row.first_contact_at, row.version]).toEqual(['waiting', null, version]);
    });

    it('refuses a discharge before the first contact, or tomorrow, through the API and the page; nothing changes', async () => {
      const seen = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
      // Referred on the 21st; first seen on the 23rd.
      await t.db.updateTable('episodes').set({ first_contact_at: new Date('2026-11-23T10:00:00Z'), last_contact_at: new Date('2026-11-23T10:00:00Z') }).where('id', '=', seen).execute();
      const { version } = await episodeRow(seen);
      const discharge = (dischargedOn: string) => ({ outcome: 'goals-met', destination: 'home-no-support', dischargedOn, version });
      const beforeSeen = 'The date of discharge must be on or after 23 November 2026 (the first contact in this episode)';
      refusedByApi(await therapist.post(`/api/episodes/${seen}/discharge`, discharge('2026-11-22')), 'dischargedOn', beforeSeen);
      refusedByApi(await therapist.post(`/api/episodes/${seen}/discharge`, discharge('1900-01-01')), 'dischargedOn', beforeSeen);
      refusedByApi(await therapist.post(`/api/episodes/${seen}/discharge`, discharge('2026-11-25')), 'dischargedOn', 'The date of discharge cannot be in the future');
      refusedByPage(await therapist.form(`/episodes/${seen}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', ...when('dischargedOn', '22', '11', '2026'), version: String(version) }), 'dischargedOn-day', beforeSeen);
      const row = await episodeRow(seen);
      expect([row.status, row.discharged_on, row.version]).toEqual(['active', null, version]);
    });
  });

  describe('referrals and the patient index', () => {
    it('refuses a referral received before the patient was born, through the API and the page; nothing is written', async () => {
      const before = await count('referrals');
      const beforeBirth = 'The date the referral was received must be on or after 17 May 1941 (when the patient was born)';
      const body = {
        patientId: mrsB, source: 'gp', sourceDetail: 'Burslem Health Centre', receivedAt: '1930-06-01T10:00:00Z', service: 'd2a-pathway-0', setting: 'home',
        reason: 'Sudden loss of mobility at home', urgencyRequested: 'urgent', referrerName: 'Dr Okafor, GP', referrerContact: '01632 960456', consentToReferral: true,
      };
      refusedByApi(await therapist.post('/api/referrals', body), 'receivedAt', beforeBirth);
      const form = {
        source: 'gp', sourceDetail: 'Burslem Health Centre', ...when('receivedAt', '1', '6', '1930'), receivedTime: '10:00', service: 'd2a-pathway-0', setting: 'home',
        reason: 'Sudden loss of mobility at home', urgencyRequested: 'urgent', referrerName: 'Dr Okafor, GP', referrerContact: '01632 960456', consentToReferral: 'yes', formId: uuidv7(),
      };
      const page = await therapist.form(`/patients/${mrsB}/referrals/new`, form);
      expect(page.statusCode).toBe(400);
      expect(page.body).toMatch(new RegExp(`<a href="#receivedAt-day"[^>]*>\\s*${beforeBirth.replace(/[()]/g, '\\$&')}\\s*</a>`));
      expect(await count('referrals')).toBe(before);
    });

    it('refuses a date of birth in the future or more than 130 years ago, through the API and the page; nothing is written', async () => {
      const before = await count('patients');
      const tooOld = 'The date of birth must be on or after 24 November 1896 (130 years ago)';
      refusedByApi(await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), dateOfBirth: '1896-11-23' })), 'dateOfBirth', tooOld);
      refusedByApi(await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), dateOfBirth: '2026-11-25' })), 'dateOfBirth', 'The date of birth cannot be in the future');
      const form = { nhsNumber: testNhsNumberForIndex(nhsIndex++), givenName: 'Ada', familyName: 'Wood', sex: 'female', addressLine1: '1 High Street', town: 'Leek', postcode: 'ST13 5AA', livesAlone: 'no', keySafe: 'no', formId: uuidv7() };
      const page = await therapist.form('/patients/new', { ...form, ...when('dateOfBirth', '23', '11', '1896') });
      expect(page.statusCode).toBe(400);
      expect(page.body).toMatch(new RegExp(`<a href="#dateOfBirth-day"[^>]*>\\s*${tooOld.replace(/[()]/g, '\\$&')}\\s*</a>`));
      expect(await count('patients')).toBe(before);
      // Born today is not in the future.
      expect((await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), dateOfBirth: '2026-11-24' }))).statusCode).toBe(201);
    });
  });
});
