// An MDT meeting from start to finish (issue 16 #6): an episode flagged from its page, a meeting
// scheduled, its agenda built from the caseload (flagged, review due; not the patients with nothing to
// discuss, nor another team's), attendance, a patient's discussion and decision (in their timeline,
// the flag cleared), an action on its owner's home page and on the next meeting until closed; who
// may not see it; bad input and stale versions refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('an MDT meeting, from agenda to actions', () => {
  let t: TestApp;
  let lead: TestClient;
  let therapist: TestClient;
  let ap: TestClient;
  let flaggedEpisode: string;
  let reviewEpisode: string;
  let quietEpisode: string;
  let otherTeamEpisode: string;
  let flaggedPatient: string;
  let meetingId: string;

  const count = async (table: 'mdt_meetings' | 'mdt_actions' | 'mdt_agenda_items' | 'mdt_attendees') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location);

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    ap = await t.signIn(t.service.a['assistant-practitioner']);
    const patient = async (nhsNumber: string, familyName: string) => (await therapist.post('/api/patients', patientDetails({ nhsNumber, familyName }))).json().id as string;
    flaggedPatient = await patient('9434765919', 'Bloor');
    const reviewPatient = await patient('9434765870', 'Capper');
    const quietPatient = await patient('9434765889', 'Dakin');
    const otherPatient = await patient('9434765897', 'Elkin');
    const heldBy = t.service.a['registered-therapist'].id;
    flaggedEpisode = await seedEpisode(t, { patientId: flaggedPatient, service: 'd2a-pathway-1', allocatedTo: heldBy });
    reviewEpisode = await seedEpisode(t, { patientId: reviewPatient, service: 'd2a-pathway-1', allocatedTo: heldBy });
    quietEpisode = await seedEpisode(t, { patientId: quietPatient, service: 'd2a-pathway-1', allocatedTo: heldBy });
    otherTeamEpisode = await seedEpisode(t, { patientId: otherPatient, service: 'd2a-pathway-1', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
    await t.db.updateTable('episodes').set({ review_due_on: '2026-11-27' }).where('id', 'in', [reviewEpisode, otherTeamEpisode]).execute();
    await t.db.updateTable('episodes').set({ review_due_on: '2027-02-01' }).where('id', '=', quietEpisode).execute();
  });
  afterAll(() => t.close());

  it('flags an episode for discussion from its page, in its history', async () => {
    const page = await therapist.get(`/episodes/${flaggedEpisode}`);
    expect(page.body).toContain(`/episodes/${flaggedEpisode}/mdt-flag`);
    const form = await therapist.get(`/episodes/${flaggedEpisode}/mdt-flag`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('hw-patient-banner');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const empty = await therapist.form(`/episodes/${flaggedEpisode}/mdt-flag`, { version, reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter what the team needs to discuss');
    const res = await therapist.form(`/episodes/${flaggedEpisode}/mdt-flag`, { version, reason: 'Two falls since the hoist was fitted' });
    expect(res.statusCode).toBe(303);
    const row = await t.db.selectFrom('episodes').select(['mdt_flagged_at', 'mdt_flag_reason']).where('id', '=', flaggedEpisode).executeTakeFirstOrThrow();
    expect(row.mdt_flag_reason).toBe('Two falls since the hoist was fitted');
    // The same version again is stale: a 409, not a second flag.
    const stale = await therapist.form(`/episodes/${flaggedEpisode}/mdt-flag`, { version, reason: 'Again' });
    expect(stale.statusCode).toBe(409);
    const timeline = await therapist.get(`/episodes/${flaggedEpisode}/timeline`);
    expect(timeline.body).toContain('Flagged for discussion at the MDT meeting: Two falls since the hoist was fitted');
  });

  it('schedules a meeting from the page, refusing a date that is not real with nothing written', async () => {
    const form = await lead.get('/mdt/meetings/new');
    expect(form.statusCode).toBe(200);
    const formId = /name="formId" value="([^"]+)"/.exec(form.body)![1]!;
    const bad = await lead.form('/mdt/meetings/new', { formId, 'on-day': '31', 'on-month': '11', 'on-year': '2026', at: '13:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The meeting date must be a real date');
    expect(await count('mdt_meetings')).toBe(0);
    const fields = { formId, 'on-day': '26', 'on-month': '11', 'on-year': '2026', at: '13:00', place: 'Haywood seminar room', chairId: t.service.a['clinical-lead'].id };
    const res = await lead.form('/mdt/meetings/new', fields);
    expect(res.statusCode).toBe(303);
    meetingId = /\/mdt\/meetings\/([0-9a-f-]{36})/.exec(location(res))![1]!;
    expect(meetingId).toBe(formId);
    // Sent twice: one meeting.
    const again = await lead.form('/mdt/meetings/new', fields);
    expect(location(again)).toBe(location(res));
    expect(await count('mdt_meetings')).toBe(1);
  });

  it('builds the agenda from the caseload: the flagged patient first, the review due, nobody else; again adds nothing', async () => {
    const res = await lead.post(`/api/mdt/meetings/${meetingId}/agenda`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().added.map((a: { episodeId: string; reasons: string[] }) => [a.episodeId, a.reasons])).toEqual([
      [flaggedEpisode, ['flagged']],
      [reviewEpisode, ['review-due']],
    ]);
    const again = await lead.form(`/mdt/meetings/${meetingId}/agenda`, {});
    expect(again.statusCode).toBe(303);
    expect(await count('mdt_agenda_items')).toBe(2);
    const page = await lead.get(`/mdt/meetings/${meetingId}`);
    expect(page.body).toContain('Flagged for discussion');
    expect(page.body).toContain('Review due');
    expect(page.body).not.toContain('Dakin');
    expect(page.body).not.toContain('Elkin');
  });

  it('records who attended: a member of the team and someone from outside it', async () => {
    const page = await lead.get(`/mdt/meetings/${meetingId}`);
    const attendeeFormId = /name="attendeeFormId" value="([^"]+)"/.exec(page.body)![1]!;
    expect((await lead.form(`/mdt/meetings/${meetingId}/attendees`, { attendeeFormId, staffId: t.service.a['registered-therapist'].id, name: '', role: '' })).statusCode).toBe(303);
    const neither = await lead.form(`/mdt/meetings/${meetingId}/attendees`, { attendeeFormId: uuidv7(), staffId: '', name: '', role: '' });
    expect(neither.statusCode).toBe(400);
    expect(neither.body).toContain('Choose a member of the team, or enter the name of someone from outside it');
    const api = await lead.post(`/api/mdt/meetings/${meetingId}/attendees`, { name: 'Sam Shaw', role: 'Social worker' });
    expect(api.statusCode).toBe(201);
    const twice = await lead.post(`/api/mdt/meetings/${meetingId}/attendees`, { staffId: t.service.a['registered-therapist'].id });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual([{ path: 'staffId', message: 'They are already recorded as attending' }]);
    const meeting = (await lead.get(`/api/mdt/meetings/${meetingId}`)).json();
    expect(meeting.attendees.map((a: { name: string }) => a.name)).toEqual(['Alex registered therapist', 'Sam Shaw']);
  });

  it('records the discussion and decision: in the patient’s timeline, the flag cleared; a stale version is a 409', async () => {
    const meeting = (await lead.get(`/api/mdt/meetings/${meetingId}`)).json();
    const item = meeting.agenda[0];
    const page = await lead.get(`/mdt/agenda-items/${item.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hw-patient-banner');
    expect(page.body).toContain('Two falls since the hoist was fitted');
    const empty = await lead.form(`/mdt/agenda-items/${item.id}`, { version: String(item.version), discussion: '', decision: '' });
    expect(empty.statusCode).toBe(400);
    const res = await lead.form(`/mdt/agenda-items/${item.id}`, { version: String(item.version), discussion: 'Falls at transfer; carers unsure of the sling.', decision: 'Joint visit with the moving and handling lead' });
    expect(res.statusCode).toBe(303);
    const stale = await lead.put(`/api/mdt/agenda-items/${item.id}`, { version: item.version, decision: 'Something else' });
    expect(stale.statusCode).toBe(409);
    const timeline = await therapist.get(`/episodes/${flaggedEpisode}/timeline`);
    expect(timeline.body).toContain('MDT decision (meeting of 2026-11-26): Joint visit with the moving and handling lead');
    const row = await t.db.selectFrom('episodes').select('mdt_flagged_at').where('id', '=', flaggedEpisode).executeTakeFirstOrThrow();
    expect(row.mdt_flagged_at).toBeNull();
  });

  let actionId: string;
  it('adds an action: on its owner’s home page (the patient’s name audited) once, however often the form is sent', async () => {
    const item = (await lead.get(`/api/mdt/meetings/${meetingId}`)).json().agenda[0];
    const page = await lead.get(`/mdt/agenda-items/${item.id}`);
    const actionFormId = /name="actionFormId" value="([^"]+)"/.exec(page.body)![1]!;
    const fields = { actionFormId, action: 'Book a joint visit with the moving and handling lead', ownerId: t.service.a['assistant-practitioner'].id, 'dueOn-day': '30', 'dueOn-month': '11', 'dueOn-year': '2026' };
    const noOwner = await lead.form(`/mdt/agenda-items/${item.id}/actions`, { ...fields, ownerId: '' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('Choose who owns the action, from the team');
    expect(await count('mdt_actions')).toBe(0);
    expect((await lead.form(`/mdt/agenda-items/${item.id}/actions`, fields)).statusCode).toBe(303);
    expect((await lead.form(`/mdt/agenda-items/${item.id}/actions`, fields)).statusCode).toBe(303);
    expect(await count('mdt_actions')).toBe(1);
    actionId = actionFormId;
    const home = await ap.get('/');
    expect(home.body).toContain('Book a joint visit with the moving and handling lead (Betty Bloor)');
    const audited = await t.db.selectFrom('audit_events').select('id').where('staff_id', '=', t.service.a['assistant-practitioner'].id).where('patient_id', '=', flaggedPatient).where('record_kind', '=', 'mdt-action').executeTakeFirst();
    expect(audited).toBeDefined();
    // The lead sees the team's open actions on the MDT page; overdue, a count on her home page too.
    const team = await lead.get('/mdt');
    expect(team.body).toMatch(/The team’s open actions[\s\S]*Book a joint visit with the moving and handling lead/);
    expect((await lead.get('/')).body).not.toContain('of the team’s MDT');
    // Put back in a finally: a failure here must not leave the later tests a week on.
    t.clock.set(new Date('2026-12-01T09:00:00Z'));
    try {
      expect((await t.signIn(t.service.a['clinical-lead']).then((c) => c.get('/'))).body).toContain('One of the team’s MDT actions is overdue');
    } finally {
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
    }
  });

  it('keeps the open action on the next meeting until it is closed', async () => {
    const next = await lead.post('/api/mdt/meetings', { on: '2026-12-03', at: '13:00', place: 'Haywood seminar room' });
    expect(next.statusCode).toBe(201);
    const nextId = next.json().id;
    const added = (await lead.post(`/api/mdt/meetings/${nextId}/agenda`, {})).json().added;
    expect(added.find((a: { episodeId: string }) => a.episodeId === flaggedEpisode).reasons).toEqual(['open-action']);
    const page = await lead.get(`/mdt/meetings/${nextId}`);
    expect(page.body).toMatch(/Open actions from earlier meetings[\s\S]*Book a joint visit/);
    const mine = await ap.get('/mdt/actions');
    const version = new RegExp(`/mdt/actions/${actionId}/close[\\s\\S]*?name="version" value="(\\d+)"`).exec(mine.body)![1]!;
    const closed = await ap.form(`/mdt/actions/${actionId}/close`, { version, note: 'Visit booked for 2 December' });
    expect(closed.statusCode).toBe(303);
    expect((await ap.get('/')).body).not.toContain('Book a joint visit');
    expect((await lead.get(`/mdt/meetings/${nextId}`)).body).not.toMatch(/Open actions from earlier meetings[\s\S]*Book a joint visit/);
    const again = await ap.post(`/api/mdt/actions/${actionId}/close`, { version: Number(version) });
    expect(again.statusCode).toBe(409);
  });

  it('closing an action from a stale list keeps the note typed, against the action’s version now, and the next Close works', async () => {
    const made = await lead.post(`/api/mdt/meetings/${meetingId}/actions`, { action: 'Update the team leaflet', ownerId: t.service.a['assistant-practitioner'].id, dueOn: '2026-12-10' });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const versionOf = (html: string) => new RegExp(`/mdt/actions/${id}/close[\\s\\S]*?name="version" value="(\\d+)"`).exec(html)![1]!;
    const noteShown = (html: string, note: string) => html.includes(`id="note-${id}" name="note" type="text" value="${note}"`);
    const version = versionOf((await ap.get('/mdt/actions')).body);
    const note = 'Leaflet sent to print, typed in a stale tab';
    // A form missing its version (400): the note is shown again.
    const bad = await ap.form(`/mdt/actions/${id}/close`, { note });
    expect(bad.statusCode).toBe(400);
    expect(noteShown(bad.body, note)).toBe(true);
    // Changed elsewhere while the list was open: a 409 with the note kept and the version as it is now.
    await t.db.updateTable('mdt_actions').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
    const stale = await ap.form(`/mdt/actions/${id}/close`, { version, note });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/changed/i);
    expect(noteShown(stale.body, note)).toBe(true);
    const now = versionOf(stale.body);
    expect(now).toBe(String(Number(version) + 1));
    const closed = await ap.form(`/mdt/actions/${id}/close`, { version: now, note });
    expect(closed.statusCode, closed.body.slice(0, 300)).toBe(303);
    expect(await t.db.selectFrom('mdt_actions').select(['status', 'closing_note']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'closed', closing_note: note });
  });

  it('is refused to those who do not see the team’s patients, and to another team', async () => {
    for (const who of [t.service.a['support-worker'], t.service.a.student, t.service.a.administrator, t.service.otherTeamTherapist]) {
      const client = await t.signIn(who);
      expect((await client.get(`/mdt/meetings/${meetingId}`)).statusCode, who.email).toBe(403);
      expect((await client.get(`/api/mdt/meetings/${meetingId}`)).statusCode, who.email).toBe(403);
      expect((await client.post(`/api/mdt/meetings/${meetingId}/agenda`, {})).statusCode, who.email).toBe(403);
    }
    expect((await lead.get(`/mdt/meetings/${uuidv7()}`)).statusCode).toBe(404);
  });

  it('refuses to flag a discharged episode, changing nothing', async () => {
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-24', discharge_outcome: 'goals-met', discharge_destination: 'home-no-support' }).where('id', '=', quietEpisode).execute();
    const version = (await t.db.selectFrom('episodes').select('version').where('id', '=', quietEpisode).executeTakeFirstOrThrow()).version;
    const res = await therapist.post(`/api/episodes/${quietEpisode}/mdt-flag`, { version, reason: 'Readmitted?' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'reason', message: 'This episode is discharged, so it cannot be flagged for the next MDT meeting' }]);
    expect((await t.db.selectFrom('episodes').select(['version', 'mdt_flagged_at']).where('id', '=', quietEpisode).executeTakeFirstOrThrow())).toEqual({ version, mdt_flagged_at: null });
  });
});
