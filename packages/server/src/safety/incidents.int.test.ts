// Incidents and near misses, closing the loop (issue 17 #1): the support worker reports a near miss
// anonymously; the lead triages, records learning and an action, closes; the reporter sees the outcome
// on her home page; a therapist from another team is refused, audited. Also: a report linked to an
// episode through the reporter's write grant (and refused without one), missing fields (the error
// summary, nothing written), once-only, a stale version, the database's own check on closing, the
// owner's action, prefilled links, and the LFPSE export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { seedLoneWorkingAlert, seedLoneWorkingSession } from '../../test/seed-lone-working.ts';

describe('an incident, from a near miss reported to the outcome read', () => {
  let t: TestApp;
  let supportWorker: TestClient;
  let lead: TestClient;
  let therapist: TestClient;
  let ap: TestClient;
  let incidentId: string;
  let reference: string;
  let episodeId: string;
  let patientId: string;

  const count = async (table: 'incidents' | 'incident_actions' | 'incident_updates') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const formIdOf = (html: string) => /name="formId" value="([^"]+)"/.exec(html)![1]!;
  const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
  const nearMiss = {
    kind: 'near-miss', 'occurredOn-day': '24', 'occurredOn-month': '11', 'occurredOn-year': '2026', occurredTime: '08:15', locationKind: 'patient-home', location: 'Bathroom',
    category: 'moving-and-handling', whatHappened: 'The hoist sling laid out was a size too small; noticed before the transfer.', affected: 'patient',
    immediateActions: 'Fetched the right sling from the car', physicalHarm: 'none', psychologicalHarm: 'none', anonymous: 'yes',
  };

  beforeAll(async () => {
    t = await bootTestApp();
    supportWorker = await t.signIn(t.service.a['support-worker']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    ap = await t.signIn(t.service.a['assistant-practitioner']);
    patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919', familyName: 'Bloor' }))).json().id;
    episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
  });
  afterAll(() => t.close());

  it('refuses a report with fields missing: the error summary names each, nothing is written', async () => {
    const form = await supportWorker.get('/safety/incidents/new');
    expect(form.statusCode).toBe(200);
    const res = await supportWorker.form('/safety/incidents/new', { formId: formIdOf(form.body), 'occurredOn-day': '24', 'occurredOn-month': '11', 'occurredOn-year': '2026', occurredTime: '', anonymous: 'no' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    for (const message of ['Select whether it was an incident or a near miss', 'Enter the time it happened, like 14:30', 'Select where it happened', 'Enter what happened', 'Select who was affected', 'Select the physical harm'])
      expect(res.body, message).toContain(message);
    const harmed = await supportWorker.form('/safety/incidents/new', { ...nearMiss, formId: formIdOf(form.body), physicalHarm: 'low' });
    expect(harmed.statusCode).toBe(400);
    expect(harmed.body).toContain('A near miss harmed no one');
    expect(await count('incidents')).toBe(0);
    const api = await supportWorker.post('/api/safety/incidents', { kind: 'near-miss', occurredAt: '2026-11-24T08:15:00Z' });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.location', 'body.whatHappened']));
    expect(await count('incidents')).toBe(0);
  });

  it('the support worker reports a near miss anonymously on one page, once however often it is sent, with a reference', async () => {
    const form = await supportWorker.get('/safety/incidents/new');
    const fields = { ...nearMiss, formId: formIdOf(form.body) };
    const res = await supportWorker.form('/safety/incidents/new', fields);
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toBe(`/safety/incidents/${fields.formId}/reported`);
    expect(String((await supportWorker.form('/safety/incidents/new', fields)).headers.location)).toBe(String(res.headers.location));
    expect(await count('incidents')).toBe(1);
    incidentId = fields.formId;
    const confirmation = await supportWorker.get(`/safety/incidents/${incidentId}/reported`);
    reference = /INC-\d{6}/.exec(confirmation.body)![0];
    expect(confirmation.body).toContain('Report sent');
    const row = await t.db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
    // Anonymous to colleagues, never to the database or the audit.
    expect(row).toMatchObject({ reporter_id: t.service.a['support-worker'].id, reporter_anonymous: true, team_id: t.service.teamA, patient_id: null, status: 'reported', occurred_at: new Date('2026-11-24T08:15:00Z') });
    const audit = await t.db.selectFrom('audit_events').select(['staff_id', 'action']).where('record_kind', '=', 'incident').where('record_id', '=', incidentId).where('outcome', '=', 'allowed').execute();
    expect(audit).toEqual([{ staff_id: t.service.a['support-worker'].id, action: 'write' }]);
  });

  it('the lead sees it as anonymous, triages, logs, records learning and an action; a stale version is a 409', async () => {
    expect((await lead.get('/')).body).toContain('One incident report is waiting for triage');
    const list = await lead.get('/safety/incidents');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(reference);
    expect(list.body).toContain('Anonymous');
    expect(list.body).not.toContain('Alex support worker');
    const page = await lead.get(`/safety/incidents/${incidentId}`);
    // (She is in the list of people an action may be given to, as everyone in the team is; never as the reporter.)
    expect(page.body).toMatch(/Reported by[\s\S]{0,200}Anonymous/);
    expect(page.body).not.toMatch(/Reported by[\s\S]{0,200}Alex support worker/);
    const version = versionOf(page.body);
    const api = (await lead.get(`/api/safety/incidents/${incidentId}`)).json();
    expect(api.incident.reporter).toEqual({ id: null, name: 'Anonymous' });
    expect(JSON.stringify(api)).not.toContain(t.service.a['support-worker'].id);

    const noNote = await lead.form(`/safety/incidents/${incidentId}/triage`, { version, investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('Enter a note on the triage');
    expect((await lead.form(`/safety/incidents/${incidentId}/triage`, { version, investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', handlerId: t.service.a['clinical-lead'].id, note: 'Local review: sling sizing at the store' })).statusCode).toBe(303);
    const stale = await lead.form(`/safety/incidents/${incidentId}/triage`, { version, investigationLevel: 'none', confirmedPhysicalHarm: 'none', note: 'Again' });
    expect(stale.statusCode).toBe(409);
    // A stale JSON write returns the current state as this reader may see it: still anonymous.
    const staleJson = await lead.post(`/api/safety/incidents/${incidentId}/triage`, { version: Number(version), investigationLevel: 'none', confirmedPhysicalHarm: 'none', note: 'Again' });
    expect(staleJson.statusCode).toBe(409);
    expect(staleJson.body).not.toContain(t.service.a['support-worker'].id);
    expect(staleJson.body).not.toContain('Alex support worker');
    // The log's form once only, however often it is sent.
    const note = { noteFormId: /name="noteFormId" value="([^"]+)"/.exec((await lead.get(`/safety/incidents/${incidentId}`)).body)![1]!, note: 'Spoke to the stores lead: slings are not labelled by size' };
    expect((await lead.form(`/safety/incidents/${incidentId}/notes`, note)).statusCode).toBe(303);
    expect((await lead.form(`/safety/incidents/${incidentId}/notes`, note)).statusCode).toBe(303);
    const v2 = versionOf((await lead.get(`/safety/incidents/${incidentId}`)).body);
    expect((await lead.form(`/safety/incidents/${incidentId}/learning`, { version: v2, findings: 'Slings are stored unlabelled', learning: 'Label slings by size and check before each transfer' })).statusCode).toBe(303);

    const withAction = await lead.get(`/safety/incidents/${incidentId}`);
    const actionFormId = /name="actionFormId" value="([^"]+)"/.exec(withAction.body)![1]!;
    const action = { actionFormId, action: 'Label every sling in the store by size', ownerId: t.service.a['assistant-practitioner'].id, 'dueOn-day': '1', 'dueOn-month': '12', 'dueOn-year': '2026' };
    const noOwner = await lead.form(`/safety/incidents/${incidentId}/actions`, { ...action, ownerId: '' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('Choose who owns the action, from the team');
    expect((await lead.form(`/safety/incidents/${incidentId}/actions`, action)).statusCode).toBe(303);
    expect((await lead.form(`/safety/incidents/${incidentId}/actions`, action)).statusCode).toBe(303);
    expect(await count('incident_actions')).toBe(1);
    // 31 February is no day: refused with its field, before the database is asked.
    const badDay = await lead.post(`/api/safety/incidents/${incidentId}/actions`, { action: 'Label the hoists', ownerId: t.service.a['assistant-practitioner'].id, dueOn: '2027-02-31' });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.fields).toEqual([{ path: 'dueOn', message: 'The due date must be a real date' }]);
    expect(await count('incident_actions')).toBe(1);
    expect((await ap.get('/')).body).toContain('Label every sling in the store by size (from ' + reference + ')');
    expect(await t.db.selectFrom('incident_updates').select(['kind']).where('incident_id', '=', incidentId).orderBy('created_at').execute()).toEqual([{ kind: 'triaged' }, { kind: 'note' }]);
  });

  it('closing needs the learning and the outcome for the reporter (the database refuses it too), then tells her', async () => {
    const page = await lead.get(`/safety/incidents/${incidentId}`);
    const version = versionOf(page.body);
    const empty = await lead.form(`/safety/incidents/${incidentId}/close`, { version, learning: 'Label slings', outcomeForReporter: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter what the person who reported it will be told');
    await expect(t.db.updateTable('incidents').set({ status: 'closed', closed_at: new Date(), closed_by: t.service.a['clinical-lead'].id, outcome_for_reporter: null }).where('id', '=', incidentId).execute()).rejects.toThrow(/check constraint/);
    expect((await supportWorker.get('/')).body).not.toContain('is ready to read');
    const closed = await lead.form(`/safety/incidents/${incidentId}/close`, { version, learning: 'Label slings by size and check before each transfer', outcomeForReporter: 'Thank you. Every sling is now labelled by size, and we check the label before each transfer.' });
    expect(closed.statusCode).toBe(303);
    // Closed is final: the database refuses a change.
    await expect(t.db.updateTable('incidents').set({ learning: 'Changed' }).where('id', '=', incidentId).execute()).rejects.toThrow(/a final record is never changed/);
    expect((await lead.post(`/api/safety/incidents/${incidentId}/notes`, { note: 'Late' })).statusCode).toBe(400);
  });

  it('the reporter sees the outcome on her home page until she opens it', async () => {
    const home = await supportWorker.get('/');
    expect(home.body).toContain(`The outcome of your report ${reference} is ready to read`);
    // Ready to read, not due: no "Due soon" tag and no past due date beside it.
    const item = new RegExp(`<strong class="nhsuk-tag nhsuk-tag--(\\w+)">([^<]+)</strong>\\s*<span class="nhsuk-body-s">Incident reports:</span> <a href="/safety/incidents/${incidentId}">[^<]+</a>([^\\n]*)`).exec(home.body);
    expect(item?.[2]).toBe('In date');
    expect(item?.[3]).not.toContain('due');
    const notification = await t.db.selectFrom('notifications').select(['read_at', 'link']).where('staff_id', '=', t.service.a['support-worker'].id).where('kind', '=', 'incident-outcome').executeTakeFirstOrThrow();
    expect(notification).toEqual({ read_at: null, link: `/safety/incidents/${incidentId}` });
    const mine = await supportWorker.get('/safety/incidents/mine');
    expect(mine.body).toContain('Outcome to read');
    const page = await supportWorker.get(`/safety/incidents/${incidentId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Every sling is now labelled by size');
    expect(page.body).toContain('Label slings by size and check before each transfer');
    // She sees the report as hers, and none of the handler's forms.
    expect(page.body).not.toContain('/close"');
    expect((await supportWorker.get('/')).body).not.toContain('is ready to read');
    const row = await t.db.selectFrom('incidents').select(['outcome_seen_at']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(row.outcome_seen_at).not.toBeNull();
    expect((await t.db.selectFrom('notifications').select('read_at').where('kind', '=', 'incident-outcome').executeTakeFirstOrThrow()).read_at).not.toBeNull();
    // She cannot handle her own report.
    expect((await supportWorker.post(`/api/safety/incidents/${incidentId}/close`, { version: 1, learning: 'x', outcomeForReporter: 'x' })).statusCode).toBe(403);
  });

  it('the action’s owner marks it done from her list', async () => {
    const list = await ap.get('/safety/incidents/actions');
    const actionId = /action-([0-9a-f-]{36})/.exec(list.body)![1]!;
    const version = new RegExp(`/safety/incidents/actions/${actionId}/done[\\s\\S]*?name="version" value="(\\d+)"`).exec(list.body)![1]!;
    expect((await ap.form(`/safety/incidents/actions/${actionId}/done`, { version })).statusCode).toBe(303);
    expect((await ap.get('/')).body).not.toContain('Label every sling');
    expect((await ap.form(`/safety/incidents/actions/${actionId}/done`, { version })).statusCode).toBe(409);
    expect((await therapist.form(`/safety/incidents/actions/${actionId}/done`, { version: '2' })).statusCode).toBe(404);
  });

  it('a therapist from another team, and a colleague, are told there is no such incident; each attempt audited', async () => {
    const other = await t.signIn(t.service.otherTeamTherapist);
    const otherLead = t.service.otherTeamTherapist;
    for (const [client, who] of [[other, otherLead.id], [therapist, t.service.a['registered-therapist'].id]] as const) {
      expect((await client.get(`/safety/incidents/${incidentId}`)).statusCode).toBe(404);
      expect((await client.get(`/api/safety/incidents/${incidentId}`)).statusCode).toBe(404);
      const refused = await t.db.selectFrom('audit_events').select('id').where('staff_id', '=', who).where('record_kind', '=', 'incident').where('record_id', '=', incidentId).where('outcome', '=', 'refused').where('action', '=', 'read').execute();
      expect(refused.length).toBe(2);
    }
    expect((await other.get('/safety/incidents')).statusCode).toBe(403);
    expect((await other.get('/api/safety/incidents')).json().error).toBeDefined();
    expect((await supportWorker.get('/safety/incidents')).statusCode).toBe(403);
  });

  it('links a report to an episode only through the reporter’s write grant; the handler sees the patient, audited', async () => {
    const page = await therapist.get(`/episodes/${episodeId}`);
    expect(page.body).toContain(`/safety/incidents/new?episodeId=${episodeId}`);
    const form = await therapist.get(`/safety/incidents/new?episodeId=${episodeId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('hw-patient-banner');
    expect(form.body).toContain('943 476 5919');
    const res = await therapist.post('/api/safety/incidents', { kind: 'incident', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'patient-home', location: 'Stairs', category: 'fall', whatHappened: 'Slipped on the bottom step', affected: 'patient', immediateActions: 'Checked for injury', physicalHarm: 'low', episodeId });
    expect(res.statusCode, res.body).toBe(201);
    const linked = res.json();
    expect(linked).toMatchObject({ patientId, episodeId, reporter: { name: 'Alex registered therapist' }, teamId: t.service.teamA });
    const written = await t.db.selectFrom('audit_events').select(['patient_id']).where('record_kind', '=', 'incident').where('record_id', '=', linked.id).where('action', '=', 'write').executeTakeFirstOrThrow();
    expect(written.patient_id).toBe(patientId);
    // The confirmation is about the patient too: the banner, the read audited.
    const sent = await therapist.get(`/safety/incidents/${linked.id}/reported`);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('hw-patient-banner');
    expect(sent.body).toContain('943 476 5919');
    expect(await t.db.selectFrom('audit_events').select('id').where('staff_id', '=', t.service.a['registered-therapist'].id).where('patient_id', '=', patientId).where('record_kind', '=', 'incident').where('action', '=', 'read').executeTakeFirst()).toBeDefined();
    const seen = await lead.get(`/safety/incidents/${linked.id}`);
    expect(seen.body).toContain('hw-patient-banner');
    expect(await t.db.selectFrom('audit_events').select('id').where('staff_id', '=', t.service.a['clinical-lead'].id).where('patient_id', '=', patientId).where('record_kind', '=', 'incident').where('action', '=', 'read').executeTakeFirst()).toBeDefined();
    // Another team's therapist has no grant on the patient: refused (audited by the access seam), nothing written.
    const before = await count('incidents');
    const other = await t.signIn(t.service.otherTeamTherapist);
    expect((await other.get(`/safety/incidents/new?episodeId=${episodeId}`)).statusCode).toBe(403);
    expect((await other.post('/api/safety/incidents', { kind: 'incident', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'patient-home', location: 'Stairs', category: 'fall', whatHappened: 'x', affected: 'patient', immediateActions: 'x', physicalHarm: 'none', episodeId })).statusCode).toBe(403);
    expect(await count('incidents')).toBe(before);
  });

  it('prefills the form from a lone-working alert, and keeps where the report came from', async () => {
    const alertId = uuidv7();
    const form = await ap.get(`/safety/incidents/new?sourceKind=lone-working&sourceId=${alertId}&category=lone-working&occurredAt=2026-11-24T07:30:00Z&location=Bradwell&whatHappened=Red%20alert%20raised`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Started from a lone-working alert');
    expect(form.body).toContain('value="Bradwell"');
    expect(form.body).toContain('Red alert raised');
    expect(form.body).toMatch(/<option value="lone-working" selected>/);
    expect(form.body).toContain('value="07:30"');
    const res = await ap.form('/safety/incidents/new', { ...nearMiss, kind: 'incident', formId: formIdOf(form.body), sourceKind: 'lone-working', sourceId: alertId, category: 'lone-working', anonymous: 'no' });
    expect(res.statusCode).toBe(303);
    expect(await t.db.selectFrom('incidents').select(['source_kind', 'source_id']).where('id', '=', formIdOf(form.body)).executeTakeFirstOrThrow()).toEqual({ source_kind: 'lone-working', source_id: alertId });
  });

  it('the lone-working alert page and a failed equipment item offer the report, prefilled', async () => {
    const alertId = await seedLoneWorkingAlert(t, { staffId: t.service.a['registered-therapist'].id, kind: 'missed-check-in', status: 'raised', dueAt: '2026-11-24T08:45:00.000Z' });
    const alert = await lead.get(`/lone-working/alerts/${alertId}`);
    expect(alert.statusCode).toBe(200);
    const href = /href="(\/safety\/incidents\/new\?sourceKind=lone-working[^"]+)"/.exec(alert.body)![1]!.replace(/&amp;/g, '&');
    expect(href).toContain(`sourceId=${alertId}`);
    const form = await lead.get(href);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Started from a lone-working alert');
    expect(form.body).toContain('value="08:45"');
    // At a planned home visit: the report is linked to the visit's episode (so to the patient, through the
    // reporter's grant), and the place (the patient's address) is not copied into it.
    const visitId = uuidv7();
    const at = t.clock.now();
    await t.db.insertInto('visits').values({
      id: visitId, team_id: t.service.teamA, episode_id: episodeId, patient_id: patientId, on_date: '2026-11-24', purpose: 'review', duration_minutes: 45, place: 'home',
      window_start: null, window_end: null, staff_needed: 1, registered_required: false, skills: '[]', preferred_staff_id: null, due_by: null, origin: 'added',
      pinned_staff_id: null, pinned_start: null, outcome_reason: null, rebooked_from: null, contact_note_id: null, started_at: null, finished_at: null,
      created_at: at, created_by: t.service.a['clinical-lead'].id, updated_at: at, updated_by: t.service.a['clinical-lead'].id,
    }).execute();
    const sessionId = await seedLoneWorkingSession(t, { staffId: t.service.a['registered-therapist'].id, patientId, visitId, place: '7 Mill Lane, Bradwell, ST5 8AA', start: '2026-11-24T08:00:00Z', end: '2026-11-24T08:45:00Z' });
    const atVisit = await seedLoneWorkingAlert(t, { staffId: t.service.a['registered-therapist'].id, sessionId, kind: 'missed-check-out', status: 'raised', dueAt: '2026-11-24T08:50:00.000Z' });
    const visitAlert = (await lead.get(`/lone-working/alerts/${atVisit}`)).body;
    const visitHref = /href="(\/safety\/incidents\/new\?sourceKind=lone-working[^"]+)"/.exec(visitAlert)![1]!.replace(/&amp;/g, '&');
    expect(visitHref).toContain(`episodeId=${episodeId}`);
    expect(visitHref).toContain('locationKind=patient-home');
    expect(visitHref).not.toContain('Mill');
    const visitForm = await lead.get(visitHref);
    expect(visitForm.statusCode).toBe(200);
    expect(visitForm.body).toContain('hw-patient-banner');
    expect(visitForm.body).not.toContain('Mill Lane');
    const now = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    const stamps = { created_at: now, created_by: by, updated_at: now, updated_by: by };
    const [catalogueItemId, storeId, itemId] = [uuidv7(), uuidv7(), uuidv7()];
    await t.db.insertInto('equipment_catalogue_items').values({ id: catalogueItemId, code: 'INC-HOIST', name: 'Mobile hoist', category: 'transfers', stock_kind: 'tracked', loler: true, inspection_interval_months: 6, prescriber: 'registered', unit_cost_pence: 1, ...stamps }).execute();
    await t.db.insertInto('equipment_stores').values({ id: storeId, name: 'Incident store', team_id: t.service.teamA, ...stamps }).execute();
    await t.db.insertInto('equipment_items').values({ id: itemId, catalogue_item_id: catalogueItemId, serial_number: 'INC-0001', store_id: storeId, status: 'in-store', next_inspection_due: '2027-05-01', ...stamps }).execute();
    const item = async () => (await lead.get(`/equipment/items/${itemId}`)).body;
    expect(await item()).not.toContain('Report an incident about this item');
    await t.db.insertInto('equipment_inspections').values({ id: uuidv7(), item_id: itemId, kind: 'loler', inspected_on: '2026-11-23', result: 'fail', created_at: now, created_by: by }).execute();
    const failed = /href="(\/safety\/incidents\/new\?sourceKind=equipment[^"]+)"/.exec(await item())![1]!.replace(/&amp;/g, '&');
    expect(failed).toContain(`sourceId=${itemId}`);
    const prefilled = await lead.get(failed);
    expect(prefilled.statusCode).toBe(200);
    expect(prefilled.body).toContain('Mobile hoist INC-0001');
  });

  it('exports the team’s incidents for LFPSE as CSV, audited, naming no one', async () => {
    const csv = await lead.get('/safety/incidents/lfpse.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('Local reference,Event type,Event date,Event time,Location type,Location description,Incident category,Describe what happened,Who was involved,Patient involved,Immediate actions taken,Physical harm,Psychological harm,Reporter role,Status,Level of response,Harm after review,Findings,Learning,Closed date');
    expect(csv.body).toContain(reference);
    expect(csv.body).not.toContain('Bloor');
    expect(csv.body).not.toContain('Alex support worker');
    const exported = await t.db.selectFrom('audit_events').select(['action', 'detail']).where('record_kind', '=', 'incident').where('action', '=', 'export').executeTakeFirstOrThrow();
    expect(exported.detail).toMatchObject({ export: 'lfpse', rows: 3 });
    expect((await supportWorker.get('/safety/incidents/lfpse.csv')).statusCode).toBe(403);
  });

  it('a handler who reported it reads the outcome off her home page, on the page and in JSON', async () => {
    const report = { kind: 'near-miss', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'other', location: 'Office', category: 'other', whatHappened: 'Fire door wedged open', affected: 'no-one', immediateActions: 'Removed the wedge', physicalHarm: 'none' };
    for (const read of [(id: string) => lead.get(`/api/safety/incidents/${id}`), (id: string) => lead.get(`/safety/incidents/${id}`)]) {
      const res = await lead.post('/api/safety/incidents', report);
      expect(res.statusCode, res.body).toBe(201);
      const made = res.json();
      const closed = await lead.post(`/api/safety/incidents/${made.id}/close`, { version: made.version, learning: 'Signs on the door', outcomeForReporter: 'Signs are up' });
      expect(closed.statusCode, closed.body).toBe(200);
      expect((await lead.get('/')).body).toContain(`The outcome of your report ${made.reference} is ready to read`);
      expect((await read(made.id)).statusCode).toBe(200);
      expect((await lead.get('/')).body).not.toContain(`The outcome of your report ${made.reference} is ready to read`);
    }
  });

  it('a report by someone with no team reaches the service managers: their lists, the export, the home page; only they handle it', async () => {
    await t.db.updateTable('staff').set({ team_id: null }).where('id', '=', t.service.otherTeamTherapist.id).execute();
    const teamless = await t.signIn(t.service.otherTeamTherapist);
    const manager = await t.signIn(t.service.a['service-manager']);
    const waitingBefore = (await manager.get('/api/safety/incidents?status=reported')).json().incidents.length;
    const res = await teamless.post('/api/safety/incidents', { kind: 'near-miss', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'other', location: 'Car park', category: 'other', whatHappened: 'Ice by the pool cars', affected: 'no-one', immediateActions: 'Gritted it', physicalHarm: 'none' });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made.teamId).toBeNull();
    expect((await manager.get('/api/safety/incidents')).json().incidents.map((i: { id: string }) => i.id)).toContain(made.id);
    expect((await manager.get('/safety/incidents')).body).toContain(made.reference);
    expect((await manager.get('/safety/incidents/lfpse.csv')).body).toContain(made.reference);
    const n = waitingBefore + 1;
    expect((await manager.get('/')).body).toContain(n === 1 ? 'One incident report is waiting for triage' : `${n} incident reports are waiting for triage`);
    // The clinical lead does not handle it, so may not be named its handler.
    expect((await lead.get('/api/safety/incidents')).json().incidents.map((i: { id: string }) => i.id)).not.toContain(made.id);
    const toLead = await manager.post(`/api/safety/incidents/${made.id}/triage`, { version: made.version, investigationLevel: 'none', confirmedPhysicalHarm: 'none', handlerId: t.service.a['clinical-lead'].id, note: 'For the lead' });
    expect(toLead.statusCode).toBe(400);
    expect(toLead.json().error.fields.map((f: { path: string }) => f.path)).toContain('handlerId');
    expect((await manager.post(`/api/safety/incidents/${made.id}/triage`, { version: made.version, investigationLevel: 'none', confirmedPhysicalHarm: 'none', note: 'Mine' })).statusCode).toBe(200);
  });

  it('the privacy officer may not report', async () => {
    const po = await t.signIn(t.service.a['privacy-officer']);
    expect((await po.get('/safety/incidents/new')).statusCode).toBe(403);
    expect((await po.post('/api/safety/incidents', { kind: 'near-miss', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'other', location: 'Office', category: 'other', whatHappened: 'x', affected: 'no-one', immediateActions: 'x', physicalHarm: 'none' })).statusCode).toBe(403);
  });
});
