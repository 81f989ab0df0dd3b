// The records the fuzz test aims its requests at: a patient of the clinician's own team, with an
// episode allocated to them and, made only when a route needs it, a referral, notes, consent, a goal,
// an activity, an onward referral, a discharge summary and its letter, and a support worker with a
// recorded competence. Each write route gets a fresh world, so one accepted write (a discharge, a
// finalised note) cannot turn every later request into a refusal for a dull reason.
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { hashPassword } from '../src/staff/password.ts';
import { seedEpisode } from './seed-episode.ts';
import { seedPlannedVisit } from './seed-visit-plan.ts';
import { systemActor } from '../src/platform/actor.ts';
import { raiseAlert } from '../src/lone-working/raise-alert.ts';
import { patientDetails, type TestApp, type TestClient } from './test-app.ts';
import { seedCatalogueItem, seedLoan, seedStore } from './seed-equipment-loans.ts';

export type RecordKind =
  | 'supervision'
  | 'patient'
  | 'episode'
  | 'referral'
  | 'draftNote'
  | 'finalNote'
  | 'consent'
  | 'goal'
  | 'activity'
  | 'onwardReferral'
  | 'summary'
  | 'finalSummary'
  | 'letter'
  | 'staff'
  | 'competence'
  | 'visit'
  | 'rotaException'
  | 'plannedVisit'
  | 'ownStaff'
  | 'planDate'
  | 'planJob'
  | 'alert'
  | 'loneWorkingSession'
  | 'amberAlert'
  // Equipment, catalogue part (issue 15): a tracked hoist in the catalogue, one counted as stock, a store, a hoist in it.
  | 'equipmentCatalogueItem'
  | 'equipmentStockItem'
  | 'equipmentStore'
  | 'equipmentItem'
  // loans
  | 'equipmentLoan'
  // recall-collection
  | 'deliveredEquipmentLoan'
  | 'equipmentRecall'
  | 'equipmentRecallAction'
  | 'equipmentReport'
  // reports (issue 18)
  | 'report'
  | 'supervisee'
  | 'supervisionSession'
  | 'supervisionAction'
  // mdt (issue 16 #6)
  | 'mdtMeeting'
  | 'mdtAgendaItem'
  | 'mdtAction'
  // safety, incidents (issue 17 #1)
  | 'incident'
  | 'incidentAction'
  // pdc-training
  | 'trainingCourse'
  | 'trainingImport'
  | 'pdc'
  | 'pdcItem'
  | 'cpdEntry'
  // safeguarding (issue 17 #2): a concern the clinician raised (the clinical lead a safeguarding lead), a person named on it, a designation
  | 'safeguardingConcern'
  | 'safeguardingNamed'
  | 'safetyDesignation'
  // risk register (issue 17 #3): a team risk owned by the clinical lead, and an open action on it.
  | 'risk'
  | 'riskAction';

/** Which table holds each kind's `version`, for bodies that must send the current one. */
export const versionTable: Partial<Record<RecordKind, string>> = {
  patient: 'patients',
  episode: 'episodes',
  referral: 'referrals',
  draftNote: 'contact_notes',
  finalNote: 'contact_notes',
  goal: 'goals',
  activity: 'programme_activities',
  onwardReferral: 'onward_referrals',
  summary: 'discharge_summaries',
  finalSummary: 'discharge_summaries',
  staff: 'staff',
  competence: 'staff_competences',
  visit: 'visits',
  rotaException: 'rota_exceptions',
  plannedVisit: 'visits',
  alert: 'lone_working_alerts',
  loneWorkingSession: 'lone_working_sessions',
  amberAlert: 'lone_working_alerts',
  equipmentCatalogueItem: 'equipment_catalogue_items',
  equipmentItem: 'equipment_items',
  equipmentLoan: 'equipment_loans',
  deliveredEquipmentLoan: 'equipment_loans',
  equipmentRecall: 'equipment_recalls',
  equipmentRecallAction: 'equipment_recall_actions',
  supervisionSession: 'supervision_sessions',
  supervisionAction: 'supervision_actions',
  mdtMeeting: 'mdt_meetings',
  mdtAgendaItem: 'mdt_agenda_items',
  mdtAction: 'mdt_actions',
  incident: 'incidents',
  incidentAction: 'incident_actions',
  trainingCourse: 'training_courses',
  trainingImport: 'training_imports',
  pdc: 'pdc_records',
  pdcItem: 'pdc_items',
  cpdEntry: 'cpd_entries',
  safeguardingConcern: 'safeguarding_concerns',
  safeguardingNamed: 'safeguarding_concern_people',
  safetyDesignation: 'safety_designations',
  risk: 'risks',
  riskAction: 'risk_actions',
};

let nhsIndex = 800_000;
let staffIndex = 0;
let planDays = 0;
let courseCodes = 0;
/** An NHS number no other record in the test has. */
export const freshNhsNumber = () => testNhsNumberForIndex(nhsIndex++);
/** A catalogue code, store name or serial number no other record has. */
export const freshEquipmentName = (what: string) => `FZ-${what}-${staffIndex++}`;
/** An email address no other account has. */
export const freshEmail = (what: string) => `fuzz.${what}.${staffIndex++}@test.example`;
const staffPasswordHash = hashPassword('fuzz-target-password-1', 10);

export const validBodies = {
  cpdEntry: { activity: 'Falls prevention study day', doneOn: '2026-11-02', hours: 6.5, kind: 'formal', learned: 'The FRAT', practiceChange: 'Screen every first visit', reflection: '', hcpcStandards: [1, 3] },
  referral: (patientId: string) => ({
    patientId,
    source: 'gp',
    sourceDetail: null,
    receivedAt: '2026-11-24T08:30:00Z',
    service: 'd2a-pathway-1',
    setting: 'home',
    reason: 'Fall at home',
    presentingNeeds: null,
    urgencyRequested: 'soon',
    referrerName: 'Dr Okafor',
    referrerContact: '01632 960456',
    consentToReferral: true,
    consentNote: null,
  }),
  note: { kind: 'telephone', occurredAt: '2026-11-24T08:00:00Z', durationMinutes: 10, place: null, staffPresent: null, body: 'Phoned to arrange the first visit', therapyMinutes: { 'occupational-therapy': 10 } },
  consent: { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient', communicationSupport: 'Large print' },
  goal: {
    statement: 'I want to make my own cup of tea',
    levels: { '-2': 'Cannot make a drink', '-1': 'Makes tea with help', '0': 'Makes tea alone', '+1': 'Makes tea and carries it', '+2': 'Makes tea for a visitor' },
    baseline: -1,
    importance: 3,
    difficulty: 2,
    targetOn: '2026-12-22',
    agreedWith: 'The patient',
  },
  activity: {
    kind: 'exercise',
    competence: 'sit-to-stand-exercise',
    title: 'Sit-to-stand practice',
    instructions: 'Stand up slowly from a firm chair, 10 times.',
    timesPerPeriod: 1,
    period: 'day',
    delivererKind: 'carer',
    delivererName: 'Daughter',
    startsOn: '2026-11-24',
  },
  onwardReferral: { toService: 'Wheelchair service', note: 'Self-propelling chair' },
};

async function created(what: string, res: { statusCode: number; body: string; json(): unknown }): Promise<string> {
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`fuzz world: could not make ${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return (res.json() as { id: string }).id;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fixture's JSON, read by the one line that made it
async function json(what: string, res: { statusCode: number; body: string; json(): unknown }): Promise<any> {
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`fuzz world: could not make ${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json();
}

export type FuzzWorld = { get(kind: RecordKind): Promise<string> };

export function newWorld(t: TestApp, clinician: TestClient): FuzzWorld {
  const made = new Map<RecordKind, Promise<string>>();
  const get = (kind: RecordKind): Promise<string> => {
    let p = made.get(kind);
    if (!p) {
      p = make(kind);
      made.set(kind, p);
    }
    return p;
  };
  const make = async (kind: RecordKind): Promise<string> => {
    switch (kind) {
      case 'patient':
        return created('a patient', await clinician.post('/api/patients', patientDetails({ nhsNumber: freshNhsNumber() })));
      case 'episode':
        return seedEpisode(t, { patientId: await get('patient'), service: 'stroke-early-supported-discharge', allocatedTo: clinician.staff.id });
      case 'referral':
        return created('a referral', await clinician.post('/api/referrals', validBodies.referral(await get('patient'))));
      case 'consent':
        return created('consent', await clinician.post(`/api/episodes/${await get('episode')}/consent`, validBodies.consent));
      case 'draftNote':
        return created('a draft note', await clinician.post(`/api/episodes/${await get('episode')}/contact-notes`, validBodies.note));
      case 'finalNote':
        await get('consent');
        return created('a final note', await clinician.post(`/api/episodes/${await get('episode')}/contact-notes`, { ...validBodies.note, finalise: true }));
      case 'goal':
        return created('a goal', await clinician.post(`/api/episodes/${await get('episode')}/goals`, validBodies.goal));
      case 'activity':
        return created('an activity', await clinician.post(`/api/episodes/${await get('episode')}/programme`, validBodies.activity));
      case 'supervision':
        return created('a supervision', await clinician.post(`/api/episodes/${await get('episode')}/supervision`, { staffId: t.service.a['support-worker'].id }));
      case 'onwardReferral':
        return created('an onward referral', await clinician.post(`/api/episodes/${await get('episode')}/onward-referrals`, validBodies.onwardReferral));
      case 'summary':
        return created('a discharge summary', await clinician.post(`/api/episodes/${await get('episode')}/discharge-summary`));
      case 'finalSummary': {
        const id = await get('summary');
        const summary = (await clinician.get(`/api/discharge-summaries/${id}`)).json() as { version: number; sections: Array<{ id: string; patientText?: string }> };
        // Plain words in every section the patient reads, so the summary can be finalised.
        const sections = summary.sections.filter((s) => s.patientText !== undefined).map((s) => ({ id: s.id, patientText: 'We helped you get about at home.' }));
        const edited = await clinician.request({ method: 'PATCH', url: `/api/discharge-summaries/${id}`, payload: { version: summary.version, sections } });
        await created('discharge summary edits', edited);
        await created('a final discharge summary', await clinician.post(`/api/discharge-summaries/${id}/finalise`, { version: summary.version + 1 }));
        return id;
      }
      case 'letter':
        return created('a letter', await clinician.post(`/api/discharge-summaries/${await get('finalSummary')}/letters`, { recipient: 'patient' }));
      case 'staff': {
        const id = uuidv7();
        const now = t.clock.now();
        await t.db.insertInto('staff').values({
          id,
          email: freshEmail('target'),
          given_name: 'Fuzz',
          family_name: 'Target',
          profession: 'none',
          registration_number: null,
          band: '3',
          homeward_role: 'support-worker',
          team_id: t.service.teamA,
          base_location: null,
          password_hash: await staffPasswordHash,
          created_at: now,
          updated_at: now,
        }).execute();
        return id;
      }
      case 'visit':
        return created('a visit', await clinician.post('/api/visits', { episodeId: await get('episode'), date: '2026-11-26', purpose: 'therapy' }));
      case 'rotaException': {
        // Leave booked by the clinical lead for the fuzz target (the clinician's world holds no lead's client).
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('rota_exceptions').values({ id, staff_id: await get('staff'), team_id: t.service.teamA, kind: 'training', starts_on: '2026-12-01', ends_on: '2026-12-01', created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        return id;
      }
      // A visit on the clinician's published run sheet for today, for what happened on it.
      case 'plannedVisit':
        return seedPlannedVisit(t, { episodeId: await get('episode'), staffId: clinician.staff.id });
      case 'ownStaff':
        return clinician.staff.id;
      // The clinician's own lone-working session today (expected), and an amber alert of theirs running.
      case 'loneWorkingSession': {
        const id = uuidv7();
        const now = t.clock.now();
        await t.db.insertInto('lone_working_sessions').values({
          id, team_id: t.service.teamA, staff_id: clinician.staff.id, on_date: '2026-11-24', origin: 'by-hand', place: 'The day centre, Mill Lane',
          expected_start: now, expected_end: new Date(now.getTime() + 3_600_000), created_at: now, created_by: clinician.staff.id, updated_at: now, updated_by: clinician.staff.id,
        }).execute();
        return id;
      }
      case 'amberAlert': {
        const id = uuidv7();
        const now = t.clock.now();
        await t.db.insertInto('lone_working_alerts').values({
          id, team_id: t.service.teamA, staff_id: clinician.staff.id, session_id: null, kind: 'amber', status: 'running', note: 'Son was aggressive on the phone', due_at: new Date(now.getTime() + 1_800_000),
          created_at: now, created_by: clinician.staff.id, updated_at: now, updated_by: clinician.staff.id,
        }).execute();
        return id;
      }
      // loans: a perching stool prescribed in the episode (the catalogue and its stock written straight in: not patient data).
      case 'equipmentLoan': {
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        const catalogueItemId = uuidv7();
        const storeId = uuidv7();
        await t.db.insertInto('equipment_catalogue_items').values({ id: catalogueItemId, code: `FZ-${catalogueItemId.slice(-12)}`, name: 'Perching stool', category: 'bathing', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 3000, instructions: 'Check all four feet touch the floor.', created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        await t.db.insertInto('equipment_stores').values({ id: storeId, name: `Fuzz store ${storeId.slice(-12)}`, team_id: t.service.teamA, created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        await t.db.insertInto('equipment_stock_levels').values({ store_id: storeId, catalogue_item_id: catalogueItemId, quantity: 3, created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        const res = await clinician.post(`/api/episodes/${await get('episode')}/equipment-loans`, { catalogueItemId, reason: 'Cannot stand to wash', assessmentNote: 'Home assessment' });
        if (res.statusCode !== 201) throw new Error(`fuzz world: could not prescribe equipment: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return (res.json() as { loan: { id: string } }).loan.id;
      }
      // Supervision (issue 16 #1): a support worker the clinician supervises, a session the clinician
      // wrote up (waiting for the supervisee), and an action in it the clinician owns.
      case 'supervisee': {
        const id = await get('staff');
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('supervision_arrangements').values({ id: uuidv7(), supervisee_id: id, supervisor_id: clinician.staff.id, starts_on: '2026-11-01', created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        return id;
      }
      case 'supervisionSession': {
        const id = uuidv7();
        const now = t.clock.now();
        const by = clinician.staff.id;
        await t.db.insertInto('supervision_sessions').values({ id, supervisee_id: await get('supervisee'), supervisor_id: by, held_on: '2026-11-20', kind: 'clinical', themes: 'Caseload', created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
        return id;
      }
      case 'supervisionAction': {
        const id = uuidv7();
        const now = t.clock.now();
        const by = clinician.staff.id;
        await t.db.insertInto('supervision_actions').values({ id, session_id: await get('supervisionSession'), action: 'Read the falls policy', owner_id: by, due_on: '2026-12-04', created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
        return id;
      }
      // The team's MDT meeting (scheduled), the clinician's patient on its agenda, and an open action about them.
      case 'mdtMeeting': {
        const id = uuidv7();
        const now = t.clock.now();
        await t.db.insertInto('mdt_meetings').values({ id, team_id: t.service.teamA, starts_at: new Date('2026-11-26T13:00:00Z'), created_at: now, created_by: clinician.staff.id, updated_at: now, updated_by: clinician.staff.id }).execute();
        return id;
      }
      case 'mdtAgendaItem': {
        const id = uuidv7();
        const now = t.clock.now();
        await t.db.insertInto('mdt_agenda_items').values({
          id, meeting_id: await get('mdtMeeting'), episode_id: await get('episode'), patient_id: await get('patient'), reasons: JSON.stringify(['flagged']), position: 1,
          created_at: now, created_by: clinician.staff.id, updated_at: now, updated_by: clinician.staff.id,
        }).execute();
        return id;
      }
      case 'mdtAction': {
        const id = uuidv7();
        const now = t.clock.now();
        await t.db.insertInto('mdt_actions').values({
          id, meeting_id: await get('mdtMeeting'), agenda_item_id: await get('mdtAgendaItem'), episode_id: await get('episode'), patient_id: await get('patient'), action: 'Call the GP',
          owner_id: clinician.staff.id, due_on: '2026-11-30', created_at: now, created_by: clinician.staff.id, updated_at: now, updated_by: clinician.staff.id,
        }).execute();
        return id;
      }
      // safeguarding (issue 17 #2): the clinician's concern about the world's patient, written straight in,
      // with the clinical lead made a safeguarding lead (once: the designation outlives each world).
      case 'safeguardingConcern': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        const by = clinician.staff.id;
        await t.db.insertInto('safety_designations').values({ id: uuidv7(), staff_id: lead, designation: 'safeguarding-lead', starts_on: '2026-01-01', created_at: now, created_by: lead, updated_at: now, updated_by: lead }).onConflict((oc) => oc.doNothing()).execute();
        await t.db.insertInto('safeguarding_concerns').values({
          id, reference: `SG-F${id.slice(-8)}`, patient_id: await get('patient'), episode_id: await get('episode'), team_id: t.service.teamA, kind: 'adult', categories: '["self-neglect"]', person_at_risk: 'patient',
          concern: 'No food in the house', immediate_danger: false, immediate_actions: 'Food parcel', consent_to_share: 'given', raised_at: now, raised_by: by, decision_due_at: new Date(now.getTime() + 86_400_000),
          created_at: now, created_by: by, updated_at: now, updated_by: by,
        }).execute();
        return id;
      }
      case 'safeguardingNamed': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('safeguarding_concern_people').values({ id, concern_id: await get('safeguardingConcern'), staff_id: t.service.a['assistant-practitioner'].id, created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        return id;
      }
      case 'safetyDesignation': {
        const id = uuidv7();
        const now = t.clock.now();
        const admin = t.service.a.administrator.id;
        await t.db.insertInto('safety_designations').values({ id, staff_id: await get('staff'), designation: 'safeguarding-lead', starts_on: '2026-01-01', created_at: now, created_by: admin, updated_at: now, updated_by: admin }).execute();
        return id;
      }
      // A team risk owned by the clinical lead (who fuzzes the register's changes), and an action on it (issue 17 #3).
      case 'risk': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('risks').values({
          id, reference: `RSK-F${id.slice(-8)}`, title: 'Lone visits with no signal', description: 'No signal in the villages', cause: 'No coverage', effect: 'Cannot call for help', team_id: t.service.teamA, owner_id: lead,
          controls: 'Check-ins', likelihood: 3, consequence: 4, target_likelihood: 2, target_consequence: 3, opened_on: '2026-11-01', review_on: '2026-12-20', created_at: now, created_by: lead, updated_at: now, updated_by: lead,
        }).execute();
        return id;
      }
      case 'riskAction': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('risk_actions').values({ id, risk_id: await get('risk'), action: 'Buy a satellite phone', owner_id: lead, due_on: '2026-12-10', created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        return id;
      }
      // An incident the clinician reported (no patient), and an action from it the clinician owns.
      case 'incident': {
        const id = uuidv7();
        const now = t.clock.now();
        const by = clinician.staff.id;
        await t.db.insertInto('incidents').values({
          id, reference: `INC-F${id.slice(-6)}`, kind: 'near-miss', occurred_at: now, location_kind: 'vehicle', location: 'A34', category: 'vehicle-or-travel', what_happened: 'Nearly hit at a junction',
          immediate_actions: 'Pulled over', affected: 'staff', physical_harm: 'none', team_id: t.service.teamA, reporter_id: by, created_at: now, created_by: by, updated_at: now, updated_by: by,
        }).execute();
        return id;
      }
      case 'incidentAction': {
        const id = uuidv7();
        const now = t.clock.now();
        const by = clinician.staff.id;
        await t.db.insertInto('incident_actions').values({ id, incident_id: await get('incident'), action: 'Plan the route', owner_id: by, due_on: '2026-12-04', created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
        return id;
      }
      // An entry of the clinician's own CPD log (issue 16 #3).
      case 'cpdEntry':
        return created('a CPD entry', await clinician.post(`/api/staff/${clinician.staff.id}/cpd`, validBodies.cpdEntry));
      case 'competence':
        return created('a competence', await clinician.post(`/api/staff/${await get('staff')}/competences`, { competence: 'kitchen-practice', assessedOn: '2026-11-20', note: 'Observed' }));
      case 'planDate': {
        // A day of the team's own, with a draft plan (empty, as the planner leaves a day with no visits).
        const date = `2027-01-${String(1 + (planDays++ % 28)).padStart(2, '0')}`;
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        const totals = { travelMinutes: 0, distanceKm: 0, visitsPlanned: 0, visitsUnplanned: 0, visitsPerPerson: 0, continuityPercent: null, inWindowPercent: null };
        const draft = { teamId: t.service.teamA, date, madeAt: now.toISOString(), jobId: null, routes: [], unplanned: [], totals, objective: 0 };
        await t.db.insertInto('visit_plans').values({ id: uuidv7(), team_id: t.service.teamA, on_date: date, draft: JSON.stringify(draft), created_at: now, created_by: lead, updated_at: now, updated_by: lead })
          .onConflict((oc) => oc.columns(['team_id', 'on_date']).doNothing()).execute();
        return date;
      }
      case 'planJob': {
        const lead = await t.signIn(t.service.a['clinical-lead']);
        const res = await lead.post('/api/visits/plans/jobs', { date: await get('planDate') });
        // One run per team: while an earlier fuzzed request's run is live, a run for another day is refused; use that one.
        if (res.statusCode === 409) {
          const live = await t.db.selectFrom('jobs').select('id').where('key', '=', `team:${t.service.teamA}`).where('status', 'in', ['queued', 'running']).executeTakeFirst();
          if (live) return live.id;
        }
        if (res.statusCode !== 202) throw new Error(`fuzz world: could not start a planner run: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return (res.json() as { job: { id: string } }).job.id;
      }
      // Equipment (issue 15, catalogue part), written straight in by the clinical lead.
      case 'equipmentCatalogueItem':
      case 'equipmentStockItem': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        const tracked = kind === 'equipmentCatalogueItem';
        await t.db.insertInto('equipment_catalogue_items').values({
          id, code: `FZ-${id}`, name: tracked ? 'Mobile hoist' : 'Perching stool', category: tracked ? 'transfers' : 'bathing', stock_kind: tracked ? 'tracked' : 'stock', loler: tracked,
          inspection_interval_months: tracked ? 6 : null, prescriber: tracked ? 'registered' : 'assistant', unit_cost_pence: 1000, created_at: now, created_by: lead, updated_at: now, updated_by: lead,
        }).execute();
        return id;
      }
      case 'equipmentStore': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('equipment_stores').values({ id, name: `Fuzz base ${id}`, team_id: t.service.teamA, created_at: now, created_by: lead, updated_at: now, updated_by: lead }).execute();
        return id;
      }
      case 'equipmentItem': {
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        await t.db.insertInto('equipment_items').values({
          id, catalogue_item_id: await get('equipmentCatalogueItem'), serial_number: `FZ-${id}`, store_id: await get('equipmentStore'), last_inspected_on: '2026-11-01', next_inspection_due: '2027-05-01',
          created_at: now, created_by: lead, updated_at: now, updated_by: lead,
        }).execute();
        return id;
      }
      // recall-collection: a hoist delivered on the clinician's episode; a recall of its model with its action; a report's name.
      case 'deliveredEquipmentLoan': {
        const code = `FUZZ-${uuidv7()}`;
        const catalogueItemId = await seedCatalogueItem(t, { code, name: 'Mobile hoist', loler: true });
        const storeId = await seedStore(t, `Fuzz store ${code}`);
        return (await seedLoan(t, { patientId: await get('patient'), episodeId: await get('episode'), catalogueItemId, storeId, serial: code })).loanId;
      }
      case 'equipmentRecall': {
        const loan = await t.db.selectFrom('equipment_loans').select(['catalogue_item_id', 'patient_id']).where('id', '=', await get('deliveredEquipmentLoan')).executeTakeFirstOrThrow();
        const id = uuidv7();
        const now = t.clock.now();
        const lead = t.service.a['clinical-lead'].id;
        const stamp = { created_at: now, created_by: lead, updated_at: now, updated_by: lead };
        await t.db.insertInto('equipment_recalls').values({ id, catalogue_item_id: loan.catalogue_item_id, reason: 'Fuzz recall', ...stamp }).execute();
        await t.db.insertInto('equipment_recall_actions').values({ id: uuidv7(), recall_id: id, loan_id: await get('deliveredEquipmentLoan'), patient_id: loan.patient_id, ...stamp }).execute();
        return id;
      }
      case 'equipmentRecallAction':
        return (await t.db.selectFrom('equipment_recall_actions').select('id').where('recall_id', '=', await get('equipmentRecall')).executeTakeFirstOrThrow()).id;
      case 'equipmentReport':
        return 'on-loan-by-category';
      case 'report':
        return 'waiting';
      // pdc-training: made by the team's lead, who keeps the training matrix and holds the clinician's PDC.
      case 'trainingCourse': {
        const lead = await t.signIn(t.service.a['clinical-lead']);
        const res = await lead.post('/api/training/courses', { code: `FUZZ-${courseCodes++}`, name: 'Fire Safety', renewalMonths: 24, roles: ['registered-therapist'] });
        return (await json('a training course', res)).course.id;
      }
      case 'trainingImport': {
        const lead = await t.signIn(t.service.a['clinical-lead']);
        const res = await lead.post('/api/training/imports', { fileName: 'esr.csv', csv: `Email Address,Competence Name,Achievement Date\n${t.service.a['registered-therapist'].email},NOT-A-COURSE,01/11/2026` });
        return (await json('a training import', res)).import.id;
      }
      case 'pdc': {
        const lead = await t.signIn(t.service.a['clinical-lead']);
        const res = await lead.post('/api/pdc', { staffId: clinician.staff.id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' });
        return (await json('a PDC', res)).pdc.id;
      }
      case 'pdcItem': {
        const lead = await t.signIn(t.service.a['clinical-lead']);
        const res = await lead.post(`/api/pdc/${await get('pdc')}/items`, { kind: 'objective', text: 'Lead the falls group' });
        return (await json('a PDC objective', res)).pdc.items[0].id;
      }
      // A red alert raised for a support worker of the team, for its responder's pages (a lead's).
      case 'alert':
        return (await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'fuzz', now: t.clock.now() }), kind: 'red', teamId: t.service.teamA, staffId: t.service.a['support-worker'].id, sessionId: null }))).alertId;
    }
  };
  return { get };
}
