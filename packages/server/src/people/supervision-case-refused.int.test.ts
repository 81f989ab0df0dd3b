// A supervision write-up whose list of cases has gone stale: the patient chosen has left the team's
// care since the form was shown. The access seam refuses the case (audited); the supervisor gets the
// form back with the refusal on that case in the error summary, and the themes, the case's note and
// the actions they typed kept. Nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('a supervision case refused by the access seam', () => {
  let t: TestApp;
  let supervisor: TestClient;
  let episodeId: string;
  let patientId: string;
  afterAll(async () => t?.close());

  beforeAll(async () => {
    t = await bootTestApp();
    const ap = t.service.a['assistant-practitioner'];
    const therapist = t.service.a['registered-therapist'];
    const by = t.service.a['clinical-lead'].id;
    const at = t.clock.now();
    await t.db.insertInto('supervision_arrangements').values({ id: uuidv7(), supervisee_id: ap.id, supervisor_id: therapist.id, starts_on: '2026-01-01', ends_on: null, created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
    supervisor = await t.signIn(therapist);
    const created = await supervisor.post('/api/patients', patientDetails());
    expect(created.statusCode, created.body).toBe(201);
    patientId = (created.json() as { id: string }).id;
    episodeId = await seedEpisode(t, { patientId, service: 'community-rehab', allocatedTo: ap.id });
  });

  it('shows the refusal on the case and keeps the themes, notes and actions typed', async () => {
    const ap = t.service.a['assistant-practitioner'];
    const url = `/supervision/people/${ap.id}/sessions/new`;
    const form = await supervisor.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Betty Bloor');
    const formId = /name="formId" value="([^"]+)"/.exec(form.body)![1]!;
    // Since the form was shown, the episode has moved to the other team.
    await t.db.updateTable('episodes').set({ team_id: t.service.teamB }).where('id', '=', episodeId).execute();
    const today = t.clock.now();
    const fields = {
      formId, 'heldOn-day': String(today.getUTCDate()), 'heldOn-month': String(today.getUTCMonth() + 1), 'heldOn-year': String(today.getUTCFullYear()), kind: 'clinical',
      themes: 'Managing a caseload after a long absence',
      'case-0-episodeId': episodeId, 'case-0-note': 'Stairs practice: grade the steps before discharge',
      'action-0-action': 'Shadow a complex discharge', 'action-0-ownerId': ap.id, 'action-0-dueOn-day': '', 'action-0-dueOn-month': '', 'action-0-dueOn-year': '',
    };
    const due = new Date(today.getTime() + 14 * 86_400_000);
    Object.assign(fields, { 'action-0-dueOn-day': String(due.getUTCDate()), 'action-0-dueOn-month': String(due.getUTCMonth() + 1), 'action-0-dueOn-year': String(due.getUTCFullYear()) });
    const refused = await supervisor.form(url, fields);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#case-0-episodeId"');
    expect(refused.body).toContain('no longer in your team’s care');
    expect(refused.body).toContain('Managing a caseload after a long absence');
    expect(refused.body).toContain('Stairs practice: grade the steps before discharge');
    expect(refused.body).toContain('Shadow a complex discharge');
    // The form comes back with the same form id: put right, it is saved once.
    expect(refused.body).toContain(`name="formId" value="${formId}"`);
    expect(await t.db.selectFrom('supervision_sessions').select('id').execute()).toHaveLength(0);
    const audited = await t.db.selectFrom('audit_events').select(['action', 'outcome']).where('record_kind', '=', 'supervision-case').where('patient_id', '=', patientId).where('outcome', '=', 'refused').execute();
    expect(audited).toContainEqual({ action: 'write', outcome: 'refused' });
    // With the case taken off, the session is recorded.
    const saved = await supervisor.form(url, { ...fields, 'case-0-episodeId': '', 'case-0-note': '' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/supervision/sessions/${formId}?done=recorded`);
  });
});
