// Reviews and reassessment (issue 4 items 4 and 7): Mrs B's D2A pathway 1 episode starts on 21 November
// with a six-week plan (half-way 12 December, end 2 January). Homeward asks her assistant practitioner
// for a baseline Barthel and Timed Up and Go, and the caseload says so; once scored the prompts go. At
// half-way the caseload shows the review due and the reassessment prompts return; the Barthel review
// score of 16 is charted against the baseline of 12 with the MCID line and a data table saying it
// passes. The assistant practitioner records a half-way review that extends the episode, and the
// review date moves on the caseload. A support worker and a therapist from another team are refused
// (and audited); bad dates get specific messages and write nothing; a stale episode version gets 409;
// a retried request is answered once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';
import { barthelAt12, barthelAt16 } from '../../test/barthel-responses.ts';

let nhsIndex = 731_000;

const tug = (seconds: number) => ({ seconds, aid: 2, assistance: 1 });

describe('episode reviews, reassessment prompts and scores over time', () => {
  let t: TestApp;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let therapist: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string;
  const squash = (html: string) => html.replace(/\s+/g, ' ');
  const version = async () => (await t.db.selectFrom('episodes').select('version').where('id', '=', episode).executeTakeFirstOrThrow()).version;
  const reviewCount = async () => (await t.db.selectFrom('episode_reviews').select('id').execute()).length;
  const prompts = async () => (await assistant.get(`/api/episodes/${episode}/reviews`)).json().assessmentPrompts as { instrumentId: string; kind: string; timePoint: string }[];
  const caseloadRow = async (client: TestClient, query = '') => {
    const page = await client.get(`/caseload${query}`);
    expect(page.statusCode).toBe(200);
    const rows = squash(page.body).split(/<tr class="nhsuk-table__row"[^>]*>/);
    return rows.find((r) => r.includes(`/episodes/${episode}"`)) ?? null;
  };
  /** Days pass: everyone signs in again (sessions time out when idle). */
  const moveClockTo = async (iso: string) => {
    t.clock.set(new Date(iso));
    [assistant, supportWorker, therapist, outsider] = await Promise.all([t.signIn(t.service.a['assistant-practitioner']), t.signIn(t.service.a['support-worker']), t.signIn(t.service.a['registered-therapist']), t.signIn(t.service.otherTeamTherapist)]);
  };
  const assess = (instrumentId: string, timePoint: string, administeredAt: string, responses: Record<string, number>) =>
    assistant.post(`/api/episodes/${episode}/assessments`, { instrumentId, method: 'observed', timePoint, administeredAt, responses });

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++) }))).json().id;
    // First contact 21 November (three days before the clock's 24 November); six weeks planned, as first contact sets.
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await t.db.updateTable('episodes').set({ planned_end_on: '2027-01-02', review_due_on: '2026-12-12' }).where('id', '=', episode).execute();
  });
  afterAll(async () => t?.close());

  it('asks for a baseline Barthel and Timed Up and Go once the episode is active, on the assessments page and the caseload', async () => {
    expect((await prompts()).map((p) => `${p.instrumentId}:${p.kind}:${p.timePoint}`)).toEqual(['barthel-index:baseline:baseline', 'timed-up-and-go:baseline:baseline']);
    const page = await assistant.get(`/episodes/${episode}/assessments`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hw-patient-banner');
    expect(page.body).toContain('Assessments due');
    expect(page.body).toContain(`/episodes/${episode}/assessments/new?instrument=barthel-index&amp;timePoint=baseline`);
    const row = await caseloadRow(assistant);
    expect(row).toContain('Assessments due');
    expect(row).toContain('Barthel Index: baseline');
    expect(row).not.toContain('Review due');
    // And on the record page, where the first visit is written up.
    const record = await assistant.get(`/episodes/${episode}/record`);
    expect(record.body).toContain('Assessments due');
    expect(record.body).toContain(`/episodes/${episode}/assessments/new?instrument=timed-up-and-go&amp;timePoint=baseline`);
  });

  it('stops asking once the baselines are recorded', async () => {
    expect((await assess('barthel-index', 'baseline', '2026-11-21T10:00:00Z', barthelAt12)).statusCode).toBe(201);
    expect((await assess('timed-up-and-go', 'baseline', '2026-11-21T10:30:00Z', tug(15.2))).statusCode).toBe(201);
    expect(await prompts()).toEqual([]);
    expect((await assistant.get(`/episodes/${episode}/assessments`)).body).not.toContain('Assessments due');
    expect(await caseloadRow(assistant)).not.toContain('Assessments due');
    expect((await assistant.get(`/episodes/${episode}/record`)).body).not.toContain('Assessments due');
    // Discharging is when the final scores are due: the discharge form asks for them.
    const discharge = await assistant.get(`/episodes/${episode}/discharge`);
    expect(discharge.statusCode).toBe(200);
    expect(discharge.body).toContain('Assessments due');
    expect(discharge.body).toContain(`/episodes/${episode}/assessments/new?instrument=barthel-index&amp;timePoint=discharge`);
    expect(discharge.body).toContain(`/episodes/${episode}/assessments/new?instrument=timed-up-and-go&amp;timePoint=discharge`);
  });

  it('at half-way shows the review due on the caseload, filters to it, and asks for reassessment with the time point preselected', async () => {
    await moveClockTo('2026-12-12T10:00:00Z');
    const row = await caseloadRow(assistant);
    expect(row).toContain('12 December 2026');
    expect(row).toContain('Review due');
    expect(row).toContain('Assessments due');
    expect(await caseloadRow(assistant, '?reviewsDue=1')).toContain('Review due');
    const page = await assistant.get('/caseload?reviewsDue=1');
    expect(page.body).toMatch(/id="reviewsDue"[^>]*checked/);

    expect((await prompts()).map((p) => `${p.instrumentId}:${p.kind}:${p.timePoint}`)).toEqual(['barthel-index:review:review', 'timed-up-and-go:review:review']);
    const form = await assistant.get(`/episodes/${episode}/assessments/new?instrument=barthel-index&timePoint=review`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="review" checked/);

    expect((await assess('barthel-index', 'review', '2026-12-12T09:00:00Z', barthelAt16)).statusCode).toBe(201);
    expect((await prompts()).map((p) => `${p.instrumentId}:${p.kind}`)).toEqual(['timed-up-and-go:review']);
  });

  it('charts each measure with an accessible summary, the MCID line from baseline and a data table with the change and verdict', async () => {
    const page = await assistant.get(`/episodes/${episode}/assessments`);
    const body = squash(page.body);
    expect(body).toContain('Scores over time');
    const svg = /<svg[^>]*role="img"[^>]*aria-label="(Barthel Index[^"]*)"/.exec(body);
    expect(svg?.[1]).toBe(
      'Barthel Index rose from 12 to 16 points between 21 Nov and 12 Dec: improved, and passes the minimal clinically important difference of 1.85 points. 2 scores.',
    );
    expect(body).toContain('<title>Barthel Index rose from 12 to 16 points');
    expect(body).toContain('stroke-dasharray="8 5"');
    expect(body).toContain('Baseline + MCID (13.85)');
    // The data table beside the chart: every score, the change from baseline and whether it passes.
    expect(body).toContain('<caption class="nhsuk-table__caption nhsuk-table__caption--s">Barthel Index: every score, its change from baseline and whether it passes the minimal important change</caption>');
    expect(body).toContain('Passes the MCID (1.85 points)?');
    // Each row's cells as a reader hears them (the column labels a phone shows are aria-hidden).
    const rowTexts = [...body.matchAll(/<tr class="nhsuk-table__row" role="row">(.*?)<\/tr>/gs)].map((m) =>
      m[1]!.replace(/<span class="nhsuk-table__heading" aria-hidden="true">.*?<\/span>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(),
    );
    expect(rowTexts).toContainEqual(expect.stringMatching(/ Review 16 points: Moderate dependency Up 4 points \(improved\) Yes$/));
    expect(body).toContain('Not applicable (baseline)');
    // The Timed Up and Go has one score so far: its chart says so.
    expect(body).toMatch(/aria-label="Timed Up and Go: baseline of 15.2 seconds on 21 Nov; no later score yet."/);
  });

  it('refuses a support worker, who may still read the reviews, and audits the refusal', async () => {
    // Support workers see only the patients they work with: this one works on Mrs B's episode under the assistant practitioner.
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a['support-worker'].id });
    const body = { kind: 'half-way', heldOn: '2026-12-12', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2027-01-02', version: await version() };
    const api = await supportWorker.post(`/api/episodes/${episode}/reviews`, body);
    expect(api.statusCode).toBe(403);
    expect(api.json().error.message).toContain('Only an assistant practitioner, registered therapist or clinical lead can record a review');
    expect((await supportWorker.get(`/episodes/${episode}/reviews/new`)).statusCode).toBe(403);
    const read = await supportWorker.get(`/episodes/${episode}/reviews`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(`/episodes/${episode}/reviews/new`);
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.a['support-worker'].id).where('outcome', '=', 'refused').where('record_kind', '=', 'episode-review').execute();
    expect(refusals).toHaveLength(2);
    expect(refusals[0]!.detail).toMatchObject({ rule: 'role-does-not-review-episodes' });
    expect(await reviewCount()).toBe(0);
  });

  it('refuses a therapist with no relationship to the patient, and audits it', async () => {
    const body = { kind: 'half-way', heldOn: '2026-12-12', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2027-01-02', version: await version() };
    for (const res of [
      await outsider.get(`/api/episodes/${episode}/reviews`),
      await outsider.post(`/api/episodes/${episode}/reviews`, body),
      await outsider.get(`/episodes/${episode}/reviews`),
      await outsider.get(`/episodes/${episode}/reviews/new`),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    const refusals = await t.db.selectFrom('audit_events').select('id').where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').where('record_kind', '=', 'episode-review').execute();
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(await reviewCount()).toBe(0);
  });

  it('refuses bad dates with specific messages and writes nothing', async () => {
    const before = await version();
    const base = { kind: 'half-way', heldOn: '2026-12-12', summary: 'Walking indoors with a frame', decision: 'continue', nextReviewOn: '2027-01-02', version: before };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ nextReviewOn: '2026-12-10' }, 'nextReviewOn', 'The next review must be after this review, 12 December 2026'],
      [{ decision: 'extend', plannedEndOn: null }, 'plannedEndOn', 'Enter the new planned end of the episode: extending needs a new end date'],
      [{ decision: 'extend', plannedEndOn: '2026-11-01' }, 'plannedEndOn', 'The new planned end cannot be in the past'],
      [{ heldOn: '2026-12-13', nextReviewOn: '2026-12-20' }, 'heldOn', 'The date of the review cannot be in the future'],
      [{ kind: undefined, summary: ' ' }, 'kind', 'Choose which review this was: half-way, end of episode or other'],
    ];
    for (const [change, path, message] of cases) {
      const res = await assistant.post(`/api/episodes/${episode}/reviews`, { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().error.fields).toContainEqual({ path, message });
    }
    const malformed = await assistant.post(`/api/episodes/${episode}/reviews`, { ...base, heldOn: '12/12/2026' });
    expect(malformed.statusCode).toBe(400);
    expect(await reviewCount()).toBe(0);
    expect(await version()).toBe(before);

    // The same through the form: the NHS.UK error summary, each message linked to its field.
    const form = await assistant.form(`/episodes/${episode}/reviews/new`, {
      kind: 'half-way', 'heldOn-day': '12', 'heldOn-month': '12', 'heldOn-year': '2026', summary: 'Walking indoors', decision: 'extend',
      'nextReviewOn-day': '10', 'nextReviewOn-month': '12', 'nextReviewOn-year': '2026', version: String(before),
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('nhsuk-error-summary');
    expect(form.body).toContain('hw-patient-banner');
    expect(form.body).toContain('href="#plannedEndOn-day"');
    expect(form.body).toContain('Enter the new planned end of the episode: extending needs a new end date');
    expect(form.body).toContain('href="#nextReviewOn-day"');
    expect(form.body).toContain('The next review must be after this review, 12 December 2026');
    const notReal = await assistant.form(`/episodes/${episode}/reviews/new`, { kind: 'half-way', 'heldOn-day': '31', 'heldOn-month': '11', 'heldOn-year': '2026', summary: 'x', decision: 'continue', version: String(before) });
    expect(notReal.body).toContain('Date of the review must be a real date');
    expect(await reviewCount()).toBe(0);
  });

  it('refuses a review sent against a stale episode version with 409 and the episode as it is now', async () => {
    // Someone else changes the episode after the assistant practitioner opened it.
    await t.db.updateTable('episodes').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', episode).execute();
    const current = await version();
    const stale = await assistant.post(`/api/episodes/${episode}/reviews`, { kind: 'half-way', heldOn: '2026-12-12', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2027-01-02', version: current - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id: episode, version: current, reviewDueOn: '2026-12-12' });
    expect(await reviewCount()).toBe(0);
    const page = await assistant.form(`/episodes/${episode}/reviews/new`, {
      kind: 'half-way', 'heldOn-day': '12', 'heldOn-month': '12', 'heldOn-year': '2026', summary: 'Walking indoors', decision: 'continue',
      'nextReviewOn-day': '2', 'nextReviewOn-month': '1', 'nextReviewOn-year': '2027', version: String(current - 1),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Someone else changed this episode while you had the form open');
    expect(page.body).toContain(`name="version" value="${current}"`);
    expect(await reviewCount()).toBe(0);
  });

  it('records the half-way review that extends the episode: the dates move on the caseload, once, however often it is sent', async () => {
    const before = await version();
    const body = { kind: 'half-way', heldOn: '2026-12-12', summary: 'Walking indoors with a frame; stairs still need help.\nExtend for stair practice.', decision: 'extend', plannedEndOn: '2027-01-16', nextReviewOn: '2027-01-02', version: before };
    const headers = { 'idempotency-key': 'review-mrs-b-1' };
    const first = await assistant.post(`/api/episodes/${episode}/reviews`, body, headers);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      review: { kind: 'half-way', heldOn: '2026-12-12', decision: 'extend', nextReviewOn: '2027-01-02', plannedEndOn: '2027-01-16', recordedBy: { id: t.service.a['assistant-practitioner'].id, role: 'assistant-practitioner' } },
      episode: { id: episode, version: before + 1, plannedEndOn: '2027-01-16', reviewDueOn: '2027-01-02' },
    });
    const again = await assistant.post(`/api/episodes/${episode}/reviews`, body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await reviewCount()).toBe(1);
    expect(await version()).toBe(before + 1);

    const stored = await t.db.selectFrom('episodes').select(['planned_end_on', 'review_due_on']).where('id', '=', episode).executeTakeFirstOrThrow();
    expect([String(stored.planned_end_on).slice(0, 10), String(stored.review_due_on).slice(0, 10)]).toEqual(['2027-01-16', '2027-01-02']);
    const event = await t.db.selectFrom('episode_events').selectAll().where('episode_id', '=', episode).where('kind', '=', 'reviewed').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ reason: 'extend', detail: expect.objectContaining({ reviewId: first.json().review.id, from: { reviewDueOn: '2026-12-12', plannedEndOn: '2027-01-02' } }) });
    const audits = await t.db.selectFrom('audit_events').selectAll().where('patient_id', '=', mrsB).where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    expect(audits.filter((a) => a.record_kind === 'episode-review').map((a) => a.record_id)).toEqual([first.json().review.id]);
    expect(audits.some((a) => a.record_kind === 'episode' && (a.detail as { change?: string }).change === 'reviewed')).toBe(true);

    // The caseload now shows the next review, no longer due.
    const row = await caseloadRow(assistant);
    expect(row).toContain('2 January 2027');
    expect(row).not.toContain('Review due');
    expect(await caseloadRow(assistant, '?reviewsDue=1')).toBeNull();
    // The episode page's history says what happened.
    expect(squash((await assistant.get(`/episodes/${episode}`)).body)).toContain('Reviewed: Half-way review, extend the episode');

    const list = (await assistant.get(`/api/episodes/${episode}/reviews`)).json();
    expect(list.schedule).toMatchObject({ startOn: '2026-11-21', midwayReviewOn: '2026-12-19', endReviewOn: '2027-01-16', nextReviewOn: '2027-01-02', nextReviewState: 'not-due' });
    expect(list.reviews).toHaveLength(1);
    const reads = await t.db.selectFrom('audit_events').select('id').where('patient_id', '=', mrsB).where('action', '=', 'read').where('record_kind', '=', 'episode-review').execute();
    expect(reads.length).toBeGreaterThan(0);
  });

  it('shows the review dates, the review held and the assessments due on the reviews page, and records a review from the form', async () => {
    const page = squash((await assistant.get(`/episodes/${episode}/reviews`)).body);
    expect(page).toContain('hw-patient-banner');
    expect(page).toContain('Half-way review');
    expect(page).toContain('19 December 2026');
    expect(page).toContain('16 January 2027');
    expect(page).toContain('Half-way review: extend the episode');
    expect(page).toContain('Walking indoors with a frame; stairs still need help.<br />');
    expect(page).toContain('Planned end moved to 16 January 2027');
    expect(page).toContain('Timed Up and Go: reassessment for the review');
    expect(page).toContain(`/episodes/${episode}/assessments/new?instrument=timed-up-and-go&amp;timePoint=review`);
    expect(page).toContain(`/episodes/${episode}/reviews/new`);

    await moveClockTo('2027-01-02T11:00:00Z');
    expect((await therapist.get(`/episodes/${episode}/reviews/new`)).statusCode).toBe(200);
    const saved = await therapist.form(`/episodes/${episode}/reviews/new`, {
      kind: 'other', 'heldOn-day': '2', 'heldOn-month': '1', 'heldOn-year': '2027', summary: 'Stairs with one rail and supervision.', decision: 'continue',
      'nextReviewOn-day': '16', 'nextReviewOn-month': '1', 'nextReviewOn-year': '2027', version: String(await version()),
    });
    expect(saved.statusCode).toBe(303);
    const id = (await t.db.selectFrom('episode_reviews').select('id').where('kind', '=', 'other').executeTakeFirstOrThrow()).id;
    expect(saved.headers.location).toBe(`/episodes/${episode}/reviews?done=${id}`);
    const confirmed = await therapist.get(saved.headers.location!);
    expect(confirmed.body).toContain('Other review recorded: continue as planned. Next review 16 January 2027.');
    expect(await reviewCount()).toBe(2);
  });

  it('asks for the final scores when a review decides to discharge, and keeps reviews append-only', async () => {
    await assess('timed-up-and-go', 'review', '2027-01-02T10:00:00Z', tug(12.1));
    const res = await assistant.post(`/api/episodes/${episode}/reviews`, { kind: 'end-of-episode', heldOn: '2027-01-02', summary: 'Goals met; home with family support.', decision: 'discharge', nextReviewOn: null, version: await version() });
    expect(res.statusCode).toBe(201);
    expect(res.json().episode.reviewDueOn).toBeNull();
    expect((await prompts()).map((p) => `${p.instrumentId}:${p.kind}:${p.timePoint}`)).toEqual(['barthel-index:discharge:discharge', 'timed-up-and-go:discharge:discharge']);
    await expect(sql`update episode_reviews set summary = 'changed'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from episode_reviews`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
