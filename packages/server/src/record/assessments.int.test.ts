// Standardised assessments (issue 4 items 3 and 4): Mrs B's assistant practitioner scores a Barthel
// Index at the first visit (12) and at review (16); Homeward says the rise of 4 passes the minimal
// clinically important difference. A second baseline, an out-of-range item and an FES-I with too many
// unanswered items are refused with specific messages; the pages show whose record it is and the NHS.UK
// error summary; a clinician from another team is refused and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { barthelAt12, barthelAt16 } from '../../test/barthel-responses.ts';

let nhsIndex = 720_000;


const fesIAll = ['cleaning', 'dressing', 'simple-meals', 'bath-or-shower', 'shop', 'chair', 'stairs', 'neighbourhood', 'reaching', 'telephone', 'slippery-surface', 'visiting', 'crowd', 'uneven-surface', 'slope', 'social-event'];

describe('standardised assessments in the clinical record', () => {
  let t: TestApp;
  let assistant: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const barthel = (o: Record<string, unknown>) => ({ instrumentId: 'barthel-index', method: 'observed', ...o });

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'stroke-early-supported-discharge', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('scores a Barthel baseline of 12 and a review of 16: up 4 points, passing the MCID', async () => {
    const baseline = await assistant.post(`/api/episodes/${episode}/assessments`, barthel({ timePoint: 'baseline', administeredAt: ago(3 * 24 * 60), responses: barthelAt12 }));
    expect(baseline.statusCode).toBe(201);
    expect(baseline.json()).toMatchObject({ total: 12, band: { id: 'severe', label: 'Severe dependency' }, changeFromBaseline: null, instrumentVersion: 1, recordedBy: { id: t.service.a['assistant-practitioner'].id } });

    const review = await assistant.post(`/api/episodes/${episode}/assessments`, barthel({ timePoint: 'review', administeredAt: ago(60), responses: barthelAt16 }));
    expect(review.statusCode).toBe(201);
    const body = review.json();
    expect(body).toMatchObject({ total: 16, band: { id: 'moderate' }, changeFromBaseline: { change: 4, direction: 'improved', passesMinimalChange: true, thresholdKind: 'MCID', baselineTotal: 12 } });
    expect(body.changeFromBaseline.summary).toMatch(/^Up 4 points \(improved\): passes the minimal clinically important difference/);

    // Stored as responses with the computed total; the total is never taken from the client.
    const rows = await t.db.selectFrom('assessments').selectAll().orderBy('administered_at').execute();
    expect(rows.map((r) => [r.time_point, Number(r.total), r.band])).toEqual([['baseline', 12, 'severe'], ['review', 16, 'moderate']]);
    expect(rows[1]!.responses).toEqual(barthelAt16);
    const typedTotal = await assistant.post(`/api/episodes/${episode}/assessments`, barthel({ timePoint: 'review', administeredAt: ago(30), responses: barthelAt16, total: 20 }));
    expect(typedTotal.statusCode).toBe(400);

    const list = (await assistant.get(`/api/episodes/${episode}/assessments`)).json();
    expect(list.assessments).toHaveLength(2);
    expect(list.byInstrument).toEqual([expect.objectContaining({ instrumentId: 'barthel-index', count: 2, baseline: expect.objectContaining({ total: 12 }), latest: expect.objectContaining({ total: 16 }) })]);

    const audit = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'assessment').where('patient_id', '=', mrsB).execute();
    expect(audit.filter((a) => a.action === 'write' && a.outcome === 'allowed').map((a) => a.record_id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(audit.some((a) => a.action === 'read' && a.outcome === 'allowed')).toBe(true);
  });

  it('refuses a second baseline for the same instrument and episode', async () => {
    const second = await assistant.post(`/api/episodes/${episode}/assessments`, barthel({ timePoint: 'baseline', administeredAt: ago(30), responses: barthelAt16 }));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('already has a baseline Barthel Index');
    expect(second.json().error.fields[0].path).toBe('timePoint');
    expect(await t.db.selectFrom('assessments').select('id').where('time_point', '=', 'baseline').execute()).toHaveLength(1);
  });

  it('refuses out-of-range items and too many missing items with the item paths', async () => {
    const outOfRange = await assistant.post(`/api/episodes/${episode}/assessments`, barthel({ timePoint: 'review', administeredAt: ago(30), responses: { ...barthelAt16, transfer: 4, bathing: 0.5 } }));
    expect(outOfRange.statusCode).toBe(400);
    const fields = outOfRange.json().error.fields;
    expect(fields).toContainEqual({ path: 'responses.transfer', message: expect.stringContaining('4 is out of range; the options run from 0 to 3') });
    expect(fields).toContainEqual({ path: 'responses.bathing', message: expect.stringContaining('not one of the options') });

    const fiveMissing = Object.fromEntries(fesIAll.slice(5).map((id) => [id, 2]));
    const fes = await assistant.post(`/api/episodes/${episode}/assessments`, { instrumentId: 'fes-i', method: 'self-report', timePoint: 'baseline', administeredAt: ago(30), responses: fiveMissing });
    expect(fes.statusCode).toBe(400);
    expect(fes.json().error.fields.map((f: { path: string }) => f.path)).toEqual(fesIAll.slice(0, 5).map((id) => `responses.${id}`));
    expect(fes.json().error.fields[0].message).toContain('up to 4 unanswered items, and 5 are unanswered');

    const fourMissing = Object.fromEntries(fesIAll.slice(4).map((id) => [id, 2]));
    const prorated = await assistant.post(`/api/episodes/${episode}/assessments`, { instrumentId: 'fes-i', method: 'self-report', timePoint: 'baseline', administeredAt: ago(30), responses: fourMissing });
    expect(prorated.statusCode).toBe(201);
    expect(prorated.json()).toMatchObject({ total: 32, band: { id: 'high' } });

    const wrongMethod = await assistant.post(`/api/episodes/${episode}/assessments`, { instrumentId: 'timed-up-and-go', method: 'proxy', timePoint: 'baseline', administeredAt: ago(30), responses: { seconds: 15.2, aid: 2, assistance: 1 } });
    expect(wrongMethod.statusCode).toBe(400);
    expect(wrongMethod.json().error.fields[0].path).toBe('method');
    const unknown = await assistant.post(`/api/episodes/${episode}/assessments`, { instrumentId: 'made-up-scale', method: 'observed', timePoint: 'baseline', administeredAt: ago(30), responses: {} });
    expect(unknown.statusCode).toBe(400);
    expect(await t.db.selectFrom('assessments').select('id').execute()).toHaveLength(3);
  });

  it('keeps entries append-only in the database', async () => {
    await expect(sql`update assessments set total = 20`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from assessments`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('shows the patient banner, a form generated from the definition and the NHS.UK error summary on bad input', async () => {
    const record = await assistant.get(`/episodes/${episode}/record`);
    expect(record.body).toContain(`/episodes/${episode}/assessments/new`);
    expect(record.body).toContain(`/episodes/${episode}/assessments"`);

    const choose = await assistant.get(`/episodes/${episode}/assessments/new`);
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('hw-patient-banner');
    expect(choose.body).toContain('?instrument=timed-up-and-go');

    const form = await assistant.get(`/episodes/${episode}/assessments/new?instrument=barthel-index`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('hw-patient-banner');
    expect(form.body).toContain('BLOOR, Betty');
    expect(form.body).toMatch(/<legend[^>]*>\s*Transfer \(bed to chair and back\)\s*<\/legend>/);
    expect(form.body).toContain('name="responses.transfer"');
    expect(form.body).toContain('already has a baseline Barthel Index');

    const date = { 'administeredAt-day': '24', 'administeredAt-month': '11', 'administeredAt-year': '2026', 'administeredAt-time': '08:00' };
    const bad = await assistant.form(`/episodes/${episode}/assessments/new?instrument=barthel-index`, { ...date, timePoint: 'discharge', method: 'observed', 'responses.bowels': '2' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nhsuk-error-summary');
    expect(bad.body).toContain('href="#responses-bladder"');
    expect(bad.body).toContain('Bladder: not answered; every item of the Barthel must be answered');
    expect(bad.body).toContain('value="2" checked');

    const tug = await assistant.get(`/episodes/${episode}/assessments/new?instrument=timed-up-and-go`);
    expect(tug.body).toContain('name="responses.seconds"');
    expect(tug.body).toContain('inputmode="decimal"');
    const saved = await assistant.form(`/episodes/${episode}/assessments/new?instrument=timed-up-and-go`, { ...date, timePoint: 'baseline', method: 'observed', 'responses.seconds': '15.2', 'responses.aid': '2', 'responses.assistance': '1' });
    expect(saved.statusCode).toBe(303);
    const id = (await t.db.selectFrom('assessments').select('id').where('instrument_id', '=', 'timed-up-and-go').executeTakeFirstOrThrow()).id;
    expect(saved.headers.location).toBe(`/episodes/${episode}/assessments?done=${id}`);
    const confirmed = await assistant.get(saved.headers.location!);
    expect(confirmed.body).toContain('hw-patient-banner');
    expect(confirmed.body).toContain('Timed Up and Go recorded: total 15.2 seconds: Intermediate (10-20 seconds)');
    expect(confirmed.body).toContain('Up 4 points (improved): passes the minimal clinically important difference');
    expect(confirmed.body).toContain('Change from baseline by assessment');
  });

  it('reports every problem with a Barthel form in one round: the form’s, the date’s bounds, unanswered items and a second baseline', async () => {
    // Before: the time, an item that is not a number and the missing time point came first; unanswered
    // items, a date before the referral and a second baseline only after those were corrected.
    const form = { 'administeredAt-day': '1', 'administeredAt-month': '1', 'administeredAt-year': '2020', 'administeredAt-time': '', timePoint: '', method: 'observed', 'responses.bowels': 'x', 'responses.bladder': '2' };
    const first = await assistant.form(`/episodes/${episode}/assessments/new?instrument=barthel-index`, form);
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('Enter the time of the assessment');
    expect(first.body).toContain('Choose when in the episode this assessment was done');
    expect(first.body).toContain('Bowels: enter a number');
    expect(first.body).toContain('Feeding: not answered; every item of the Barthel must be answered');
    expect(first.body).toContain('Mobility (on level surfaces): not answered; every item of the Barthel must be answered');
    expect(first.body).not.toContain('Bowels: not answered');
    // In the form's order: when, then each item as the form asks it.
    const summary = first.body.slice(first.body.indexOf('nhsuk-error-summary'), first.body.indexOf('</ul>', first.body.indexOf('nhsuk-error-summary')));
    const at = (text: string) => summary.indexOf(text);
    expect(at('Choose when in the episode')).toBeGreaterThan(-1);
    expect(at('Choose when in the episode')).toBeLessThan(at('Enter the time of the assessment'));
    expect(at('Enter the time of the assessment')).toBeLessThan(at('Bowels: enter a number'));
    expect(at('Bowels: enter a number')).toBeLessThan(at('Feeding: not answered'));
    // With the time given, the date's bounds are in the same round as the items.
    const second = await assistant.form(`/episodes/${episode}/assessments/new?instrument=barthel-index`, { ...form, 'administeredAt-time': '09:00', timePoint: 'baseline' });
    expect(second.statusCode).toBe(400);
    expect(second.body).toMatch(/The date of the assessment must be on or after/);
    expect(second.body).toContain('already has a baseline Barthel Index. Choose review, discharge or other');
    expect(second.body).toContain('Feeding: not answered');
    expect(second.body).toContain('Bowels: enter a number');
  });

  it('refuses a clinician with no relationship to the patient, and audits it', async () => {
    for (const res of [
      await outsider.get(`/api/episodes/${episode}/assessments`),
      await outsider.post(`/api/episodes/${episode}/assessments`, barthel({ timePoint: 'discharge', administeredAt: ago(30), responses: barthelAt16 })),
      await outsider.get(`/episodes/${episode}/assessments/new?instrument=barthel-index`),
      await outsider.get(`/episodes/${episode}/assessments`),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').where('record_kind', '=', 'assessment').execute();
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(await t.db.selectFrom('assessments').select('id').where('time_point', '=', 'discharge').execute()).toHaveLength(0);
  });
});
