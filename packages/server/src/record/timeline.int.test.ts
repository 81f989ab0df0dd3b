// The patient timeline (issue 4 item 9): Mrs B's assistant practitioner opens everything in her episode
// in time order: the referral, consent, contact notes (one amended, one written late, one awaiting the
// supervisor's review, one still a draft), her Barthel, a goal set and rated, her programme of care with
// its logs, the half-way review, the discharge summary and a letter, and what happened to the episode
// itself. She filters by kind; a clinician from another team is refused and audited; every read is
// audited; a made-up kind is refused with its field path and reads nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { barthelIndex, scoreInstrument } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { barthelAt12 } from '../../test/barthel-responses.ts';

type Entry = { id: string; recordId: string; kind: string; at: string; on: string; dateOnly: boolean; lateEntry: boolean; writtenAt: string | null; summary: string; who: { id: string; name: string; role: string } | null; href: string | null; draft: boolean; awaitingReview: boolean; amendments: Array<{ at: string; reason: string; who: { name: string } | null }> };

const at = (iso: string) => new Date(iso);

describe('the patient timeline', () => {
  let t: TestApp;
  let assistant: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string;
  const ids = { lateNote: uuidv7(), draftNote: uuidv7(), supportNote: uuidv7(), firstNote: uuidv7(), letter: uuidv7(), staffLog: uuidv7(), carerLog: uuidv7(), goal: uuidv7(), stopped: uuidv7() };

  beforeAll(async () => {
    t = await bootTestApp();
    const s = t.service.a;
    assistant = await t.signIn(s['assistant-practitioner']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    const therapist = await t.signIn(s['registered-therapist']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(761_000) }))).json().id;
    // Referral received, triaged, allocated and first seen on Saturday 21 November at 09:00 (seedEpisode writes no history).
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: s['assistant-practitioner'].id });
    const ap = s['assistant-practitioner'].id;
    const sw = s['support-worker'].id;
    const lead = s['clinical-lead'].id;
    const e = { episode_id: episode, patient_id: mrsB };

    await t.db.insertInto('episode_events').values([
      { id: uuidv7(), episode_id: episode, occurred_at: at('2026-11-21T09:00:00Z'), staff_id: ap, kind: 'status-changed', reason: 'first-contact', detail: JSON.stringify({ from: 'waiting', to: 'active', assessed: true }) },
      { id: uuidv7(), episode_id: episode, occurred_at: at('2026-11-22T08:00:00Z'), staff_id: lead, kind: 'handed-over', reason: 'weekend-cover', detail: JSON.stringify({ fromName: 'Alex assistant practitioner', toName: 'Alex registered therapist' }) },
    ]).execute();
    await t.db.insertInto('consent_records').values({
      id: uuidv7(), ...e, kind: 'consent', scope: 'episode', agreed_to: 'assessment and treatment at home', method: 'verbal', given_by: 'patient', capacity_in_doubt: false, recorded_at: at('2026-11-21T09:30:00Z'), recorded_by: ap, recorded_by_role: 'assistant-practitioner',
    }).execute();

    const note = (o: { id: string; kind: string; occurred: string; written: string; by: string; role: string; body: string; status?: 'draft' | 'final'; late?: boolean; needsReview?: boolean }) => ({
      id: o.id, ...e, status: o.status ?? 'final', kind: o.kind, occurred_at: at(o.occurred), duration_minutes: 45, place: 'Home', body: o.body, therapy_minutes: '{}', first_holistic_assessment: false,
      written_at: at(o.written), written_by: o.by, written_by_role: o.role, late_entry: o.late ?? false,
      finalised_at: o.status === 'draft' ? null : at(o.written), finalised_by: o.status === 'draft' ? null : o.by, needs_review: o.needsReview ?? false,
      version: o.status === 'draft' ? 1 : 2, updated_at: at(o.written), updated_by: o.by,
    });
    await t.db.insertInto('contact_notes').values([
      note({ id: ids.firstNote, kind: 'assessment', occurred: '2026-11-21T09:15:00Z', written: '2026-11-21T11:00:00Z', by: ap, role: 'assistant-practitioner', body: 'First visit at home. Walks indoors with a frame; cannot get up from the low armchair without help.\nPlan: perching stool, chair raisers.' }),
      note({ id: ids.lateNote, kind: 'treatment', occurred: '2026-11-22T14:00:00Z', written: '2026-11-23T16:30:00Z', by: ap, role: 'assistant-practitioner', late: true, body: 'Kitchen practice: made tea sitting on the stool.' }),
      note({ id: ids.supportNote, kind: 'treatment', occurred: '2026-11-23T10:00:00Z', written: '2026-11-23T12:00:00Z', by: sw, role: 'support-worker', needsReview: true, body: 'Kitchen practice as delegated. Made a sandwich; one prompt to use the trolley.' }),
      note({ id: ids.draftNote, kind: 'telephone', occurred: '2026-11-24T08:00:00Z', written: '2026-11-24T08:10:00Z', by: ap, role: 'assistant-practitioner', status: 'draft', body: 'Phoned daughter about the chair raisers delivery.' }),
    ]).execute();
    await t.db.updateTable('contact_notes').set({ version: 3 }).where('id', '=', ids.lateNote).execute();
    await t.db.insertInto('contact_note_amendments').values({
      id: uuidv7(), note_id: ids.lateNote, note_version: 2, kind: 'treatment', occurred_at: at('2026-11-22T14:00:00Z'), duration_minutes: 45, place: 'Home', staff_present: null,
      body: 'Kitchen practice: made tea and toast sitting on the perching stool.', therapy_minutes: '{}', first_holistic_assessment: false,
      reason: 'Toast left out in error', amended_at: at('2026-11-23T17:00:00Z'), amended_by: ap, amended_by_role: 'assistant-practitioner',
    }).execute();

    const score = scoreInstrument(barthelIndex, barthelAt12);
    if (!score.ok) throw new Error('test Barthel does not score');
    await t.db.insertInto('assessments').values({
      id: uuidv7(), ...e, instrument_id: 'barthel-index', instrument_version: 1, time_point: 'baseline', method: 'observed', responses: JSON.stringify(barthelAt12), total: score.total, subscales: '{}', band: score.band!.id,
      administered_at: at('2026-11-21T09:45:00Z'), recorded_at: at('2026-11-21T11:05:00Z'), recorded_by: ap, recorded_by_role: 'assistant-practitioner',
    }).execute();
    await t.db.insertInto('goals').values({
      id: ids.goal, ...e, statement: 'To make my own cup of tea', levels: JSON.stringify({ '-2': 'Cannot make a drink', '-1': 'Makes tea with someone there', '0': 'Makes tea on her own using the stool', '+1': 'Makes tea and toast on her own', '+2': 'Makes all her own meals' }),
      baseline_level: -1, target_on: '2026-12-31', created_at: at('2026-11-21T10:00:00Z'), created_by: ap, updated_at: at('2026-11-21T10:00:00Z'), updated_by: ap,
    }).execute();
    await t.db.insertInto('goal_attainments').values({
      id: uuidv7(), goal_id: ids.goal, ...e, time_point: 'review', level: 0, rated_at: at('2026-11-23T11:00:00Z'), recorded_at: at('2026-11-23T11:10:00Z'), recorded_by: ap, recorded_by_role: 'assistant-practitioner',
    }).execute();
    const activity = uuidv7();
    await t.db.insertInto('programme_activities').values([
      {
        id: activity, ...e, goal_id: ids.goal, kind: 'exercise', title: 'Sit-to-stand practice', instructions: 'Five times from the dining chair, arms folded.', times_per_period: 1, period: 'day',
        deliverer_kind: 'carer', deliverer_name: 'Sarah Bloor (daughter)', starts_on: '2026-11-21', created_at: at('2026-11-21T10:30:00Z'), created_by: ap, created_by_role: 'assistant-practitioner', updated_at: at('2026-11-21T10:30:00Z'), updated_by: ap,
      },
      {
        id: ids.stopped, ...e, kind: 'functional-practice', competence: 'kitchen-practice', title: 'Kitchen practice', instructions: 'Hot drink and a snack with the trolley.', times_per_period: 2, period: 'week',
        deliverer_kind: 'staff', deliverer_staff_id: sw, starts_on: '2026-11-21', status: 'stopped', status_reason: 'Goal met sooner than expected', version: 2,
        created_at: at('2026-11-21T10:40:00Z'), created_by: ap, created_by_role: 'assistant-practitioner', updated_at: at('2026-11-23T12:30:00Z'), updated_by: ap,
      },
    ]).execute();
    await t.db.insertInto('programme_completions').values([
      { id: ids.carerLog, activity_id: activity, ...e, done_on: '2026-11-21', outcome: 'done', reported_by: 'carer', note: 'Did it before tea', recorded_at: at('2026-11-23T10:05:00Z'), recorded_by: sw, recorded_by_role: 'support-worker' },
      { id: ids.staffLog, activity_id: ids.stopped, ...e, done_on: '2026-11-21', outcome: 'partly-done', reported_by: 'staff', note: null, recorded_at: at('2026-11-23T15:00:00Z'), recorded_by: sw, recorded_by_role: 'support-worker' },
    ]).execute();
    await t.db.insertInto('episode_reviews').values({
      id: uuidv7(), ...e, kind: 'half-way', held_on: '2026-11-23', summary: 'Making tea on her own with the stool. Continue for two weeks.\nNext: outdoor walking.', decision: 'continue', next_review_on: '2026-12-07',
      recorded_at: at('2026-11-23T13:00:00Z'), recorded_by: ap, recorded_by_role: 'assistant-practitioner',
    }).execute();
    await t.db.insertInto('discharge_summaries').values({
      id: uuidv7(), ...e, status: 'final', content: '{}', version: 2, created_at: at('2026-11-23T14:00:00Z'), created_by: ap, updated_at: at('2026-11-23T15:30:00Z'), updated_by: ap, finalised_at: at('2026-11-23T15:30:00Z'), finalised_by: ap,
    }).execute();
    await t.db.insertInto('letters').values({
      id: ids.letter, ...e, kind: 'discharge-patient', recipient: 'Mrs Betty Bloor', print_size: 'large', text_content: 'Dear Mrs Bloor', pdf: new Uint8Array([37, 80, 68, 70]), sha256: 'x'.repeat(64),
      produced_at: at('2026-11-23T15:45:00Z'), produced_by: ap, produced_by_role: 'assistant-practitioner',
    }).execute();
  });
  afterAll(async () => t?.close());

  const timeline = async (query = '') => {
    const res = await assistant.get(`/api/episodes/${episode}/timeline${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { entries: Entry[]; kinds: Array<{ kind: string; label: string; count: number }>; filter: string[]; total: number };
  };

  it('lists everything in the episode newest first, each attributable and linked to where it is kept', async () => {
    const { entries, kinds, total, filter } = await timeline();
    expect(filter).toEqual([]);
    expect(total).toBe(entries.length);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(entries[0]).toMatchObject({ id: `contact-note:${ids.draftNote}`, kind: 'contact-note', draft: true, summary: 'Telephone contact: Phoned daughter about the chair raisers delivery.' });
    expect(entries.at(-1)).toMatchObject({ kind: 'referral', summary: 'Referral received from Ward 7: Fall at home, now medically fit', href: expect.stringMatching(/^\/referrals\//) });

    const counts = Object.fromEntries(kinds.map((k) => [k.kind, k.count]));
    expect(counts).toEqual({ referral: 1, consent: 1, 'contact-note': 4, assessment: 1, goal: 2, programme: 5, review: 1, letter: 3, 'episode-change': 4 });
    // Every entry says who, except an allocation known only from the episode row (nobody recorded who made it).
    for (const e of entries) {
      if (e.id !== `episode:${episode}:allocated`) expect(e.who, `${e.id} has nobody behind it`).not.toBeNull();
    }
    // Triage and allocation come from the episode itself (no history was written for them); first contact is not doubled.
    const changes = entries.filter((e) => e.kind === 'episode-change').map((e) => e.summary);
    expect(changes).toEqual(['Handed over from Alex assistant practitioner to Alex registered therapist (weekend hand-over)', 'First contact and first assessment', 'Allocated to Alex assistant practitioner', 'Triaged (P3, non-complex): Single need, stable']);

    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get(`contact-note:${ids.supportNote}`)).toMatchObject({ awaitingReview: true, who: { name: 'Alex support worker', role: 'support-worker' }, href: `/contact-notes/${ids.supportNote}` });
    expect(entries.find((e) => e.kind === 'assessment')).toMatchObject({ summary: 'Barthel Index at baseline: 12 points: Severe dependency', href: `/episodes/${episode}/assessments`, who: { role: 'assistant-practitioner' } });
    expect(entries.find((e) => e.id.startsWith('goal-attainment:'))).toMatchObject({ summary: 'Goal rated at review: 0, the expected outcome (Makes tea on her own using the stool), for “To make my own cup of tea”', href: `/episodes/${episode}/goals` });
    expect(byId.get(`goal:${ids.goal}:set`)).toMatchObject({ summary: 'Goal set: “To make my own cup of tea”' });
    expect(byId.get(`programme-activity:${ids.stopped}:set`)!.summary).toBe('Programme of care: Kitchen practice, twice a week, with Alex support worker (Therapy support worker)');
    expect(byId.get(`programme-activity:${ids.stopped}:stopped`)!.summary).toBe('Programme of care: Kitchen practice stopped: Goal met sooner than expected');
    expect(byId.get(`programme-completion:${ids.carerLog}`)).toMatchObject({ dateOnly: true, on: '2026-11-21', lateEntry: false, summary: 'Sit-to-stand practice: done as the carer reported. Did it before tea' });
    expect(entries.find((e) => e.kind === 'review')).toMatchObject({ dateOnly: true, on: '2026-11-23', href: `/episodes/${episode}/reviews`, summary: 'Half-way review: decided to continue the episode. Making tea on her own with the stool. Continue for two weeks.' });
    expect(entries.filter((e) => e.kind === 'letter').map((e) => [e.summary, e.href])).toEqual([
      ['Discharge letter to the patient produced for Mrs Betty Bloor (large print)', `/letters/${ids.letter}.pdf`],
      ['Discharge summary finalised', `/episodes/${episode}/discharge-summary`],
      ['Discharge summary drafted', `/episodes/${episode}/discharge-summary`],
    ]);
    expect(entries.find((e) => e.kind === 'consent')).toMatchObject({ summary: 'Verbal consent from the patient to assessment and treatment at home', href: `/episodes/${episode}/record#consent` });
  });

  it('labels late entries with when they were written, and shows an amendment with its reason', async () => {
    const { entries } = await timeline();
    const late = entries.find((e) => e.id === `contact-note:${ids.lateNote}`)!;
    expect(late).toMatchObject({ at: '2026-11-22T14:00:00.000Z', lateEntry: true, writtenAt: '2026-11-23T16:30:00.000Z', summary: 'Treatment: Kitchen practice: made tea and toast sitting on the perching stool.' });
    expect(late.amendments).toEqual([{ at: '2026-11-23T17:00:00.000Z', reason: 'Toast left out in error', who: expect.objectContaining({ name: 'Alex assistant practitioner' }) }]);
    // The support worker logged her own Saturday session on Monday afternoon: late. The carer's report is not.
    expect(entries.find((e) => e.id === `programme-completion:${ids.staffLog}`)).toMatchObject({ lateEntry: true, writtenAt: '2026-11-23T15:00:00.000Z' });
    const onTime = entries.filter((e) => e.lateEntry).map((e) => e.id);
    expect(onTime.sort()).toEqual([`contact-note:${ids.lateNote}`, `programme-completion:${ids.staffLog}`].sort());

    const page = await assistant.get(`/episodes/${episode}/timeline`);
    expect(page.body).toContain('Late entry: happened 22 Nov 2026, 14:00, written 23 Nov 2026, 16:30');
    expect(page.body).toContain('Amended 23 Nov 2026, 17:00 by Alex assistant practitioner. Reason: Toast left out in error');
  });

  it('filters by kind, keeping the count of every kind', async () => {
    const { entries, kinds, filter, total } = await timeline('?kind=assessment&kind=contact-note');
    expect(filter).toEqual(['contact-note', 'assessment']);
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['contact-note', 'assessment']));
    expect(entries).toHaveLength(5);
    expect(total).toBe(22);
    expect(kinds.find((k) => k.kind === 'programme')!.count).toBe(5);
    const one = await timeline('?kind=letter');
    expect(one.entries.map((e) => e.kind)).toEqual(['letter', 'letter', 'letter']);
  });

  it('audits every read, with the filter and what was there', async () => {
    const before = await t.db.selectFrom('audit_events').select('seq').where('record_kind', '=', 'timeline').execute();
    await timeline('?kind=goal');
    const rows = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'timeline').orderBy('seq').execute();
    expect(rows).toHaveLength(before.length + 1);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ action: 'read', outcome: 'allowed', patient_id: mrsB, record_id: episode, staff_id: t.service.a['assistant-practitioner'].id });
    expect(last.detail).toMatchObject({ episodeId: episode, filter: ['goal'], shown: 2, counts: expect.objectContaining({ 'contact-note': 4, goal: 2 }) });
  });

  it('refuses a kind it does not know with the field path, and reads nothing', async () => {
    const before = (await t.db.selectFrom('audit_events').select('seq').execute()).length;
    const res = await assistant.get(`/api/episodes/${episode}/timeline?kind=contact-note&kind=gossip`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: [{ path: 'kind.1', message: expect.stringContaining('“gossip” is not a kind of timeline entry') }] });
    expect((await t.db.selectFrom('audit_events').select('seq').execute()).length).toBe(before);

    const page = await assistant.get(`/episodes/${episode}/timeline?kind=gossip`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nhsuk-error-summary');
    expect(page.body).toContain('href="#kind"');
    expect(page.body).toContain('Choose the kinds of entry from the list');
    expect(page.body).toContain('hw-patient-banner');
  });

  it('refuses a clinician with no relationship to the patient, and audits the refusal', async () => {
    for (const res of [await outsider.get(`/api/episodes/${episode}/timeline`), await outsider.get(`/episodes/${episode}/timeline`)]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Kitchen practice');
    }
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').where('record_kind', '=', 'timeline').execute();
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatchObject({ patient_id: mrsB, action: 'read' });
  });

  it('shows the page with the patient banner, day headings, the filter with counts and a way back', async () => {
    const page = await assistant.get(`/episodes/${episode}/timeline`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hw-patient-banner');
    expect(page.body).toContain('BLOOR, Betty');
    const headings = [...page.body.matchAll(/<h2 class="nhsuk-heading-m">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Tuesday 24 November 2026', 'Monday 23 November 2026', 'Sunday 22 November 2026', 'Saturday 21 November 2026']);
    expect(page.body).toContain('<form method="get" action="/episodes/' + episode + '/timeline"');
    expect(page.body).toMatch(/Contact notes \(4\)/);
    expect(page.body).toMatch(/Programme of care and logs \(5\)/);
    expect(page.body).toContain(`href="/episodes/${episode}/record"`);
    expect(page.body).toContain('22 entries.');
    expect(page.body).toContain('During the day');
    expect(page.body).toContain('>Awaiting review<');

    const filtered = await assistant.get(`/episodes/${episode}/timeline?kind=review`);
    expect(filtered.body).toContain('Showing 1 of 22 entries.');
    expect(filtered.body).toMatch(/value="review" checked/);
    expect(filtered.body).toContain(`href="/episodes/${episode}/timeline">Show every kind of entry`);
  });

  it('documents the API', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/episodes/{id}/timeline'].get.tags).toEqual(['record']);
  });
});
