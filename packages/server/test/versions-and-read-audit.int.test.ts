// Two promises the charter makes of every kind of patient data (issue 10, "what must work"), held as
// tables so that a new route cannot slip past them:
//  - every write that changes a record sends the version it read; when someone else changed it first,
//    the write is refused with 409 and the record as it stands, and nothing at all changes;
//  - every read of patient data leaves an audit row naming what was read (this patient, this note),
//    asserted as the exact rows the read added, never as ".some()" over the whole audit.
// The route lists come from the OpenAPI document: a JSON route missing from both tables fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { LightMyRequestResponse } from 'fastify';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, testPassword, type TestApp, type TestClient } from './test-app.ts';
import { seedEpisode, seedSupervision } from './seed-episode.ts';
import { seedPlannedVisit } from './seed-visit-plan.ts';
import { seedLoneWorkingAlert, seedLoneWorkingSession } from './seed-lone-working.ts';
import { seedCatalogueItem, seedLoan, seedStore } from './seed-equipment-loans.ts';
import { barthelAt12 } from './barthel-responses.ts';

type StaleWrite = {
  /** The time the stale writer sent its write, with the version it read. */
  stale: () => Promise<LightMyRequestResponse>;
  /** The record the 409 must carry: as the first writer left it. */
  current: { id: string; version: number };
  /** Whose record it is: sending it back is an audited read of their record. Null for a staff record. */
  patientId: string | null;
};
type StaleCase = { route: string; what: string; arrange: () => Promise<StaleWrite> };
type AuditRow = { action: string; record_kind: string | null; record_id: string | null; patient_id: string | null; detail?: Record<string, unknown> };
type ReadCase = { route: string; what: string; read: () => Promise<{ res: LightMyRequestResponse; by: TestClient; expected: AuditRow[] }> };

/** Every table of patient data (and staff, whose writes are version-checked too): a stale write changes none. */
const tables = [
  'patients', 'patient_versions', 'referrals', 'episodes', 'episode_events', 'onward_referrals', 'consent_records', 'contact_notes', 'contact_note_amendments',
  'contact_note_amendment_reviews', 'assessments', 'goals', 'goal_attainments', 'programme_activities', 'programme_completions', 'staff', 'staff_competences',
  'episode_reviews', 'discharge_summaries', 'letters', 'idempotency_keys', 'visit_needs', 'visits',
  'rota_patterns', 'rota_exceptions', 'rota_on_call',
  // loans
  'equipment_loans', 'equipment_training', 'equipment_items', 'equipment_stock_levels', 'equipment_stock_moves',
  // recall-collection
  'equipment_recalls', 'equipment_recall_actions',
  'supervision_arrangements', 'supervision_sessions', 'supervision_cases', 'supervision_actions',
  'mdt_meetings', 'mdt_attendees', 'mdt_agenda_items', 'mdt_actions',
  'cpd_entries',
  // safeguarding (issue 17 #2)
  'safeguarding_concerns', 'safeguarding_concern_people', 'safeguarding_concern_notes', 'safety_designations',
  // risk register (issue 17 #3)
  'risks', 'risk_reviews', 'risk_actions',
  // safety, incidents (issue 17 #1)
  'incidents', 'incident_updates', 'incident_actions',
  // reports (issue 18): the delay reasons written with a Discharge Ready Date
  'episode_delays',
] as const;

/** JSON routes that create a new entry (no earlier version to be stale against), and why. */
const creates: Record<string, string> = {
  'POST /api/patients': 'registers a new patient',
  'POST /api/referrals': 'a new referral',
  'POST /api/episodes/{id}/consent': 'an append-only consent record',
  'POST /api/episodes/{id}/consent/{consentId}/withdrawal': 'an append-only withdrawal; a second one is refused by the database',
  'POST /api/episodes/{id}/contact-notes': 'a new note',
  'POST /api/episodes/{id}/assessments': 'an append-only assessment',
  'POST /api/episodes/{id}/goals': 'a new goal',
  'POST /api/goals/{id}/attainments': 'an append-only rating',
  'POST /api/episodes/{id}/programme': 'a new activity',
  'POST /api/programme-activities/{id}/completions': 'an append-only completion log',
  'POST /api/episodes/{id}/discharge-summary': 'the one summary of the episode; a second is refused with 409',
  'POST /api/discharge-summaries/{id}/letters': 'an append-only letter from the final summary',
  'POST /api/episodes/{id}/supervision': 'a new supervision; a second current one for the same person on the episode is refused',
  'POST /api/episodes/{id}/onward-referrals': 'a new onward referral',
  'POST /api/visits': 'a new visit',
  'POST /api/visits/proposals': 'new proposed visits; a visit already booked is never changed',
  'POST /api/staff': 'a new staff account',
  'POST /api/staff/{id}/competences': 'a new competence record',
  'POST /api/rota/staff/{staffId}/exceptions': 'a new leave, absence or extra shift',
  'PUT /api/staff/{id}/password': 'sets a credential, not a record anyone edits',
  'POST /api/patients/{id}/break-glass': 'an append-only break-glass record',
  'POST /api/sessions': 'signs in',
  'DELETE /api/sessions/current': 'signs out',
  'POST /api/visits/plans/jobs': 'starts a planner run, a new job (one live per team: a repeat gets the live one back)',
  'POST /api/visits/plans/replan': 'starts a planner run, a new job (the plan version it sends is checked too)',
  'POST /api/lone-working/sessions': 'a new session, a visit started by hand (Idempotency-Key: once)',
  'POST /api/staff/{id}/cpd': 'a new CPD log entry (Idempotency-Key: once)',
  'POST /api/lone-working/sessions/{sessionId}/check-in': 'a tap, not an edit: the state moves on once; a repeat writes nothing (changed: false)',
  'POST /api/lone-working/sessions/{sessionId}/check-out': 'a tap, not an edit: the state moves on once; a repeat writes nothing (changed: false)',
  // Equipment, catalogue part (issue 15).
  'POST /api/equipment/catalogue': 'a new catalogue item (a code used twice is refused)',
  'POST /api/equipment/stores': 'a new store',
  'POST /api/equipment/stores/{storeId}/stock-moves': 'an append-only ledger entry; the count’s version is required and checked (equipment/catalogue.int.test.ts: stale is a 409 with the count)',
  'POST /api/equipment/items': 'a new tracked item (a serial typed twice is refused)',
  // loans
  'POST /api/episodes/{id}/equipment-loans': 'a new prescription (Idempotency-Key: once; a client-minted id twice is refused)',
  'POST /api/equipment-loans/{loanId}/training': 'an append-only training record, one per person taught',
  // recall-collection
  'POST /api/equipment/recalls': 'a new recall and its actions (a second open one of the model and batch is refused with 409)',
  'POST /api/supervision/sessions': 'a supervision session written up (Idempotency-Key, or the client’s id: once)',
  // mdt (issue 16 #6)
  'POST /api/mdt/meetings': 'a new MDT meeting',
  'POST /api/mdt/meetings/{meetingId}/agenda': 'adds the patients not on the agenda yet (one item per meeting and episode); an item already there is never changed',
  'POST /api/mdt/meetings/{meetingId}/attendees': 'an append-only attendance; the same member of staff twice is refused',
  'POST /api/mdt/meetings/{meetingId}/actions': 'a new MDT action',
  // pdc-training
  'POST /api/training/courses': 'a new course of the training matrix',
  'POST /api/training/imports': 'a new import, previewed (nothing else changes until it is confirmed)',
  'POST /api/pdc': 'a new PDC',
  'POST /api/pdc/{pdcId}/items': 'a new objective or development item',
  // safeguarding (issue 17 #2)
  'POST /api/safeguarding-concerns': 'a new safeguarding concern (Idempotency-Key, or the client’s id: once)',
  'POST /api/safeguarding-concerns/{concernId}/notes': 'an append-only note on a concern',
  'POST /api/safeguarding-concerns/{concernId}/people': 'a person named to see a concern; the same person twice is refused',
  'POST /api/safety/designations': 'a new safeguarding lead designation (a second current one for the same person is refused)',
  // risk register (issue 17 #3)
  'POST /api/safety/risks': 'a new risk (Idempotency-Key: once; a client-minted id twice is refused)',
  'POST /api/safety/risks/{riskId}/actions': 'a new risk action (a client-minted id twice is refused)',
  // safety, incidents (issue 17 #1)
  'POST /api/safety/incidents': 'a new incident report (Idempotency-Key, or the client’s id: once)',
  'POST /api/safety/incidents/{incidentId}/notes': 'an append-only entry in the handler’s log',
  'POST /api/safety/incidents/{incidentId}/actions': 'a new incident action (Idempotency-Key, or the client’s id: once)',
};

/** JSON reads that return no patient data, and why. */
const notPatientData: Record<string, string> = {
  'GET /api/staff': 'staff accounts (administrators)',
  'GET /api/staff/{id}': 'a staff account (administrators)',
  'GET /api/teams': 'the teams',
  'GET /api/staff/{id}/competences': 'a staff member’s competences',
  'GET /api/rota': 'the team’s rota (staff data)',
  'GET /api/rota/staff/{staffId}': 'a staff member’s working pattern and leave',
  'GET /api/rota/on-call': 'who is on call (staff data)',
  'GET /api/reports/first-contact': 'counts and times per service, no patient',
  'GET /api/reports/{report}': 'counts, minutes and times by team, service and clinician; SSNAP and the breaches name episodes by reference only, never a patient (audited as a report read with those episode ids)',
  'GET /api/visits/plans/jobs/{jobId}': 'a planner run: its dates, status and counts, no patient',
  // Equipment not on loan to anyone, or on loan without saying to whom (issue 15, catalogue part).
  'GET /api/equipment/catalogue': 'the equipment catalogue',
  'GET /api/equipment/catalogue/{catalogueItemId}': 'a catalogue item',
  'GET /api/equipment/stores': 'the equipment stores',
  'GET /api/equipment/stores/{storeId}': 'a store and its stock counts',
  'GET /api/equipment/items': 'tracked items: where each is, never to whom it is lent',
  'GET /api/equipment/items/{itemId}': 'a tracked item and its examinations, never to whom it is lent',
  'GET /api/equipment/inspections/due': 'examinations and services due, by item',
  // recall-collection
  'GET /api/equipment/recalls': 'recalls: the model, batch, reason and counts of actions, no patient',
  'GET /api/equipment/reports/{report}': 'counts of loans and items, costs, serial numbers: no patient (audited as a report read)',
  'GET /api/supervision/people/{staffId}': 'someone’s supervision (staff data, its reads by others audited); the cases are named only on the session',
  'GET /api/mdt/meetings': 'the team’s MDT meetings: when, where, who chairs; no patient',
  // pdc-training: staff data (someone else's is audited as a read of their staff record, without a patient)
  'GET /api/training/courses': 'the training courses and the matrix per role',
  'GET /api/training/imports/{importId}': 'an import of staff training completions',
  'GET /api/training/compliance': 'the team’s training compliance (staff data)',
  'GET /api/training/staff/{staffId}': 'a member of staff’s training',
  'GET /api/pdc/{pdcId}': 'a member of staff’s PDC (appraisal)',
  'GET /api/staff/{id}/cpd': 'a member of staff’s CPD log (personal staff data; a read of another’s is audited)',
  'GET /api/cpd/{id}': 'one CPD log entry (personal staff data; a read of another’s is audited)',
  'GET /api/safety/designations': 'who the safeguarding leads are (staff data)',
  // risk register (issue 17 #3): the service's risks name no patient.
  'GET /api/safety/risks': 'the risk register and its heat map: no patient',
  'GET /api/safety/risks/{riskId}': 'a risk, its reviews and actions: no patient',
  // safety, incidents (issue 17 #1): lists hold no patient (the patient's id is given only on one incident, through the reader's grant)
  'GET /api/safety/incidents': 'the team’s incidents for their handlers: what, when, harm, status; no patient (ids withheld)',
  'GET /api/safety/incidents/mine': 'the reporter’s own reports and outcomes; no patient (ids withheld)',
};

describe('every write is version-checked and every patient read is audited by name', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let lead: TestClient;
  let admin: TestClient;
  let privacyOfficer: TestClient;
  let nhsIndex = 790_000;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const treatment = (o: Record<string, unknown> = {}) => ({ kind: 'treatment', occurredAt: ago(60), durationMinutes: 45, place: 'Home', staffPresent: null, body: 'Kitchen practice', ...o });
  const levels = { '-2': 'Cannot make a drink', '-1': 'Makes tea with help', '0': 'Makes tea alone', '+1': 'Makes tea and carries it', '+2': 'Makes tea for a visitor' };
  const goalPlan = { statement: 'I want to make my own cup of tea', levels, baseline: -1, importance: 3, difficulty: 2, targetOn: '2026-12-22', agreedWith: 'Betty' };
  const referralBody = (patientId: string) => ({
    patientId, source: 'acute-ward', sourceDetail: 'Ward 7', receivedAt: '2026-11-24T08:30:00Z', service: 'd2a-pathway-1', setting: 'home', reason: 'Fall at home, now medically fit',
    presentingNeeds: 'Mobilising with a frame', urgencyRequested: 'soon', referrerName: 'Priya Shah', referrerContact: '01782 715444', consentToReferral: true, consentNote: null,
  });
  const triage = { complexity: 'non-complex', complexityReason: 'Single need, stable', priority: 'P2', skillsNeeded: ['OT'], notes: null, visitsPerWeek: 2 };
  const patch = (client: TestClient, url: string, payload: unknown) => client.request({ method: 'PATCH', url, payload: payload as Record<string, unknown> });
  const lastSeq = async () => (await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
  const auditSince = async (seq: number): Promise<Array<AuditRow & { staff_id: string | null; outcome: string }>> =>
    t.db.selectFrom('audit_events').select(['action', 'outcome', 'staff_id', 'patient_id', 'record_kind', 'record_id', 'detail']).where('seq', '>', seq).orderBy('seq').execute() as never;
  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const table of tables) out[table] = (await sql`select * from ${sql.table(table)} order by 1`.execute(t.db)).rows;
    return JSON.stringify(out);
  };

  async function newPatient(): Promise<string> {
    const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++) }));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  async function newReferral(): Promise<{ patientId: string; referralId: string }> {
    const patientId = await newPatient();
    const res = await therapist.post('/api/referrals', referralBody(patientId));
    expect(res.statusCode, res.body).toBe(201);
    return { patientId, referralId: res.json().id };
  }
  /** An active episode held by the assistant practitioner, version 1. */
  async function activeEpisode(): Promise<{ patientId: string; episodeId: string }> {
    const patientId = await newPatient();
    return { patientId, episodeId: await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: assistant.staff.id }) };
  }
  /** Someone else changes the episode first: the lead moves it to the therapist (version + 1). */
  const reallocate = async (episodeId: string, version: number) => {
    const res = await lead.post(`/api/episodes/${episodeId}/allocation`, { staffId: therapist.staff.id, reason: 'caseload-balance', version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().version as number;
  };
  async function draftNote(episodeId: string, client = assistant) {
    const res = await client.post(`/api/episodes/${episodeId}/contact-notes`, treatment());
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  }
  async function draftSummary(episodeId: string) {
    const res = await assistant.post(`/api/episodes/${episodeId}/discharge-summary`);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  }
  let planDay = 1;
  /** The team's plan for a day of its own, with an empty draft, version 1 (as the planner leaves it). */
  async function visitPlan(): Promise<{ id: string; date: string }> {
    const date = `2027-02-${String(planDay++).padStart(2, '0')}`;
    const id = uuidv7();
    const now = t.clock.now();
    const totals = { travelMinutes: 0, distanceKm: 0, visitsPlanned: 0, visitsUnplanned: 0, visitsPerPerson: 0, continuityPercent: null, inWindowPercent: null };
    const draft = { teamId: t.service.teamA, date, madeAt: now.toISOString(), jobId: null, routes: [], unplanned: [], totals, objective: 0 };
    await t.db.insertInto('visit_plans').values({ id, team_id: t.service.teamA, on_date: date, draft: JSON.stringify(draft), created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id }).execute();
    return { id, date };
  }
  const ok = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    admin = await t.signIn(t.service.a.administrator);
    privacyOfficer = await t.signIn(t.service.a['privacy-officer']);
  });
  afterAll(async () => t?.close());

  const staleCases: StaleCase[] = [
    {
      route: 'PUT /api/patients/{id}', what: 'a patient’s details',
      arrange: async () => {
        const id = await newPatient();
        const details = patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex - 1) });
        ok(await therapist.put(`/api/patients/${id}`, { ...details, phone: '01632 960999', version: 1 }));
        return { patientId: id, current: { id, version: 2 }, stale: () => assistant.put(`/api/patients/${id}`, { ...details, phone: '01632 960888', version: 1 }) };
      },
    },
    {
      route: 'PUT /api/patients/{id}/location', what: 'where a patient is on the map',
      arrange: async () => {
        const id = await newPatient();
        ok(await therapist.put(`/api/patients/${id}/location`, { latitude: 53.05, longitude: -2.2, version: 1 }));
        return { patientId: id, current: { id, version: 2 }, stale: () => assistant.put(`/api/patients/${id}/location`, { latitude: 53.06, longitude: -2.21, version: 1 }) };
      },
    },
    {
      route: 'POST /api/referrals/{id}/reject', what: 'rejecting a referral someone has triaged',
      arrange: async () => {
        const { patientId, referralId } = await newReferral();
        ok(await therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 }), 201);
        return { patientId, current: { id: referralId, version: 2 }, stale: () => lead.post(`/api/referrals/${referralId}/reject`, { reason: 'not-eligible', detail: null, version: 1 }) };
      },
    },
    {
      route: 'POST /api/referrals/{id}/triage', what: 'triaging a referral someone has rejected',
      arrange: async () => {
        // A rejected referral is no longer a relationship by itself: the team still cares for her through
        // an episode already open, so the stale triage reaches the version check.
        const { patientId, referralId } = await newReferral();
        await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: therapist.staff.id });
        ok(await lead.post(`/api/referrals/${referralId}/reject`, { reason: 'outside-area', detail: null, version: 1 }));
        return { patientId, current: { id: referralId, version: 2 }, stale: () => therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 }) };
      },
    },
    {
      route: 'POST /api/episode-supervisions/{id}/end', what: 'ending a supervision a colleague has already ended',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const started = ok(await therapist.post(`/api/episodes/${episodeId}/supervision`, { staffId: supportWorker.staff.id }), 201);
        ok(await lead.post(`/api/episode-supervisions/${started.id}/end`, { version: started.version }));
        return { patientId, current: { id: started.id, version: started.version + 1 }, stale: () => therapist.post(`/api/episode-supervisions/${started.id}/end`, { version: started.version }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/allocation', what: 'allocating an episode',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const version = await reallocate(episodeId, 1);
        return { patientId, current: { id: episodeId, version }, stale: () => therapist.post(`/api/episodes/${episodeId}/allocation`, { staffId: lead.staff.id, reason: 'caseload-balance', version: 1 }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/hand-over', what: 'handing an episode over',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const version = await reallocate(episodeId, 1);
        return { patientId, current: { id: episodeId, version }, stale: () => therapist.post(`/api/episodes/${episodeId}/hand-over`, { staffId: lead.staff.id, reason: 'weekend-cover', version: 1 }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/first-contact', what: 'recording first contact',
      arrange: async () => {
        const { patientId, referralId } = await newReferral();
        const episodeId = ok(await therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 }), 201).episode.id as string;
        const version = await reallocate(episodeId, 1);
        return { patientId, current: { id: episodeId, version }, stale: () => therapist.post(`/api/episodes/${episodeId}/first-contact`, { at: ago(5), version: 1 }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/hold', what: 'putting an episode on hold',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const version = await reallocate(episodeId, 1);
        return { patientId, current: { id: episodeId, version }, stale: () => assistant.post(`/api/episodes/${episodeId}/hold`, { reason: 'admitted-to-hospital', version: 1 }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/resume', what: 'resuming an episode on hold',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const held = ok(await assistant.post(`/api/episodes/${episodeId}/hold`, { reason: 'admitted-to-hospital', version: 1 })).version as number;
        const version = await reallocate(episodeId, held);
        return { patientId, current: { id: episodeId, version }, stale: () => assistant.post(`/api/episodes/${episodeId}/resume`, { version: held }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/discharge', what: 'discharging an episode',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const version = await reallocate(episodeId, 1);
        return { patientId, current: { id: episodeId, version }, stale: () => assistant.post(`/api/episodes/${episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', dischargedOn: '2026-11-24', version: 1 }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/onward-referrals/{onwardReferralId}/acknowledgement', what: 'acknowledging an onward referral',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const onward = ok(await assistant.post(`/api/episodes/${episodeId}/onward-referrals`, { toService: 'Wheelchair service', note: 'Self-propelling chair' }), 201);
        ok(await therapist.post(`/api/episodes/${episodeId}/onward-referrals/${onward.id}/acknowledgement`, { version: 1 }));
        return { patientId, current: { id: onward.id, version: 2 }, stale: () => assistant.post(`/api/episodes/${episodeId}/onward-referrals/${onward.id}/acknowledgement`, { version: 1 }) };
      },
    },
    {
      route: 'PUT /api/staff/{id}', what: 'a staff account',
      arrange: async () => {
        const details = { givenName: 'Dee', familyName: 'Support', email: `dee.${nhsIndex++}@test.example`, profession: 'none', registrationNumber: null, band: '3', homewardRole: 'support-worker', teamId: t.service.teamA, baseLocation: null, contractedHours: 37.5, active: true };
        const id = ok(await admin.post('/api/staff', { ...details, password: testPassword }), 201).id as string;
        ok(await admin.put(`/api/staff/${id}`, { ...details, familyName: 'Support-Smith', version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => admin.put(`/api/staff/${id}`, { ...details, band: '4', version: 1 }) };
      },
    },
    {
      route: 'POST /api/competences/{id}/withdraw', what: 'withdrawing a competence',
      arrange: async () => {
        const id = ok(await therapist.post(`/api/staff/${supportWorker.staff.id}/competences`, { competence: 'stairs-practice', assessedOn: '2026-11-21' }), 201).id as string;
        ok(await lead.post(`/api/competences/${id}/withdraw`, { reason: 'Reassessment due after a fall on the stairs', version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => therapist.post(`/api/competences/${id}/withdraw`, { reason: 'Left the team', version: 1 }) };
      },
    },
    {
      route: 'PUT /api/cpd/{id}', what: 'a CPD log entry',
      arrange: async () => {
        const entry = { activity: 'Falls study day', doneOn: '2026-11-02', hours: 6, kind: 'formal', hcpcStandards: [3] };
        const id = ok(await assistant.post(`/api/staff/${assistant.staff.id}/cpd`, entry), 201).id as string;
        ok(await assistant.put(`/api/cpd/${id}`, { ...entry, reflection: 'Screen for falls on every first visit', version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => assistant.put(`/api/cpd/${id}`, { ...entry, hours: 7, version: 1 }) };
      },
    },
    {
      route: 'PUT /api/rota/staff/{staffId}/pattern', what: 'a working pattern',
      arrange: async () => {
        const body = { week: [{ weekday: 1, start: '09:00', end: '17:00', breakMinutes: 30 }], startsFrom: 'base', carDriver: true };
        const id = ok(await lead.put(`/api/rota/staff/${assistant.staff.id}/pattern`, body)).id as string;
        ok(await lead.put(`/api/rota/staff/${assistant.staff.id}/pattern`, { ...body, carDriver: false, version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => lead.put(`/api/rota/staff/${assistant.staff.id}/pattern`, { ...body, version: 1 }) };
      },
    },
    {
      route: 'POST /api/rota/exceptions/{exceptionId}/cancel', what: 'cancelling leave someone has cancelled',
      arrange: async () => {
        const id = ok(await lead.post(`/api/rota/staff/${assistant.staff.id}/exceptions`, { kind: 'annual-leave', startsOn: '2027-01-04', endsOn: '2027-01-08' }), 201).id as string;
        ok(await lead.post(`/api/rota/exceptions/${id}/cancel`, { version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => lead.post(`/api/rota/exceptions/${id}/cancel`, { version: 1 }) };
      },
    },
    {
      route: 'PUT /api/rota/on-call', what: 'who is on call',
      arrange: async () => {
        const id = ok(await lead.put('/api/rota/on-call', { date: '2027-01-09', staffId: therapist.staff.id })).id as string;
        ok(await lead.put('/api/rota/on-call', { date: '2027-01-09', staffId: assistant.staff.id, version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => lead.put('/api/rota/on-call', { date: '2027-01-09', staffId: therapist.staff.id, version: 1 }) };
      },
    },
    {
      route: 'PUT /api/contact-notes/{noteId}', what: 'changing a draft note',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const note = await draftNote(episodeId);
        ok(await assistant.put(`/api/contact-notes/${note.id}`, { ...treatment({ body: 'First tab' }), version: 1 }));
        return { patientId, current: { id: note.id, version: 2 }, stale: () => assistant.put(`/api/contact-notes/${note.id}`, { ...treatment({ body: 'Second tab' }), version: 1 }) };
      },
    },
    {
      route: 'POST /api/contact-notes/{noteId}/finalise', what: 'finalising a draft changed since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const note = await draftNote(episodeId);
        ok(await assistant.put(`/api/contact-notes/${note.id}`, { ...treatment({ kind: 'telephone', body: 'It was a phone call' }), version: 1 }));
        return { patientId, current: { id: note.id, version: 2 }, stale: () => assistant.post(`/api/contact-notes/${note.id}/finalise`, { version: 1, consentMissingReason: 'Verbal consent at the door' }) };
      },
    },
    {
      route: 'POST /api/contact-notes/{noteId}/amendments', what: 'amending a note amended since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const note = ok(await assistant.post(`/api/episodes/${episodeId}/contact-notes`, treatment({ finalise: true, consentMissingReason: 'Verbal consent at the door' })), 201);
        ok(await therapist.post(`/api/contact-notes/${note.id}/amendments`, { ...treatment({ body: 'Corrected by Alex' }), reason: 'Level of help', version: note.version }), 201);
        return { patientId, current: { id: note.id, version: note.version + 1 }, stale: () => assistant.post(`/api/contact-notes/${note.id}/amendments`, { ...treatment({ body: 'Corrected by me' }), reason: 'Typo', version: note.version }) };
      },
    },
    {
      route: 'POST /api/contact-notes/{noteId}/review', what: 'reviewing a note amended since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        await seedSupervision(t, { episodeId, staffId: supportWorker.staff.id });
        const note = ok(await supportWorker.post(`/api/episodes/${episodeId}/contact-notes`, treatment({ finalise: true, consentMissingReason: 'Verbal consent at the door' })), 201);
        ok(await supportWorker.post(`/api/contact-notes/${note.id}/amendments`, { ...treatment({ body: 'x12, not x10' }), reason: 'Miscounted', version: note.version }), 201);
        return { patientId, current: { id: note.id, version: note.version + 1 }, stale: () => assistant.post(`/api/contact-notes/${note.id}/review`, { version: note.version }) };
      },
    },
    {
      route: 'PATCH /api/goals/{id}', what: 'refining a goal refined since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const goal = ok(await assistant.post(`/api/episodes/${episodeId}/goals`, goalPlan), 201);
        ok(await patch(therapist, `/api/goals/${goal.id}`, { version: 1, agreedWith: 'Betty and her daughter' }));
        return { patientId, current: { id: goal.id, version: 2 }, stale: () => patch(assistant, `/api/goals/${goal.id}`, { version: 1, importance: 2 }) };
      },
    },
    {
      route: 'PATCH /api/goals/{id}', what: 'closing a goal refined since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const goal = ok(await assistant.post(`/api/episodes/${episodeId}/goals`, goalPlan), 201);
        ok(await patch(therapist, `/api/goals/${goal.id}`, { version: 1, targetOn: '2026-12-29' }));
        return { patientId, current: { id: goal.id, version: 2 }, stale: () => patch(assistant, `/api/goals/${goal.id}`, { version: 1, status: 'achieved', statusReason: 'Makes her own tea' }) };
      },
    },
    {
      route: 'POST /api/programme-activities/{id}/status', what: 'completing an activity stopped since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const activity = ok(await assistant.post(`/api/episodes/${episodeId}/programme`, { kind: 'exercise', competence: null, title: 'Sit-to-stand', instructions: 'Ten times', timesPerPeriod: 1, period: 'day', delivererKind: 'self', startsOn: '2026-11-24' }), 201);
        ok(await therapist.post(`/api/programme-activities/${activity.id}/status`, { status: 'stopped', reason: 'Knee pain', version: 1 }));
        return { patientId, current: { id: activity.id, version: 2 }, stale: () => assistant.post(`/api/programme-activities/${activity.id}/status`, { status: 'completed', reason: 'Done', version: 1 }) };
      },
    },
    {
      route: 'POST /api/episodes/{id}/reviews', what: 'recording a review on an episode changed since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const version = await reallocate(episodeId, 1);
        return { patientId, current: { id: episodeId, version }, stale: () => assistant.post(`/api/episodes/${episodeId}/reviews`, { kind: 'other', heldOn: '2026-11-24', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2026-12-08', version: 1 }) };
      },
    },
    {
      route: 'PATCH /api/discharge-summaries/{id}', what: 'editing a discharge summary',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const summary = await draftSummary(episodeId);
        ok(await patch(therapist, `/api/discharge-summaries/${summary.id}`, { version: 1, sections: [{ id: 'equipment', text: 'Perching stool' }] }));
        return { patientId, current: { id: summary.id, version: 2 }, stale: () => patch(assistant, `/api/discharge-summaries/${summary.id}`, { version: 1, sections: [{ id: 'advice', text: 'Overwrites' }] }) };
      },
    },
    {
      route: 'POST /api/discharge-summaries/{id}/finalise', what: 'finalising a discharge summary edited since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const summary = await draftSummary(episodeId);
        ok(await patch(therapist, `/api/discharge-summaries/${summary.id}`, { version: 1, sections: [{ id: 'equipment', text: 'Perching stool' }] }));
        return { patientId, current: { id: summary.id, version: 2 }, stale: () => assistant.post(`/api/discharge-summaries/${summary.id}/finalise`, { version: 1 }) };
      },
    },
    {
      route: 'POST /api/discharge-summaries/{id}/redraft', what: 'drafting again a summary edited since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const summary = await draftSummary(episodeId);
        ok(await patch(therapist, `/api/discharge-summaries/${summary.id}`, { version: 1, sections: [{ id: 'equipment', text: 'Perching stool' }] }));
        return { patientId, current: { id: summary.id, version: 2 }, stale: () => assistant.post(`/api/discharge-summaries/${summary.id}/redraft`, { version: 1 }) };
      },
    },
    {
      route: 'PATCH /api/visits/{id}', what: 'pinning a visit someone has changed',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const visit = ok(await lead.post('/api/visits', { episodeId, date: '2026-11-26', purpose: 'therapy' }), 201);
        ok(await patch(therapist, `/api/visits/${visit.id}`, { version: 1, pinnedStart: '10:00' }));
        return { patientId, current: { id: visit.id, version: 2 }, stale: () => patch(assistant, `/api/visits/${visit.id}`, { version: 1, pinnedStaffId: assistant.staff.id }) };
      },
    },
    {
      route: 'POST /api/visits/{id}/cancellation', what: 'cancelling a visit someone has changed',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const visit = ok(await lead.post('/api/visits', { episodeId, date: '2026-11-26', purpose: 'therapy' }), 201);
        ok(await patch(therapist, `/api/visits/${visit.id}`, { version: 1, date: '2026-11-27' }));
        return { patientId, current: { id: visit.id, version: 2 }, stale: () => assistant.post(`/api/visits/${visit.id}/cancellation`, { version: 1, reason: 'Patient in hospital' }) };
      },
    },
    {
      route: 'PUT /api/episodes/{id}/visit-needs', what: 'changing visit needs someone has changed',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const needs = { durationMinutes: 45, place: 'home', windows: [], unavailableDays: [], staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: [], preferredStaffId: null, notes: null };
        const first = ok(await therapist.put(`/api/episodes/${episodeId}/visit-needs`, { ...needs, version: null }));
        ok(await therapist.put(`/api/episodes/${episodeId}/visit-needs`, { ...needs, version: 1, durationMinutes: 60 }));
        return { patientId, current: { id: first.id, version: 2 }, stale: () => assistant.put(`/api/episodes/${episodeId}/visit-needs`, { ...needs, version: 1, unavailableDays: [2] }) };
      },
    },
    {
      route: 'POST /api/visits/plans/{date}/adjustments', what: 'changing a visit plan published since it was read',
      arrange: async () => {
        const { id, date } = await visitPlan();
        ok(await lead.post(`/api/visits/plans/${date}/publication`, { version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => lead.post(`/api/visits/plans/${date}/adjustments`, { version: 1, change: { kind: 'pin', visitId: id, staffId: null, start: '10:00' } }) };
      },
    },
    {
      route: 'POST /api/visits/plans/{date}/publication', what: 'publishing a visit plan published since it was read',
      arrange: async () => {
        const { id, date } = await visitPlan();
        ok(await lead.post(`/api/visits/plans/${date}/publication`, { version: 1 }));
        return { patientId: null, current: { id, version: 2 }, stale: () => lead.post(`/api/visits/plans/${date}/publication`, { version: 1 }) };
      },
    },
  ];

  // What happened on a visit, on yesterday's run sheet (today's is the read cases' own; tomorrow's cannot be done yet).
  staleCases.push(
    {
      route: 'POST /api/visits/{id}/outcome', what: 'recording no access on a visit marked done since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const id = await seedPlannedVisit(t, { episodeId, staffId: assistant.staff.id, date: '2026-11-23' });
        ok(await assistant.post(`/api/visits/${id}/done`, { version: 1 }));
        return { patientId, current: { id, version: 2 }, stale: () => lead.post(`/api/visits/${id}/outcome`, { version: 1, outcome: 'no-access', reason: 'no-answer', rebookOn: '2026-11-26' }) };
      },
    },
    {
      route: 'POST /api/visits/{id}/done', what: 'marking done a visit cancelled since it was read',
      arrange: async () => {
        const { patientId, episodeId } = await activeEpisode();
        const id = await seedPlannedVisit(t, { episodeId, staffId: assistant.staff.id, date: '2026-11-23', start: '11:00' });
        ok(await assistant.post(`/api/visits/${id}/outcome`, { version: 1, outcome: 'cancelled', reason: 'patient-unwell', rebookOn: null }));
        return { patientId, current: { id, version: 2 }, stale: () => lead.post(`/api/visits/${id}/done`, { version: 1 }) };
      },
    },
  );

  // A responder's change to an alert: the lead (a team lead may act on any of the team's) closes it first,
  // then a stale change. Yesterday's, all of it (alert, session and the writes), so today's board (a page
  // case below) names none of these patients; the stale write puts the clock back.
  async function staleAlertCase(path: string, body: Record<string, unknown>): Promise<StaleWrite> {
    const today = t.clock.now();
    t.clock.set(new Date(today.getTime() - 86_400_000));
    const { patientId } = await activeEpisode();
    const sessionId = await seedLoneWorkingSession(t, { staffId: assistant.staff.id, patientId, start: '2026-11-23T09:00:00Z', end: '2026-11-23T10:00:00Z' });
    const id = await seedLoneWorkingAlert(t, { staffId: assistant.staff.id, sessionId, kind: 'red', status: 'raised', dueAt: '2026-11-23T09:30:00Z' });
    ok(await lead.post(`/api/lone-working/alerts/${id}/closure`, { version: 1, outcome: 'Reached her: safe' }));
    return {
      patientId: null,
      current: { id, version: 2 },
      stale: async () => {
        try {
          return await lead.post(`/api/lone-working/alerts/${id}/${path}`, { version: 1, ...body });
        } finally {
          t.clock.set(today);
        }
      },
    };
  }
  // Equipment (issue 15, catalogue part): a catalogue item changed by someone else first; a tracked
  // item examined by someone else first. Neither is patient data: nothing is audited as read.
  async function equipmentWorld(): Promise<{ hoistId: string; itemId: string }> {
    const code = `STALE-${uuidv7().slice(-12)}`;
    const hoist = { code, name: 'Mobile hoist', category: 'transfers', stockKind: 'tracked', loler: true, inspectionIntervalMonths: 6, prescriber: 'registered', unitCostPence: 285000 };
    const hoistId = ok(await lead.post('/api/equipment/catalogue', hoist), 201).id as string;
    const storeId = ok(await lead.post('/api/equipment/stores', { name: `Stale base ${code}` }), 201).id as string;
    const itemId = ok(await assistant.post('/api/equipment/items', { catalogueItemId: hoistId, serialNumber: `SN-${code}`, storeId }), 201).id as string;
    return { hoistId, itemId };
  }
  staleCases.push(
    {
      route: 'PATCH /api/equipment/catalogue/{catalogueItemId}', what: 'a catalogue item changed since it was read',
      arrange: async () => {
        const { hoistId } = await equipmentWorld();
        const item = (await lead.get(`/api/equipment/catalogue/${hoistId}`)).json();
        const { id: _id, version: _v, ...fields } = item;
        ok(await patch(lead, `/api/equipment/catalogue/${hoistId}`, { ...fields, unitCostPence: 290000, version: 1 }));
        return { patientId: null, current: { id: hoistId, version: 2 }, stale: () => patch(lead, `/api/equipment/catalogue/${hoistId}`, { ...fields, unitCostPence: 1, version: 1 }) };
      },
    },
    {
      route: 'PATCH /api/equipment/items/{itemId}', what: 'a tracked item changed since it was read',
      arrange: async () => {
        const { itemId } = await equipmentWorld();
        const body = (storeId: string, status: string) => ({ storeId, condition: 'good', status, assetNumber: null, batch: null, version: 1 });
        const storeId = (await lead.get(`/api/equipment/items/${itemId}`)).json().item.storeId as string;
        ok(await patch(assistant, `/api/equipment/items/${itemId}`, body(storeId, 'in-repair')));
        return { patientId: null, current: { id: itemId, version: 2 }, stale: () => patch(assistant, `/api/equipment/items/${itemId}`, body(storeId, 'missing')) };
      },
    },
    {
      route: 'POST /api/equipment/items/{itemId}/inspections', what: 'an examination recorded on an item examined since it was read',
      arrange: async () => {
        const { itemId } = await equipmentWorld();
        ok(await assistant.post(`/api/equipment/items/${itemId}/inspections`, { kind: 'loler', inspectedOn: '2026-11-24', result: 'pass', version: 1 }), 201);
        return { patientId: null, current: { id: itemId, version: 2 }, stale: () => assistant.post(`/api/equipment/items/${itemId}/inspections`, { kind: 'loler', inspectedOn: '2026-11-24', result: 'fail', version: 1 }) };
      },
    },
  );
  staleCases.push(
    { route: 'POST /api/lone-working/alerts/{alertId}/acknowledgement', what: 'acknowledging an alert closed since it was read', arrange: () => staleAlertCase('acknowledgement', {}) },
    { route: 'POST /api/lone-working/alerts/{alertId}/actions', what: 'recording an action on an alert closed since it was read', arrange: () => staleAlertCase('actions', { text: 'Called her work phone' }) },
    { route: 'POST /api/lone-working/alerts/{alertId}/closure', what: 'closing an alert closed since it was read', arrange: () => staleAlertCase('closure', { outcome: 'Safe too' }) },
  );

  // loans: a prescription delivered (or cancelled) since it was read. The catalogue and stock are written
  // straight in (not patient data, no audit of their own); the prescription and the first change go through the API.
  async function equipmentInStore(): Promise<{ catalogueItemId: string; storeId: string }> {
    const now = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    const catalogueItemId = uuidv7();
    const storeId = uuidv7();
    await t.db.insertInto('equipment_catalogue_items').values({ id: catalogueItemId, code: `VR-${catalogueItemId.slice(-8)}`, name: 'Perching stool', category: 'bathing', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 3000, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
    await t.db.insertInto('equipment_stores').values({ id: storeId, name: `Store ${storeId.slice(-8)}`, team_id: t.service.teamA, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
    await t.db.insertInto('equipment_stock_levels').values({ store_id: storeId, catalogue_item_id: catalogueItemId, quantity: 5, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
    return { catalogueItemId, storeId };
  }
  async function prescribedLoan(): Promise<{ patientId: string; loanId: string; storeId: string }> {
    const { patientId, episodeId } = await activeEpisode();
    const { catalogueItemId, storeId } = await equipmentInStore();
    const loanId = ok(await assistant.post(`/api/episodes/${episodeId}/equipment-loans`, { catalogueItemId, reason: 'Cannot stand to wash', assessmentNote: 'Home assessment' }), 201).loan.id as string;
    return { patientId, loanId, storeId };
  }
  staleCases.push(
    {
      route: 'POST /api/equipment-loans/{loanId}/delivery', what: 'recording the delivery of equipment delivered since it was read',
      arrange: async () => {
        const { patientId, loanId, storeId } = await prescribedLoan();
        const delivery = { deliveredOn: '2026-11-24', where: 'Home', fitted: true, storeId };
        ok(await therapist.post(`/api/equipment-loans/${loanId}/delivery`, { ...delivery, version: 1 }));
        return { patientId, current: { id: loanId, version: 2 }, stale: () => assistant.post(`/api/equipment-loans/${loanId}/delivery`, { ...delivery, version: 1 }) };
      },
    },
    {
      route: 'POST /api/equipment-loans/{loanId}/cancellation', what: 'cancelling a prescription cancelled since it was read',
      arrange: async () => {
        const { patientId, loanId } = await prescribedLoan();
        ok(await assistant.post(`/api/equipment-loans/${loanId}/cancellation`, { version: 1, reason: 'Declined' }));
        return { patientId, current: { id: loanId, version: 2 }, stale: () => therapist.post(`/api/equipment-loans/${loanId}/cancellation`, { version: 1, reason: 'Not needed' }) };
      },
    },
  );
  // recall-collection: equipment on loan to a new patient of the team, written straight in.
  const equipmentLoan = async (o: { episodeId: string; patientId: string; code: string; status?: 'delivered' | 'to-collect' }) => {
    const catalogueItemId = await seedCatalogueItem(t, { code: o.code, name: `Mobile hoist ${o.code}`, loler: true });
    const storeId = equipmentStore ??= await seedStore(t, 'Versions store');
    const { loanId } = await seedLoan(t, { patientId: o.patientId, episodeId: o.episodeId, catalogueItemId, storeId, serial: `SN-${o.code}` });
    if (o.status === 'to-collect') await t.db.updateTable('equipment_loans').set({ status: 'to-collect', discharge_decision: 'collect' }).where('id', '=', loanId).execute();
    return { loanId, catalogueItemId };
  };
  let equipmentStore: string | undefined;
  staleCases.push(
    { route: 'POST /api/equipment-loans/{loanId}/discharge-decision', what: 'a decision at discharge on an item decided since it was read', arrange: async () => {
      const { patientId, episodeId } = await activeEpisode();
      const { loanId } = await equipmentLoan({ patientId, episodeId, code: 'STALE-D' });
      ok(await assistant.post(`/api/equipment-loans/${loanId}/discharge-decision`, { version: 1, decision: 'stays-with-patient' }));
      return { patientId, current: { id: loanId, version: 2 }, stale: () => therapist.post(`/api/equipment-loans/${loanId}/discharge-decision`, { version: 1, decision: 'transferred' }) };
    } },
    { route: 'POST /api/equipment-loans/{loanId}/collection', what: 'a collection recorded on an item returned since it was read', arrange: async () => {
      const { patientId, episodeId } = await activeEpisode();
      const { loanId } = await equipmentLoan({ patientId, episodeId, code: 'STALE-C', status: 'to-collect' });
      ok(await assistant.post(`/api/equipment-loans/${loanId}/collection`, { version: 1, outcome: 'returned' }));
      return { patientId, current: { id: loanId, version: 2 }, stale: () => therapist.post(`/api/equipment-loans/${loanId}/collection`, { version: 1, outcome: 'missing', note: 'Not there' }) };
    } },
    { route: 'POST /api/equipment/recall-actions/{actionId}', what: 'a step on a recall action someone recorded since it was read', arrange: async () => {
      const { patientId, episodeId } = await activeEpisode();
      const { catalogueItemId } = await equipmentLoan({ patientId, episodeId, code: 'STALE-R' });
      const recall = ok(await lead.post('/api/equipment/recalls', { catalogueItemId, reason: 'Weld may crack' }), 201);
      const actionId = (await t.db.selectFrom('equipment_recall_actions').select('id').where('recall_id', '=', recall.id).executeTakeFirstOrThrow()).id;
      ok(await assistant.post(`/api/equipment/recall-actions/${actionId}`, { version: 1, status: 'contacted' }));
      return { patientId, current: { id: actionId, version: 2 }, stale: () => therapist.post(`/api/equipment/recall-actions/${actionId}`, { version: 1, status: 'collected' }) };
    } },
  );
  // Supervision (staff data): the assistant practitioner supervised by the therapist, named once by the lead.
  let supervised: Promise<void> | null = null;
  const superviseAssistant = () => (supervised ??= (async () => {
    ok(await lead.put(`/api/supervision/people/${assistant.staff.id}/supervisor`, { supervisorId: therapist.staff.id, startsOn: '2026-11-01', version: null }));
  })());
  async function supervisionSession(o: { episodeId?: string } = {}): Promise<{ id: string; actionId: string; caseId: string | null }> {
    await superviseAssistant();
    const body = ok(await therapist.post('/api/supervision/sessions', {
      superviseeId: assistant.staff.id, heldOn: '2026-11-20', kind: 'clinical', themes: 'Caseload',
      cases: o.episodeId ? [{ episodeId: o.episodeId, note: 'Stairs practice' }] : [], actions: [{ action: 'Read the falls policy', ownerId: assistant.staff.id, dueOn: '2026-12-04' }],
    }), 201);
    return { id: body.session.id, actionId: body.actions[0].id, caseId: body.cases[0]?.id ?? null };
  }
  staleCases.push(
    { route: 'PUT /api/supervision/people/{staffId}/supervisor', what: 'naming a supervisor when someone else named one since', arrange: async () => {
      const sw = supportWorker.staff.id;
      ok(await lead.put(`/api/supervision/people/${sw}/supervisor`, { supervisorId: therapist.staff.id, version: null }));
      const current = ok(await lead.put(`/api/supervision/people/${sw}/supervisor`, { supervisorId: lead.staff.id, version: 1 })).arrangement;
      return { patientId: null, current: { id: current.id, version: current.version }, stale: () => lead.put(`/api/supervision/people/${sw}/supervisor`, { supervisorId: therapist.staff.id, version: null }) };
    } },
    { route: 'POST /api/supervision/sessions/{sessionId}/confirmation', what: 'confirming a session already confirmed', arrange: async () => {
      const { id } = await supervisionSession();
      ok(await assistant.post(`/api/supervision/sessions/${id}/confirmation`, { version: 1 }));
      return { patientId: null, current: { id, version: 2 }, stale: () => assistant.post(`/api/supervision/sessions/${id}/confirmation`, { version: 1, comment: 'Again' }) };
    } },
    { route: 'POST /api/supervision/actions/{actionId}/completion', what: 'marking done an action already done', arrange: async () => {
      const { actionId } = await supervisionSession();
      ok(await assistant.post(`/api/supervision/actions/${actionId}/completion`, { version: 1 }));
      return { patientId: null, current: { id: actionId, version: 2 }, stale: () => therapist.post(`/api/supervision/actions/${actionId}/completion`, { version: 1 }) };
    } },
  );
  // MDT (issue 16 #6): a meeting and a patient's agenda item written straight in (no audit of their own).
  async function mdtMeeting(startsAt: string): Promise<string> {
    const id = uuidv7();
    const now = t.clock.now();
    await t.db.insertInto('mdt_meetings').values({ id, team_id: t.service.teamA, starts_at: new Date(startsAt), created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id }).execute();
    return id;
  }
  async function mdtAgendaItem(meetingId: string, episodeId: string, patientId: string): Promise<string> {
    const id = uuidv7();
    const now = t.clock.now();
    await t.db.insertInto('mdt_agenda_items').values({ id, meeting_id: meetingId, episode_id: episodeId, patient_id: patientId, reasons: JSON.stringify(['flagged']), position: 1, created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id }).execute();
    return id;
  }
  /** An open MDT action about the world's patient, owned by the lead, written straight in; and closed the same way, out of later reads' way. */
  async function openMdtAction(meetingAt: string): Promise<string> {
    const meetingId = await mdtMeeting(meetingAt);
    const id = uuidv7();
    const now = t.clock.now();
    await t.db.insertInto('mdt_actions').values({ id, meeting_id: meetingId, episode_id: world.episodeId, patient_id: world.patientId, action: 'Call the GP', owner_id: lead.staff.id, due_on: '2026-11-27', created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id }).execute();
    return id;
  }
  const closeStraightIn = (id: string) => t.db.updateTable('mdt_actions').set({ status: 'closed', closed_at: t.clock.now(), closed_by: lead.staff.id }).where('id', '=', id).execute();
  staleCases.push(
    { route: 'POST /api/mdt/meetings/{meetingId}/status', what: 'cancelling a meeting recorded as held since it was read', arrange: async () => {
      const id = await mdtMeeting('2026-11-20T13:00:00Z');
      ok(await lead.post(`/api/mdt/meetings/${id}/status`, { version: 1, status: 'held' }));
      return { patientId: null, current: { id, version: 2 }, stale: () => therapist.post(`/api/mdt/meetings/${id}/status`, { version: 1, status: 'cancelled' }) };
    } },
    { route: 'PUT /api/mdt/agenda-items/{itemId}', what: 'a patient’s MDT discussion changed since it was read', arrange: async () => {
      const { patientId, episodeId } = await activeEpisode();
      const id = await mdtAgendaItem(await mdtMeeting('2026-11-20T13:00:00Z'), episodeId, patientId);
      ok(await lead.put(`/api/mdt/agenda-items/${id}`, { version: 1, discussion: 'Falls at transfer', decision: 'Joint visit' }));
      return { patientId, current: { id, version: 2 }, stale: () => therapist.put(`/api/mdt/agenda-items/${id}`, { version: 1, decision: 'Discharge' }) };
    } },
    { route: 'POST /api/mdt/actions/{actionId}/close', what: 'closing an MDT action closed since it was read', arrange: async () => {
      const { patientId, episodeId } = await activeEpisode();
      const meetingId = await mdtMeeting('2026-11-20T13:00:00Z');
      const agendaItemId = await mdtAgendaItem(meetingId, episodeId, patientId);
      const id = ok(await lead.post(`/api/mdt/meetings/${meetingId}/actions`, { agendaItemId, action: 'Order a perching stool', ownerId: assistant.staff.id, dueOn: '2026-11-27' }), 201).id as string;
      ok(await assistant.post(`/api/mdt/actions/${id}/close`, { version: 1, note: 'Ordered' }));
      return { patientId, current: { id, version: 2 }, stale: () => lead.post(`/api/mdt/actions/${id}/close`, { version: 1 }) };
    } },
    { route: 'POST /api/episodes/{id}/mdt-flag', what: 'flagging an episode for the MDT that someone has changed', arrange: async () => {
      const { patientId, episodeId } = await activeEpisode();
      ok(await assistant.post(`/api/episodes/${episodeId}/mdt-flag`, { version: 1, reason: 'Carer strain' }));
      return { patientId, current: { id: episodeId, version: 2 }, stale: () => therapist.post(`/api/episodes/${episodeId}/mdt-flag`, { version: 1, reason: 'Falls' }) };
    } },
  );
  // safeguarding (issue 17 #2): the lead is the team's clinical lead, designated straight in; concerns raised by the therapist.
  let safeguardingLead = false;
  async function raisedConcern(): Promise<{ id: string; patientId: string }> {
    if (!safeguardingLead) {
      const now = t.clock.now();
      await t.db.insertInto('safety_designations').values({ id: uuidv7(), staff_id: lead.staff.id, designation: 'safeguarding-lead', starts_on: '2026-01-01', created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id }).execute();
      safeguardingLead = true;
    }
    const { patientId, episodeId } = await activeEpisode();
    const body = { episodeId, kind: 'adult', categories: ['self-neglect'], personAtRisk: 'patient', concern: 'No food in the house', immediateDanger: false, immediateActions: 'Food parcel', consentToShare: 'given' };
    return { id: ok(await therapist.post('/api/safeguarding-concerns', body), 201).id as string, patientId };
  }
  const decision = { decision: 'monitor', reason: 'Weekly visit' };
  /** A concern about the world's patient written straight in (no audit of its own), for the reads to read. */
  async function concernStraightIn(named: string | null): Promise<string> {
    const id = uuidv7();
    const now = t.clock.now();
    const stamps = { created_at: now, created_by: therapist.staff.id, updated_at: now, updated_by: therapist.staff.id };
    await t.db.insertInto('safeguarding_concerns').values({
      id, reference: `SG-T${id.slice(-6)}`, patient_id: world.patientId, episode_id: world.episodeId, team_id: t.service.teamA, kind: 'adult', categories: '["self-neglect"]', person_at_risk: 'patient',
      concern: 'No food in the house', immediate_danger: false, immediate_actions: 'Food parcel', consent_to_share: 'given', raised_at: now, raised_by: therapist.staff.id, decision_due_at: new Date(now.getTime() + 86_400_000), ...stamps,
    }).execute();
    if (named) await t.db.insertInto('safeguarding_concern_people').values({ id: uuidv7(), concern_id: id, staff_id: named, ...stamps }).execute();
    return id;
  }
  staleCases.push(
    { route: 'PUT /api/safeguarding-concerns/{concernId}/decision', what: 'a safeguarding decision changed since it was read', arrange: async () => {
      const { id, patientId } = await raisedConcern();
      ok(await lead.put(`/api/safeguarding-concerns/${id}/decision`, { version: 1, ...decision }));
      return { patientId, current: { id, version: 2 }, stale: () => lead.put(`/api/safeguarding-concerns/${id}/decision`, { version: 1, decision: 'advice-given', reason: 'Advice' }) };
    } },
    { route: 'POST /api/safeguarding-concerns/{concernId}/close', what: 'closing a concern decided again since it was read', arrange: async () => {
      const { id, patientId } = await raisedConcern();
      ok(await lead.put(`/api/safeguarding-concerns/${id}/decision`, { version: 1, ...decision }));
      ok(await lead.put(`/api/safeguarding-concerns/${id}/decision`, { version: 2, decision: 'advice-given', reason: 'Advice' }));
      return { patientId, current: { id, version: 3 }, stale: () => lead.post(`/api/safeguarding-concerns/${id}/close`, { version: 2 }) };
    } },
    { route: 'POST /api/safeguarding-concerns/{concernId}/people/{namedId}/remove', what: 'taking off a name already taken off', arrange: async () => {
      const { id, patientId } = await raisedConcern();
      const namedId = ok(await lead.post(`/api/safeguarding-concerns/${id}/people`, { staffId: assistant.staff.id }), 201).id as string;
      expect((await lead.post(`/api/safeguarding-concerns/${id}/people/${namedId}/remove`, { version: 1 })).statusCode).toBe(204);
      return { patientId, current: { id: namedId, version: 2 }, stale: () => lead.post(`/api/safeguarding-concerns/${id}/people/${namedId}/remove`, { version: 1 }) };
    } },
    { route: 'POST /api/safety/designations/{designationId}/end', what: 'ending a designation already ended', arrange: async () => {
      const manager = await t.signIn(t.service.a['service-manager']);
      const id = ok(await manager.post('/api/safety/designations', { staffId: therapist.staff.id, startsOn: '2026-11-01' }), 201).id as string;
      ok(await manager.post(`/api/safety/designations/${id}/end`, { version: 1 }));
      return { patientId: null, current: { id, version: 2 }, stale: () => manager.post(`/api/safety/designations/${id}/end`, { version: 1 }) };
    } },
  );
  // pdc-training: the training matrix, imports and PDCs (staff records: nothing of a patient is sent back).
  let courseCode = 0;
  const esrCsv = () => `Email Address,Competence Name,Achievement Date\n${assistant.staff.email},NOPE,01/11/2026`;
  async function pdcWithItem() {
    const pdc = ok(await lead.post('/api/pdc', { staffId: assistant.staff.id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' }), 201).pdc;
    return ok(await lead.post(`/api/pdc/${pdc.id}/items`, { kind: 'objective', text: 'Lead the falls group' }), 201).pdc as { id: string; version: number; items: Array<{ id: string; version: number }> };
  }
  staleCases.push(
    {
      route: 'PUT /api/training/courses/{courseId}', what: 'changing a course changed since it was read',
      arrange: async () => {
        const course = ok(await lead.post('/api/training/courses', { code: `VR-${++courseCode}`, name: 'Fire Safety', renewalMonths: 24, roles: [] }), 201).course;
        ok(await lead.put(`/api/training/courses/${course.id}`, { version: 1, name: 'Fire Safety', renewalMonths: 12, active: true, roles: [] }));
        return { patientId: null, current: { id: course.id, version: 2 }, stale: () => lead.put(`/api/training/courses/${course.id}`, { version: 1, name: 'Fire', renewalMonths: 36, active: true, roles: [] }) };
      },
    },
    {
      route: 'POST /api/training/imports/{importId}/confirm', what: 'confirming an import cancelled since it was read',
      arrange: async () => {
        const imp = ok(await lead.post('/api/training/imports', { fileName: 'esr.csv', csv: esrCsv() }), 201).import;
        ok(await lead.post(`/api/training/imports/${imp.id}/cancel`, { version: 1 }));
        return { patientId: null, current: { id: imp.id, version: 2 }, stale: () => lead.post(`/api/training/imports/${imp.id}/confirm`, { version: 1 }) };
      },
    },
    {
      route: 'POST /api/training/imports/{importId}/cancel', what: 'cancelling an import confirmed since it was read',
      arrange: async () => {
        const imp = ok(await lead.post('/api/training/imports', { fileName: 'esr.csv', csv: esrCsv() }), 201).import;
        ok(await lead.post(`/api/training/imports/${imp.id}/confirm`, { version: 1 }));
        return { patientId: null, current: { id: imp.id, version: 2 }, stale: () => lead.post(`/api/training/imports/${imp.id}/cancel`, { version: 1 }) };
      },
    },
    {
      route: 'PUT /api/pdc/{pdcId}/items/{itemId}', what: 'reviewing a PDC objective changed since it was read',
      arrange: async () => {
        const pdc = await pdcWithItem();
        const item = pdc.items[0]!;
        ok(await lead.put(`/api/pdc/${pdc.id}/items/${item.id}`, { version: 1, text: 'Lead the falls group', status: 'partly-met', progress: 'Half way' }));
        return { patientId: null, current: { id: item.id, version: 2 }, stale: () => assistant.put(`/api/pdc/${pdc.id}/items/${item.id}`, { version: 1, text: 'Lead the falls group', status: 'met' }) };
      },
    },
    {
      route: 'POST /api/pdc/{pdcId}/confirm', what: 'confirming a PDC changed since it was read',
      arrange: async () => {
        const pdc = await pdcWithItem();
        ok(await lead.post(`/api/pdc/${pdc.id}/confirm`, { version: pdc.version }));
        return { patientId: null, current: { id: pdc.id, version: pdc.version + 1 }, stale: () => assistant.post(`/api/pdc/${pdc.id}/confirm`, { version: pdc.version }) };
      },
    },
  );
  // risk register (issue 17 #3): risks name no patient, so nothing of a patient is sent back.
  const newRisk = async () => ok(await assistant.post('/api/safety/risks', {
    title: 'Hoist slings past their date', description: 'Slings in the store past their date', cause: 'No date check at issue', effect: 'A sling fails in a transfer',
    teamId: t.service.teamA, ownerId: lead.staff.id, controls: 'LOLER inspections', likelihood: 3, consequence: 4, targetLikelihood: 2, targetConsequence: 3, reviewOn: '2026-12-20',
  }), 201) as { id: string; version: number };
  const riskChange = (version: number, title: string) => ({
    version, title, description: 'Slings in the store past their date', cause: 'No date check at issue', effect: 'A sling fails in a transfer',
    teamId: t.service.teamA, ownerId: lead.staff.id, controls: 'LOLER inspections', targetLikelihood: 2, targetConsequence: 3, reviewOn: '2026-12-20',
  });
  staleCases.push(
    { route: 'PUT /api/safety/risks/{riskId}', what: 'changing a risk changed since it was read', arrange: async () => {
      const risk = await newRisk();
      ok(await lead.put(`/api/safety/risks/${risk.id}`, riskChange(1, 'Slings past their date')));
      return { patientId: null, current: { id: risk.id, version: 2 }, stale: () => lead.put(`/api/safety/risks/${risk.id}`, riskChange(1, 'Stale title')) };
    } },
    { route: 'POST /api/safety/risks/{riskId}/reviews', what: 'reviewing a risk reviewed since it was read', arrange: async () => {
      const risk = await newRisk();
      ok(await lead.post(`/api/safety/risks/${risk.id}/reviews`, { version: 1, likelihood: 3, consequence: 3, note: 'Dates checked', nextReviewOn: '2027-01-20' }), 201);
      return { patientId: null, current: { id: risk.id, version: 2 }, stale: () => lead.post(`/api/safety/risks/${risk.id}/reviews`, { version: 1, likelihood: 4, consequence: 4, note: 'Worse', nextReviewOn: '2027-01-20' }) };
    } },
    { route: 'POST /api/safety/risks/{riskId}/close', what: 'closing a risk changed since it was read', arrange: async () => {
      const risk = await newRisk();
      ok(await lead.put(`/api/safety/risks/${risk.id}`, riskChange(1, 'Slings past their date')));
      return { patientId: null, current: { id: risk.id, version: 2 }, stale: () => lead.post(`/api/safety/risks/${risk.id}/close`, { version: 1, reason: 'Dealt with' }) };
    } },
    { route: 'POST /api/safety/risk-actions/{actionId}/done', what: 'marking done a risk action already done', arrange: async () => {
      const risk = await newRisk();
      const action = ok(await lead.post(`/api/safety/risks/${risk.id}/actions`, { action: 'Date-label every sling', ownerId: assistant.staff.id, dueOn: '2026-12-10' }), 201) as { id: string };
      ok(await assistant.post(`/api/safety/risk-actions/${action.id}/done`, { version: 1 }));
      return { patientId: null, current: { id: action.id, version: 2 }, stale: () => lead.post(`/api/safety/risk-actions/${action.id}/done`, { version: 1 }) };
    } },
  );

  // safety, incidents (issue 17 #1): reports with no patient, so the 409's current record is no patient's.
  const incidentReport = { kind: 'near-miss', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'vehicle', location: 'A34', category: 'vehicle-or-travel', whatHappened: 'Nearly hit at a junction', affected: 'staff', immediateActions: 'Pulled over', physicalHarm: 'none' };
  const reportedIncident = async () => ok(await assistant.post('/api/safety/incidents', incidentReport), 201).id as string;
  const triaged = async (id: string) => ok(await lead.post(`/api/safety/incidents/${id}/triage`, { version: 1, investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', note: 'Local review' }));
  staleCases.push(
    { route: 'POST /api/safety/incidents/{incidentId}/triage', what: 'triaging an incident triaged since it was read', arrange: async () => {
      const id = await reportedIncident();
      await triaged(id);
      return { patientId: null, current: { id, version: 2 }, stale: () => lead.post(`/api/safety/incidents/${id}/triage`, { version: 1, investigationLevel: 'none', confirmedPhysicalHarm: 'none', note: 'No review' }) };
    } },
    { route: 'PUT /api/safety/incidents/{incidentId}/learning', what: 'the learning of an incident changed since it was read', arrange: async () => {
      const id = await reportedIncident();
      await triaged(id);
      return { patientId: null, current: { id, version: 2 }, stale: () => lead.put(`/api/safety/incidents/${id}/learning`, { version: 1, findings: 'Junction badly marked', learning: 'Plan routes' }) };
    } },
    { route: 'POST /api/safety/incidents/{incidentId}/close', what: 'closing an incident changed since it was read', arrange: async () => {
      const id = await reportedIncident();
      await triaged(id);
      return { patientId: null, current: { id, version: 2 }, stale: () => lead.post(`/api/safety/incidents/${id}/close`, { version: 1, learning: 'Plan routes', outcomeForReporter: 'Thank you' }) };
    } },
  );

  it.each(staleCases.map((c) => [c.route, c.what, c] as const))('%s (%s): a stale version is 409 with the current record, and nothing changes', async (_route, _what, c) => {
    const { stale, current, patientId } = await c.arrange();
    const before = await snapshot();
    const seq = await lastSeq();
    const res = await stale();
    expect(res.statusCode, res.body).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('version_conflict');
    expect(error.current).toMatchObject(current);
    expect(await snapshot()).toEqual(before);
    // Nothing written is audited; the patient's record sent back is an audited read of it.
    const audited = await auditSince(seq);
    const expected = patientId === null ? [] : [{ action: 'read', outcome: 'allowed', record_kind: 'current-state', record_id: current.id, patient_id: patientId }];
    expect(audited.map(({ action, outcome, record_kind, record_id, patient_id }) => ({ action, outcome, record_kind, record_id, patient_id }))).toEqual(expected);
  });

  // -- Reads: one patient's whole record, then each read and the audit rows it adds.
  const world = {} as {
    patientId: string; referralId: string; episodeId: string; waitingEpisodeId: string; noteId: string; swNoteId: string; goalId: string; activityId: string;
    summaryId: string; letterId: string; consentId: string; assessmentId: string; reviewId: string; incomingReferralId: string; incomingPatientId: string; supervisionId: string;
    visitId: string;
  };
  beforeAll(async () => {
    const { patientId, referralId } = await newReferral();
    const episodeId = ok(await therapist.post(`/api/referrals/${referralId}/triage`, { ...triage, version: 1 }), 201).episode.id as string;
    ok(await lead.post(`/api/episodes/${episodeId}/allocation`, { staffId: assistant.staff.id, reason: 'caseload-balance', version: 1 }));
    ok(await assistant.post(`/api/episodes/${episodeId}/first-contact`, { at: ago(10), version: 2 }));
    const waiting = await newReferral();
    const waitingEpisodeId = ok(await therapist.post(`/api/referrals/${waiting.referralId}/triage`, { ...triage, version: 1 }), 201).episode.id as string;
    // The support worker works on this episode under supervision (her own work only: without it she would not see it).
    const supervisionId = await seedSupervision(t, { episodeId, staffId: supportWorker.staff.id });
    const consentId = ok(await assistant.post(`/api/episodes/${episodeId}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' }), 201).id;
    const noteId = ok(await assistant.post(`/api/episodes/${episodeId}/contact-notes`, treatment({ finalise: true })), 201).id;
    const swNoteId = ok(await supportWorker.post(`/api/episodes/${episodeId}/contact-notes`, treatment({ finalise: true })), 201).id;
    const assessmentId = ok(await assistant.post(`/api/episodes/${episodeId}/assessments`, { instrumentId: 'barthel-index', method: 'observed', timePoint: 'baseline', administeredAt: ago(90), responses: barthelAt12 }), 201).id;
    const goalId = ok(await assistant.post(`/api/episodes/${episodeId}/goals`, goalPlan), 201).id;
    const activityId = ok(await assistant.post(`/api/episodes/${episodeId}/programme`, { kind: 'exercise', competence: null, title: 'Sit-to-stand', instructions: 'Ten times', timesPerPeriod: 1, period: 'day', delivererKind: 'self', startsOn: '2026-11-24' }), 201).id;
    const episodeVersion = (await t.db.selectFrom('episodes').select('version').where('id', '=', episodeId).executeTakeFirstOrThrow()).version;
    const reviewId = ok(await assistant.post(`/api/episodes/${episodeId}/reviews`, { kind: 'other', heldOn: '2026-11-24', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2026-12-08', version: episodeVersion }), 201).review.id;
    const summary = await draftSummary(episodeId);
    const words = { text: 'Written for the GP', patientText: 'Written for Betty' };
    ok(await patch(assistant, `/api/discharge-summaries/${summary.id}`, { version: 1, sections: ['reason-for-referral', 'what-we-did', 'follow-up'].map((id) => ({ id, ...words })) }));
    ok(await assistant.post(`/api/discharge-summaries/${summary.id}/finalise`, { version: 2 }));
    const letterId = ok(await assistant.post(`/api/discharge-summaries/${summary.id}/letters`, { recipient: 'gp' }), 201).id;
    ok(await lead.post('/api/visits', { episodeId, date: '2026-11-25', purpose: 'therapy' }), 201);
    const incoming = await newReferral();
    // Today's visit to the patient, on the assistant practitioner's published run sheet.
    const visitId = await seedPlannedVisit(t, { episodeId, staffId: assistant.staff.id });
    Object.assign(world, { visitId, patientId, referralId, episodeId, waitingEpisodeId, noteId, swNoteId, goalId, activityId, summaryId: summary.id, letterId, consentId, assessmentId, reviewId, incomingReferralId: incoming.referralId, incomingPatientId: incoming.patientId, supervisionId });
  });

  const read = (by: () => TestClient, url: () => string, expected: () => AuditRow[]) => async () => {
    const client = by();
    return { res: await client.get(url()), by: client, expected: expected() };
  };
  const w = world;
  const row = (record_kind: string, record_id: () => string | null, detail?: () => Record<string, unknown>): (() => AuditRow[]) => () => [{ action: 'read', record_kind, record_id: record_id(), patient_id: w.patientId, ...(detail ? { detail: detail() } : {}) }];
  /** The team's published plan for a day, with one visit to the world's patient: what the visit map shows. */
  const publishVisitTo = async (date: string) => {
    const leadId = t.service.a['clinical-lead'].id;
    const now = t.clock.now();
    const visitId = uuidv7();
    await t.db.insertInto('visits').values({
      id: visitId, team_id: t.service.teamA, episode_id: w.episodeId, patient_id: w.patientId, on_date: date, purpose: 'therapy', duration_minutes: 45, place: 'home',
      window_start: null, window_end: null, staff_needed: 1, registered_required: false, skills: '[]', preferred_staff_id: null, due_by: null, origin: 'proposed',
      pinned_staff_id: null, pinned_start: null, outcome_reason: null, rebooked_from: null, contact_note_id: null, started_at: null, finished_at: null,
      created_at: now, created_by: leadId, updated_at: now, updated_by: leadId,
    }).execute();
    const stop = { visitId, arrival: '09:00', start: '09:00', end: '09:45', travelMinutes: 10, distanceKm: 4, lateMinutes: 0, withStaffId: null };
    const plan = { teamId: t.service.teamA, date, madeAt: now.toISOString(), jobId: null, routes: [{ staffId: assistant.staff.id, leave: '08:45', return: '10:00', stops: [stop], breaks: [], travelMinutes: 20, distanceKm: 8 }], unplanned: [], totals: {}, objective: null };
    await t.db.insertInto('visit_plans').values({ id: uuidv7(), team_id: t.service.teamA, on_date: date, draft: null, published: JSON.stringify(plan), published_at: now, published_by: leadId, created_at: now, created_by: leadId, updated_at: now, updated_by: leadId }).execute();
    return visitId;
  };
  /** The assistant's lone-working session for today's visit, written straight in (no audit of its own). */
  let loneWorkingSessionId: string | null = null;
  const loneWorkingSession = async () => {
    if (loneWorkingSessionId) return loneWorkingSessionId;
    const now = t.clock.now();
    loneWorkingSessionId = uuidv7();
    await t.db.insertInto('lone_working_sessions').values({
      id: loneWorkingSessionId, team_id: t.service.teamA, staff_id: assistant.staff.id, on_date: '2026-11-24', origin: 'plan', visit_id: w.visitId, patient_id: w.patientId,
      place: '12 Waterloo Road, Burslem', expected_start: new Date(now.getTime() + 3_600_000), expected_end: new Date(now.getTime() + 6_300_000),
      created_at: now, created_by: assistant.staff.id, updated_at: now, updated_by: assistant.staff.id,
    }).execute();
    return loneWorkingSessionId;
  };
  /** A prescription in the world's episode, written straight in (no audit of its own). loans */
  let worldLoanId: string | null = null;
  const worldLoan = async () => {
    if (worldLoanId) return worldLoanId;
    const { catalogueItemId } = await equipmentInStore();
    const now = t.clock.now();
    worldLoanId = uuidv7();
    await t.db.insertInto('equipment_loans').values({
      id: worldLoanId, patient_id: w.patientId, episode_id: w.episodeId, team_id: t.service.teamA, catalogue_item_id: catalogueItemId, reason: 'Cannot stand to wash',
      assessment_note: 'Home assessment', prescribed_at: now, prescribed_by: assistant.staff.id, created_at: now, created_by: assistant.staff.id, updated_at: now, updated_by: assistant.staff.id,
    }).execute();
    return worldLoanId;
  };
  // Written before the reads start (its own writes are audited), after the world it names.
  let supervisionToRead: { id: string; caseId: string | null } | null = null;
  beforeAll(async () => {
    supervisionToRead = await supervisionSession({ episodeId: w.episodeId });
  });
  const readCases: ReadCase[] = [
    { route: 'GET /api/mdt/meetings/{meetingId}', what: 'an MDT meeting naming the patients on its agenda', read: async () => {
      const id = await mdtMeeting('2026-10-01T13:00:00Z');
      const itemId = await mdtAgendaItem(id, w.episodeId, w.patientId);
      // Each patient named is decided through the access seam and audited as a read of that patient.
      return { res: await lead.get(`/api/mdt/meetings/${id}`), by: lead, expected: [{ action: 'read', record_kind: 'mdt-agenda-item', record_id: itemId, patient_id: w.patientId }] };
    } },
    { route: 'GET /api/mdt/actions', what: 'my open MDT actions, naming their patients', read: async () => {
      const meetingId = await mdtMeeting('2026-11-10T13:00:00Z');
      const actionId = uuidv7();
      const now = t.clock.now();
      await t.db.insertInto('mdt_actions').values({ id: actionId, meeting_id: meetingId, episode_id: w.episodeId, patient_id: w.patientId, action: 'Call the GP', owner_id: lead.staff.id, due_on: '2026-11-27', created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id }).execute();
      const res = await lead.get('/api/mdt/actions');
      // Closed straight after, out of the other reads' way.
      await t.db.updateTable('mdt_actions').set({ status: 'closed', closed_at: now, closed_by: lead.staff.id }).where('id', '=', actionId).execute();
      return { res, by: lead, expected: [{ action: 'read', record_kind: 'mdt-action', record_id: actionId, patient_id: w.patientId, detail: { list: 'my-mdt-actions', via: 'api' } }] };
    } },
    // safeguarding (issue 17 #2): the concern is read against its patient, with the reader's basis.
    { route: 'GET /api/safeguarding-concerns/{concernId}', what: 'a safeguarding concern, read by the person who raised it', read: async () => {
      const id = await concernStraightIn(null);
      return { res: await therapist.get(`/api/safeguarding-concerns/${id}`), by: therapist, expected: [{ action: 'read', record_kind: 'safeguarding-concern', record_id: id, patient_id: w.patientId, detail: { basis: 'raised-it', via: 'api' } }] };
    } },
    { route: 'GET /api/safeguarding-concerns', what: 'the concerns a named person may see, each named', read: async () => {
      const id = await concernStraightIn(supportWorker.staff.id);
      const res = await supportWorker.get('/api/safeguarding-concerns');
      return { res, by: supportWorker, expected: [{ action: 'read', record_kind: 'safeguarding-concern', record_id: id, patient_id: w.patientId, detail: { basis: 'named', via: 'api' } }] };
    } },
    { route: 'GET /api/lone-working/sessions/{sessionId}', what: 'a lone-working session (where the patient lives)', read: async () => {
      const id = await loneWorkingSession();
      return { res: await assistant.get(`/api/lone-working/sessions/${id}`), by: assistant, expected: [{ action: 'read', record_kind: 'lone-working-session', record_id: id, patient_id: w.patientId, detail: { via: 'api' } }] };
    } },
    { route: 'GET /api/lone-working/alerts/{alertId}', what: 'an alert for its responder (the patient’s phone, address and risk flags)', read: async () => {
      const sessionId = await loneWorkingSession();
      // Written straight in (no audit of its own), and closed straight after, out of the board's way.
      const alertId = await seedLoneWorkingAlert(t, { staffId: assistant.staff.id, sessionId, kind: 'red', status: 'raised', dueAt: '2026-11-24T08:30:00Z' });
      const res = await lead.get(`/api/lone-working/alerts/${alertId}`);
      await t.db.updateTable('lone_working_alerts').set({ status: 'closed', closed_at: new Date('2026-11-23T12:00:00Z'), closed_by: lead.staff.id, outcome: 'Test', updated_at: new Date('2026-11-23T12:00:00Z') }).where('id', '=', alertId).execute();
      return { res, by: lead, expected: [{ action: 'read', record_kind: 'lone-working-alert', record_id: alertId, patient_id: w.patientId, detail: { basis: 'lone-working-responder', via: 'api' } }] };
    } },
    // loans
    { route: 'GET /api/episodes/{id}/equipment-loans', what: 'the equipment prescribed and lent in an episode', read: async () => {
      const loanId = await worldLoan();
      return { res: await therapist.get(`/api/episodes/${w.episodeId}/equipment-loans`), by: therapist, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: w.episodeId, patient_id: w.patientId, detail: { loanIds: expect.arrayContaining([loanId]) } }] };
    } },
    { route: 'GET /api/equipment-loans/{loanId}', what: 'one loan', read: async () => {
      const loanId = await worldLoan();
      return { res: await therapist.get(`/api/equipment-loans/${loanId}`), by: therapist, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: loanId, patient_id: w.patientId, detail: { episodeId: w.episodeId } }] };
    } },
    { route: 'GET /api/supervision/sessions/{sessionId}', what: 'a supervision session read by the lead, naming the case discussed', read: async () => {
      const { id, caseId } = supervisionToRead!;
      return { res: await lead.get(`/api/supervision/sessions/${id}`), by: lead, expected: [
        { action: 'read', record_kind: 'supervision', record_id: id, patient_id: null, detail: { basis: 'manager', via: 'api' } },
        { action: 'read', record_kind: 'supervision-case', record_id: caseId, patient_id: w.patientId, detail: { sessionId: id, via: 'api' } },
      ] };
    } },
    { route: 'GET /api/visits/map', what: 'the visit map', read: async () => {
      const visitId = await publishVisitTo('2026-11-30');
      return { res: await lead.get('/api/visits/map?date=2026-11-30'), by: lead, expected: [{ action: 'read', record_kind: 'visit-plan', record_id: null, patient_id: w.patientId, detail: { list: 'visit-map', visitIds: [visitId] } }] };
    } },
    { route: 'GET /api/patients', what: 'finding a patient by NHS number', read: async () => {
      const nhsNumber = (await t.db.selectFrom('patients').select('nhs_number').where('id', '=', w.patientId).executeTakeFirstOrThrow()).nhs_number;
      return { res: await therapist.get(`/api/patients?nhsNumber=${nhsNumber}`), by: therapist, expected: [{ action: 'search', record_kind: 'patient-index', record_id: null, patient_id: null, detail: { patientIds: [w.patientId] } }] };
    } },
    { route: 'GET /api/patients/{id}', what: 'a patient’s details', read: read(() => therapist, () => `/api/patients/${w.patientId}`, row('patient', () => w.patientId)) },
    { route: 'GET /api/patients/{id}/versions', what: 'a patient’s history', read: read(() => therapist, () => `/api/patients/${w.patientId}/versions`, row('patient-history', () => w.patientId)) },
    { route: 'GET /api/referrals', what: 'the team’s accepted referrals', read: read(() => therapist, () => '/api/referrals?status=accepted', () => [{ action: 'read', record_kind: 'referral-list', record_id: null, patient_id: null, detail: { referralIds: expect.arrayContaining([w.referralId]), patientIds: expect.arrayContaining([w.patientId]) } }]) },
    { route: 'GET /api/referrals/{id}', what: 'a referral', read: read(() => therapist, () => `/api/referrals/${w.referralId}`, row('referral', () => w.referralId)) },
    { route: 'GET /api/episodes/{id}', what: 'an episode', read: read(() => therapist, () => `/api/episodes/${w.episodeId}`, row('episode', () => w.episodeId)) },
    { route: 'GET /api/episodes/{id}/supervision', what: 'who works on an episode under supervision', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/supervision`, row('episode-supervision', () => w.episodeId, () => ({ basis: 'relationship', supervisionIds: [w.supervisionId] }))) },
    { route: 'GET /api/episodes/{id}/allocation-options', what: 'who may hold an episode', read: read(() => lead, () => `/api/episodes/${w.episodeId}/allocation-options`, row('episode', () => w.episodeId, () => ({ purpose: 'allocation-options' }))) },
    { route: 'GET /api/caseload', what: 'the assistant practitioner’s caseload', read: read(() => assistant, () => '/api/caseload', () => [{ action: 'read', record_kind: 'caseload', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.episodeId]) } }]) },
    { route: 'GET /api/caseload/waiting-list', what: 'the waiting list', read: read(() => lead, () => '/api/caseload/waiting-list', () => [{ action: 'read', record_kind: 'waiting-list', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.waitingEpisodeId]) } }]) },
    { route: 'GET /api/visits', what: 'the team’s visits for a day', read: read(() => lead, () => '/api/visits?date=2026-11-25', () => [{ action: 'read', record_kind: 'visits', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.episodeId]) } }]) },
    { route: 'GET /api/episodes/{id}/visit-needs', what: 'an episode’s visit needs', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/visit-needs`, row('visit-needs', () => null, () => ({ episodeId: w.episodeId }))) },
    { route: 'GET /api/episodes/{id}/consent', what: 'consent records', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/consent`, row('consent', () => w.episodeId)) },
    { route: 'GET /api/episodes/{id}/contact-notes', what: 'an episode’s notes', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/contact-notes`, row('contact-note', () => w.episodeId, () => ({ noteIds: expect.arrayContaining([w.noteId, w.swNoteId]) }))) },
    { route: 'GET /api/contact-notes/{noteId}', what: 'one note', read: read(() => therapist, () => `/api/contact-notes/${w.noteId}`, row('contact-note', () => w.noteId)) },
    { route: 'GET /api/record/review-queue', what: 'the review queue', read: read(() => therapist, () => '/api/record/review-queue', () => [{ action: 'read', record_kind: 'review-queue', record_id: t.service.teamA, patient_id: null, detail: { noteIds: expect.arrayContaining([w.swNoteId]) } }]) },
    { route: 'GET /api/episodes/{id}/assessments', what: 'assessments', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/assessments`, row('assessment', () => w.episodeId, () => ({ assessmentIds: [w.assessmentId] }))) },
    { route: 'GET /api/episodes/{id}/goals', what: 'goals', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/goals`, row('goal', () => w.episodeId, () => ({ goalIds: [w.goalId] }))) },
    { route: 'GET /api/goals/{id}', what: 'one goal', read: read(() => therapist, () => `/api/goals/${w.goalId}`, row('goal', () => w.goalId)) },
    { route: 'GET /api/episodes/{id}/programme', what: 'the programme', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/programme`, row('programme-of-care', () => w.episodeId, () => ({ activityIds: [w.activityId] }))) },
    { route: 'GET /api/programme-activities/{id}', what: 'one activity', read: read(() => therapist, () => `/api/programme-activities/${w.activityId}`, row('programme-of-care', () => w.activityId)) },
    { route: 'GET /api/episodes/{id}/reviews', what: 'reviews', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/reviews`, row('episode-review', () => w.episodeId, () => ({ reviewIds: [w.reviewId] }))) },
    { route: 'GET /api/episodes/{id}/timeline', what: 'the timeline', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/timeline`, row('timeline', () => w.episodeId)) },
    { route: 'GET /api/episodes/{id}/discharge-summary', what: 'an episode’s discharge summary', read: read(() => therapist, () => `/api/episodes/${w.episodeId}/discharge-summary`, row('discharge-summary', () => w.summaryId)) },
    { route: 'GET /api/discharge-summaries/{id}', what: 'a discharge summary', read: read(() => therapist, () => `/api/discharge-summaries/${w.summaryId}`, row('discharge-summary', () => w.summaryId)) },
    { route: 'GET /api/letters/{id}', what: 'a stored letter', read: read(() => therapist, () => `/api/letters/${w.letterId}`, row('letter', () => w.letterId)) },
    { route: 'GET /api/audit/patients/{id}/events', what: 'a patient’s access history', read: read(() => privacyOfficer, () => `/api/audit/patients/${w.patientId}/events`, () => [{ action: 'read', record_kind: 'audit', record_id: w.patientId, patient_id: w.patientId }]) },
    { route: 'GET /api/audit/break-glass', what: 'every break-glass', read: read(() => privacyOfficer, () => '/api/audit/break-glass', () => [{ action: 'read', record_kind: 'audit', record_id: null, patient_id: null, detail: { view: 'break-glass' } }]) },
    { route: 'GET /api/run-sheets/{staffId}', what: 'a run sheet', read: read(() => assistant, () => `/api/run-sheets/${assistant.staff.id}?date=2026-11-24`, () => [{ action: 'read', record_kind: 'visit', record_id: null, patient_id: w.patientId, detail: { visitIds: [w.visitId] } }]) },
    { route: 'GET /api/audit/refusals', what: 'recent refusals', read: read(() => privacyOfficer, () => '/api/audit/refusals', () => [{ action: 'read', record_kind: 'audit', record_id: null, patient_id: null, detail: { view: 'refusals' } }]) },
    { route: 'GET /api/visits/plans/{date}', what: 'the team’s visit plan for a day, with the patients’ names', read: read(() => lead, () => '/api/visits/plans/2026-11-25', () => [{ action: 'read', record_kind: 'visit-plan', record_id: null, patient_id: null, detail: { date: '2026-11-25' } }]) },
  ];

  // recall-collection: the world's patient has a hoist on loan (its own model for each read, so no other patient is found).
  readCases.push(
    { route: 'GET /api/equipment/recall-search', what: 'who has a model: the patients the clinician may see, with contact details', read: async () => {
      const { catalogueItemId } = await equipmentLoan({ patientId: w.patientId, episodeId: w.episodeId, code: 'READ-S' });
      return { res: await therapist.get(`/api/equipment/recall-search?catalogueItemId=${catalogueItemId}`), by: therapist, expected: [
        { action: 'read', record_kind: 'equipment-recall-search', record_id: catalogueItemId, patient_id: w.patientId, detail: { shown: 'contact-details' } },
        { action: 'read', record_kind: 'equipment-recall-search', record_id: catalogueItemId, patient_id: null, detail: { found: 1, shown: 1, withheld: 0 } },
      ] };
    } },
    { route: 'GET /api/equipment/recalls/{recallId}', what: 'a recall’s action list, naming the patients the clinician may see', read: async () => {
      const { catalogueItemId, loanId } = await equipmentLoan({ patientId: w.patientId, episodeId: w.episodeId, code: 'READ-R' });
      // Written straight in: raising it through the API is audited, and this counts only the read.
      const recall = { id: uuidv7() };
      const now = t.clock.now();
      const stamp = { created_at: now, created_by: lead.staff.id, updated_at: now, updated_by: lead.staff.id };
      await t.db.insertInto('equipment_recalls').values({ id: recall.id, catalogue_item_id: catalogueItemId, reason: 'Castor may detach', ...stamp }).execute();
      await t.db.insertInto('equipment_recall_actions').values({ id: uuidv7(), recall_id: recall.id, loan_id: loanId, patient_id: w.patientId, ...stamp }).execute();
      return { res: await therapist.get(`/api/equipment/recalls/${recall.id}`), by: therapist, expected: [{ action: 'read', record_kind: 'equipment-recall-action', record_id: recall.id, patient_id: w.patientId }] };
    } },
    { route: 'GET /api/episodes/{id}/equipment/discharge', what: 'the episode’s equipment at discharge', read: async () => {
      const { loanId } = await equipmentLoan({ patientId: w.patientId, episodeId: w.episodeId, code: 'READ-D' });
      return { res: await therapist.get(`/api/episodes/${w.episodeId}/equipment/discharge`), by: therapist, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: w.episodeId, patient_id: w.patientId, detail: { loanIds: expect.arrayContaining([loanId]) } }] };
    } },
    { route: 'GET /api/equipment/collections', what: 'the team’s equipment to collect, naming the patients', read: async () => {
      await equipmentLoan({ patientId: w.patientId, episodeId: w.episodeId, code: 'READ-C', status: 'to-collect' });
      return { res: await lead.get('/api/equipment/collections'), by: lead, expected: [{ action: 'read', record_kind: 'equipment-collections', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.episodeId]) } }] };
    } },
  );

  readCases.push(
    { route: 'GET /api/safety/incidents/{incidentId}', what: 'an incident about a patient, read by its handler', read: async () => {
      // Written straight in: reporting it through the API is audited, and this counts only the read.
      const id = uuidv7();
      const now = t.clock.now();
      const by = assistant.staff.id;
      await t.db.insertInto('incidents').values({
        id, reference: `INC-R${id.slice(-6)}`, kind: 'incident', occurred_at: now, location_kind: 'patient-home', location: 'Stairs', category: 'fall', what_happened: 'Slipped on the bottom step',
        immediate_actions: 'Checked for injury', affected: 'patient', physical_harm: 'low', patient_id: w.patientId, episode_id: w.episodeId, team_id: t.service.teamA, reporter_id: by,
        created_at: now, created_by: by, updated_at: now, updated_by: by,
      }).execute();
      return { res: await lead.get(`/api/safety/incidents/${id}`), by: lead, expected: [{ action: 'read', record_kind: 'incident', record_id: id, patient_id: w.patientId }] };
    } },
  );

  it.each(readCases.map((c) => [c.route, c.what, c] as const))('%s (%s): the read adds exactly the audit rows naming it', async (_route, _what, c) => {
    const seq = await lastSeq();
    const { res, by, expected } = await c.read();
    expect(res.statusCode, res.body).toBe(200);
    const rows = await auditSince(seq);
    expect(rows.map((r) => ({ staff_id: r.staff_id, outcome: r.outcome }))).toEqual(expected.map(() => ({ staff_id: by.staff.id, outcome: 'allowed' })));
    for (const [i, want] of expected.entries()) {
      const { detail, ...fields } = want;
      const got = rows[i]!;
      expect({ action: got.action, record_kind: got.record_kind, record_id: got.record_id, patient_id: got.patient_id }).toEqual(fields);
      if (detail) expect(got.detail).toMatchObject(detail);
    }
  });

  // The pages read the same records: each page that shows patient data adds exactly the audit rows naming it.
  const pageRow = (record_kind: string, record_id: () => string | null, detail?: Record<string, unknown>) => (): AuditRow[] => [{ action: 'read', record_kind, record_id: record_id(), patient_id: w.patientId, ...(detail ? { detail } : {}) }];
  const pageCases: ReadCase[] = [
    { route: '/mdt/meetings/:meetingId', what: 'an MDT meeting naming the patients on its agenda', read: async () => {
      const id = await mdtMeeting('2026-10-02T13:00:00Z');
      const itemId = await mdtAgendaItem(id, w.episodeId, w.patientId);
      return { res: await lead.get(`/mdt/meetings/${id}`), by: lead, expected: [{ action: 'read', record_kind: 'mdt-agenda-item', record_id: itemId, patient_id: w.patientId }] };
    } },
    { route: '/mdt/agenda-items/:itemId', what: 'a patient’s MDT discussion', read: async () => {
      const itemId = await mdtAgendaItem(await mdtMeeting('2026-10-03T13:00:00Z'), w.episodeId, w.patientId);
      return { res: await lead.get(`/mdt/agenda-items/${itemId}`), by: lead, expected: [{ action: 'read', record_kind: 'mdt-agenda-item', record_id: itemId, patient_id: w.patientId }] };
    } },
    { route: '/mdt/actions', what: 'my open MDT actions', read: async () => {
      const actionId = await openMdtAction('2026-11-11T13:00:00Z');
      const res = await lead.get('/mdt/actions');
      await closeStraightIn(actionId);
      return { res, by: lead, expected: [{ action: 'read', record_kind: 'mdt-action', record_id: actionId, patient_id: w.patientId, detail: { list: 'my-mdt-actions' } }] };
    } },
    { route: '/mdt', what: 'the team’s MDT meetings and its open actions', read: async () => {
      const actionId = await openMdtAction('2026-11-12T13:00:00Z');
      const res = await lead.get('/mdt');
      await closeStraightIn(actionId);
      return { res, by: lead, expected: [{ action: 'read', record_kind: 'mdt-action', record_id: actionId, patient_id: w.patientId, detail: { list: 'team-mdt-actions' } }] };
    } },
    { route: '/episodes/:id/mdt-flag', what: 'flagging an episode for the MDT', read: read(() => assistant, () => `/episodes/${w.episodeId}/mdt-flag`, pageRow('episode', () => w.episodeId, { page: 'mdt-flag' })) },
    { route: '/lone-working/sessions/:sessionId', what: 'a lone-working session', read: async () => {
      const id = await loneWorkingSession();
      return { res: await assistant.get(`/lone-working/sessions/${id}`), by: assistant, expected: [{ action: 'read', record_kind: 'lone-working-session', record_id: id, patient_id: w.patientId, detail: { via: 'page' } }] };
    } },
    { route: '/patients/search', what: 'the search page', read: async () => {
      const nhsNumber = (await t.db.selectFrom('patients').select('nhs_number').where('id', '=', w.patientId).executeTakeFirstOrThrow()).nhs_number;
      return { res: await therapist.get(`/patients/search?nhsNumber=${nhsNumber}`), by: therapist, expected: [{ action: 'search', record_kind: 'patient-index', record_id: null, patient_id: null, detail: { patientIds: [w.patientId] } }] };
    } },
    { route: '/patients/:id', what: 'the patient page', read: read(() => therapist, () => `/patients/${w.patientId}`, pageRow('patient', () => w.patientId)) },
    { route: '/patients/:id/edit', what: 'changing the patient’s details', read: read(() => therapist, () => `/patients/${w.patientId}/edit`, pageRow('patient', () => w.patientId)) },
    { route: '/patients/:id/place', what: 'placing the patient on the map', read: read(() => therapist, () => `/patients/${w.patientId}/place`, pageRow('patient', () => w.patientId, { purpose: 'place on the map' })) },
    { route: '/visits/map', what: 'the visit map', read: async () => {
      const visitId = await publishVisitTo('2026-12-01');
      return { res: await lead.get('/visits/map?date=2026-12-01'), by: lead, expected: [{ action: 'read', record_kind: 'visit-plan', record_id: null, patient_id: w.patientId, detail: { list: 'visit-map', visitIds: [visitId] } }] };
    } },
    { route: '/patients/:id/history', what: 'the patient’s history', read: read(() => therapist, () => `/patients/${w.patientId}/history`, pageRow('patient-history', () => w.patientId)) },
    { route: '/patients/:id/referrals/new', what: 'a new referral for the patient', read: read(() => therapist, () => `/patients/${w.patientId}/referrals/new`, pageRow('patient', () => w.patientId)) },
    { route: '/referrals', what: 'the incoming referrals', read: read(() => therapist, () => '/referrals', () => [{ action: 'read', record_kind: 'referral-list', record_id: null, patient_id: null, detail: { patientIds: expect.arrayContaining([w.incomingPatientId]) } }]) },
    { route: '/referrals/:id', what: 'a referral', read: read(() => therapist, () => `/referrals/${w.referralId}`, pageRow('referral', () => w.referralId)) },
    { route: '/referrals/:id/triage', what: 'triaging a referral', read: read(() => therapist, () => `/referrals/${w.incomingReferralId}/triage`, () => [{ action: 'read', record_kind: 'referral', record_id: w.incomingReferralId, patient_id: w.incomingPatientId }]) },
    { route: '/referrals/:id/reject', what: 'rejecting a referral', read: read(() => therapist, () => `/referrals/${w.incomingReferralId}/reject`, () => [{ action: 'read', record_kind: 'referral', record_id: w.incomingReferralId, patient_id: w.incomingPatientId }]) },
    { route: '/episodes/:id', what: 'the episode page', read: read(() => therapist, () => `/episodes/${w.episodeId}`, pageRow('episode', () => w.episodeId)) },
    { route: '/episodes/:id/allocate', what: 'allocating', read: read(() => lead, () => `/episodes/${w.episodeId}/allocate`, pageRow('episode', () => w.episodeId, { purpose: 'allocation' })) },
    { route: '/episodes/:id/hand-over', what: 'handing over', read: read(() => assistant, () => `/episodes/${w.episodeId}/hand-over`, pageRow('episode', () => w.episodeId, { purpose: 'hand-over' })) },
    { route: '/episodes/:id/hold', what: 'putting on hold', read: read(() => assistant, () => `/episodes/${w.episodeId}/hold`, pageRow('episode', () => w.episodeId, { purpose: 'hold' })) },
    { route: '/episodes/:id/discharge', what: 'discharging', read: read(() => assistant, () => `/episodes/${w.episodeId}/discharge`, () => [...pageRow('episode', () => w.episodeId, { purpose: 'discharge' })(), { action: 'read', record_kind: 'equipment-loan', record_id: w.episodeId, patient_id: w.patientId, detail: { page: 'discharge', loanIds: expect.any(Array) } }]) },
    { route: '/episodes/:id/supervision', what: 'who works on the episode under supervision', read: read(() => therapist, () => `/episodes/${w.episodeId}/supervision`, () => [{ action: 'read', record_kind: 'episode-supervision', record_id: w.episodeId, patient_id: w.patientId, detail: { supervisionIds: [w.supervisionId] } }]) },
    { route: '/episodes/:id/onward-referrals/new', what: 'an onward referral', read: read(() => assistant, () => `/episodes/${w.episodeId}/onward-referrals/new`, pageRow('episode', () => w.episodeId, { purpose: 'onward-referral' })) },
    { route: '/caseload', what: 'my caseload', read: read(() => assistant, () => '/caseload', () => [{ action: 'read', record_kind: 'caseload', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.episodeId]) } }]) },
    { route: '/caseload/team', what: 'the team’s caseload', read: read(() => lead, () => '/caseload/team', () => [{ action: 'read', record_kind: 'caseload', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.episodeId]) } }]) },
    { route: '/caseload/waiting', what: 'the waiting list', read: read(() => lead, () => '/caseload/waiting', () => [{ action: 'read', record_kind: 'waiting-list', record_id: null, patient_id: null, detail: { episodeIds: expect.arrayContaining([w.waitingEpisodeId]) } }]) },
    { route: '/episodes/:id/record', what: 'the clinical record', read: read(() => therapist, () => `/episodes/${w.episodeId}/record`, pageRow('contact-note', () => w.episodeId)) },
    { route: '/episodes/:id/consent/new', what: 'recording consent', read: read(() => assistant, () => `/episodes/${w.episodeId}/consent/new`, pageRow('consent', () => w.episodeId, { purpose: 'record-consent' })) },
    { route: '/episodes/:id/consent/:consentId/withdraw', what: 'withdrawing consent', read: read(() => assistant, () => `/episodes/${w.episodeId}/consent/${w.consentId}/withdraw`, pageRow('consent', () => w.consentId)) },
    { route: '/episodes/:id/contact-notes/new', what: 'writing a note', read: read(() => assistant, () => `/episodes/${w.episodeId}/contact-notes/new`, pageRow('contact-note', () => w.episodeId, { purpose: 'write-note' })) },
    { route: '/contact-notes/:noteId', what: 'a note', read: read(() => therapist, () => `/contact-notes/${w.noteId}`, pageRow('contact-note', () => w.noteId)) },
    { route: '/contact-notes/:noteId/amend', what: 'amending a note', read: read(() => assistant, () => `/contact-notes/${w.noteId}/amend`, pageRow('contact-note', () => w.noteId, { purpose: 'amend' })) },
    { route: '/record/review-queue', what: 'the review queue', read: read(() => therapist, () => '/record/review-queue', () => [{ action: 'read', record_kind: 'review-queue', record_id: t.service.teamA, patient_id: null, detail: { noteIds: expect.arrayContaining([w.swNoteId]) } }]) },
    { route: '/episodes/:id/assessments', what: 'assessments', read: read(() => therapist, () => `/episodes/${w.episodeId}/assessments`, pageRow('assessment', () => w.episodeId)) },
    { route: '/episodes/:id/assessments/new', what: 'recording an assessment', read: read(() => assistant, () => `/episodes/${w.episodeId}/assessments/new`, pageRow('assessment', () => w.episodeId)) },
    { route: '/episodes/:id/goals', what: 'goals', read: read(() => therapist, () => `/episodes/${w.episodeId}/goals`, pageRow('goal', () => w.episodeId)) },
    { route: '/episodes/:id/goals/new', what: 'setting a goal', read: read(() => assistant, () => `/episodes/${w.episodeId}/goals/new`, pageRow('goal', () => w.episodeId)) },
    { route: '/goals/:id/edit', what: 'refining a goal', read: read(() => assistant, () => `/goals/${w.goalId}/edit`, pageRow('goal', () => w.goalId)) },
    { route: '/goals/:id/rate', what: 'rating a goal', read: read(() => assistant, () => `/goals/${w.goalId}/rate`, pageRow('goal', () => w.goalId)) },
    { route: '/goals/:id/status', what: 'closing a goal', read: read(() => assistant, () => `/goals/${w.goalId}/status`, pageRow('goal', () => w.goalId)) },
    { route: '/episodes/:id/programme', what: 'the programme', read: read(() => therapist, () => `/episodes/${w.episodeId}/programme`, pageRow('programme-of-care', () => w.episodeId)) },
    { route: '/episodes/:id/programme/new', what: 'setting an activity', read: read(() => assistant, () => `/episodes/${w.episodeId}/programme/new`, pageRow('programme-of-care', () => w.episodeId)) },
    { route: '/programme-activities/:id/log', what: 'logging an activity', read: read(() => assistant, () => `/programme-activities/${w.activityId}/log`, pageRow('programme-of-care', () => w.activityId)) },
    { route: '/programme-activities/:id/status', what: 'stopping an activity', read: read(() => assistant, () => `/programme-activities/${w.activityId}/status`, pageRow('programme-of-care', () => w.activityId)) },
    { route: '/episodes/:id/reviews', what: 'reviews', read: read(() => therapist, () => `/episodes/${w.episodeId}/reviews`, pageRow('episode-review', () => w.episodeId)) },
    { route: '/episodes/:id/reviews/new', what: 'recording a review', read: read(() => assistant, () => `/episodes/${w.episodeId}/reviews/new`, pageRow('episode-review', () => w.episodeId)) },
    { route: '/episodes/:id/timeline', what: 'the timeline', read: read(() => therapist, () => `/episodes/${w.episodeId}/timeline`, pageRow('timeline', () => w.episodeId)) },
    // With the equipment on loan it lists through the equipment port, each loan named.
    { route: '/episodes/:id/discharge-summary', what: 'the discharge summary', read: read(() => therapist, () => `/episodes/${w.episodeId}/discharge-summary`, () => [...pageRow('discharge-summary', () => w.summaryId)(), { action: 'read', record_kind: 'equipment-loan', record_id: w.episodeId, patient_id: w.patientId, detail: { loanIds: expect.any(Array) } }]) },
    { route: '/letters/:id.pdf', what: 'a stored letter', read: read(() => therapist, () => `/letters/${w.letterId}.pdf`, () => [{ action: 'export', record_kind: 'letter', record_id: w.letterId, patient_id: w.patientId }]) },
    { route: '/run-sheet', what: 'my run sheet', read: read(() => assistant, () => '/run-sheet', () => [{ action: 'read', record_kind: 'visit', record_id: null, patient_id: w.patientId, detail: { visitIds: [w.visitId] } }]) },
    { route: '/run-sheet/visits/:id/outcome', what: 'recording no access', read: read(() => assistant, () => `/run-sheet/visits/${w.visitId}/outcome?outcome=no-access`, pageRow('visit', () => w.visitId, { purpose: 'record-outcome' })) },
    { route: '/run-sheet/visits/:id/outcome/done', what: 'what was recorded on a visit', read: read(() => assistant, () => `/run-sheet/visits/${w.visitId}/outcome/done`, pageRow('visit', () => w.visitId, { purpose: 'outcome-recorded' })) },
    { route: '/audit', what: 'every break-glass, for the privacy officer', read: read(() => privacyOfficer, () => '/audit', () => [{ action: 'read', record_kind: 'audit', record_id: null, patient_id: null, detail: { view: 'break-glass' } }]) },
    { route: '/audit/refusals', what: 'recent refusals', read: read(() => privacyOfficer, () => '/audit/refusals', () => [{ action: 'read', record_kind: 'audit', record_id: null, patient_id: null, detail: { view: 'refusals' } }]) },
    { route: '/audit/patients/:id', what: 'a patient’s access history', read: read(() => privacyOfficer, () => `/audit/patients/${w.patientId}`, () => [{ action: 'read', record_kind: 'audit', record_id: w.patientId, patient_id: w.patientId }]) },
    // loans
    { route: '/episodes/:id/equipment', what: 'the episode’s equipment', read: async () => {
      const loanId = await worldLoan();
      return { res: await therapist.get(`/episodes/${w.episodeId}/equipment`), by: therapist, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: w.episodeId, patient_id: w.patientId, detail: { loanIds: expect.arrayContaining([loanId]) } }] };
    } },
    { route: '/episodes/:id/equipment/prescribe', what: 'prescribing equipment', read: read(() => assistant, () => `/episodes/${w.episodeId}/equipment/prescribe`, pageRow('equipment-loan', () => w.episodeId, { purpose: 'prescribe' })) },
    { route: '/equipment-loans/:loanId/deliver', what: 'recording a delivery', read: async () => {
      const loanId = await worldLoan();
      return { res: await supportWorker.get(`/equipment-loans/${loanId}/deliver`), by: supportWorker, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: loanId, patient_id: w.patientId, detail: { purpose: 'record-delivery' } }] };
    } },
    { route: '/equipment-loans/:loanId/training', what: 'recording training in safe use', read: async () => {
      const loanId = await worldLoan();
      return { res: await supportWorker.get(`/equipment-loans/${loanId}/training`), by: supportWorker, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: loanId, patient_id: w.patientId, detail: { purpose: 'record-training' } }] };
    } },
    { route: '/equipment-loans/:loanId/cancel', what: 'cancelling a prescription', read: async () => {
      const loanId = await worldLoan();
      return { res: await assistant.get(`/equipment-loans/${loanId}/cancel`), by: assistant, expected: [{ action: 'read', record_kind: 'equipment-loan', record_id: loanId, patient_id: w.patientId, detail: { purpose: 'cancel-prescription' } }] };
    } },
    { route: '/lone-working', what: 'the lone-working board, naming the patient a clinician is with', read: async () => {
      const now = t.clock.now();
      const sessionId = await seedLoneWorkingSession(t, { staffId: assistant.staff.id, patientId: w.patientId, start: now.toISOString(), end: new Date(now.getTime() + 3600_000).toISOString(), status: 'checked-in', checkedInAt: now.toISOString() });
      return { res: await lead.get('/lone-working'), by: lead, expected: [{ action: 'read', record_kind: 'lone-working-session', record_id: null, patient_id: w.patientId, detail: { list: 'lone-working-board', sessionIds: expect.arrayContaining([sessionId]) } }] };
    } },
  ];

  it.each(pageCases.map((c) => [c.route, c.what, c] as const))('page %s (%s): adds exactly the audit rows naming what it shows', async (_route, _what, c) => {
    const seq = await lastSeq();
    const { res, by, expected } = await c.read();
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    const rows = await auditSince(seq);
    expect(rows.map((r) => ({ staff_id: r.staff_id, outcome: r.outcome }))).toEqual(expected.map(() => ({ staff_id: by.staff.id, outcome: 'allowed' })));
    for (const [i, want] of expected.entries()) {
      const { detail, ...fields } = want;
      const got = rows[i]!;
      expect({ action: got.action, record_kind: got.record_kind, record_id: got.record_id, patient_id: got.patient_id }).toEqual(fields);
      if (detail) expect(got.detail).toMatchObject(detail);
    }
  });

  it('covers every JSON route: each write is version-checked here or creates something new; each read is audited here or holds no patient data', async () => {
    const doc = (await therapist.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const stale = new Set(staleCases.map((c) => c.route));
    const reads = new Set(readCases.map((c) => c.route));
    const unlisted = routes.filter((r) => (r.startsWith('GET ') ? !reads.has(r) && !(r in notPatientData) : !stale.has(r) && !(r in creates)));
    expect(unlisted).toEqual([]);
    // And nothing listed here is a route that no longer exists.
    const listed = [...stale, ...reads, ...Object.keys(creates), ...Object.keys(notPatientData)];
    expect(listed.filter((r) => !routes.includes(r))).toEqual([]);
  });
});
