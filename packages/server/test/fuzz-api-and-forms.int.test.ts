// Bad input never causes a 500. Every route the app has (the JSON API from the OpenAPI document and
// every page, found by asking Fastify for its routes) is sent a valid request, mutated by fast-check
// with a fixed seed: NUL bytes and lone surrogates, numbers past what a column holds, impossible
// dates, odd UUIDs, repeated query keys and form fields, the wrong shape, the wrong content type, an
// empty body. A clinician of the patient's own team sends them, with real ids, so requests reach the
// code past the access check. For every request: never a 5xx, nor a value only the database caught;
// a refusal (4xx) wrote nothing (a row trigger counts every row written to every table but the audit
// and the session and idempotency bookkeeping); a JSON 400 names the fields at fault; a page 400
// shows the NHS.UK error summary. Each class found is kept in a fixed corpus below.
// To explore further: HOMEWARD_FUZZ_SEED picks another seed, HOMEWARD_FUZZ_RUNS another number of
// requests per route, HOMEWARD_FUZZ_ONLY a regular expression of routes, HOMEWARD_FUZZ_REPORT a file
// for the findings as JSON, HOMEWARD_FUZZ_DEBUG lists routes whose valid request was refused.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeForm, encodeQuery, mutateForm, mutateJson, planArbitrary, rawJson, toJsonText, type FormFields, type Plan } from './fuzz-inputs.ts';
import { freshEmail, freshEquipmentName, freshNhsNumber, newWorld, validBodies, versionTable, type FuzzWorld, type RecordKind } from './fuzz-world.ts';
import { postFormsOn } from './html-forms.ts';
import { changedTables, tableSnapshotter, type TableSnapshot } from './table-snapshot.ts';
import { missedValidationMessage } from '../src/platform/error-handler.ts';
import { bootTestApp, patientDetails, signIn, type TestApp, type TestClient } from './test-app.ts';
import { testEngine } from './test-database.ts';

// Each database is fuzzed with a seed of its own: the two runs together send 12 different mutations
// per route, where one seed on both sent the same 14 twice (and took two minutes of every CI run).
// Six each, not nine: nine took 160 s of a CI run on a slow machine, which went past its 20 minutes.
const seed = Number(process.env.HOMEWARD_FUZZ_SEED ?? (testEngine === 'postgres' ? 20_261_125 : 20_261_124));
const runsPerRoute = Number(process.env.HOMEWARD_FUZZ_RUNS ?? 6);

type Route = { method: string; url: string };
type Actor = 'clinician' | 'lead' | 'administrator' | 'privacy-officer' | 'anonymous' | 'throwaway';

/** Every route Fastify has, read from its route tree (HEAD and static files left out). */
function routesOf(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const pathAtDepth: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth === 0 ? '' : pathAtDepth[depth - 1]!) + m[2]!;
    pathAtDepth[depth] = path;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: path });
    }
  }
  const skipped = (url: string) => url === '/*' || url.startsWith('/assets/') || url === '/api/openapi.json' || url === '/api/health';
  return routes.filter((r) => !skipped(r.url)).sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
}

function actorFor(route: Route): Actor {
  const { url, method } = route;
  if (url === '/sign-in' || (url === '/api/sessions' && method === 'POST')) return 'anonymous';
  if (url === '/sign-out' || url === '/api/sessions/current') return 'throwaway';
  if (url.includes('competences')) return 'clinician';
  // A CPD log is its owner's (issue 16 #3): the clinician fuzzes their own.
  if (url.includes('/cpd')) return 'clinician';
  // The rota is kept by the clinical lead (issue 13).
  if (url.startsWith('/rota') || url.startsWith('/api/rota')) return 'lead';
  if (url.startsWith('/api/staff') || url.startsWith('/staff') || url === '/api/teams') return 'administrator';
  if (url.startsWith('/api/audit') || url.startsWith('/audit')) return 'privacy-officer';
  // The visit plan is the team lead's.
  if (url.startsWith('/api/visits/plans') || url.startsWith('/visits/plan')) return 'lead';
  // Raising an equipment recall is the lead's.
  if (url.startsWith('/api/equipment/recalls') || url.startsWith('/equipment/recalls/new')) return 'lead';
  // A lone-working alert's responder pages and the team's ladder: the lead's.
  if (url.startsWith('/lone-working/alerts') || url.startsWith('/lone-working/settings')) return 'lead';
  // The equipment catalogue and stores are the lead's to keep (issue 15, catalogue part).
  if (/^(\/api)?\/equipment(\/(catalogue|stores|items|inspections|look-up)|$)/.test(url)) return 'lead';
  // Naming a supervisor, and the team's supervision: the lead's.
  if (/^(\/api)?\/supervision\/(people\/:staffId\/supervisor|team)/.test(url)) return 'lead';
  // safeguarding (issue 17 #2): designations are the administrator's (or the service manager's); the decision, naming and closing the safeguarding lead's (the clinical lead, in the fuzz world).
  if (/^(\/api)?\/safety\/designations/.test(url)) return 'administrator';
  if (/^\/(api\/safeguarding-concerns|safety\/safeguarding)\/:concernId\/(decision|people|close)/.test(url)) return 'lead';
  // pdc-training: the training matrix, imports and compliance, and the PDCs the lead holds.
  if (/^\/(api\/)?(training|pdc)(\/|$)/.test(url)) return 'lead';
  // The risk register's changes are its owner's: the clinical lead owns the fuzzed risk (issue 17 #3).
  if (/^(\/api)?\/safety\/risk/.test(url)) return 'lead';
  return 'clinician';
}

/** Which record a path parameter names, by where it sits in the route. */
function kindOfParam(url: string, name: string): RecordKind {
  if (name === 'concernId') return 'safeguardingConcern';
  if (name === 'namedId') return 'safeguardingNamed';
  if (name === 'designationId') return 'safetyDesignation';
  if (name === 'noteId') return /amend/.test(url) ? 'finalNote' : 'draftNote';
  if (name === 'consentId') return 'consent';
  if (name === 'onwardReferralId') return 'onwardReferral';
  if (name === 'exceptionId') return 'rotaException';
  if (name === 'staffId' && /^\/(api\/run-sheets|run-sheet)\//.test(url)) return 'ownStaff';
  if (name === 'staffId' && /^(\/api)?\/supervision\//.test(url)) return 'supervisee';
  if (name === 'sessionId' && url.includes('/supervision/')) return 'supervisionSession';
  if (name === 'actionId' && url.includes('/supervision/')) return 'supervisionAction';
  if (name === 'staffId') return 'staff';
  if (/^(\/api)?\/staff\/:id\/cpd/.test(url)) return 'ownStaff';
  if (/^(\/api)?\/cpd\/:id/.test(url)) return 'cpdEntry';
  if (name === 'date' && url.includes('/visits/plans')) return 'planDate';
  if (name === 'jobId' && url.includes('/visits/plan')) return 'planJob';
  if (name === 'alertId') return 'alert';
  if (name === 'catalogueItemId') return 'equipmentCatalogueItem';
  if (name === 'storeId' && url.includes('/equipment/stores')) return 'equipmentStore';
  if (name === 'itemId' && url.includes('/equipment/items')) return 'equipmentItem';
  // recall-collection
  if (name === 'loanId' && /\/(discharge-decision|collection)$|\/equipment\/(discharge|collections)\//.test(url)) return 'deliveredEquipmentLoan';
  if (name === 'recallId') return 'equipmentRecall';
  if (name === 'actionId' && url.includes('recall')) return 'equipmentRecallAction';
  if (name === 'report' && url.includes('/equipment/reports/')) return 'equipmentReport';
  if (name === 'incidentId') return 'incident';
  if (name === 'actionId' && url.includes('/safety/incidents/')) return 'incidentAction';
  if (name === 'report' && /^(\/api)?\/reports\//.test(url)) return 'report';
  if (name === 'meetingId') return 'mdtMeeting';
  if (name === 'itemId' && url.includes('/mdt/')) return 'mdtAgendaItem';
  if (name === 'actionId' && url.includes('/mdt/')) return 'mdtAction';
  if (name === 'courseId') return 'trainingCourse';
  if (name === 'importId') return 'trainingImport';
  if (name === 'pdcId') return 'pdc';
  if (name === 'itemId' && url.includes('/pdc/')) return 'pdcItem';
  if (name === 'riskId') return 'risk';
  if (name === 'actionId' && url.includes('/safety/risk')) return 'riskAction';
  if (url.replace(/^\/api/, '').startsWith('/episode-supervisions/')) return 'supervision';
  if (name === 'sessionId' && url.includes('/lone-working/')) return 'loneWorkingSession';
  if (name === 'alertId' && url.includes('/lone-working/amber/')) return 'amberAlert';
  if (name === 'visitId' && url.startsWith('/lone-working/visits/')) return 'plannedVisit';
  if (/^\/run-sheet\/visits\//.test(url) || /^\/api\/visits\/:id\/(outcome|done)$/.test(url)) return 'plannedVisit';
  const path = url.replace(/^\/api/, '');
  if (path.startsWith('/equipment-loans/')) return 'equipmentLoan'; // loans
  if (path.startsWith('/patients/') || path.startsWith('/audit/patients/')) return 'patient';
  if (path.startsWith('/episodes/')) return 'episode';
  if (path.startsWith('/referrals/')) return 'referral';
  if (path.startsWith('/goals/')) return 'goal';
  if (path.startsWith('/programme-activities/')) return 'activity';
  if (path.startsWith('/discharge-summaries/')) return /letters/.test(path) ? 'finalSummary' : 'summary';
  if (path.startsWith('/letters/')) return 'letter';
  if (url.startsWith('/fhir/R4/Patient/')) return 'patient';
  if (path.startsWith('/staff/')) return 'staff';
  if (path.startsWith('/competences/')) return 'competence';
  if (path.startsWith('/visits/')) return 'visit';
  throw new Error(`no fixture for :${name} in ${url}`);
}

/** What must exist before a route makes sense, beyond its own parameters (e.g. a summary before its letter). */
function alsoNeeds(route: Route): RecordKind[] {
  if (route.url.includes('discharge-summary/letters') || route.url.includes('discharge-summary/redraft')) return ['finalSummary'];
  if (route.url.includes('discharge-summary/save')) return ['summary'];
  if (route.url.includes('onward-referrals/:onwardReferralId')) return ['onwardReferral'];
  if (route.url.includes('/programme/carer-sheet')) return ['activity'];
  return [];
}

const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);

const validRisk = (ids: Record<string, string>) => ({
  title: 'Lone visits with no signal', description: 'No signal in the villages', cause: 'No coverage', effect: 'Cannot call for help', teamId: null, ownerId: ids.lead,
  controls: 'Check-ins', gapsInControls: '', targetLikelihood: 2, targetConsequence: 3, reviewOn: '2026-12-20',
});

/** Valid JSON bodies for the API's writes, where the schema alone would not get past the rules. */
const knownBodies: Record<string, (ids: Record<string, string>) => unknown> = {
  'POST /api/patients': () => patientDetails({ nhsNumber: freshNhsNumber() }),
  'POST /api/referrals': (ids) => validBodies.referral(ids.patient!),
  'POST /api/referrals/:id/triage': () => ({ complexity: 'non-complex', complexityReason: 'Single need', priority: 'P2', skillsNeeded: ['OT'], notes: null, visitsPerWeek: 2 }),
  'POST /api/referrals/:id/reject': () => ({ reason: 'outside-area', detail: 'Lives in Cheshire' }),
  'POST /api/episodes/:id/contact-notes': () => validBodies.note,
  'PUT /api/contact-notes/:noteId': () => validBodies.note,
  'POST /api/contact-notes/:noteId/amendments': () => ({ ...validBodies.note, reason: 'Wrong time' }),
  'POST /api/contact-notes/:noteId/finalise': () => ({ consentMissingReason: null }),
  'POST /api/episodes/:id/consent': () => validBodies.consent,
  'POST /api/episodes/:id/goals': () => validBodies.goal,
  'PATCH /api/goals/:id': () => ({ statement: 'I want to make tea for two' }),
  'POST /api/goals/:id/attainments': () => ({ level: 0, timePoint: 'review', ratedOn: '2026-11-24', note: null }),
  'POST /api/episodes/:id/programme': () => validBodies.activity,
  'POST /api/programme-activities/:id/status': () => ({ status: 'stopped', reason: 'Set in error' }),
  'POST /api/programme-activities/:id/completions': () => ({ doneOn: '2026-11-24', outcome: 'done', reportedBy: 'carer', note: null }),
  'POST /api/episodes/:id/reviews': () => ({ kind: 'half-way', heldOn: '2026-11-24', summary: 'Walking indoors', decision: 'continue', nextReviewOn: '2026-12-20', plannedEndOn: null }),
  'POST /api/episodes/:id/onward-referrals': () => validBodies.onwardReferral,
  'POST /api/episodes/:id/discharge': () => ({ outcome: 'goals-met', destination: 'home-no-support', dischargedOn: '2026-11-24' }),
  'POST /api/episodes/:id/allocation': (ids) => ({ staffId: ids.lead, reason: 'caseload-balance' }),
  'POST /api/episodes/:id/hand-over': (ids) => ({ staffId: ids.lead, reason: 'caseload-balance', note: 'Back from leave' }),
  'POST /api/episodes/:id/first-contact': () => ({ at: '2026-11-24T08:00:00Z', assessed: true }),
  'POST /api/episodes/:id/hold': () => ({ reason: 'admitted-to-hospital', note: 'Ward 7' }),
  'PATCH /api/discharge-summaries/:id': () => ({ sections: [{ id: 'advice', text: 'Keep practising', patientText: 'Keep practising' }] }),
  'POST /api/discharge-summaries/:id/letters': () => ({ recipient: 'patient', printSize: 'standard' }),
  'POST /api/episodes/:id/assessments': () => ({ instrumentId: 'timed-up-and-go', method: 'observed', timePoint: 'baseline', administeredAt: '2026-11-24T08:00:00Z', responses: { seconds: 15.2, aid: 2, assistance: 1 } }),
  'POST /api/patients/:id/break-glass': () => ({ reason: 'Covering another team', detail: 'Fuzz' }),
  'POST /api/staff/:id/competences': () => ({ competence: 'kitchen-practice', assessedOn: '2026-11-20', note: null }),
  'POST /api/competences/:id/withdraw': () => ({ reason: 'Left the team' }),
  'POST /api/staff/:id/cpd': () => validBodies.cpdEntry,
  'PUT /api/cpd/:id': () => validBodies.cpdEntry,
  'PATCH /api/visits/:id': () => ({ pinnedStart: '10:00' }),
  'POST /api/visits/:id/cancellation': () => ({ reason: 'Patient in hospital' }),
  'PUT /api/rota/staff/:staffId/pattern': () => ({ week: [{ weekday: 1, start: '08:30', end: '16:30', breakMinutes: 30 }], startsFrom: 'base', carDriver: true, workPhone: null }),
  'POST /api/rota/staff/:staffId/exceptions': () => ({ kind: 'annual-leave', startsOn: '2026-12-21', endsOn: '2026-12-23', note: 'Fuzz' }),
  'POST /api/supervision/sessions': (ids) => ({ superviseeId: ids.supervisee, heldOn: '2026-11-20', kind: 'clinical', themes: 'Caseload', cases: [], actions: [{ action: 'Read the policy', ownerId: ids.clinician, dueOn: '2026-12-04' }] }),
  'PUT /api/supervision/people/:staffId/supervisor': (ids) => ({ supervisorId: ids.lead, version: 1 }),
  'PUT /api/rota/on-call': (ids) => ({ date: '2026-11-25', staffId: ids.clinician, managerStaffId: ids.lead }),
  'POST /api/mdt/meetings': () => ({ on: '2026-11-26', at: '13:00', place: 'Seminar room' }),
  // safety, incidents (issue 17 #1)
  'POST /api/safety/incidents': () => ({ kind: 'near-miss', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'patient-home', location: 'Kitchen', category: 'fall', whatHappened: 'Nearly slipped', affected: 'staff', immediateActions: 'Mopped the floor', physicalHarm: 'none' }),
  'POST /api/safety/incidents/:incidentId/triage': () => ({ investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', note: 'Local review' }),
  'POST /api/safety/incidents/:incidentId/notes': () => ({ note: 'Spoke to the stores lead' }),
  'PUT /api/safety/incidents/:incidentId/learning': () => ({ findings: 'Unlabelled', learning: 'Label them' }),
  'POST /api/safety/incidents/:incidentId/actions': (ids) => ({ action: 'Label the slings', ownerId: ids.clinician, dueOn: '2026-11-30' }),
  'POST /api/safety/incidents/:incidentId/close': () => ({ learning: 'Label them', outcomeForReporter: 'Thank you' }),
  'POST /api/mdt/meetings/:meetingId/attendees': () => ({ name: 'Sam Shaw', role: 'Social worker' }),
  'POST /api/mdt/meetings/:meetingId/actions': (ids) => ({ action: 'Call the GP', ownerId: ids.clinician, dueOn: '2026-11-30' }),
  'PUT /api/mdt/agenda-items/:itemId': () => ({ discussion: 'Falls at transfer', decision: 'Joint visit' }),
  'POST /api/episodes/:id/mdt-flag': () => ({ reason: 'Carer strain' }),
  'POST /api/safeguarding-concerns': (ids) => ({ episodeId: ids.episode, kind: 'adult', categories: ['self-neglect'], personAtRisk: 'patient', concern: 'No food in the house', immediateDanger: false, immediateActions: 'Food parcel', consentToShare: 'given' }),
  'PUT /api/safeguarding-concerns/:concernId/decision': () => ({ decision: 'monitor', reason: 'Weekly visits' }),
  'POST /api/safeguarding-concerns/:concernId/notes': () => ({ note: 'Called the local authority' }),
  'POST /api/safeguarding-concerns/:concernId/people': (ids) => ({ staffId: ids.clinician }),
  'POST /api/safety/designations': (ids) => ({ staffId: ids.manager, startsOn: '2026-11-24' }),
  // risk register (issue 17 #3)
  'POST /api/safety/risks': (ids) => ({ ...validRisk(ids), likelihood: 3, consequence: 4 }),
  'PUT /api/safety/risks/:riskId': (ids) => validRisk(ids),
  'POST /api/safety/risks/:riskId/reviews': () => ({ likelihood: 3, consequence: 3, note: 'Checked', nextReviewOn: '2027-01-20' }),
  'POST /api/safety/risks/:riskId/actions': (ids) => ({ action: 'Buy a satellite phone', ownerId: ids.clinician, dueOn: '2026-12-10' }),
  'POST /api/safety/risks/:riskId/close': () => ({ reason: 'Phones issued' }),
  'POST /api/sessions': () => ({ email: 'nobody@test.example', password: 'not-the-password' }),
  'POST /api/equipment/catalogue': () => ({ code: freshEquipmentName('code'), name: 'Bath board', category: 'bathing', stockKind: 'stock', prescriber: 'assistant', unitCostPence: 2500 }),
  'PATCH /api/equipment/catalogue/:catalogueItemId': () => ({ code: freshEquipmentName('code'), name: 'Mobile hoist', category: 'transfers', stockKind: 'tracked', loler: true, inspectionIntervalMonths: 6, prescriber: 'registered', unitCostPence: 290000 }),
  'POST /api/equipment/stores': () => ({ name: freshEquipmentName('store') }),
  'POST /api/equipment/stores/:storeId/stock-moves': (ids) => ({ catalogueItemId: ids.equipmentStockItem, reason: 'received', change: 2, version: 1 }),
  'POST /api/equipment/items': (ids) => ({ catalogueItemId: ids.equipmentCatalogueItem, serialNumber: freshEquipmentName('serial'), storeId: ids.equipmentStore }),
  'POST /api/equipment/items/:itemId/inspections': () => ({ kind: 'loler', inspectedOn: '2026-11-24', result: 'pass' }),
  'PATCH /api/equipment/items/:itemId': (ids) => ({ storeId: ids.equipmentStore, condition: 'good', status: 'in-repair' }),
  'POST /api/training/courses': () => ({ code: `FUZZ-NEW-${freshEmail('course')}`.slice(0, 60), name: 'Manual Handling', renewalMonths: 36, roles: ['support-worker'] }),
  'PUT /api/training/courses/:courseId': () => ({ name: 'Fire Safety', renewalMonths: 12, active: true, roles: [] }),
  'POST /api/training/imports': (ids) => ({ fileName: 'esr.csv', csv: `Email Address,Competence Name,Achievement Date\nfuzz@test.example,FIRE,01/11/2026\n${ids.clinician}` }),
  'POST /api/pdc': (ids) => ({ staffId: ids.clinician, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' }),
  'POST /api/pdc/:pdcId/items': () => ({ kind: 'objective', text: 'Lead the falls group', reviewOn: '2027-02-20' }),
  'PUT /api/pdc/:pdcId/items/:itemId': () => ({ text: 'Lead the falls group', status: 'partly-met', progress: 'Half way' }),
  'PUT /api/staff/:id/password': () => ({ password: 'another-long-password-2' }),
  'POST /api/staff': (ids) => ({ givenName: 'New', familyName: 'Starter', email: freshEmail('new'), profession: 'OT', registrationNumber: 'OT12345', band: '5', homewardRole: 'registered-therapist', teamId: ids.team, password: 'a-long-enough-password-1', contractedHours: 37.5 }),
  // loans (a prescribed perching stool: the delivery needs a store the schema cannot name, so it is refused with its field)
  'POST /api/equipment-loans/:loanId/training': () => ({ personKind: 'carer', personName: 'Sarah Brown', whatTaught: 'Checking the feet touch the floor', understood: 'yes', taughtOn: '2026-11-24' }),
  'POST /api/equipment-loans/:loanId/cancellation': () => ({ reason: 'The patient declined it' }),
  'PUT /api/staff/:id': (ids) => ({ givenName: 'Fuzz', familyName: 'Target', email: freshEmail('changed'), profession: 'none', registrationNumber: null, band: '3', homewardRole: 'support-worker', teamId: ids.team, baseLocation: null, contractedHours: 30, active: true }),
};

/** Query strings a route needs to do anything (a search needs something to search for). */
const knownQueries: Record<string, Record<string, string>> = {
  '/api/patients': { nhsNumber: '9434765919' },
  '/patients/search': { by: 'nhs', nhsNumber: '9434765919' },
  '/episodes/:id/assessments/new': { instrument: 'timed-up-and-go' },
  '/api/reports/first-contact': { from: '2026-11-01', to: '2026-11-24' },
  '/api/rota/on-call': { date: '2026-11-25' },
  '/rota/on-call': { date: '2026-11-25' },
};

type JsonSchema = { type?: string | string[]; enum?: unknown[]; format?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; minimum?: number; maxLength?: number; default?: unknown };

/** A value that passes the OpenAPI schema, for bodies not in knownBodies. */
function exampleOf(schema: JsonSchema | undefined, name: string, ids: Record<string, string>): unknown {
  if (!schema) return undefined;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return exampleOf(schema.anyOf[0], name, ids);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, exampleOf(s, k, ids)]));
    case 'array':
      return [exampleOf(schema.items, name, ids)];
    case 'string':
      if (schema.format === 'uuid') return /staff/i.test(name) ? ids.clinician : /team/i.test(name) ? ids.team : /patient/i.test(name) ? ids.patient : undefined;
      if (schema.format === 'date') return '2026-11-24';
      if (schema.format === 'date-time') return '2026-11-24T08:00:00Z';
      return 'Fuzz text'.slice(0, schema.maxLength ?? 100);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

type Finding = { route: string; status: number; problem: string; request: string; response: string };

const excerpt = (text: string | undefined, n = 300) => (text === undefined ? '' : JSON.stringify(text.length > n ? `${text.slice(0, n)}…` : text));

describe(`fuzzing the JSON API and the forms (${testEngine}, seed ${seed})`, () => {
  let t: TestApp;
  const clients = {} as Record<'clinician' | 'lead' | 'administrator' | 'privacy-officer', TestClient>;
  let openapi: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: Array<{ in: string; name: string }> }>> };
  let snapshot: () => Promise<TableSnapshot>;
  let last: TableSnapshot;
  const findings: Finding[] = [];
  const covered = new Set<string>();
  let requests = 0;
  const statuses = new Map<number, number>();
  /** Routes whose unmutated request was refused: the fuzzing of those stops at the first check. */
  const refusedWhenValid: string[] = [];
  let sharedWorld: FuzzWorld;
  /** The world write routes aim at, until a write is accepted in it; then the next route gets a new one. */
  let writeWorld: FuzzWorld;
  let writeWorldChanged = false;
  const routes: Route[] = [];
  /** Query keys any page or API route reads, from the OpenAPI document and the pages' links. */
  const queryKeys = new Set(['done', 'registered', 'saved', 'rejected', 'received', 'triaged', 'page', 'limit', 'before', 'days', 'created', 'password', 'activity', 'letter', 'instrument', 'timePoint', 'by', 'q', 'next', 'kind', 'staffId', 'team', 'service', 'pathway', 'priority', 'breached', 'unallocated', 'from', 'to', 'status', 'nhsNumber', 'familyName', 'givenName', 'dateOfBirth']);

  beforeAll(async () => {
    t = await bootTestApp();
    clients.clinician = await t.signIn(t.service.a['registered-therapist']);
    clients.lead = await t.signIn(t.service.a['clinical-lead']);
    clients.administrator = await t.signIn(t.service.a.administrator);
    clients['privacy-officer'] = await t.signIn(t.service.a['privacy-officer']);
    openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of Object.values(openapi.paths)) for (const op of Object.values(path)) for (const p of op.parameters ?? []) if (p.in === 'query') queryKeys.add(p.name);
    snapshot = await tableSnapshotter(t.db as never);
    sharedWorld = newWorld(t, clients.clinician);
    writeWorld = newWorld(t, clients.clinician);
  });

  afterAll(async () => {
    if (process.env.HOMEWARD_FUZZ_DEBUG) console.log(`valid requests refused:\n${refusedWhenValid.join('\n')}`);
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
    console.log(`fuzz (${testEngine}, seed ${seed}): ${requests} requests over ${covered.size} routes; answers ${answers}; ${findings.length} findings`);
    await t?.close();
  });

  /** Sends one request and checks it; problems are collected so one run lists them all. */
  async function send(route: Route, actor: Actor, options: InjectOptions & { headers: Record<string, string> }, client: TestClient | null, anonymousCookie: string | null): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (client) {
      headers.cookie = client.cookie;
      if (route.url.startsWith('/api/') || route.url.startsWith('/fhir/')) headers['x-csrf-token'] = client.csrfToken;
    } else if (anonymousCookie) headers.cookie = anonymousCookie;
    const res = await t.app.inject({ ...options, headers });
    requests++;
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    covered.add(`${route.method} ${route.url}`);
    // A read that was answered wrote nothing but the audit: no need to look (a refusal after it would show it if it had).
    const after = res.statusCode < 400 && options.method === 'GET' ? last : await snapshot();
    const describeRequest = () => `${options.method} ${String(options.url).slice(0, 300)} as ${actor} [${headers['content-type'] ?? '-'}] ${excerpt(options.payload as string | undefined)}`;
    const note = (problem: string) => findings.push({ route: `${route.method} ${route.url}`, status: res.statusCode, problem, request: describeRequest(), response: excerpt(res.body) });
    if (res.statusCode < 400 && options.method !== 'GET') writeWorldChanged = true;
    if (res.statusCode >= 500) note('server error');
    else if (res.body.includes(missedValidationMessage)) note('the database refused a value the schema let through (the backstop caught it)');
    else if (res.statusCode >= 400) {
      const changed = changedTables(last, after);
      if (changed.length) note(`refused but wrote to ${changed.join(', ')}`);
      if (res.statusCode === 400) {
        if (route.url.startsWith('/api/')) {
          const fields = (res.json() as { error?: { fields?: Array<{ path?: unknown; message?: unknown }> } }).error?.fields;
          if (!fields?.length || fields.some((f) => typeof f.path !== 'string' || !f.path || typeof f.message !== 'string' || !f.message)) note('JSON 400 without field paths');
        } else if (route.url.startsWith('/fhir/')) {
          const outcome = res.json() as { resourceType?: unknown; issue?: unknown[] };
          if (outcome.resourceType !== 'OperationOutcome' || !outcome.issue?.length) note('FHIR 400 without an OperationOutcome');
        } else if (String(res.headers['content-type']).startsWith('text/html') && !res.body.includes('nhsuk-error-summary')) note('page 400 without the NHS.UK error summary');
      }
    }
    last = after;
    return res;
  }

  async function currentVersion(kind: RecordKind | undefined, id: string | undefined): Promise<number | undefined> {
    const table = kind ? versionTable[kind] : undefined;
    if (!table || !id) return undefined;
    const row = await t.db.selectFrom(table as 'patients').select('version').where('id', '=', id).executeTakeFirst();
    return row?.version;
  }

  async function fuzzRoute(route: Route): Promise<void> {
    const actor = actorFor(route);
    const isApi = route.url.startsWith('/api/');
    const writes = route.method !== 'GET';
    const summaryRoute = /discharge-summar/.test(route.url);
    if (writes && summaryRoute) writeWorld = newWorld(t, clients.clinician);
    const world = writes ? writeWorld : sharedWorld;
    // The FHIR API's routes are per resource type: fuzz them as Patient (reads) and ServiceRequest (referrals in).
    const fuzzUrl = route.url.replace('/fhir/R4/:type', route.method === 'POST' ? '/fhir/R4/ServiceRequest' : '/fhir/R4/Patient');
    const names = paramNames(fuzzUrl);
    const kinds = names.map((n) => kindOfParam(fuzzUrl, n));
    const ids: Record<string, string> = { clinician: clients.clinician.staff.id, lead: t.service.a['clinical-lead'].id, team: t.service.teamA };
    const paramValues: string[] = [];
    for (const k of alsoNeeds(route)) await world.get(k);
    for (const k of kinds) paramValues.push(await world.get(k));
    if (isApi || route.url.includes('patients')) ids.patient = await world.get('patient');
    if (route.url.startsWith('/api/equipment/stores/') || route.url.startsWith('/api/equipment/items')) {
      ids.equipmentStockItem = await world.get('equipmentStockItem');
      ids.equipmentCatalogueItem = await world.get('equipmentCatalogueItem');
      ids.equipmentStore = await world.get('equipmentStore');
    }
    if (route.url.includes('/supervision/')) ids.supervisee = await world.get('supervisee');
    if (route.url.includes('safeguarding') || route.url.includes('/safety/')) {
      ids.episode = await world.get('episode');
      ids.manager = t.service.a['service-manager'].id;
    }
    const versionOf = kinds.length ? kinds[kinds.length - 1] : undefined;
    const versionId = paramValues[paramValues.length - 1];
    const concrete = (values: string[]) => {
      let i = 0;
      return fuzzUrl.replace(/:(\w+)/g, () => values[i++]!);
    };
    const url = concrete(paramValues);
    const query = encodeQuery(knownQueries[route.url] ?? {}, []);

    let anonymousCookie: string | null = null;
    let jsonBody: unknown;
    let versionKey: string | undefined;
    let formFields: FormFields | null = null;
    if (isApi) {
      const op = openapi.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const schema = op?.requestBody?.content['application/json']?.schema;
      versionKey = schema?.properties?.version ? 'version' : undefined;
      jsonBody = knownBodies[`${route.method} ${route.url}`]?.(ids) ?? (schema ? exampleOf(schema, '', ids) : undefined);
      if (route.url === '/api/patients/:id' && route.method === 'PUT') {
        const current = (await clients.clinician.get(url)).json() as Record<string, unknown>;
        const { id: _i, version: _v, registeredTeamId: _t, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = current;
        jsonBody = details;
      }
    } else if (actor === 'throwaway') {
      formFields = [['_csrf', '']];
    } else if (writes) {
      // The form as the app shows it: on the same address, or on the page it belongs to.
      const client = actor === 'anonymous' ? null : clients[actor];
      const candidates = [url + query, url.replace(/\/[^/]+$/, ''), url.replace(/\/[^/]+\/[^/]+$/, ''), url.split('/').slice(0, 3).join('/')].filter((page) => page !== ''); // a short address has no page above it
      for (const page of candidates) {
        const res = client ? await client.get(page) : await t.app.inject({ method: 'GET', url: page });
        if (!client) {
          const c = res.cookies.find((cookie) => cookie.name === 'hw_sign_in');
          if (c) anonymousCookie = `hw_sign_in=${c.value}`;
        }
        const form = postFormsOn(res.body, { nhsNumber: freshNhsNumber, email: () => freshEmail('form') }).find((f) => f.action === url || f.action.startsWith(`${url}?`) || f.action.startsWith(`${url}#`));
        if (form) {
          formFields = form.fields;
          break;
        }
      }
      if (!formFields && process.env.HOMEWARD_FUZZ_DEBUG) {
        for (const page of candidates) {
          const res = client ? await client.get(page) : await t.app.inject({ method: 'GET', url: page });
          console.log(`no form for ${url} on ${page}: ${res.statusCode} ${postFormsOn(res.body).map((f) => f.action).join(' ')}`);
        }
      }
      formFields ??= client ? [['_csrf', client.csrfToken]] : [];
    }

    const hasBody = writes && (jsonBody !== undefined || formFields !== null);
    // Setting the route up wrote its records; a refusal is judged against what stood after that.
    last = await snapshot();
    const plans = fc.sample(planArbitrary({ queryKeys: [...queryKeys], hasParams: names.length > 0, hasBody }), { seed: seed ^ hashOf(`${route.method} ${route.url}`), numRuns: runsPerRoute });
    const context = { versionKey, url, names, paramValues, concrete, jsonBody, formFields, anonymousCookie, versionOf, versionId, hasBody };
    for (const plan of plans) await sendPlan(route, actor, plan, context);
    // Last, the valid request itself, so every route is also walked to the end once.
    const valid = await sendPlan(route, actor, { body: [], form: [], param: null, query: [], transport: 'as-is' }, context);
    if (valid.statusCode >= 400) {
      const summary = [...valid.body.matchAll(/<li>\s*(?:<a [^>]*>)?\s*([^<]+?)\s*</g)].map((m) => m[1]).join(' | ');
      refusedWhenValid.push(`${route.method} ${route.url} -> ${valid.statusCode} ${isApi ? valid.body.slice(0, 200) : `${summary.slice(0, 300)} ${JSON.stringify(formFields).slice(0, 600)}`}`);
    }
    if (writeWorldChanged || summaryRoute) {
      writeWorld = newWorld(t, clients.clinician);
      writeWorldChanged = false;
    }
  }

  async function sendPlan(
    route: Route,
    actor: Actor,
    plan: Plan,
    o: { versionKey: string | undefined; url: string; names: string[]; paramValues: string[]; concrete: (values: string[]) => string; jsonBody: unknown; formFields: FormFields | null; anonymousCookie: string | null; versionOf: RecordKind | undefined; versionId: string | undefined; hasBody: boolean },
  ): Promise<LightMyRequestResponse> {
    const isApi = route.url.startsWith('/api/');
    let url = o.url;
    if (plan.param) {
      const values = [...o.paramValues];
      values[plan.param.at % values.length] = plan.param.raw ? plan.param.value : encodeURIComponent(plan.param.value.replace(/[\ud800-\udfff]/g, '\ufffd'));
      url = o.concrete(values);
    }
    url += encodeQuery(knownQueries[route.url] ?? {}, plan.query);
    const version = await currentVersion(o.versionOf, o.versionId);
    let payload: string | undefined;
    let contentType: string | undefined;
    if (o.hasBody && isApi) {
      let valid = o.jsonBody;
      if (typeof valid === 'object' && valid !== null && version !== undefined && o.versionKey) valid = { ...valid, [o.versionKey]: version };
      payload = toJsonText(mutateJson(valid, plan.body));
      contentType = 'application/json';
    } else if (o.hasBody && o.formFields) {
      const valid = o.formFields.map(([k, v]): [string, string | { raw: string }] => (k === 'version' && version !== undefined ? [k, String(version)] : [k, v]));
      payload = encodeForm(mutateForm(valid, plan.form));
      contentType = 'application/x-www-form-urlencoded';
    }
    switch (plan.transport) {
      case 'empty':
        payload = undefined;
        break;
      case 'form-encoded':
        contentType = 'application/x-www-form-urlencoded';
        break;
      case 'json':
        payload = toJsonText(Object.fromEntries(new URLSearchParams(payload ?? '')));
        contentType = 'application/json';
        break;
      case 'text/plain':
        contentType = 'text/plain';
        break;
      case 'json-latin1':
        contentType = 'application/json; charset=latin1';
        break;
      case 'json-bom':
        payload = `\ufeff${payload ?? ''}`;
        break;
      case 'no-content-type':
        contentType = undefined;
        break;
      case 'as-is':
        break;
    }
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    if (actor === 'throwaway') {
      const client = await signIn(t.app, t.service.a['registered-therapist']);
      const form = !isApi && payload !== undefined ? payload.replace(/(^|&)_csrf=[^&]*/, `$1_csrf=${client.csrfToken}`) : payload;
      return send(route, actor, { method: route.method as 'POST', url, payload: form, headers }, client, null);
    }
    const client = actor === 'anonymous' ? null : clients[actor];
    return send(route, actor, { method: route.method as 'POST', url, payload, headers }, client, o.anonymousCookie);
  }

  /**
   * Each class of bad input the fuzzer (or the issue) found, kept as a fixed case: what was sent,
   * and the specific refusal it must get; then the classes the issue named that already held.
   */
  const corpus: Array<{ name: string; send(w: FuzzWorld, c: TestClient): Promise<LightMyRequestResponse>; status: number; path?: string; page?: string }> = [
    // Found by the fuzzer or the issue: each was a 500, or an unhelpful refusal, before its fix.
    {
      name: 'a NUL byte in a text field (PostgreSQL cannot store it)',
      send: (_w, c) => c.post('/api/patients', patientDetails({ nhsNumber: freshNhsNumber(), familyName: 'Bl\u0000oor' })),
      status: 400,
      path: 'body.familyName',
    },
    {
      name: 'a NUL byte deep inside a JSON body',
      send: (_w, c) => c.post('/api/patients', patientDetails({ nhsNumber: freshNhsNumber(), contacts: [{ name: 'Sarah\u0000', relationship: 'Daughter', phone: null, isNextOfKin: true, isCarer: false }] })),
      status: 400,
      path: 'body.contacts.0.name',
    },
    {
      name: 'a lone surrogate (not Unicode: it cannot be written as UTF-8)',
      send: (_w, c) => c.post('/api/patients', patientDetails({ nhsNumber: freshNhsNumber(), accessNotes: 'Side door \ud800' })),
      status: 400,
      path: 'body.accessNotes',
    },
    {
      name: 'a version of 2^31 (the column is 32-bit)',
      send: async (w, c) => {
        const id = await w.get('patient');
        const { id: _i, version: _v, registeredTeamId: _t, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = (await c.get(`/api/patients/${id}`)).json();
        return c.put(`/api/patients/${id}`, { ...details, version: 2 ** 31 });
      },
      status: 400,
      path: 'body.version',
    },
    {
      name: 'a NUL byte in a form field',
      send: (_w, c) => c.form('/patients/new', { nhsNumber: freshNhsNumber(), givenName: 'Ada', familyName: 'Wo\u0000od', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '1950', sex: 'female', addressLine1: '1 High Street', town: 'Leek', postcode: 'ST13 5AA', livesAlone: 'no', keySafe: 'no' }),
      status: 400,
      page: 'familyName',
    },
    {
      name: 'a form version of 2^31',
      send: async (w, c) => {
        const id = await w.get('patient');
        const form = postFormsOn((await c.get(`/patients/${id}/edit`)).body).find((f) => f.action === `/patients/${id}/edit`)!;
        return c.form(`/patients/${id}/edit`, Object.fromEntries(form.fields.filter(([k]) => k !== '_csrf').map(([k, v]) => [k, k === 'version' ? '2147483648' : String(v)])));
      },
      status: 400,
      page: 'version',
    },
    {
      name: 'a version of 2^31',
      send: async (w, c) => c.request({ method: 'PATCH', url: `/api/goals/${await w.get('goal')}`, payload: { version: 2 ** 31, statement: 'I want to make tea for two' } }),
      status: 400,
      path: 'body.version',
    },
    {
      name: 'a NUL byte on a route whose body has no schema (the sign-in form)',
      send: async () => {
        const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
        const cookie = page.cookies.find((k) => k.name === 'hw_sign_in')!;
        const form = postFormsOn(page.body).find((f) => f.action === '/sign-in')!;
        const fields = form.fields.map(([k, v]): [string, string] => [k, k === 'email' ? 'a.registered-therapist@test.example\u0000' : k === 'password' ? 'wrong-password' : String(v)]);
        return t.app.inject({ method: 'POST', url: '/sign-in', payload: new URLSearchParams(fields).toString(), headers: { cookie: `hw_sign_in=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' } });
      },
      status: 400,
      page: 'body.email',
    },
    {
      name: 'a page address with an id that is not a UUID',
      send: (_w, c) => c.get('/patients/not-a-uuid'),
      status: 400,
      page: 'params.id',
    },
    {
      name: 'an address that is not UTF-8',
      send: (_w, c) => c.get('/api/patients/%FF'),
      status: 400,
      path: 'url',
    },
    // Classes the issue named that the schemas already refused: kept so they stay refused.
    {
      name: 'JSON nested thousands deep',
      send: (_w, c) => {
        // Written as text: JSON.stringify itself runs out of stack this deep.
        const deep = rawJson(`${'['.repeat(5_000)}"x"${']'.repeat(5_000)}`);
        return c.request({ method: 'POST', url: '/api/patients', payload: toJsonText(patientDetails({ nhsNumber: freshNhsNumber(), contacts: deep })), headers: { 'content-type': 'application/json' } });
      },
      status: 400,
      path: 'body.contacts.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0',
    },
    {
      name: 'a date that does not exist',
      send: (_w, c) => c.post('/api/patients', patientDetails({ nhsNumber: freshNhsNumber(), dateOfBirth: '1941-02-30' })),
      status: 400,
      path: 'dateOfBirth',
    },
    {
      name: 'a time in the year 275760 (the last a JavaScript date holds)',
      send: async (w, c) => c.post(`/api/episodes/${await w.get('episode')}/contact-notes`, { ...validBodies.note, occurredAt: '+275760-09-13T00:00:00.000Z' }),
      status: 400,
      path: 'body.occurredAt',
    },
    {
      name: 'a UUID in braces',
      send: async (w, c) => c.get(`/api/patients/%7B${await w.get('patient')}%7D`),
      status: 400,
      path: 'params.id',
    },
    {
      name: 'a query key sent twice',
      send: (_w, c) => c.get('/api/patients?nhsNumber=9434765919&nhsNumber=4010232137'),
      status: 400,
      path: 'querystring.nhsNumber',
    },
    {
      name: 'a JSON API write sent as plain text',
      send: (_w, c) => c.request({ method: 'POST', url: '/api/patients', payload: JSON.stringify(patientDetails({ nhsNumber: freshNhsNumber() })), headers: { 'content-type': 'text/plain' } }),
      status: 400,
      path: 'body',
    },
    {
      name: 'a page address that is not UTF-8',
      send: (_w, c) => c.get('/patients/%C0%80/edit'),
      status: 400,
      page: '(url)',
    },
    {
      name: 'an empty body sent as JSON',
      send: (_w, c) => c.request({ method: 'POST', url: '/api/patients', headers: { 'content-type': 'application/json' } }),
      status: 400,
      path: 'body',
    },
    {
      name: 'a body that is not JSON',
      send: (_w, c) => c.request({ method: 'POST', url: '/api/patients', payload: '{"nhsNumber": ', headers: { 'content-type': 'application/json' } }),
      status: 400,
      path: 'body',
    },
  ];

  it('refuses each known class of bad input with a specific 400, writing nothing', async () => {
    const world = newWorld(t, clients.clinician);
    // Made before the cases, so only the cases' own writes are counted.
    await world.get('patient');
    await world.get('goal');
    await world.get('episode');
    const problems: string[] = [];
    for (const c of corpus) {
      const before = await snapshot();
      const res = await c.send(world, clients.clinician);
      const changed = changedTables(before, await snapshot());
      if (res.statusCode !== c.status) problems.push(`${c.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      else if (c.path && !(res.json() as { error: { fields?: Array<{ path: string }> } }).error.fields?.some((f) => f.path === c.path)) problems.push(`${c.name}: no field ${c.path} in ${res.body.slice(0, 300)}`);
      else if (c.page && !(res.body.includes('nhsuk-error-summary') && res.body.includes(c.page))) problems.push(`${c.name}: no error summary naming ${c.page}`);
      if (changed.length) problems.push(`${c.name}: wrote to ${changed.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  const parts = 6;
  const routesInPart = (part: number) => {
    if (!routes.length) routes.push(...routesOf(t.app));
    const size = Math.ceil(routes.length / parts);
    return routes.slice(part * size, (part + 1) * size);
  };

  for (let part = 0; part < parts; part++) {
    it(`never answers 5xx and writes nothing on refusal: routes, part ${part + 1} of ${parts}`, async () => {
      const only = process.env.HOMEWARD_FUZZ_ONLY ? new RegExp(process.env.HOMEWARD_FUZZ_ONLY) : null;
      const mine = routesInPart(part).filter((r) => !only || only.test(`${r.method} ${r.url}`));
      const before = findings.length;
      for (const route of mine) {
        try {
          await fuzzRoute(route);
        } catch (error) {
          findings.push({ route: `${route.method} ${route.url}`, status: 0, problem: `fuzzer could not set the route up: ${(error as Error).message}`, request: (error as Error).stack ?? '', response: '' });
        }
      }
      if (process.env.HOMEWARD_FUZZ_REPORT) writeFileSync(process.env.HOMEWARD_FUZZ_REPORT, JSON.stringify(findings, null, 1));
      expect(findings.slice(before).map((f) => `${f.route} -> ${f.status} ${f.problem}\n    ${f.request}\n    ${f.response}`)).toEqual([]);
    });
  }

  it.skipIf(!!process.env.HOMEWARD_FUZZ_ONLY)('covered every route the app has, and the route tree agrees with the OpenAPI document', () => {
    const apiOps = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(apiOps.filter((op) => !listed.has(op))).toEqual([]);
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.map((r) => `${r.method} ${r.url}`).filter((r) => !covered.has(r))).toEqual([]);
  });
});

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}
