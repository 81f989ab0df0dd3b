// Goals rated with Goal Attainment Scaling (issue 4 item 5): at Mrs B's first home visit her assistant
// practitioner agrees three goals with her and her daughter, each with its five levels described, a
// baseline, importance and difficulty; the episode's T-score at baseline is 36.91. Two weeks later she
// rates them at review (0, +1, 0) and the T-score is 52.38, as the Kiresuk-Sherman formula gives. The
// support worker may read the goals but not set or rate them; a clinician from another team is refused;
// bad input is refused field by field with nothing written; a rated goal's plan is fixed; a stale
// version is 409; a retried rating is written once; the discharge rating is still taken after discharge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';

let nhsIndex = 730_000;

const tea = {
  statement: 'I want to make my own cup of tea and carry it to the lounge',
  levels: {
    '-2': 'Cannot make a hot drink',
    '-1': 'Makes tea with help; her daughter carries it',
    '0': 'Makes tea alone and carries it using a trolley',
    '+1': 'Makes tea alone and carries it in a lidded mug',
    '+2': 'Makes tea for a visitor too',
  },
  baseline: -1,
  importance: 3,
  difficulty: 2,
  targetOn: '2026-12-22',
  agreedWith: 'Mrs B and her daughter',
};
const garden = {
  ...tea,
  statement: 'I want to get out to my garden bench',
  levels: { '-2': 'Stays indoors', '-1': 'Reaches the back door with her frame', '0': 'Walks to the bench with her frame and a rail', '+1': 'Walks to the bench with a stick', '+2': 'Walks round the garden with a stick' },
  importance: 2,
  difficulty: 1,
};
const bus = {
  ...tea,
  statement: 'I want to catch the bus to see my sister',
  levels: { '-2': 'Cannot leave the house', '-1': 'Gets to the front gate', '0': 'Walks to the bus stop with her daughter', '+1': 'Catches the bus with her daughter', '+2': 'Catches the bus alone' },
  importance: 3,
  difficulty: 1,
};

/** T = 50 + 10 sum(wx) / sqrt(0.7 sum(w^2) + 0.3 (sum w)^2), to 2 decimal places, written out again here. */
function tScore(weights: number[], levels: number[]): number {
  const sumW = weights.reduce((a, b) => a + b, 0);
  const sumW2 = weights.reduce((a, w) => a + w * w, 0);
  const sumWX = weights.reduce((a, w, i) => a + w * levels[i]!, 0);
  return Math.round((50 + (10 * sumWX) / Math.sqrt(0.7 * sumW2 + 0.3 * sumW * sumW)) * 100) / 100;
}

describe('goals rated with Goal Attainment Scaling', () => {
  let t: TestApp;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string;
  const goalIds: string[] = [];
  const count = async (table: 'goals' | 'goal_attainments') => (await t.db.selectFrom(table).select('id').execute()).length;

  async function signInEveryone() {
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
  }

  beforeAll(async () => {
    t = await bootTestApp();
    await signInEveryone();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('the assistant practitioner sets three goals at the first visit; the T-score at baseline is 36.91', async () => {
    for (const goal of [tea, garden, bus]) {
      const res = await assistant.post(`/api/episodes/${episode}/goals`, goal);
      expect(res.statusCode).toBe(201);
      goalIds.push(res.json().id);
    }
    const list = await assistant.get(`/api/episodes/${episode}/goals`);
    expect(list.statusCode).toBe(200);
    const { goals, tScores } = list.json();
    expect(goals.map((g: { statement: string; weight: number; baseline: number; status: string; version: number; latestLevel: null }) => [g.statement, g.weight, g.baseline, g.status, g.version, g.latestLevel])).toEqual([
      [tea.statement, 6, -1, 'active', 1, null],
      [garden.statement, 2, -1, 'active', 1, null],
      [bus.statement, 3, -1, 'active', 1, null],
    ]);
    expect(goals[0]).toMatchObject({ levels: tea.levels, targetOn: '2026-12-22', agreedWith: 'Mrs B and her daughter', planFixed: false, ratings: [], createdBy: { id: t.service.a['assistant-practitioner'].id, role: 'assistant-practitioner' } });
    expect(tScores).toMatchObject({ weighted: true, baseline: { tScore: tScore([6, 2, 3], [-1, -1, -1]), message: null }, latest: { tScore: null, message: 'Not yet: goal 1, goal 2 and goal 3 have not been rated' }, unratedGoalIds: goalIds });
    expect(tScores.baseline.tScore).toBe(36.91);
    expect(tScores.explanation).toMatch(/^50 = goals met as expected/);

    const one = await assistant.get(`/api/goals/${goalIds[0]}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: goalIds[0], statement: tea.statement });

    const audit = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'goal').where('patient_id', '=', mrsB).where('outcome', '=', 'allowed').execute();
    expect(audit.filter((a) => a.action === 'write').map((a) => a.record_id)).toEqual(goalIds);
    expect(audit.filter((a) => a.action === 'write').every((a) => (a.detail as { change: string }).change === 'goal-set')).toBe(true);
    expect(audit.filter((a) => a.action === 'read').map((a) => a.record_id)).toEqual([episode, goalIds[0]]);
  });

  it('refuses bad input field by field, and writes nothing', async () => {
    const goalsBefore = await count('goals');
    const auditBefore = (await t.db.selectFrom('audit_events').select('id').where('record_kind', '=', 'goal').where('action', '=', 'write').execute()).length;
    const missingLevels = await assistant.post(`/api/episodes/${episode}/goals`, { ...tea, levels: { '-2': 'x', '-1': 'y', '0': 'z' } });
    expect(missingLevels.statusCode).toBe(400);
    expect(missingLevels.json().error.fields).toEqual([
      { path: 'levels.+1', message: 'Describe what +1 (somewhat more than expected) would look like' },
      { path: 'levels.+2', message: 'Describe what +2 (much more than expected) would look like' },
    ]);

    const past = await assistant.post(`/api/episodes/${episode}/goals`, { ...tea, targetOn: '2026-11-23' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual([{ path: 'targetOn', message: 'The target date cannot be in the past' }]);

    const heavy = await assistant.post(`/api/episodes/${episode}/goals`, { ...tea, importance: 4, baseline: 0 });
    expect(heavy.statusCode).toBe(400);
    expect(heavy.json().error.fields).toEqual([
      { path: 'baseline', message: 'Baseline must be -1, or -2 if the patient is already at the worst plausible level' },
      { path: 'importance', message: 'Importance must be 0, 1, 2 or 3' },
    ]);

    const wrongType = await assistant.post(`/api/episodes/${episode}/goals`, { ...tea, importance: 'very' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.fields).toEqual([{ path: 'body.importance', message: 'Importance must be 0, 1, 2 or 3' }]);

    const outOfRange = await assistant.post(`/api/goals/${goalIds[0]}/attainments`, { level: 3, timePoint: 'review', ratedOn: '2026-11-24' });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.fields).toEqual([{ path: 'level', message: 'Level attained must be -2, -1, 0, +1 or +2' }]);
    const future = await assistant.post(`/api/goals/${goalIds[0]}/attainments`, { level: 0, timePoint: 'baseline', ratedOn: '2026-11-25' });
    expect(future.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['timePoint', 'ratedOn']);

    expect(await count('goals')).toBe(goalsBefore);
    expect(await count('goal_attainments')).toBe(0);
    expect((await t.db.selectFrom('audit_events').select('id').where('record_kind', '=', 'goal').where('action', '=', 'write').execute()).length).toBe(auditBefore);
  });

  it('refines a goal’s wording with a version check until it is rated', async () => {
    const refined = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[1]}`, payload: { version: 1, statement: 'I want to sit on my garden bench in the sun', levels: { '+2': 'Walks round the garden and waters the pots' } } });
    expect(refined.statusCode).toBe(200);
    expect(refined.json()).toMatchObject({ version: 2, statement: 'I want to sit on my garden bench in the sun', levels: { ...garden.levels, '+2': 'Walks round the garden and waters the pots' } });

    const stale = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[1]}`, payload: { version: 1, statement: 'Something else' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.current).toMatchObject({ version: 2, statement: 'I want to sit on my garden bench in the sun' });

    const badPatch = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[1]}`, payload: { version: 2, importance: 4 } });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.fields).toEqual([{ path: 'importance', message: 'Importance must be 0, 1, 2 or 3' }]);
    const row = await t.db.selectFrom('goals').select(['version', 'importance']).where('id', '=', goalIds[1]!).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, importance: 2 });
  });

  it('two weeks later she rates all three at review: 0, +1, 0 gives a T-score of 52.38', async () => {
    t.clock.advanceMinutes(14 * 24 * 60);
    await signInEveryone(); // The sessions from the first visit have long gone.
    const levels = [0, 1, 0];
    for (const [i, level] of levels.entries()) {
      const res = await assistant.post(`/api/goals/${goalIds[i]}/attainments`, { level, timePoint: 'review', ratedOn: '2026-12-08', note: i === 1 ? 'Walked to the bench with a stick, daughter beside her' : null });
      expect(res.statusCode).toBe(201);
      expect(res.json().attainment).toMatchObject({ goalId: goalIds[i], level, timePoint: 'review', ratedOn: '2026-12-08', recordedBy: { id: t.service.a['assistant-practitioner'].id } });
      expect(res.json().goal).toMatchObject({ latestLevel: level, planFixed: true });
    }
    const { goals, tScores } = (await assistant.get(`/api/episodes/${episode}/goals`)).json();
    expect(tScores.latest).toEqual({ tScore: tScore([6, 2, 3], levels), message: null });
    expect(tScores.latest.tScore).toBe(52.38);
    expect(tScores.baseline.tScore).toBe(36.91);
    expect(goals[1].ratings).toEqual([expect.objectContaining({ level: 1, note: 'Walked to the bench with a stick, daughter beside her' })]);

    const stored = await t.db.selectFrom('goal_attainments').selectAll().orderBy('recorded_at').execute();
    expect(stored.map((r) => [r.goal_id, r.level, r.time_point, r.recorded_by_role])).toEqual(levels.map((l, i) => [goalIds[i], l, 'review', 'assistant-practitioner']));
    await expect(sql`update goal_attainments set level = 2`.execute(t.db)).rejects.toThrow();
    await expect(sql`delete from goal_attainments`.execute(t.db)).rejects.toThrow();

    const audit = await t.db.selectFrom('audit_events').selectAll().where('record_kind', '=', 'goal').where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    const rated = audit.filter((a) => (a.detail as { change: string }).change === 'goal-attainment-rated');
    expect(rated.map((a) => (a.detail as { attainmentId: string }).attainmentId).sort()).toEqual(stored.map((r) => r.id).sort());
  });

  it('refuses to change a rated goal’s plan: record a new goal instead', async () => {
    const res = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[0]}`, payload: { version: 1, statement: 'I want to make tea' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('This goal has been rated, so its plan is fixed: the levels it was rated against cannot change. Record a new goal instead.');
    expect((await t.db.selectFrom('goals').select('statement').where('id', '=', goalIds[0]!).executeTakeFirstOrThrow()).statement).toBe(tea.statement);
    expect((await assistant.get(`/goals/${goalIds[0]}/edit`)).statusCode).toBe(409);
  });

  it('writes a retried rating once (Idempotency-Key)', async () => {
    const headers = { 'idempotency-key': 'goal-bus-rating-2026-12-08' };
    const body = { level: 1, timePoint: 'other', ratedOn: '2026-12-08', note: 'Caught the bus with her daughter' };
    const first = await assistant.post(`/api/goals/${goalIds[2]}/attainments`, body, headers);
    const again = await assistant.post(`/api/goals/${goalIds[2]}/attainments`, body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await t.db.selectFrom('goal_attainments').select('id').where('goal_id', '=', goalIds[2]!).execute()).toHaveLength(2);
    const reused = await assistant.post(`/api/goals/${goalIds[2]}/attainments`, { ...body, level: 2 }, headers);
    expect(reused.statusCode).toBe(422);

    const goalKey = { 'idempotency-key': 'goal-stairs-1' };
    const stairs = { ...tea, statement: 'I want to get upstairs to bed', importance: 1, difficulty: 1, targetOn: '2027-01-05' };
    const made = await assistant.post(`/api/episodes/${episode}/goals`, stairs, goalKey);
    const remade = await assistant.post(`/api/episodes/${episode}/goals`, stairs, goalKey);
    expect([made.statusCode, remade.statusCode]).toEqual([201, 201]);
    expect(remade.json().id).toBe(made.json().id);
    expect(await t.db.selectFrom('goals').select('id').where('statement', '=', stairs.statement).execute()).toHaveLength(1);
    goalIds.push(made.json().id);
  });

  it('marks goals achieved or discontinued with a reason, version-checked; a discontinued goal is not counted', async () => {
    const noReason = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[3]}`, payload: { version: 1, status: 'discontinued' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ path: 'reason', message: 'Enter why the goal is being discontinued' }]);

    const before = (await assistant.get(`/api/episodes/${episode}/goals`)).json().tScores;
    expect(before.latest).toEqual({ tScore: null, message: 'Not yet: goal 4 has not been rated' });

    const stopped = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[3]}`, payload: { version: 1, status: 'discontinued', statusReason: 'Moved her bed downstairs: no longer her goal' } });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toMatchObject({ status: 'discontinued', statusReason: 'Moved her bed downstairs: no longer her goal', version: 2 });
    const stale = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[3]}`, payload: { version: 1, status: 'active', statusReason: 'Back on' } });
    expect(stale.statusCode).toBe(409);

    const achieved = await assistant.request({ method: 'PATCH', url: `/api/goals/${goalIds[1]}`, payload: { version: 2, status: 'achieved', statusReason: 'Sat on the bench at review' } });
    expect(achieved.statusCode).toBe(200);

    const after = (await assistant.get(`/api/episodes/${episode}/goals`)).json().tScores;
    expect(after.countedGoalIds).toEqual(goalIds.slice(0, 3));
    expect(after.latest.tScore).toBe(tScore([6, 2, 3], [0, 1, 1]));
    const rateStopped = await assistant.post(`/api/goals/${goalIds[3]}/attainments`, { level: 0, timePoint: 'review', ratedOn: '2026-12-08' });
    expect(rateStopped.statusCode).toBe(400);
    expect(rateStopped.json().error.fields[0].path).toBe('goal');
  });

  it('the support worker may read the goals but not set, change or rate them; the refusals are audited', async () => {
    // Support workers see only the patients they work with: this one works on Mrs B's episode under the assistant practitioner.
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a['support-worker'].id });
    expect((await supportWorker.get(`/api/episodes/${episode}/goals`)).statusCode).toBe(200);
    expect((await supportWorker.get(`/episodes/${episode}/goals`)).statusCode).toBe(200);
    const goalsBefore = await count('goals');
    const ratingsBefore = await count('goal_attainments');
    for (const res of [
      await supportWorker.post(`/api/episodes/${episode}/goals`, tea),
      await supportWorker.post(`/api/goals/${goalIds[0]}/attainments`, { level: 1, timePoint: 'review', ratedOn: '2026-12-08' }),
      await supportWorker.request({ method: 'PATCH', url: `/api/goals/${goalIds[0]}`, payload: { version: 1, status: 'achieved', statusReason: 'x' } }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('Goals are set and rated by the assessing clinician: an assistant practitioner, registered therapist or clinical lead. Ask one of them to do this.');
    }
    for (const url of [`/episodes/${episode}/goals/new`, `/goals/${goalIds[0]}/rate`, `/goals/${goalIds[0]}/status`]) expect((await supportWorker.get(url)).statusCode).toBe(403);
    expect((await supportWorker.form(`/episodes/${episode}/goals/new`, { statement: 'x' })).statusCode).toBe(403);
    expect(await count('goals')).toBe(goalsBefore);
    expect(await count('goal_attainments')).toBe(ratingsBefore);
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.a['support-worker'].id).where('outcome', '=', 'refused').where('record_kind', '=', 'goal').execute();
    expect(refusals).toHaveLength(7);
    expect(refusals.every((r) => r.action === 'write' && (r.detail as { rule: string }).rule === 'role-does-not-set-goals' && r.patient_id === mrsB)).toBe(true);
    expect(refusals.map((r) => (r.detail as { change: string }).change)).toEqual(['set', 'rate', 'status', 'set', 'rate', 'status', 'set']);
    // Her reads were allowed and audited.
    const reads = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.a['support-worker'].id).where('outcome', '=', 'allowed').where('record_kind', '=', 'goal').execute();
    expect(reads.map((r) => r.action)).toEqual(['read', 'read']);
  });

  it('refuses a clinician with no relationship to the patient (403), and audits each refusal', async () => {
    for (const res of [
      await outsider.get(`/api/episodes/${episode}/goals`),
      await outsider.post(`/api/episodes/${episode}/goals`, tea),
      await outsider.get(`/api/goals/${goalIds[0]}`),
      await outsider.request({ method: 'PATCH', url: `/api/goals/${goalIds[0]}`, payload: { version: 1, status: 'achieved', statusReason: 'x' } }),
      await outsider.post(`/api/goals/${goalIds[0]}/attainments`, { level: 1, timePoint: 'review', ratedOn: '2026-12-08' }),
      await outsider.get(`/episodes/${episode}/goals`),
      await outsider.get(`/episodes/${episode}/goals/new`),
      await outsider.get(`/goals/${goalIds[0]}/rate`),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    const refusals = await t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', t.service.otherTeamTherapist.id).where('outcome', '=', 'refused').where('record_kind', '=', 'goal').execute();
    expect(refusals).toHaveLength(8);
    expect(refusals.every((r) => r.patient_id === mrsB)).toBe(true);
  });

  it('pages: the goals with levels, ratings and the T-score; the form’s error summary; a confirmation after saving', async () => {
    const page = await assistant.get(`/episodes/${episode}/goals`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hw-patient-banner');
    expect(page.body).toContain('BLOOR, Betty');
    expect(page.body).toContain('36.91');
    expect(page.body).toContain(`${tScore([6, 2, 3], [0, 1, 1]).toFixed(2)}`);
    expect(page.body).toContain('50 = goals met as expected');
    expect(page.body).toContain('Makes tea alone and carries it using a trolley');
    expect(page.body).toContain('Walked to the bench with a stick, daughter beside her');
    expect(page.body).toContain(`href="/goals/${goalIds[0]}/rate"`);
    expect(page.body).not.toContain(`href="/goals/${goalIds[0]}/edit"`);

    const form = await assistant.get(`/episodes/${episode}/goals/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('hw-patient-banner');
    expect(form.body).toContain('+1: Somewhat more than expected');
    expect(form.body).toContain('3: Very important');
    expect(form.body).toContain('2: Moderately difficult');

    const goalsBefore = await count('goals');
    const bad = await assistant.form(`/episodes/${episode}/goals/new`, { statement: 'I want to walk to the shop', 'levels-0': 'Walks to the shop with a stick', baseline: '-1', importance: '2', 'targetOn-day': '1', 'targetOn-month': '12', 'targetOn-year': '2026' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nhsuk-error-summary');
    expect(bad.body).toContain('href="#levels-plus-1"');
    expect(bad.body).toContain('Describe what -2 (much less than expected) would look like');
    expect(bad.body).toContain('The target date cannot be in the past');
    // The rating as the choice it is on the page, not the JSON's numbers.
    expect(bad.body).toContain('Choose how difficult the goal will be to reach');
    expect(bad.body).not.toContain('Difficulty must be 0, 1, 2 or 3');
    // The levels in the summary in the form's own order: +2 at the top.
    const summaryLinks = [...(/nhsuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(bad.body)![1]!).matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(summaryLinks.filter((id) => id!.startsWith('levels-'))).toEqual(['levels-plus-2', 'levels-plus-1', 'levels-minus-1', 'levels-minus-2']);
    expect(bad.body).toContain('Walks to the shop with a stick');
    expect(await count('goals')).toBe(goalsBefore);

    const shop = { statement: 'I want to walk to the shop', agreedWith: 'Mrs B', 'levels-minus-2': 'Stays in', 'levels-minus-1': 'Walks to the gate', 'levels-0': 'Walks to the shop with a stick', 'levels-plus-1': 'Walks to the shop and carries a bag', 'levels-plus-2': 'Walks to the shop and back without a rest', baseline: '-1', importance: '2', difficulty: '2', 'targetOn-day': '5', 'targetOn-month': '1', 'targetOn-year': '2027' };
    const saved = await assistant.form(`/episodes/${episode}/goals/new`, shop);
    expect(saved.statusCode).toBe(303);
    const shopId = (await t.db.selectFrom('goals').select('id').where('statement', '=', shop.statement).executeTakeFirstOrThrow()).id;
    expect(saved.headers.location).toBe(`/episodes/${episode}/goals?done=set&goal=${shopId}#goal-${shopId}`);
    const confirmed = await assistant.get(saved.headers.location!);
    expect(confirmed.body).toContain('Goal 5 set: “I want to walk to the shop”. Baseline -1 (somewhat less than expected), target 5 January 2027.');

    const edit = await assistant.get(`/goals/${shopId}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Walks to the shop and carries a bag');
    const changed = await assistant.form(`/goals/${shopId}/edit`, { ...shop, statement: 'I want to walk to the corner shop', version: '1' });
    expect(changed.statusCode).toBe(303);
    const staleEdit = await assistant.form(`/goals/${shopId}/edit`, { ...shop, version: '1' });
    expect(staleEdit.statusCode).toBe(409);
    expect(staleEdit.body).toContain('Someone else changed this record');
    expect(staleEdit.body).toContain('name="version" value="2"');

    const rate = await assistant.get(`/goals/${shopId}/rate`);
    expect(rate.statusCode).toBe(200);
    expect(rate.body).toContain('hw-patient-banner');
    expect(rate.body).toContain('Walks to the gate (baseline)');
    const badRating = await assistant.form(`/goals/${shopId}/rate`, { timePoint: 'review', 'ratedOn-day': '8', 'ratedOn-month': '12', 'ratedOn-year': '2026' });
    expect(badRating.statusCode).toBe(400);
    expect(badRating.body).toContain('Choose the level the patient has attained');
    const rated = await assistant.form(`/goals/${shopId}/rate`, { level: '+1', timePoint: 'review', 'ratedOn-day': '8', 'ratedOn-month': '12', 'ratedOn-year': '2026', note: 'Carried milk home' });
    expect(rated.statusCode).toBe(303);
    expect((await assistant.get(rated.headers.location!)).body).toContain('Goal 5 rated +1 (somewhat more than expected) at review on 8 December 2026.');
    expect((await t.db.selectFrom('goal_attainments').select('level').where('goal_id', '=', shopId).executeTakeFirstOrThrow()).level).toBe(1);

    const status = await assistant.get(`/goals/${shopId}/status`);
    expect(status.statusCode).toBe(200);
    const noReason = await assistant.form(`/goals/${shopId}/status`, { status: 'achieved', version: '2' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter how the goal was achieved');
    const done = await assistant.form(`/goals/${shopId}/status`, { status: 'achieved', reason: 'Walks to the shop every day', version: '2' });
    expect(done.statusCode).toBe(303);
    expect((await assistant.get(done.headers.location!)).body).toContain('Goal 5 marked as achieved.');
  });

  it('after discharge: no new goals, but the discharge rating is still taken', async () => {
    const mrsC = (await assistant.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), givenName: 'Cora' }))).json().id;
    const second = await seedEpisode(t, { patientId: mrsC, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    const goal = (await assistant.post(`/api/episodes/${second}/goals`, { ...tea, targetOn: '2027-01-05' })).json();
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-12-08', discharge_outcome: 'goals-met' }).where('id', '=', second).execute();

    const refused = await assistant.post(`/api/episodes/${second}/goals`, { ...tea, targetOn: '2027-01-05' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('episode');
    const review = await assistant.post(`/api/goals/${goal.id}/attainments`, { level: 0, timePoint: 'review', ratedOn: '2026-12-08' });
    expect(review.statusCode).toBe(400);
    expect(review.json().error.fields).toEqual([{ path: 'timePoint', message: 'This episode has been discharged: only the rating at discharge can be recorded now' }]);
    const atDischarge = await assistant.post(`/api/goals/${goal.id}/attainments`, { level: 1, timePoint: 'discharge', ratedOn: '2026-12-08' });
    expect(atDischarge.statusCode).toBe(201);
    const { tScores } = (await assistant.get(`/api/episodes/${second}/goals`)).json();
    expect(tScores.latest.tScore).toBe(tScore([6], [1]));
    const page = await assistant.get(`/episodes/${second}/goals`);
    expect(page.body).not.toContain(`/episodes/${second}/goals/new`);
  });

  it('audits every allowed write in its own transaction: one event per goal set, refined, status change and rating', async () => {
    const writes = await t.db.selectFrom('audit_events').select(['record_id', 'detail', 'patient_id']).where('record_kind', '=', 'goal').where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    const changes = (change: string) => writes.filter((w) => (w.detail as { change: string }).change === change);
    const goals = await t.db.selectFrom('goals').select(['id', 'version', 'status']).execute();
    const ratings = await t.db.selectFrom('goal_attainments').select('id').execute();
    expect(changes('goal-set').map((w) => w.record_id).sort()).toEqual(goals.map((g) => g.id).sort());
    expect(changes('goal-attainment-rated').map((w) => (w.detail as { attainmentId: string }).attainmentId).sort()).toEqual(ratings.map((r) => r.id).sort());
    // Each change bumps the version once: version - 1 refinements and status changes per goal.
    const bumps = goals.reduce((n, g) => n + g.version - 1, 0);
    expect(changes('goal-refined').length + changes('goal-status-changed').length).toBe(bumps);
    expect(changes('goal-status-changed').map((w) => (w.detail as { to: string }).to).sort()).toEqual(['achieved', 'achieved', 'discontinued']);
  });

  it('publishes the goals API in the OpenAPI document under the record tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [path, method] of [['/api/episodes/{id}/goals', 'get'], ['/api/episodes/{id}/goals', 'post'], ['/api/goals/{id}', 'get'], ['/api/goals/{id}', 'patch'], ['/api/goals/{id}/attainments', 'post']] as const) {
      expect(doc.paths[path][method].tags).toEqual(['record']);
    }
    expect(doc.paths['/api/goals/{id}'].patch.responses['409']).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/goals') || p.startsWith('/episodes/'))).toBe(false);
  });
});
