// Writes the demo's clinical records through the domain functions, as the staff who wrote them and at
// the times they were written: each member of staff acts (staffActor) with the clock set to the
// record's time, is authorised as a page would authorise them (an AccessGrant for the patient), and
// the write goes through the function a page or the API calls, with its checks and its audit. So the
// demo obeys every rule the app does: a note is finalised only with consent recorded, a goal is set
// only by an assessing clinician, a support worker logs only what was delegated to them, a review
// moves the episode's dates, a discharge ends the programme, a summary is finalised only when it may
// be. What to write comes from generate-demo-records.ts and generate-demo-discharges.ts.
import type { Kysely } from 'kysely';
import { checkDischargeSummaryForFinal, ukDateOf, type CommunicationNeeds } from '@homeward/clinical';
import { authorisePatientAccess } from '../access/public.ts';
import { authoriseEpisodeWrite, findEpisode, type EpisodeResponse } from '../caseload/public.ts';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { changePatientDetails, findPatient, patientDetailsOf } from '../patients/public.ts';
import { staffActor, type ActingStaff, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import {
  amendContactNote,
  authoriseCompletionLog,
  authoriseDischargeFinalise,
  authoriseDischargeWrite,
  authoriseGoalWrite,
  authoriseNoteReview,
  authoriseProgrammeChange,
  authoriseRecordWrite,
  authoriseReviewWrite,
  changeActivityStatus,
  changeGoalStatus,
  checkLetterRequest,
  createDischargeSummary,
  dischargeEpisode,
  finaliseContactNote,
  finaliseDischargeSummary,
  logProgrammeCompletion,
  produceDischargeLetter,
  recordAssessment,
  recordConsent,
  recordEpisodeReview,
  recordGoalAttainment,
  reviewContactNote,
  setGoal,
  setProgrammeActivity,
  writeContactNote,
  type DischargeSummaryResponse,
} from '../record/public.ts';
import { loadHolder, recordCompetence } from '../staff/public.ts';
import type { DemoDischargePlan } from './generate-demo-discharges.ts';
import type { ContactNoteRow, DemoRecords, NoteAmendmentRow, RecordStaffInput } from './generate-demo-records.ts';
import type { PendingDischarge } from './seed-demo-episodes.ts';
import { equipmentAtDischargePort } from '../equipment/public.ts';

export type WriteDemoRecordsOptions = {
  config: HomewardConfig;
  now: Date;
  records: DemoRecords;
  plans: readonly DemoDischargePlan[];
  staff: readonly RecordStaffInput[];
  pending: ReadonlyMap<string, PendingDischarge>;
  episodesPerTransaction: number;
};

export type WrittenDischarges = { summaries: number; drafts: number; letters: number; notProduced: string[] };

type Note = Awaited<ReturnType<typeof writeContactNote>>;
type Goal = Awaited<ReturnType<typeof setGoal>>;
type Activity = Awaited<ReturnType<typeof setProgrammeActivity>>;

/** One write, at its time; steps at the same instant run in the order of `rank` (consent before the note it covers). */
type Step = { at: Date; rank: number; seq: number; run: (trx: Kysely<Database>) => Promise<void> };

const via = 'demo:seed';
const rankOfReview = 11;
const rankOfDischarge = 12;

function noteContent(n: Pick<ContactNoteRow, 'kind' | 'occurred_at' | 'duration_minutes' | 'place' | 'staff_present' | 'body' | 'therapy_minutes' | 'first_holistic_assessment'>) {
  return {
    kind: n.kind,
    occurredAt: n.occurred_at,
    durationMinutes: n.duration_minutes,
    place: n.place,
    staffPresent: n.staff_present,
    body: n.body,
    therapyMinutes: n.therapy_minutes,
    firstHolisticAssessment: n.first_holistic_assessment,
  };
}

const amendmentContent = (a: NoteAmendmentRow) => noteContent(a);

export async function writeDemoRecords(db: Kysely<Database>, o: WriteDemoRecordsOptions): Promise<WrittenDischarges> {
  const people = new Map<string, ActingStaff>(o.staff.map((s) => [s.id, { staffId: s.id, name: s.name, role: s.role, teamId: s.teamId }]));
  const as = (staffId: string, at: Date): Actor => staffActor({ staff: people.get(staffId)!, config: o.config, via, now: at });
  const r = o.records;
  const out: WrittenDischarges = { summaries: 0, drafts: 0, letters: 0, notProduced: [] };

  // Support workers' competences first: the programme delegates to them only what they are competent in.
  if (r.competences.length) {
    await db.transaction().execute(async (trx) => {
      for (const c of [...r.competences].sort((a, b) => a.recorded_at.getTime() - b.recorded_at.getTime())) {
        await recordCompetence(trx, { actor: as(c.recorded_by, c.recorded_at), holder: await loadHolder(trx, c.staff_id), input: { id: c.id, competence: c.competence, assessedOn: c.assessed_on, note: c.note } });
      }
    });
  }

  const byEpisode = new Map<string, Step[]>();
  let seq = 0;
  const step = (episodeId: string, at: Date, rank: number, run: Step['run']) => {
    const list = byEpisode.get(episodeId) ?? [];
    list.push({ at, rank, seq: seq++, run });
    byEpisode.set(episodeId, list);
  };
  // The episode as it stands: read again only after a step that changes it (a review, the discharge),
  // which moves its version and dates; the record writes themselves leave it as it was.
  const current = new Map<string, EpisodeResponse>();
  const episodeAt = async (trx: Kysely<Database>, id: string, at: Date): Promise<EpisodeResponse> => {
    const known = current.get(id);
    if (known) return known;
    const episode = (await findEpisode(trx, id, at))!;
    current.set(id, episode);
    return episode;
  };
  const changesEpisode = new Set([rankOfReview, rankOfDischarge]);

  for (const c of r.consents) {
    step(c.episode_id, c.recorded_at, 0, async (trx) => {
      const actor = as(c.recorded_by, c.recorded_at);
      const access = await authoriseRecordWrite(trx, { actor, episode: await episodeAt(trx, c.episode_id, c.recorded_at), kind: 'consent' });
      await recordConsent(trx, {
        access,
        input: { scope: c.scope, intervention: null, agreedTo: c.agreed_to, method: c.method, givenBy: c.given_by, bestInterestsDecisionBy: null, bestInterestsConsulted: null, capacityInDoubt: c.capacity_in_doubt, assessment: null, communicationSupport: c.communication_support, note: c.note },
      });
    });
  }
  if (r.story) {
    // Mrs B reads large print: her therapist added it to her details at the first visit, when consent was recorded.
    const story = r.story;
    const consent = r.consents.find((c) => c.episode_id === story.episodeId);
    if (consent) step(story.episodeId, consent.recorded_at, 1, (trx) => addCommunicationNeeds(trx, as(consent.recorded_by, consent.recorded_at), story.patientId, story.communicationNeeds));
  }

  const notes = new Map<string, Note>();
  for (const n of r.notes) {
    const finalisedLater = n.status === 'final' && n.finalised_at!.getTime() !== n.written_at.getTime();
    step(n.episode_id, n.written_at, 2, async (trx) => {
      const access = await authoriseRecordWrite(trx, { actor: as(n.written_by, n.written_at), episode: await episodeAt(trx, n.episode_id, n.written_at), kind: 'contact-note' });
      notes.set(n.id, await writeContactNote(trx, { access, content: noteContent(n), finalise: n.status === 'final' && !finalisedLater, consentMissingReason: null }));
    });
    if (finalisedLater) {
      step(n.episode_id, n.finalised_at!, 8, async (trx) => {
        const access = await authoriseRecordWrite(trx, { actor: as(n.finalised_by!, n.finalised_at!), episode: await episodeAt(trx, n.episode_id, n.finalised_at!), kind: 'contact-note' });
        const note = notes.get(n.id)!;
        notes.set(n.id, await finaliseContactNote(trx, { access, note, version: note.version, consentMissingReason: null }));
      });
    }
    if (n.reviewed_at && n.reviewed_by) {
      step(n.episode_id, n.reviewed_at, 9, async (trx) => {
        const note = notes.get(n.id)!;
        const access = await authoriseNoteReview(trx, { actor: as(n.reviewed_by!, n.reviewed_at!), episode: await episodeAt(trx, n.episode_id, n.reviewed_at!), note });
        notes.set(n.id, await reviewContactNote(trx, { access, note, version: note.version }));
      });
    }
  }
  for (const a of r.amendments) {
    const n = r.notes.find((x) => x.id === a.note_id)!;
    step(n.episode_id, a.amended_at, 10, async (trx) => {
      const note = notes.get(a.note_id)!;
      const access = await authoriseRecordWrite(trx, { actor: as(a.amended_by, a.amended_at), episode: await episodeAt(trx, n.episode_id, a.amended_at), kind: 'contact-note' });
      notes.set(a.note_id, await amendContactNote(trx, { access, note, content: amendmentContent(a), reason: a.reason, version: note.version }));
    });
  }

  for (const a of r.assessments) {
    step(a.episode_id, a.recorded_at, 3, async (trx) => {
      const access = await authoriseRecordWrite(trx, { actor: as(a.recorded_by, a.recorded_at), episode: await episodeAt(trx, a.episode_id, a.recorded_at), kind: 'assessment' });
      await recordAssessment(trx, { access, input: { instrumentId: a.instrument_id, timePoint: a.time_point, method: a.method, administeredAt: a.administered_at, responses: a.responses } });
    });
  }

  const goals = new Map<string, Goal>();
  for (const g of r.goals) {
    step(g.episode_id, g.created_at, 4, async (trx) => {
      const access = await authoriseGoalWrite(trx, { actor: as(g.created_by, g.created_at), episode: await episodeAt(trx, g.episode_id, g.created_at), change: 'set' });
      goals.set(
        g.id,
        await setGoal(trx, {
          access,
          id: g.id,
          plan: { statement: g.statement, levels: g.levels, baseline: g.baseline_level, importance: g.importance, difficulty: g.difficulty, targetOn: g.target_on, agreedWith: g.agreed_with },
        }),
      );
    });
    if (g.status !== 'active') {
      step(g.episode_id, g.updated_at, 7, async (trx) => {
        const goal = goals.get(g.id)!;
        const access = await authoriseGoalWrite(trx, { actor: as(g.updated_by, g.updated_at), episode: await episodeAt(trx, g.episode_id, g.updated_at), change: 'status' });
        goals.set(g.id, await changeGoalStatus(trx, { access, goal, change: { status: g.status, reason: g.status_reason }, version: goal.version }));
      });
    }
  }
  for (const t of r.attainments) {
    step(t.episode_id, t.recorded_at, 6, async (trx) => {
      const goal = goals.get(t.goal_id)!;
      const access = await authoriseGoalWrite(trx, { actor: as(t.recorded_by, t.recorded_at), episode: await episodeAt(trx, t.episode_id, t.recorded_at), change: 'rate' });
      const rated = await recordGoalAttainment(trx, { access, goal, id: t.id, rating: { level: t.level, timePoint: t.time_point, ratedOn: ukDateOf(t.rated_at), note: t.note } });
      goals.set(t.goal_id, rated.goal);
    });
  }

  const activities = new Map<string, Activity>();
  for (const a of r.activities) {
    step(a.episode_id, a.created_at, 5, async (trx) => {
      const access = await authoriseProgrammeChange(trx, { actor: as(a.created_by, a.created_at), episode: await episodeAt(trx, a.episode_id, a.created_at) });
      activities.set(
        a.id,
        await setProgrammeActivity(trx, {
          access,
          id: a.id,
          input: {
            goalId: a.goal_id,
            kind: a.kind,
            competence: a.competence,
            title: a.title,
            instructions: a.instructions,
            timesPerPeriod: a.times_per_period,
            period: a.period,
            delivererKind: a.deliverer_kind,
            delivererStaffId: a.deliverer_staff_id,
            delivererName: a.deliverer_name,
            startsOn: a.starts_on,
            endsOn: a.ends_on,
          },
        }),
      );
    });
    if (a.status !== 'active' && !o.pending.has(a.episode_id)) {
      // Ended in the episode; one still running at discharge is ended by the discharge itself.
      step(a.episode_id, a.updated_at, 7, async (trx) => {
        const activity = activities.get(a.id)!;
        const access = await authoriseProgrammeChange(trx, { actor: as(a.updated_by, a.updated_at), episode: await episodeAt(trx, a.episode_id, a.updated_at) });
        activities.set(a.id, await changeActivityStatus(trx, { access, activity, status: a.status as 'stopped' | 'completed', reason: a.status_reason ?? 'Programme finished', version: activity.version }));
      });
    }
  }
  for (const c of r.completions) {
    step(c.episode_id, c.recorded_at, 6, async (trx) => {
      const activity = activities.get(c.activity_id)!;
      const access = await authoriseRecordWrite(trx, { actor: as(c.recorded_by, c.recorded_at), episode: await episodeAt(trx, c.episode_id, c.recorded_at), kind: 'programme-of-care' });
      await authoriseCompletionLog(trx, { access, activity, reportedBy: c.reported_by });
      await logProgrammeCompletion(trx, { access, activity, input: { id: c.id, doneOn: c.done_on, outcome: c.outcome, reportedBy: c.reported_by, note: c.note } });
    });
  }

  for (const v of r.reviews) {
    step(v.episode_id, v.recorded_at, rankOfReview, async (trx) => {
      const episode = await episodeAt(trx, v.episode_id, v.recorded_at);
      const access = await authoriseReviewWrite(trx, { actor: as(v.recorded_by, v.recorded_at), episode });
      await recordEpisodeReview(trx, { access, version: episode.version, input: { kind: v.kind, heldOn: v.held_on, summary: v.summary, decision: v.decision, nextReviewOn: v.next_review_on, plannedEndOn: v.planned_end_on } });
    });
  }

  for (const d of o.pending.values()) {
    step(d.episodeId, d.at, rankOfDischarge, async (trx) => {
      const episode = await episodeAt(trx, d.episodeId, d.at);
      const access = await authoriseEpisodeWrite(trx, { actor: as(d.staffId, d.at), episode, change: 'discharge' });
      await dischargeEpisode(trx, { access, version: episode.version, input: { outcome: d.outcome, destination: d.destination, dischargedOn: d.dischargedOn, note: d.note }, equipment: equipmentAtDischargePort });
    });
  }

  for (const plan of o.plans) {
    let summary: DischargeSummaryResponse | null = null;
    step(plan.episodeId, plan.draftedAt, 13, async (trx) => {
      const access = await authoriseDischargeWrite(trx, { actor: as(plan.by.id, plan.draftedAt), episode: await episodeAt(trx, plan.episodeId, plan.draftedAt) });
      summary = await createDischargeSummary(trx, { access });
    });
    step(plan.episodeId, plan.finalisedAt, 14, async (trx) => {
      const drafted = summary!;
      // The app finalises only a summary with the required sections written and no shorthand in the patient's wording.
      if (checkDischargeSummaryForFinal({ sections: drafted.sections, goalAttainment: drafted.goalAttainment, draftedAt: drafted.draftedAt }).length) {
        out.drafts += 1;
        return;
      }
      const access = await authoriseDischargeWrite(trx, { actor: as(plan.by.id, plan.finalisedAt), episode: await episodeAt(trx, plan.episodeId, plan.finalisedAt) });
      await authoriseDischargeFinalise(trx, { access });
      summary = await finaliseDischargeSummary(trx, { access, summary: drafted, version: drafted.version });
      out.summaries += 1;
    });
    plan.letters.forEach((l, i) => {
      step(plan.episodeId, l.producedAt, 15 + i, async (trx) => {
        const final = summary!;
        if (final.status !== 'final') return;
        const refused = refusal(final, await findPatient(trx, plan.patientId), l.recipient);
        if (refused) {
          out.notProduced.push(refused);
          return;
        }
        const access = await authoriseDischargeWrite(trx, { actor: as(plan.by.id, l.producedAt), episode: await episodeAt(trx, plan.episodeId, l.producedAt), kind: 'letter' });
        await produceDischargeLetter(trx, { access, summary: final, recipient: l.recipient });
        out.letters += 1;
      });
    });
  }

  // Each episode's writes in time order; several episodes to a transaction, so a first start stays quick.
  const episodes = [...byEpisode.keys()].sort();
  for (let i = 0; i < episodes.length; i += o.episodesPerTransaction) {
    await db.transaction().execute(async (trx) => {
      for (const id of episodes.slice(i, i + o.episodesPerTransaction)) {
        const steps = byEpisode.get(id)!.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank || a.seq - b.seq);
        for (const s of steps) {
          await s.run(trx);
          if (changesEpisode.has(s.rank)) current.delete(id);
        }
      }
    });
    // PGlite never yields otherwise: let the event loop turn between transactions.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/** Adds to the patient's communication needs, as a new version of their record. */
async function addCommunicationNeeds(trx: Kysely<Database>, actor: Actor, patientId: string, needs: CommunicationNeeds): Promise<void> {
  const grant = await authorisePatientAccess(trx, { actor, patientId, action: 'write' });
  const patient = (await findPatient(trx, patientId))!;
  await changePatientDetails(trx, { grant, version: patient.version, details: { ...patientDetailsOf(patient), communicationNeeds: needs } });
}

/** The app's reason for refusing this letter (checkLetterRequest), or null when it can be produced. */
function refusal(summary: DischargeSummaryResponse, patient: Awaited<ReturnType<typeof findPatient>>, recipient: DemoDischargePlan['letters'][number]['recipient']): string | null {
  try {
    checkLetterRequest({ summary, patient, recipient });
    return null;
  } catch (error) {
    if (error instanceof HomewardError) return error.message;
    throw error;
  }
}
