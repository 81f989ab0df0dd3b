// The database is the last line of defence for the record: every table of clinical entries, histories
// and the audit refuses, in SQL itself, what the application never does (UPDATE, DELETE, TRUNCATE, and
// TRUNCATE ... CASCADE of a parent), and every kind with a final state keeps it. What the record's
// rules still allow goes through: a draft note changes, a final note is reviewed once, a patient's
// address changes with its history kept. One table per row below, on both databases. Each change is
// tried in a transaction that is always rolled back, so every test starts from the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { sealAuditLog } from '../src/audit/seal-audit-log.ts';
import type { Database } from '../src/db/schema.ts';
import { bootTestApp, patientDetails, type TestApp } from './test-app.ts';

type Db = Kysely<Database>;
type Refusal = { message: string; code?: string };
type Change = (trx: Db) => Promise<unknown>;

const rolledBack = new Error('rolled back on purpose');

/** Tries a change in a transaction that is always rolled back: the refusal, or null if it went through. */
async function attempt(db: Db, change: Change): Promise<Refusal | null> {
  try {
    await db.transaction().execute(async (trx) => {
      await change(trx);
      throw rolledBack;
    });
  } catch (error) {
    if (error === rolledBack) return null;
    return error as Refusal;
  }
  throw new Error('unreachable');
}

/** An UPDATE or DELETE that must touch exactly one row, so an allowed change cannot pass by touching none. */
function oneRow(query: (trx: Db) => Promise<{ rows: unknown[] }>): Change {
  return async (trx) => {
    const { rows } = await query(trx);
    if (rows.length !== 1) throw new Error(`expected one row changed, not ${rows.length}`);
  };
}

const homewardGuard = /^HW00[123]$/;

// The rows every test works on, written straight to the database by beforeAll.
const ids = {
  patient: uuidv7(),
  breakGlass: uuidv7(),
  decidedReferral: uuidv7(),
  incomingReferral: uuidv7(),
  dischargedReferral: uuidv7(),
  episode: uuidv7(),
  dischargedEpisode: uuidv7(),
  episodeEvent: uuidv7(),
  acknowledgedOnward: uuidv7(),
  sentOnward: uuidv7(),
  consent: uuidv7(),
  finalNote: uuidv7(),
  draftNote: uuidv7(),
  amendment: uuidv7(),
  assessment: uuidv7(),
  ratedGoal: uuidv7(),
  unratedGoal: uuidv7(),
  rating: uuidv7(),
  withdrawnCompetence: uuidv7(),
  currentCompetence: uuidv7(),
  stoppedActivity: uuidv7(),
  activeActivity: uuidv7(),
  activityEnding: uuidv7(),
  completion: uuidv7(),
  review: uuidv7(),
  finalSummary: uuidv7(),
  draftSummary: uuidv7(),
  letter: uuidv7(),
  amendmentReview: uuidv7(),
  endedSupervision: uuidv7(),
  rotaException: uuidv7(),
  visit: uuidv7(),
  visitPlan: uuidv7(),
  publication: uuidv7(),
  loneWorkingSession: uuidv7(),
  loneWorkingAlert: uuidv7(),
  loneWorkingAlertEvent: uuidv7(),
  currentSupervision: uuidv7(),
  stool: uuidv7(),
  hoist: uuidv7(),
  store: uuidv7(),
  stockMove: uuidv7(),
  hoistItem: uuidv7(),
  stoolLoan: uuidv7(),
  hoistLoan: uuidv7(),
  training: uuidv7(),
  inspection: uuidv7(),
  recall: uuidv7(),
  recallAction: uuidv7(),
  arrangement: uuidv7(),
  supervisionSession: uuidv7(),
  supervisionCase: uuidv7(),
  supervisionAction: uuidv7(),
  cpdEntry: uuidv7(),
  pdc: uuidv7(),
  pdcItem: uuidv7(),
  course: uuidv7(),
  trainingImport: uuidv7(),
  completion2: uuidv7(),
  meeting: uuidv7(),
  attendee: uuidv7(),
  agendaItem: uuidv7(),
  mdtAction: uuidv7(),
  // safeguarding (issue 17 #2)
  designation: uuidv7(),
  openConcern: uuidv7(),
  closedConcern: uuidv7(),
  concernPerson: uuidv7(),
  concernNote: uuidv7(),
  openRisk: uuidv7(),
  closedRisk: uuidv7(),
  riskReview: uuidv7(),
  riskAction: uuidv7(),
  // safety, incidents (issue 17 #1)
  openIncident: uuidv7(),
  closedIncident: uuidv7(),
  incidentUpdate: uuidv7(),
  incidentAction: uuidv7(),
  episodeDelay: uuidv7(),
  fhirReceivedReferral: uuidv7(),
};

type Guarded = {
  table: keyof Database;
  kind: 'append-only' | 'never-deleted';
  /** The table whose TRUNCATE ... CASCADE reaches this one (itself when it references no other). */
  parent: keyof Database;
  /** The row DELETE is tried on. */
  key: { column: string; value: () => string | number };
  /** Changes the database must refuse, with what the refusal says. */
  refused: Array<{ what: string; change: Change; says: RegExp }>;
  /** Changes the record's rules allow, which must still go through. */
  allowed: Array<{ what: string; change: Change }>;
};

const updateRefused = (table: string) => new RegExp(`UPDATE on ${table} is not allowed: this record is append-only`);
const finalRefused = (table: string) => new RegExp(`UPDATE on ${table} is not allowed: a final record is never changed`);
const draftByAnother = /A draft contact note is changed or finalised only by its author/;

const guarded: Guarded[] = [
  {
    table: 'patients',
    kind: 'never-deleted',
    parent: 'teams',
    key: { column: 'id', value: () => ids.patient },
    refused: [],
    allowed: [
      {
        what: "a patient's address changes, and the old one stays in the history",
        change: async (trx) => {
          await oneRow((db) => sql<{ id: string }>`update patients set town = 'Tunstall', version = version + 1 where id = ${ids.patient} returning id`.execute(db))(trx);
          const versions = await trx.selectFrom('patient_versions').select(['version', 'data']).where('patient_id', '=', ids.patient).orderBy('version').execute();
          expect(versions.map((v) => [v.version, (v.data as { town: string }).town])).toEqual([[1, 'Burslem'], [2, 'Tunstall']]);
        },
      },
    ],
  },
  {
    table: 'patient_versions',
    kind: 'append-only',
    parent: 'patients',
    key: { column: 'patient_id', value: () => ids.patient },
    refused: [{ what: 'an earlier version rewritten', change: (trx) => sql`update patient_versions set data = data || '{"town": "Nowhere"}' where patient_id = ${ids.patient}`.execute(trx), says: updateRefused('patient_versions') }],
    allowed: [],
  },
  {
    table: 'break_glass',
    kind: 'append-only',
    parent: 'patients',
    key: { column: 'id', value: () => ids.breakGlass },
    refused: [
      { what: 'a break-glass reason rewritten', change: (trx) => sql`update break_glass set reason = 'Routine' where id = ${ids.breakGlass}`.execute(trx), says: updateRefused('break_glass') },
      { what: 'a break-glass made to last longer', change: (trx) => sql`update break_glass set expires_at = expires_at + interval '1 day' where id = ${ids.breakGlass}`.execute(trx), says: updateRefused('break_glass') },
    ],
    allowed: [],
  },
  {
    table: 'referrals',
    kind: 'never-deleted',
    parent: 'patients',
    key: { column: 'id', value: () => ids.decidedReferral },
    refused: [
      { what: 'an accepted referral turned into a rejection', change: (trx) => sql`update referrals set status = 'rejected', rejection_reason = 'not-eligible', version = version + 1 where id = ${ids.decidedReferral}`.execute(trx), says: finalRefused('referrals') },
      { what: "a decided referral's reason rewritten", change: (trx) => sql`update referrals set reason = 'Something else' where id = ${ids.decidedReferral}`.execute(trx), says: finalRefused('referrals') },
    ],
    allowed: [
      {
        what: 'an incoming referral is decided',
        change: oneRow((trx) => sql<{ id: string }>`update referrals set status = 'accepted', decided_at = now(), version = version + 1 where id = ${ids.incomingReferral} returning id`.execute(trx)),
      },
    ],
  },
  {
    table: 'episodes',
    kind: 'never-deleted',
    parent: 'referrals',
    key: { column: 'id', value: () => ids.episode },
    refused: [
      { what: 'a discharged episode reopened', change: (trx) => sql`update episodes set status = 'active', version = version + 1 where id = ${ids.dischargedEpisode}`.execute(trx), says: finalRefused('episodes') },
      { what: "a discharge's outcome rewritten", change: (trx) => sql`update episodes set discharge_outcome = 'goals-not-met' where id = ${ids.dischargedEpisode}`.execute(trx), says: finalRefused('episodes') },
      { what: 'a discharged episode moved to another patient', change: (trx) => sql`update episodes set patient_id = ${uuidv7()} where id = ${ids.dischargedEpisode}`.execute(trx), says: finalRefused('episodes') },
    ],
    allowed: [
      { what: 'an open episode is put on hold', change: oneRow((trx) => sql<{ id: string }>`update episodes set status = 'on-hold', hold_reason = 'In hospital', version = version + 1 where id = ${ids.episode} returning id`.execute(trx)) },
      {
        what: "a discharged episode's last contact and review date still move (a late note, a review)",
        change: oneRow((trx) => sql<{ id: string }>`update episodes set last_contact_at = now(), review_due_on = current_date, version = version + 1 where id = ${ids.dischargedEpisode} returning id`.execute(trx)),
      },
    ],
  },
  {
    table: 'episode_events',
    kind: 'append-only',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.episodeEvent },
    refused: [{ what: "an event's reason rewritten", change: (trx) => sql`update episode_events set reason = 'Nothing happened' where id = ${ids.episodeEvent}`.execute(trx), says: updateRefused('episode_events') }],
    allowed: [],
  },
  {
    table: 'onward_referrals',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.sentOnward },
    refused: [
      { what: 'an acknowledged onward referral sent elsewhere', change: (trx) => sql`update onward_referrals set to_service = 'Falls clinic' where id = ${ids.acknowledgedOnward}`.execute(trx), says: finalRefused('onward_referrals') },
      { what: 'an acknowledgement taken back', change: (trx) => sql`update onward_referrals set acknowledged_at = null where id = ${ids.acknowledgedOnward}`.execute(trx), says: finalRefused('onward_referrals') },
    ],
    allowed: [
      { what: 'a sent onward referral is acknowledged', change: oneRow((trx) => sql<{ id: string }>`update onward_referrals set acknowledged_at = now(), version = version + 1 where id = ${ids.sentOnward} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'consent_records',
    kind: 'append-only',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.consent },
    refused: [{ what: 'what the patient agreed to rewritten', change: (trx) => sql`update consent_records set agreed_to = 'Everything' where id = ${ids.consent}`.execute(trx), says: updateRefused('consent_records') }],
    allowed: [
      {
        what: 'a withdrawal is recorded as a new row pointing at the consent',
        change: (trx) =>
          trx.insertInto('consent_records').values({ id: uuidv7(), episode_id: ids.episode, patient_id: ids.patient, kind: 'withdrawal', withdraws_id: ids.consent, scope: 'episode', agreed_to: 'Therapy assessment and treatment', capacity_in_doubt: false, recorded_at: new Date(), recorded_by: staffId(), recorded_by_role: 'registered-therapist' }).execute(),
      },
    ],
  },
  {
    table: 'contact_notes',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.finalNote },
    refused: [
      { what: "a final note's text rewritten", change: (trx) => sql`update contact_notes set body = 'tampered' where id = ${ids.finalNote}`.execute(trx), says: finalRefused('contact_notes') },
      { what: "a final note's time moved", change: (trx) => sql`update contact_notes set occurred_at = occurred_at - interval '1 day' where id = ${ids.finalNote}`.execute(trx), says: finalRefused('contact_notes') },
      { what: 'a final note set back to draft', change: (trx) => sql`update contact_notes set status = 'draft', version = version + 1 where id = ${ids.finalNote}`.execute(trx), says: finalRefused('contact_notes') },
      { what: 'a final note moved to another episode', change: (trx) => sql`update contact_notes set episode_id = ${ids.dischargedEpisode} where id = ${ids.finalNote}`.execute(trx), says: finalRefused('contact_notes') },
      { what: "a final note's version taken back", change: (trx) => sql`update contact_notes set version = version - 1 where id = ${ids.finalNote}`.execute(trx), says: finalRefused('contact_notes') },
      {
        what: "a final note's review changed once given",
        change: async (trx) => {
          await sql`update contact_notes set reviewed_at = now(), reviewed_by = ${staffId()}, version = version + 1 where id = ${ids.finalNote}`.execute(trx);
          await sql`update contact_notes set reviewed_at = now() + interval '1 hour', version = version + 1 where id = ${ids.finalNote}`.execute(trx);
        },
        says: finalRefused('contact_notes'),
      },
      // A draft is its author's own: the database refuses anyone else's change or finalisation of it.
      { what: "a colleague's change of someone else's draft", change: (trx) => sql`update contact_notes set body = 'Rewritten by a colleague', updated_by = ${t.service.a['clinical-lead'].id}, version = version + 1 where id = ${ids.draftNote}`.execute(trx), says: draftByAnother },
      { what: "a colleague finalising someone else's draft", change: (trx) => sql`update contact_notes set status = 'final', finalised_at = now(), finalised_by = ${t.service.a['clinical-lead'].id}, version = version + 1 where id = ${ids.draftNote}`.execute(trx), says: draftByAnother },
    ],
    allowed: [
      { what: "a draft note's text and time still change", change: oneRow((trx) => sql<{ id: string }>`update contact_notes set body = 'Walked to the shop', occurred_at = occurred_at - interval '2 hours', version = version + 1 where id = ${ids.draftNote} returning id`.execute(trx)) },
      { what: 'a draft note is finalised', change: oneRow((trx) => sql<{ id: string }>`update contact_notes set status = 'final', finalised_at = now(), finalised_by = written_by, version = version + 1 where id = ${ids.draftNote} returning id`.execute(trx)) },
      { what: "a final note's review is given once", change: oneRow((trx) => sql<{ id: string }>`update contact_notes set reviewed_at = now(), reviewed_by = ${staffId()}, version = version + 1, updated_at = now() where id = ${ids.finalNote} returning id`.execute(trx)) },
      { what: "an amendment moves a final note's version on", change: oneRow((trx) => sql<{ id: string }>`update contact_notes set version = version + 1, updated_at = now(), updated_by = ${staffId()} where id = ${ids.finalNote} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'contact_note_amendments',
    kind: 'append-only',
    parent: 'contact_notes',
    key: { column: 'id', value: () => ids.amendment },
    refused: [{ what: "an amendment's reason rewritten", change: (trx) => sql`update contact_note_amendments set reason = 'No reason' where id = ${ids.amendment}`.execute(trx), says: updateRefused('contact_note_amendments') }],
    allowed: [],
  },
  {
    table: 'assessments',
    kind: 'append-only',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.assessment },
    refused: [{ what: 'a score rewritten', change: (trx) => sql`update assessments set total = 20 where id = ${ids.assessment}`.execute(trx), says: updateRefused('assessments') }],
    allowed: [],
  },
  {
    table: 'goals',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.ratedGoal },
    refused: [
      { what: "a rated goal's wording changed", change: (trx) => sql`update goals set statement = 'An easier goal', version = version + 1 where id = ${ids.ratedGoal}`.execute(trx), says: /UPDATE on goals is not allowed: a rated goal's plan is never changed/ },
      { what: "a rated goal's baseline moved", change: (trx) => sql`update goals set baseline_level = -1, version = version + 1 where id = ${ids.ratedGoal}`.execute(trx), says: /UPDATE on goals is not allowed: a rated goal's plan is never changed/ },
    ],
    allowed: [
      { what: 'a rated goal is marked achieved', change: oneRow((trx) => sql<{ id: string }>`update goals set status = 'achieved', status_reason = 'Walks to the shop', version = version + 1 where id = ${ids.ratedGoal} returning id`.execute(trx)) },
      { what: "an unrated goal's wording is refined", change: oneRow((trx) => sql<{ id: string }>`update goals set statement = 'Make a hot drink and carry it', version = version + 1 where id = ${ids.unratedGoal} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'goal_attainments',
    kind: 'append-only',
    parent: 'goals',
    key: { column: 'id', value: () => ids.rating },
    refused: [{ what: 'a rating raised', change: (trx) => sql`update goal_attainments set level = 2 where id = ${ids.rating}`.execute(trx), says: updateRefused('goal_attainments') }],
    allowed: [],
  },
  {
    table: 'staff_competences',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.withdrawnCompetence },
    refused: [
      { what: 'a withdrawn competence restored', change: (trx) => sql`update staff_competences set withdrawn_at = null, withdrawn_by = null where id = ${ids.withdrawnCompetence}`.execute(trx), says: finalRefused('staff_competences') },
      { what: "a withdrawal's reason rewritten", change: (trx) => sql`update staff_competences set withdrawn_reason = 'None' where id = ${ids.withdrawnCompetence}`.execute(trx), says: finalRefused('staff_competences') },
    ],
    allowed: [
      { what: 'a current competence is withdrawn', change: oneRow((trx) => sql<{ id: string }>`update staff_competences set withdrawn_at = now(), withdrawn_by = recorded_by, withdrawn_reason = 'Refresher due', version = version + 1 where id = ${ids.currentCompetence} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'programme_activities',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.stoppedActivity },
    refused: [
      { what: 'a stopped activity restarted', change: (trx) => sql`update programme_activities set status = 'active', version = version + 1 where id = ${ids.stoppedActivity}`.execute(trx), says: finalRefused('programme_activities') },
      { what: "a stopped activity's instructions rewritten", change: (trx) => sql`update programme_activities set instructions = 'Other exercises' where id = ${ids.stoppedActivity}`.execute(trx), says: finalRefused('programme_activities') },
    ],
    allowed: [
      { what: 'an active activity is stopped', change: oneRow((trx) => sql<{ id: string }>`update programme_activities set status = 'stopped', status_reason = 'Achieved', version = version + 1 where id = ${ids.activeActivity} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'programme_activity_endings',
    kind: 'append-only',
    parent: 'programme_activities',
    key: { column: 'id', value: () => ids.activityEnding },
    refused: [
      { what: "an ending's receiver rewritten", change: (trx) => sql`update programme_activity_endings set status = 'handed-over', handed_over_to_kind = 'self' where id = ${ids.activityEnding}`.execute(trx), says: updateRefused('programme_activity_endings') },
    ],
    allowed: [],
  },
  {
    table: 'programme_completions',
    kind: 'append-only',
    parent: 'programme_activities',
    key: { column: 'id', value: () => ids.completion },
    refused: [{ what: 'a log entry changed', change: (trx) => sql`update programme_completions set outcome = 'done' where id = ${ids.completion}`.execute(trx), says: updateRefused('programme_completions') }],
    allowed: [],
  },
  {
    table: 'episode_reviews',
    kind: 'append-only',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.review },
    refused: [{ what: "a review's decision rewritten", change: (trx) => sql`update episode_reviews set decision = 'discharge' where id = ${ids.review}`.execute(trx), says: updateRefused('episode_reviews') }],
    allowed: [],
  },
  {
    table: 'episode_delays',
    kind: 'append-only',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.episodeDelay },
    refused: [{ what: 'a delay reason rewritten', change: (trx) => sql`update episode_delays set reason = 'other' where id = ${ids.episodeDelay}`.execute(trx), says: updateRefused('episode_delays') }],
    allowed: [],
  },
  {
    table: 'discharge_summaries',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.finalSummary },
    refused: [
      { what: 'a final discharge summary set back to draft', change: (trx) => sql`update discharge_summaries set status = 'draft', version = version + 1 where id = ${ids.finalSummary}`.execute(trx), says: finalRefused('discharge_summaries') },
      { what: "a final discharge summary's content changed", change: (trx) => sql`update discharge_summaries set content = '{"sections": []}', version = version + 1 where id = ${ids.finalSummary}`.execute(trx), says: finalRefused('discharge_summaries') },
      { what: 'who finalised it changed', change: (trx) => sql`update discharge_summaries set finalised_by = ${t.service.a['clinical-lead'].id} where id = ${ids.finalSummary}`.execute(trx), says: finalRefused('discharge_summaries') },
    ],
    allowed: [
      { what: "a draft summary's content is edited", change: oneRow((trx) => sql<{ id: string }>`update discharge_summaries set content = '{"sections": [{"id": "summary", "text": "Edited"}]}', version = version + 1 where id = ${ids.draftSummary} returning id`.execute(trx)) },
      { what: 'a draft summary is finalised', change: oneRow((trx) => sql<{ id: string }>`update discharge_summaries set status = 'final', finalised_at = now(), finalised_by = created_by, version = version + 1 where id = ${ids.draftSummary} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'letters',
    kind: 'append-only',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.letter },
    refused: [{ what: "a sent letter's text rewritten", change: (trx) => sql`update letters set text_content = 'Something else' where id = ${ids.letter}`.execute(trx), says: updateRefused('letters') }],
    allowed: [],
  },
  {
    table: 'audit_events',
    kind: 'append-only',
    parent: 'audit_events',
    key: { column: 'seq', value: () => 1 },
    refused: [{ what: 'an event rewritten', change: (trx) => sql`update audit_events set outcome = 'refused' where seq = 1`.execute(trx), says: updateRefused('audit_events') }],
    allowed: [],
  },
  {
    table: 'contact_note_amendment_reviews',
    kind: 'append-only',
    parent: 'contact_notes',
    key: { column: 'id', value: () => ids.amendmentReview },
    refused: [{ what: "a review's time moved", change: (trx) => sql`update contact_note_amendment_reviews set reviewed_at = reviewed_at - interval '1 day' where id = ${ids.amendmentReview}`.execute(trx), says: updateRefused('contact_note_amendment_reviews') }],
    allowed: [],
  },
  {
    table: 'episode_supervisions',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.endedSupervision },
    refused: [
      { what: 'an ended supervision reopened', change: (trx) => sql`update episode_supervisions set ended_at = null, ended_by = null where id = ${ids.endedSupervision}`.execute(trx), says: /An ended supervision cannot be changed/ },
      { what: 'a current supervision moved to someone else', change: (trx) => sql`update episode_supervisions set staff_id = supervisor_id, supervisor_id = staff_id where id = ${ids.currentSupervision}`.execute(trx), says: /Only the end of a supervision can be recorded/ },
    ],
    allowed: [{ what: 'a current supervision ended', change: oneRow((trx) => sql<{ id: string }>`update episode_supervisions set ended_at = now(), ended_by = supervisor_id, version = version + 1 where id = ${ids.currentSupervision} returning id`.execute(trx)) }],
  },
  {
    table: 'rota_exceptions',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.rotaException },
    refused: [],
    allowed: [{ what: 'leave cancelled (stamped, kept)', change: oneRow((trx) => sql<{ id: string }>`update rota_exceptions set cancelled_at = now(), cancelled_by = created_by, version = version + 1 where id = ${ids.rotaException} returning id`.execute(trx)) }],
  },
  {
    table: 'visits',
    kind: 'never-deleted',
    parent: 'episodes',
    key: { column: 'id', value: () => ids.visit },
    refused: [],
    allowed: [{ what: 'a visit cancelled with its reason (kept)', change: oneRow((trx) => sql<{ id: string }>`update visits set status = 'cancelled', outcome_reason = 'Patient in hospital', version = version + 1 where id = ${ids.visit} returning id`.execute(trx)) }],
  },
  {
    table: 'visit_plan_publications',
    kind: 'append-only',
    parent: 'visit_plans',
    key: { column: 'id', value: () => ids.publication },
    refused: [{ what: 'a published plan rewritten', change: (trx) => sql`update visit_plan_publications set changes = '[]' where id = ${ids.publication}`.execute(trx), says: updateRefused('visit_plan_publications') }],
    allowed: [],
  },
  {
    table: 'lone_working_sessions',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.loneWorkingSession },
    refused: [],
    allowed: [{ what: 'a session checked in (kept with both times)', change: oneRow((trx) => sql<{ id: string }>`update lone_working_sessions set status = 'checked-in', checked_in_at = now(), checked_in_received_at = now(), version = version + 1 where id = ${ids.loneWorkingSession} returning id`.execute(trx)) }],
  },
  {
    table: 'lone_working_alerts',
    kind: 'never-deleted',
    parent: 'lone_working_sessions',
    key: { column: 'id', value: () => ids.loneWorkingAlert },
    refused: [],
    allowed: [{ what: 'an alert acknowledged by its responder (kept)', change: oneRow((trx) => sql<{ id: string }>`update lone_working_alerts set status = 'acknowledged', acknowledged_at = now(), acknowledged_by = staff_id, version = version + 1 where id = ${ids.loneWorkingAlert} returning id`.execute(trx)) }],
  },
  {
    table: 'lone_working_alert_events',
    kind: 'append-only',
    parent: 'lone_working_alerts',
    key: { column: 'id', value: () => ids.loneWorkingAlertEvent },
    refused: [{ what: 'a rung of an alert rewritten', change: (trx) => sql`update lone_working_alert_events set at = at - interval '10 minutes' where id = ${ids.loneWorkingAlertEvent}`.execute(trx), says: updateRefused('lone_working_alert_events') }],
    allowed: [],
  },
  {
    table: 'equipment_catalogue_items',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.stool },
    refused: [],
    allowed: [{ what: 'an item withdrawn from the catalogue (kept)', change: oneRow((trx) => sql<{ id: string }>`update equipment_catalogue_items set active = false, version = version + 1 where id = ${ids.stool} returning id`.execute(trx)) }],
  },
  {
    table: 'equipment_stores',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.store },
    refused: [],
    allowed: [],
  },
  {
    table: 'equipment_stock_levels',
    kind: 'never-deleted',
    parent: 'equipment_stores',
    key: { column: 'store_id', value: () => ids.store },
    refused: [],
    allowed: [{ what: 'one issued from stock', change: oneRow((trx) => sql<{ store_id: string }>`update equipment_stock_levels set quantity = quantity - 1, version = version + 1 where store_id = ${ids.store} returning store_id`.execute(trx)) }],
  },
  {
    table: 'equipment_stock_moves',
    kind: 'append-only',
    parent: 'equipment_stores',
    key: { column: 'id', value: () => ids.stockMove },
    refused: [{ what: 'a stock move rewritten', change: (trx) => sql`update equipment_stock_moves set change = 10 where id = ${ids.stockMove}`.execute(trx), says: updateRefused('equipment_stock_moves') }],
    allowed: [],
  },
  {
    table: 'equipment_items',
    kind: 'never-deleted',
    parent: 'equipment_stores',
    key: { column: 'id', value: () => ids.hoistItem },
    refused: [],
    allowed: [{ what: 'an item examined and its next date set', change: oneRow((trx) => sql<{ id: string }>`update equipment_items set last_inspected_on = '2026-11-20', next_inspection_due = '2027-05-20', version = version + 1 where id = ${ids.hoistItem} returning id`.execute(trx)) }],
  },
  {
    table: 'equipment_loans',
    kind: 'never-deleted',
    parent: 'patients',
    key: { column: 'id', value: () => ids.stoolLoan },
    refused: [],
    allowed: [{ what: 'a loan delivered (kept)', change: oneRow((trx) => sql<{ id: string }>`update equipment_loans set status = 'delivered', delivered_at = now(), delivered_by = prescribed_by, version = version + 1 where id = ${ids.stoolLoan} returning id`.execute(trx)) }],
  },
  {
    table: 'equipment_training',
    kind: 'append-only',
    parent: 'patients',
    key: { column: 'id', value: () => ids.training },
    refused: [{ what: 'training rewritten as understood', change: (trx) => sql`update equipment_training set understood = 'yes' where id = ${ids.training}`.execute(trx), says: updateRefused('equipment_training') }],
    allowed: [],
  },
  {
    table: 'equipment_inspections',
    kind: 'append-only',
    parent: 'equipment_stores',
    key: { column: 'id', value: () => ids.inspection },
    refused: [{ what: 'a failed examination rewritten as a pass', change: (trx) => sql`update equipment_inspections set result = 'pass' where id = ${ids.inspection}`.execute(trx), says: updateRefused('equipment_inspections') }],
    allowed: [],
  },
  {
    table: 'equipment_recalls',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.recall },
    refused: [],
    allowed: [],
  },
  {
    table: 'equipment_recall_actions',
    kind: 'never-deleted',
    parent: 'patients',
    key: { column: 'id', value: () => ids.recallAction },
    refused: [],
    allowed: [{ what: 'a recall action worked to the end (kept)', change: oneRow((trx) => sql<{ id: string }>`update equipment_recall_actions set status = 'closed', outcome = 'Collected', version = version + 1 where id = ${ids.recallAction} returning id`.execute(trx)) }],
  },
  {
    table: 'supervision_arrangements',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.arrangement },
    refused: [],
    allowed: [{ what: 'an arrangement ended (kept)', change: oneRow((trx) => sql<{ id: string }>`update supervision_arrangements set ends_on = '2026-12-01', version = version + 1 where id = ${ids.arrangement} returning id`.execute(trx)) }],
  },
  {
    table: 'supervision_sessions',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.supervisionSession },
    refused: [{ what: 'a confirmed session rewritten', change: (trx) => sql`update supervision_sessions set themes = 'Something else' where id = ${ids.supervisionSession}`.execute(trx), says: finalRefused('supervision_sessions') }],
    allowed: [],
  },
  {
    table: 'supervision_cases',
    kind: 'append-only',
    parent: 'supervision_sessions',
    key: { column: 'id', value: () => ids.supervisionCase },
    refused: [{ what: 'a case discussed rewritten', change: (trx) => sql`update supervision_cases set note = 'Other' where id = ${ids.supervisionCase}`.execute(trx), says: updateRefused('supervision_cases') }],
    allowed: [],
  },
  {
    table: 'supervision_actions',
    kind: 'never-deleted',
    parent: 'supervision_sessions',
    key: { column: 'id', value: () => ids.supervisionAction },
    refused: [],
    allowed: [{ what: 'an action done (kept)', change: oneRow((trx) => sql<{ id: string }>`update supervision_actions set status = 'done', done_at = now(), version = version + 1 where id = ${ids.supervisionAction} returning id`.execute(trx)) }],
  },
  {
    table: 'cpd_entries',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.cpdEntry },
    refused: [],
    allowed: [{ what: 'a CPD entry corrected by its owner', change: oneRow((trx) => sql<{ id: string }>`update cpd_entries set hours = 2.5, version = version + 1 where id = ${ids.cpdEntry} returning id`.execute(trx)) }],
  },
  {
    table: 'pdc_records',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.pdc },
    refused: [],
    allowed: [],
  },
  {
    table: 'pdc_items',
    kind: 'never-deleted',
    parent: 'pdc_records',
    key: { column: 'id', value: () => ids.pdcItem },
    refused: [],
    allowed: [{ what: 'an objective reviewed', change: oneRow((trx) => sql<{ id: string }>`update pdc_items set status = 'met', progress = 'Done', version = version + 1 where id = ${ids.pdcItem} returning id`.execute(trx)) }],
  },
  {
    table: 'training_courses',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.course },
    refused: [],
    allowed: [],
  },
  {
    table: 'training_imports',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.trainingImport },
    refused: [],
    allowed: [],
  },
  {
    table: 'training_completions',
    kind: 'append-only',
    parent: 'training_courses',
    key: { column: 'id', value: () => ids.completion2 },
    refused: [{ what: 'a completion moved to another day', change: (trx) => sql`update training_completions set completed_on = '2026-01-01' where id = ${ids.completion2}`.execute(trx), says: updateRefused('training_completions') }],
    allowed: [],
  },
  {
    table: 'mdt_meetings',
    kind: 'never-deleted',
    parent: 'teams',
    key: { column: 'id', value: () => ids.meeting },
    refused: [],
    allowed: [{ what: 'a meeting held', change: oneRow((trx) => sql<{ id: string }>`update mdt_meetings set status = 'held', version = version + 1 where id = ${ids.meeting} returning id`.execute(trx)) }],
  },
  {
    table: 'mdt_attendees',
    kind: 'never-deleted',
    parent: 'mdt_meetings',
    key: { column: 'id', value: () => ids.attendee },
    refused: [],
    allowed: [],
  },
  {
    table: 'mdt_agenda_items',
    kind: 'never-deleted',
    parent: 'mdt_meetings',
    key: { column: 'id', value: () => ids.agendaItem },
    refused: [],
    allowed: [{ what: 'a discussion and decision recorded', change: oneRow((trx) => sql<{ id: string }>`update mdt_agenda_items set discussion = 'Progressing', decision = 'Continue', discussed_at = now(), version = version + 1 where id = ${ids.agendaItem} returning id`.execute(trx)) }],
  },
  {
    table: 'mdt_actions',
    kind: 'never-deleted',
    parent: 'mdt_meetings',
    key: { column: 'id', value: () => ids.mdtAction },
    refused: [],
    allowed: [{ what: 'an action closed (kept)', change: oneRow((trx) => sql<{ id: string }>`update mdt_actions set status = 'closed', closed_at = now(), closing_note = 'Done', version = version + 1 where id = ${ids.mdtAction} returning id`.execute(trx)) }],
  },
  // safeguarding (issue 17 #2)
  {
    table: 'safety_designations',
    kind: 'never-deleted',
    parent: 'staff',
    key: { column: 'id', value: () => ids.designation },
    refused: [],
    allowed: [{ what: 'a designation ended (kept)', change: oneRow((trx) => sql<{ id: string }>`update safety_designations set ends_on = '2026-12-31', version = version + 1 where id = ${ids.designation} returning id`.execute(trx)) }],
  },
  {
    table: 'safeguarding_concerns',
    kind: 'never-deleted',
    parent: 'patients',
    key: { column: 'id', value: () => ids.openConcern },
    refused: [
      { what: "a closed concern's decision rewritten", change: (trx) => sql`update safeguarding_concerns set decision = 'no-further-action', decision_reason = 'Changed my mind' where id = ${ids.closedConcern}`.execute(trx), says: finalRefused('safeguarding_concerns') },
      { what: 'a closed concern reopened', change: (trx) => sql`update safeguarding_concerns set status = 'decided', version = version + 1 where id = ${ids.closedConcern}`.execute(trx), says: finalRefused('safeguarding_concerns') },
    ],
    allowed: [{ what: 'the lead’s decision recorded', change: oneRow((trx) => sql<{ id: string }>`update safeguarding_concerns set decision = 'monitor', decision_reason = 'Weekly visits', decided_at = now(), decided_by = created_by, status = 'decided', version = version + 1 where id = ${ids.openConcern} returning id`.execute(trx)) }],
  },
  {
    table: 'safeguarding_concern_people',
    kind: 'never-deleted',
    parent: 'safeguarding_concerns',
    key: { column: 'id', value: () => ids.concernPerson },
    refused: [],
    allowed: [{ what: 'a name taken off (kept)', change: oneRow((trx) => sql<{ id: string }>`update safeguarding_concern_people set removed_at = now(), removed_by = created_by, version = version + 1 where id = ${ids.concernPerson} returning id`.execute(trx)) }],
  },
  {
    table: 'safeguarding_concern_notes',
    kind: 'append-only',
    parent: 'safeguarding_concerns',
    key: { column: 'id', value: () => ids.concernNote },
    refused: [{ what: 'a note rewritten', change: (trx) => sql`update safeguarding_concern_notes set note = 'tampered' where id = ${ids.concernNote}`.execute(trx), says: updateRefused('safeguarding_concern_notes') }],
    allowed: [],
  },
  // risk register (issue 17 #3)
  {
    table: 'risks',
    kind: 'never-deleted',
    parent: 'teams',
    key: { column: 'id', value: () => ids.openRisk },
    refused: [
      { what: 'a closed risk rescored', change: (trx) => sql`update risks set likelihood = 1, consequence = 1, target_likelihood = 1, target_consequence = 1, version = version + 1 where id = ${ids.closedRisk}`.execute(trx), says: finalRefused('risks') },
      { what: 'a closed risk reopened', change: (trx) => sql`update risks set status = 'open', closed_on = null, version = version + 1 where id = ${ids.closedRisk}`.execute(trx), says: finalRefused('risks') },
    ],
    allowed: [{ what: 'an open risk rescored at a review', change: oneRow((trx) => sql<{ id: string }>`update risks set likelihood = 2, consequence = 4, review_on = '2027-02-01', version = version + 1 where id = ${ids.openRisk} returning id`.execute(trx)) }],
  },
  {
    table: 'risk_reviews',
    kind: 'append-only',
    parent: 'risks',
    key: { column: 'id', value: () => ids.riskReview },
    refused: [{ what: "a review's score rewritten", change: (trx) => sql`update risk_reviews set likelihood = 1 where id = ${ids.riskReview}`.execute(trx), says: updateRefused('risk_reviews') }],
    allowed: [],
  },
  {
    table: 'risk_actions',
    kind: 'never-deleted',
    parent: 'risks',
    key: { column: 'id', value: () => ids.riskAction },
    refused: [],
    allowed: [{ what: 'an action done (kept)', change: oneRow((trx) => sql<{ id: string }>`update risk_actions set status = 'done', done_at = now(), version = version + 1 where id = ${ids.riskAction} returning id`.execute(trx)) }],
  },
  // safety, incidents (issue 17 #1)
  {
    table: 'incidents',
    kind: 'never-deleted',
    parent: 'teams',
    key: { column: 'id', value: () => ids.openIncident },
    refused: [
      { what: "a closed incident's learning rewritten", change: (trx) => sql`update incidents set learning = 'Nothing to learn' where id = ${ids.closedIncident}`.execute(trx), says: finalRefused('incidents') },
      { what: 'a closed incident reopened', change: (trx) => sql`update incidents set status = 'under-review', version = version + 1 where id = ${ids.closedIncident}`.execute(trx), says: finalRefused('incidents') },
    ],
    allowed: [
      { what: 'an open incident triaged', change: oneRow((trx) => sql<{ id: string }>`update incidents set status = 'under-review', investigation_level = 'local-review', version = version + 1 where id = ${ids.openIncident} returning id`.execute(trx)) },
      { what: "the reporter's reading of a closed incident's outcome", change: oneRow((trx) => sql<{ id: string }>`update incidents set outcome_seen_at = now() where id = ${ids.closedIncident} returning id`.execute(trx)) },
    ],
  },
  {
    table: 'incident_updates',
    kind: 'append-only',
    parent: 'incidents',
    key: { column: 'id', value: () => ids.incidentUpdate },
    refused: [{ what: "a handler's log entry rewritten", change: (trx) => sql`update incident_updates set note = 'tampered' where id = ${ids.incidentUpdate}`.execute(trx), says: updateRefused('incident_updates') }],
    allowed: [],
  },
  {
    table: 'incident_actions',
    kind: 'never-deleted',
    parent: 'incidents',
    key: { column: 'id', value: () => ids.incidentAction },
    refused: [],
    allowed: [{ what: 'an action done (kept)', change: oneRow((trx) => sql<{ id: string }>`update incident_actions set status = 'done', done_at = now(), version = version + 1 where id = ${ids.incidentAction} returning id`.execute(trx)) }],
  },
  {
    table: 'fhir_received_referrals',
    kind: 'append-only',
    parent: 'referrals',
    key: { column: 'id', value: () => ids.fhirReceivedReferral },
    refused: [
      { what: 'the sender’s identifier of a referral received by FHIR rewritten', change: (trx) => sql`update fhir_received_referrals set identifier_value = 'GP-REF-9999' where id = ${ids.fhirReceivedReferral}`.execute(trx), says: updateRefused('fhir_received_referrals') },
    ],
    allowed: [],
  },
  {
    table: 'audit_batches',
    kind: 'append-only',
    parent: 'audit_batches',
    key: { column: 'batch_no', value: () => 1 },
    refused: [
      { what: 'a sealed batch rewritten', change: (trx) => sql`update audit_batches set merkle_root = 'forged' where batch_no = 1`.execute(trx), says: updateRefused('audit_batches') },
    ],
    allowed: [],
  },
];

let t: TestApp;
const staffId = () => t.service.a['registered-therapist'].id;

async function writeRecordRows(db: Db, s: TestApp['service'], now: Date): Promise<void> {
  const therapist = s.a['registered-therapist'].id;
  const role = 'registered-therapist';
  const past = new Date(now.getTime() - 7 * 86_400_000);
  const p = patientDetails();
  await db.insertInto('patients').values({
    id: ids.patient, nhs_number: p.nhsNumber as string, given_name: 'Betty', family_name: 'Bloor', date_of_birth: '1941-05-17', sex: 'female', address_line1: '12 Waterloo Road', town: 'Burslem', postcode: 'ST6 3HR',
    contacts: '[]', communication_needs: '{"needs": [], "interpreterLanguage": null, "notes": null}', lives_alone: true, key_safe: false, risk_flags: '[]', registered_team_id: s.teamA, created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
  }).execute();
  await db.insertInto('break_glass').values({ id: ids.breakGlass, staff_id: s.otherTeamTherapist.id, patient_id: ids.patient, reason: 'Covering another team', started_at: past, expires_at: new Date(past.getTime() + 4 * 3_600_000) }).execute();
  const referral = (id: string, status: 'incoming' | 'accepted') => ({
    id, patient_id: ids.patient, team_id: s.teamA, source: 'acute-ward', received_at: past, service: 'd2a', setting: 'home', reason: 'Fall at home, now medically fit', urgency_requested: 'soon',
    referrer_name: 'Ward 7', referrer_contact: '01632 960000', consent_to_referral: true, status, decided_at: status === 'incoming' ? null : past, decided_by: status === 'incoming' ? null : therapist,
    created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
  });
  await db.insertInto('referrals').values([referral(ids.decidedReferral, 'accepted'), referral(ids.incomingReferral, 'incoming'), referral(ids.dischargedReferral, 'accepted')]).execute();
  const episode = (id: string, referralId: string) => ({
    id, patient_id: ids.patient, referral_id: referralId, team_id: s.teamA, service: 'd2a', setting: 'home', complexity: 'non-complex' as const, complexity_reason: 'Single need, stable', priority: 'P3',
    skills_needed: '[]', triaged_by: therapist, triaged_at: past, clock_starts_at: past, response_due_at: now, allocated_to: therapist, allocated_at: past, created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
  });
  await db.insertInto('episodes').values([
    { ...episode(ids.episode, ids.decidedReferral), status: 'active' },
    { ...episode(ids.dischargedEpisode, ids.dischargedReferral), status: 'discharged', discharged_on: '2026-11-20', discharge_outcome: 'goals-met', discharge_destination: 'home', discharge_note: 'Independent at home' },
  ]).execute();
  await db.insertInto('episode_events').values({ id: ids.episodeEvent, episode_id: ids.episode, occurred_at: past, staff_id: therapist, kind: 'triaged', reason: null, detail: '{}' }).execute();
  await db.insertInto('onward_referrals').values([
    { id: ids.acknowledgedOnward, episode_id: ids.episode, to_service: 'Wheelchair service', sent_at: past, acknowledged_at: now, created_at: past, created_by: therapist, updated_at: now, updated_by: therapist },
    { id: ids.sentOnward, episode_id: ids.episode, to_service: 'Social care', sent_at: past, created_at: past, created_by: therapist, updated_at: past, updated_by: therapist },
  ]).execute();
  await db.insertInto('consent_records').values({
    id: ids.consent, episode_id: ids.episode, patient_id: ids.patient, kind: 'consent', scope: 'episode', agreed_to: 'Therapy assessment and treatment', method: 'verbal', given_by: 'patient', capacity_in_doubt: false,
    recorded_at: past, recorded_by: therapist, recorded_by_role: role,
  }).execute();
  const note = (id: string, status: 'draft' | 'final') => ({
    id, episode_id: ids.episode, patient_id: ids.patient, status, kind: 'treatment', occurred_at: past, duration_minutes: 45, body: 'Kitchen practice', therapy_minutes: '{"OT": 45}', first_holistic_assessment: false,
    written_at: past, written_by: therapist, written_by_role: role, late_entry: false, finalised_at: status === 'final' ? past : null, finalised_by: status === 'final' ? therapist : null,
    needs_review: status === 'final', updated_at: past, updated_by: therapist,
  });
  await db.insertInto('contact_notes').values([note(ids.finalNote, 'final'), note(ids.draftNote, 'draft')]).execute();
  await db.insertInto('contact_note_amendments').values({
    id: ids.amendment, note_id: ids.finalNote, note_version: 2, kind: 'treatment', occurred_at: past, duration_minutes: 45, body: 'Kitchen practice with a perching stool', therapy_minutes: '{"OT": 45}', first_holistic_assessment: false,
    reason: 'Left out the stool', amended_at: now, amended_by: therapist, amended_by_role: role,
  }).execute();
  await db.insertInto('contact_note_amendment_reviews').values({ id: ids.amendmentReview, amendment_id: ids.amendment, note_id: ids.finalNote, reviewed_at: now, reviewed_by: therapist, reviewed_by_role: role }).execute();
  const supervision = (id: string, ended: boolean) => ({
    id, episode_id: ids.episode, patient_id: ids.patient, staff_id: s.a['support-worker'].id, supervisor_id: therapist, started_at: past, ended_at: ended ? now : null, ended_by: ended ? therapist : null,
    created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
  });
  await db.insertInto('episode_supervisions').values([supervision(ids.endedSupervision, true), supervision(ids.currentSupervision, false)]).execute();
  await db.insertInto('assessments').values({
    id: ids.assessment, episode_id: ids.episode, patient_id: ids.patient, instrument_id: 'barthel', instrument_version: 1, time_point: 'baseline', method: 'observed', responses: '{}', total: 12, subscales: '{}',
    administered_at: past, recorded_at: past, recorded_by: therapist, recorded_by_role: role,
  }).execute();
  const goal = (id: string) => ({
    id, episode_id: ids.episode, patient_id: ids.patient, statement: 'Walk to the corner shop', levels: '{"-2": "a", "-1": "b", "0": "c", "1": "d", "2": "e"}', baseline_level: -2, target_on: '2026-12-24',
    created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
  });
  await db.insertInto('goals').values([goal(ids.ratedGoal), goal(ids.unratedGoal)]).execute();
  await db.insertInto('goal_attainments').values({ id: ids.rating, goal_id: ids.ratedGoal, episode_id: ids.episode, patient_id: ids.patient, time_point: 'review', level: 0, rated_at: now, recorded_at: now, recorded_by: therapist, recorded_by_role: role }).execute();
  const support = s.a['support-worker'].id;
  await db.insertInto('staff_competences').values([
    { id: ids.withdrawnCompetence, staff_id: support, competence: 'kitchen-practice', assessed_on: '2026-01-10', recorded_at: past, recorded_by: therapist, recorded_by_role: role, withdrawn_at: now, withdrawn_by: therapist, withdrawn_reason: 'Refresher due' },
    { id: ids.currentCompetence, staff_id: support, competence: 'walking-practice', assessed_on: '2026-01-10', recorded_at: past, recorded_by: therapist, recorded_by_role: role },
  ]).execute();
  const activity = (id: string, status: 'active' | 'stopped') => ({
    id, episode_id: ids.episode, patient_id: ids.patient, kind: 'exercise' as const, title: 'Sit to stand', instructions: 'Ten times, three times a day', times_per_period: 3, period: 'day' as const, deliverer_kind: 'self' as const,
    starts_on: '2026-11-17', status, status_reason: status === 'stopped' ? 'Knee pain' : null, created_at: past, created_by: therapist, created_by_role: role, updated_at: past, updated_by: therapist,
  });
  await db.insertInto('programme_activities').values([activity(ids.stoppedActivity, 'stopped'), activity(ids.activeActivity, 'active')]).execute();
  await db.insertInto('programme_activity_endings').values({ id: ids.activityEnding, activity_id: ids.stoppedActivity, episode_id: ids.episode, patient_id: ids.patient, status: 'stopped', reason: 'Knee pain', at_discharge: false, recorded_at: past, recorded_by: therapist, recorded_by_role: role }).execute();
  await db.insertInto('programme_completions').values({ id: ids.completion, activity_id: ids.stoppedActivity, episode_id: ids.episode, patient_id: ids.patient, done_on: '2026-11-18', outcome: 'partly-done', reported_by: 'patient', recorded_at: past, recorded_by: therapist, recorded_by_role: role }).execute();
  await db.insertInto('episode_reviews').values({ id: ids.review, episode_id: ids.episode, patient_id: ids.patient, kind: 'half-way', held_on: '2026-11-20', summary: 'Progressing', decision: 'continue', recorded_at: past, recorded_by: therapist, recorded_by_role: role }).execute();
  await db.insertInto('episode_delays').values({ id: ids.episodeDelay, episode_id: ids.dischargedEpisode, patient_id: ids.patient, reason: 'awaiting-care-home', note: null, recorded_at: past, recorded_by: therapist, recorded_by_role: role }).execute();
  const summary = (id: string, episodeId: string, status: 'draft' | 'final') => ({
    id, episode_id: episodeId, patient_id: ids.patient, status, content: '{"sections": [{"id": "summary", "text": "Independent at home"}]}', created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
    finalised_at: status === 'final' ? now : null, finalised_by: status === 'final' ? therapist : null,
  });
  await db.insertInto('discharge_summaries').values([summary(ids.finalSummary, ids.dischargedEpisode, 'final'), summary(ids.draftSummary, ids.episode, 'draft')]).execute();
  await db.insertInto('letters').values({
    id: ids.letter, episode_id: ids.dischargedEpisode, patient_id: ids.patient, kind: 'discharge-gp', recipient: 'Burslem Health Centre', print_size: 'standard', source_id: ids.finalSummary, source_version: 2,
    text_content: 'Dear Dr Patel', pdf: new Uint8Array([37, 80, 68, 70]), sha256: 'not-checked-here', produced_at: now, produced_by: therapist, produced_by_role: role,
  }).execute();
  await db.insertInto('rota_exceptions').values({ id: ids.rotaException, staff_id: therapist, team_id: s.teamA, kind: 'annual-leave', starts_on: '2026-12-21', ends_on: '2026-12-23', created_at: past, created_by: therapist, updated_at: past, updated_by: therapist }).execute();
  await db.insertInto('visits').values({
    id: ids.visit, team_id: s.teamA, episode_id: ids.episode, patient_id: ids.patient, on_date: '2026-11-25', purpose: 'therapy', duration_minutes: 45, place: 'home', origin: 'proposed', skills: '[]', staff_needed: 1, registered_required: false,
    created_at: past, created_by: therapist, updated_at: past, updated_by: therapist,
  }).execute();
  await db.insertInto('visit_plans').values({ id: ids.visitPlan, team_id: s.teamA, on_date: '2026-11-25', published: '{}', published_at: past, published_by: therapist, created_at: past, created_by: therapist, updated_at: past, updated_by: therapist }).execute();
  await db.insertInto('visit_plan_publications').values({ id: ids.publication, plan_id: ids.visitPlan, team_id: s.teamA, on_date: '2026-11-25', plan_version: 1, plan: '{}', changes: '[]', published_at: past, published_by: therapist }).execute();
  await db.insertInto('lone_working_sessions').values({ id: ids.loneWorkingSession, team_id: s.teamA, staff_id: therapist, on_date: '2026-11-25', origin: 'plan', visit_id: ids.visit, patient_id: ids.patient, place: '12 Waterloo Road', expected_start: now, expected_end: new Date(now.getTime() + 3600_000), created_at: past, created_by: therapist, updated_at: past, updated_by: therapist }).execute();
  await db.insertInto('lone_working_alerts').values({ id: ids.loneWorkingAlert, team_id: s.teamA, staff_id: therapist, session_id: ids.loneWorkingSession, kind: 'missed-check-in', status: 'raised', due_at: now, raised_at: now, created_at: now, created_by: null, updated_at: now, updated_by: null }).execute();
  await db.insertInto('lone_working_alert_events').values({ id: ids.loneWorkingAlertEvent, alert_id: ids.loneWorkingAlert, at: now, kind: 'escalated', level: 1, by_staff_id: null, due_at: now, detail: '{}' }).execute();
  const stamps = { created_at: past, created_by: therapist, updated_at: past, updated_by: therapist };
  await db.insertInto('equipment_catalogue_items').values([
    { id: ids.stool, code: 'BTH-PS-01', name: 'Perching stool', category: 'bathing', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 3500, ...stamps },
    { id: ids.hoist, code: 'TRF-HO-01', name: 'Mobile hoist', category: 'transfers', make: 'Arjo', model: 'Maxi Move', stock_kind: 'tracked', loler: true, inspection_interval_months: 6, prescriber: 'registered', unit_cost_pence: 250000, ...stamps },
  ]).execute();
  await db.insertInto('equipment_stores').values({ id: ids.store, name: 'Haywood store', team_id: s.teamA, ...stamps }).execute();
  await db.insertInto('equipment_stock_levels').values({ store_id: ids.store, catalogue_item_id: ids.stool, quantity: 4, ...stamps }).execute();
  await db.insertInto('equipment_stock_moves').values({ id: ids.stockMove, store_id: ids.store, catalogue_item_id: ids.stool, change: 4, reason: 'received', at: past, by_staff_id: therapist }).execute();
  await db.insertInto('equipment_items').values({ id: ids.hoistItem, catalogue_item_id: ids.hoist, serial_number: 'MM-1001', batch: 'B7', store_id: ids.store, status: 'on-loan', next_inspection_due: '2026-12-01', ...stamps }).execute();
  await db.insertInto('equipment_loans').values([
    { id: ids.stoolLoan, patient_id: ids.patient, episode_id: ids.episode, team_id: s.teamA, catalogue_item_id: ids.stool, store_id: ids.store, reason: 'Cannot stand at the sink', prescribed_at: past, prescribed_by: therapist, ...stamps },
    { id: ids.hoistLoan, patient_id: ids.patient, episode_id: ids.episode, team_id: s.teamA, catalogue_item_id: ids.hoist, item_id: ids.hoistItem, store_id: ids.store, reason: 'Transfers bed to chair', status: 'delivered', prescribed_at: past, prescribed_by: therapist, delivered_at: past, delivered_by: therapist, ...stamps },
  ]).execute();
  await db.insertInto('equipment_training').values({ id: ids.training, loan_id: ids.hoistLoan, patient_id: ids.patient, person_kind: 'carer', person_name: 'Gary Bloor', what_taught: 'Sling fitting and hoist transfer bed to chair', understood: 'partly', taught_at: past, taught_by: therapist, created_at: past, created_by: therapist }).execute();
  await db.insertInto('equipment_inspections').values({ id: ids.inspection, item_id: ids.hoistItem, kind: 'loler', inspected_on: '2026-06-01', result: 'fail', created_at: past, created_by: therapist }).execute();
  await db.insertInto('equipment_recalls').values({ id: ids.recall, catalogue_item_id: ids.hoist, batch: 'B7', reason: 'Spreader bar weld', ...stamps }).execute();
  await db.insertInto('equipment_recall_actions').values({ id: ids.recallAction, recall_id: ids.recall, loan_id: ids.hoistLoan, patient_id: ids.patient, ...stamps }).execute();
  const ap = s.a['assistant-practitioner'].id;
  await db.insertInto('supervision_arrangements').values({ id: ids.arrangement, supervisee_id: ap, supervisor_id: therapist, starts_on: '2026-01-05', ...stamps }).execute();
  await db.insertInto('supervision_sessions').values({ id: ids.supervisionSession, supervisee_id: ap, supervisor_id: therapist, held_on: '2026-11-20', kind: 'clinical', themes: 'Caseload, falls risk', status: 'confirmed', confirmed_at: now, ...stamps }).execute();
  await db.insertInto('supervision_cases').values({ id: ids.supervisionCase, session_id: ids.supervisionSession, episode_id: ids.episode, patient_id: ids.patient, note: 'Kitchen practice progressing', created_at: past, created_by: therapist }).execute();
  await db.insertInto('supervision_actions').values({ id: ids.supervisionAction, session_id: ids.supervisionSession, action: 'Read the falls policy', owner_id: ap, due_on: '2026-12-20', ...stamps }).execute();
  await db.insertInto('cpd_entries').values({ id: ids.cpdEntry, staff_id: ap, activity: 'Falls study day', done_on: '2026-10-10', hours: 6, kind: 'formal', ...stamps }).execute();
  await db.insertInto('pdc_records').values({ id: ids.pdc, staff_id: ap, manager_id: therapist, held_on: '2026-04-01', next_review_on: '2026-10-01', ...stamps }).execute();
  await db.insertInto('pdc_items').values({ id: ids.pdcItem, pdc_id: ids.pdc, kind: 'objective', text: 'Lead the falls group', ...stamps }).execute();
  await db.insertInto('training_courses').values({ id: ids.course, code: 'MH-L2', name: 'Moving and handling level 2', renewal_months: 12, ...stamps }).execute();
  await db.insertInto('training_imports').values({ id: ids.trainingImport, file_name: 'esr.csv', sha256: 'abc', preview: '{}', ...stamps }).execute();
  await db.insertInto('training_completions').values({ id: ids.completion2, staff_id: ap, course_id: ids.course, completed_on: '2026-03-01', expires_on: '2027-03-01', source: 'esr-import', import_id: ids.trainingImport, created_at: past, created_by: therapist }).execute();
  await db.insertInto('mdt_meetings').values({ id: ids.meeting, team_id: s.teamA, starts_at: now, ...stamps }).execute();
  await db.insertInto('mdt_attendees').values({ id: ids.attendee, meeting_id: ids.meeting, staff_id: therapist, created_at: past, created_by: therapist }).execute();
  await db.insertInto('mdt_agenda_items').values({ id: ids.agendaItem, meeting_id: ids.meeting, episode_id: ids.episode, patient_id: ids.patient, reasons: '["flagged"]', position: 1, ...stamps }).execute();
  await db.insertInto('mdt_actions').values({ id: ids.mdtAction, meeting_id: ids.meeting, agenda_item_id: ids.agendaItem, episode_id: ids.episode, patient_id: ids.patient, action: 'Ask for a social care assessment', owner_id: ap, due_on: '2026-12-12', ...stamps }).execute();
  // safeguarding (issue 17 #2)
  await db.insertInto('safety_designations').values({ id: ids.designation, staff_id: s.a['clinical-lead'].id, designation: 'safeguarding-lead', starts_on: '2026-01-01', ...stamps }).execute();
  const concern = (id: string, reference: string, closed: boolean) => ({
    id, reference, patient_id: ids.patient, episode_id: ids.episode, team_id: s.teamA, kind: 'adult' as const, categories: '["financial-or-material"]', person_at_risk: 'patient' as const,
    concern: 'Pension card taken', immediate_danger: false, immediate_actions: 'Spoke to her alone', consent_to_share: 'given' as const, raised_at: past, raised_by: therapist,
    decision_due_at: new Date(past.getTime() + 86_400_000), ...(closed ? { decision: 'advice-given' as const, decision_reason: 'Advice given', decided_at: now, decided_by: therapist, status: 'closed' as const, closed_at: now, closed_by: therapist } : {}), ...stamps,
  });
  await db.insertInto('safeguarding_concerns').values([concern(ids.openConcern, 'SG-T00001', false), concern(ids.closedConcern, 'SG-T00002', true)]).execute();
  await db.insertInto('safeguarding_concern_people').values({ id: ids.concernPerson, concern_id: ids.openConcern, staff_id: ap, ...stamps }).execute();
  await db.insertInto('safeguarding_concern_notes').values({ id: ids.concernNote, concern_id: ids.openConcern, note: 'Strategy meeting booked', created_at: past, created_by: therapist }).execute();
  const risk = (id: string, closed: boolean) => ({
    id, reference: `RSK-T${id.slice(-6)}`, title: 'Lone visits with no signal', description: 'd', cause: 'c', effect: 'e', team_id: s.teamA, owner_id: therapist, controls: 'Check-ins',
    likelihood: 3, consequence: 4, target_likelihood: 2, target_consequence: 3, opened_on: '2026-11-01', review_on: '2026-12-01',
    ...(closed ? { status: 'closed' as const, closed_on: '2026-11-20', closed_reason: 'Phones issued' } : {}), ...stamps,
  });
  await db.insertInto('risks').values([risk(ids.openRisk, false), risk(ids.closedRisk, true)]).execute();
  await db.insertInto('risk_reviews').values({ id: ids.riskReview, risk_id: ids.openRisk, reviewed_on: '2026-11-10', likelihood: 3, consequence: 4, note: 'No change', next_review_on: '2026-12-01', created_at: past, created_by: therapist }).execute();
  await db.insertInto('risk_actions').values({ id: ids.riskAction, risk_id: ids.openRisk, action: 'Buy a satellite phone', owner_id: ap, due_on: '2026-12-12', ...stamps }).execute();
  const incident = (id: string, reference: string, closed: boolean) => ({
    id, reference, kind: 'near-miss' as const, occurred_at: past, location_kind: 'patient-home' as const, location: 'Bathroom', category: 'moving-and-handling', what_happened: 'Sling a size too small',
    immediate_actions: 'Right sling fetched', affected: 'patient' as const, physical_harm: 'none' as const, team_id: s.teamA, reporter_id: s.a['support-worker'].id, reporter_anonymous: true,
    ...(closed ? { status: 'closed' as const, learning: 'Label slings by size', outcome_for_reporter: 'Slings are now labelled', closed_at: now, closed_by: therapist } : {}), ...stamps,
  });
  await db.insertInto('incidents').values([incident(ids.openIncident, 'INC-900001', false), incident(ids.closedIncident, 'INC-900002', true)]).execute();
  await db.insertInto('incident_updates').values({ id: ids.incidentUpdate, incident_id: ids.openIncident, kind: 'note', note: 'Spoke to the stores lead', created_at: past, created_by: therapist }).execute();
  await db.insertInto('incident_actions').values({ id: ids.incidentAction, incident_id: ids.openIncident, action: 'Label the slings', owner_id: ap, due_on: '2026-12-12', ...stamps }).execute();
  await db.insertInto('fhir_received_referrals').values({ id: ids.fhirReceivedReferral, referral_id: ids.incomingReferral, identifier_system: 'https://fhir.example-gp.nhs.uk/Id/referral', identifier_value: 'GP-REF-0001', authored_on: '2026-11-24', received_at: past, received_by: therapist }).execute();
}

describe('tables of records, guarded in the database itself', () => {
  beforeAll(async () => {
    t = await bootTestApp();
    // Signing in writes the first audit events, through the application, as always.
    await t.signIn(t.service.a['registered-therapist']);
    await writeRecordRows(t.db, t.service, t.clock.now());
    // The first events sealed into a batch, so the batch table has a row to protect.
    await sealAuditLog(t.db);
  });
  afterAll(() => t.close());

  it('guards every table that has a guard, and no guarded table is missing from this test', async () => {
    // A table with any Homeward guard trigger must be in the list above, with a TRUNCATE guard, so a new
    // table of records cannot be half-guarded or left out of these tests.
    const { rows } = await sql<{ table: string; trigger: string; fn: string }>`
      select c.relname as table, tg.tgname as trigger, p.proname as fn
      from pg_trigger tg join pg_class c on c.oid = tg.tgrelid join pg_proc p on p.oid = tg.tgfoid
      where not tg.tgisinternal and p.proname in ('refuse_change', 'refuse_truncate', 'refuse_change_when_final', 'refuse_rated_goal_plan_change', 'refuse_chain_head_rewind', 'refuse_draft_change_by_another', 'episode_supervision_end_is_final')
    `.execute(t.db);
    const withGuards = new Set(rows.map((r) => r.table));
    const listed = new Set<string>(guarded.map((g) => g.table));
    expect([...withGuards].filter((t) => !listed.has(t)), 'tables with guards that this test does not try: add them to its table').toEqual([]);
    expect([...listed].filter((t) => !withGuards.has(t)), 'tables this test lists that have no guard (or are gone)').toEqual([]);
    for (const g of guarded) {
      const truncateGuard = rows.find((r) => r.table === g.table && r.trigger === `${g.table}_never_truncated`);
      expect(truncateGuard?.fn, `${g.table} refuses TRUNCATE`).toMatch(/^refuse_(truncate|change)$/);
      expect(rows, g.table).toContainEqual({ table: g.table, trigger: `${g.table}_${g.kind === 'append-only' ? 'append_only' : 'never_deleted'}`, fn: 'refuse_change' });
    }
  });

  it('refuses TRUNCATE ... CASCADE from the top (teams), and every table keeps its rows', async () => {
    const count = async () => Object.fromEntries(await Promise.all(guarded.map(async (g) => [g.table, Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(g.table)}`.execute(t.db)).rows[0]!.n)])));
    const before = await count();
    const refusal = await attempt(t.db, (trx) => sql`truncate teams cascade`.execute(trx));
    expect(refusal?.message).toMatch(/TRUNCATE on \w+ is not allowed/);
    expect(await count()).toEqual(before);
    for (const g of guarded) expect(before[g.table], `${g.table} has rows to protect`).toBeGreaterThan(0);
  });

  it('consent rows cannot be deleted (issue 10, hole 4)', async () => {
    const refusal = await attempt(t.db, (trx) => sql`delete from consent_records where id = ${ids.consent}`.execute(trx));
    expect(refusal).toMatchObject({ code: 'HW001', message: expect.stringMatching(/DELETE on consent_records is not allowed/) });
  });

  it("a final note's time cannot be changed (issue 10, hole 4)", async () => {
    const refusal = await attempt(t.db, (trx) => sql`update contact_notes set occurred_at = occurred_at + interval '3 hours' where id = ${ids.finalNote}`.execute(trx));
    expect(refusal).toMatchObject({ code: 'HW002', message: expect.stringMatching(/a final record is never changed \(status = final; occurred_at would change\)/) });
  });

  for (const g of guarded) {
    describe(g.table, () => {
      if (g.kind === 'append-only') {
        it('refuses UPDATE', async () => {
          const refusal = await attempt(t.db, (trx) => sql`update ${sql.table(g.table)} set ${sql.ref(g.key.column)} = ${sql.ref(g.key.column)} where ${sql.ref(g.key.column)} = ${g.key.value()}`.execute(trx));
          expect(refusal).toMatchObject({ code: 'HW001', message: expect.stringMatching(updateRefused(g.table)) });
        });
      }

      it('refuses DELETE', async () => {
        const refusal = await attempt(t.db, (trx) => sql`delete from ${sql.table(g.table)} where ${sql.ref(g.key.column)} = ${g.key.value()}`.execute(trx));
        expect(refusal).toMatchObject({ code: 'HW001', message: expect.stringMatching(new RegExp(`DELETE on ${g.table} is not allowed`)) });
      });

      it('refuses TRUNCATE, and TRUNCATE ... CASCADE', async () => {
        // A table other tables refer to cannot be emptied alone (the foreign keys refuse first), only
        // with CASCADE, and then its own trigger is the first to fire: the table named comes first.
        const alone = await attempt(t.db, (trx) => sql`truncate ${sql.table(g.table)}`.execute(trx));
        expect(alone?.message).toMatch(new RegExp(`TRUNCATE on ${g.table} is not allowed|cannot truncate a table referenced in a foreign key constraint`));
        const cascade = await attempt(t.db, (trx) => sql`truncate ${sql.table(g.table)} cascade`.execute(trx));
        expect(cascade).toMatchObject({ code: 'HW001', message: expect.stringMatching(new RegExp(`TRUNCATE on ${g.table} is not allowed`)) });
      });

      it(`refuses TRUNCATE ${g.parent} CASCADE by its own trigger`, async () => {
        // Every other table's TRUNCATE guard is switched off (and back, by the rollback), so only this
        // table's own trigger stands between the cascade and its rows.
        const refusal = await attempt(t.db, async (trx) => {
          for (const other of guarded) {
            if (other.table !== g.table) await sql`alter table ${sql.table(other.table)} disable trigger ${sql.id(`${other.table}_never_truncated`)}`.execute(trx);
          }
          await sql`truncate ${sql.table(g.parent)} cascade`.execute(trx);
        });
        expect(refusal).toMatchObject({ code: 'HW001', message: expect.stringMatching(new RegExp(`TRUNCATE on ${g.table} is not allowed`)) });
      });

      for (const r of g.refused) {
        it(`refused: ${r.what}`, async () => {
          const refusal = await attempt(t.db, r.change);
          expect(refusal).toMatchObject({ code: expect.stringMatching(homewardGuard), message: expect.stringMatching(r.says) });
        });
      }

      for (const a of g.allowed) {
        it(`allowed: ${a.what}`, async () => {
          expect(await attempt(t.db, a.change)).toBeNull();
        });
      }
    });
  }
});
