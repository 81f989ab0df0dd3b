// When and by whom each recently discharged demo episode's discharge summary was written and its
// letters sent: on the discharge day, after what was recorded that day, by the clinician holding the
// episode. Only the plan (times, authors) is made here; write-demo-records.ts drafts, finalises
// and produces them through the domain functions (createDischargeSummary, produceDischargeLetter).
// Pure and deterministic: the same seed and inputs give the same plan (ids included).
import { fromUkWallClock, mayWriteDischargeSummary, ukDateOf } from '@homeward/clinical';
import type { DemoRecords, RecordEpisodeInput, RecordStaffInput } from './generate-demo-records.ts';
import { seededUuidV7 } from './generate-demo-episodes.ts';
import { createRandom, deriveSeed } from './seeded-random.ts';

const minuteMs = 60_000;

export type PlanDemoDischargesOptions = {
  seed: number;
  now: Date;
  /** The episodes given records; only the discharged ones are planned. */
  episodes: readonly RecordEpisodeInput[];
  records: DemoRecords;
  staff: readonly RecordStaffInput[];
  /** When each episode's discharge was recorded (its 'discharged' event), by episode id. */
  dischargeRecordedAt?: ReadonlyMap<string, Date>;
};

export type DemoLetterPlan = { recipient: 'patient' | 'gp'; id: string; producedAt: Date };

export type DemoDischargePlan = {
  episodeId: string;
  patientId: string;
  dischargedOn: string;
  summaryId: string;
  draftedAt: Date;
  finalisedAt: Date;
  /** The clinician holding the episode at discharge: drafts, finalises and signs the letters. */
  by: RecordStaffInput;
  /** The patient's letter first (the GP's says how the patient's was printed); the seeder skips one it cannot address. */
  letters: DemoLetterPlan[];
};

/** Everything written for the episode by the end of the discharge day, as instants. */
function recordedOnOrBefore(records: DemoRecords, episodeId: string, until: number): number[] {
  const mine = <T extends { episode_id: string }>(rows: readonly T[]) => rows.filter((r) => r.episode_id === episodeId);
  return [
    ...mine(records.consents).map((r) => r.recorded_at),
    ...mine(records.notes).flatMap((n) => [n.written_at, n.updated_at]),
    ...mine(records.assessments).map((r) => r.recorded_at),
    ...mine(records.goals).map((r) => r.updated_at),
    ...mine(records.attainments).map((r) => r.recorded_at),
    ...mine(records.activities).map((r) => r.updated_at),
    ...mine(records.completions).map((r) => r.recorded_at),
    ...mine(records.reviews).map((r) => r.recorded_at),
  ]
    .map((d) => d.getTime())
    .filter((t) => t <= until);
}

/**
 * When the discharge is recorded: as the episode generator timed it, or, if the episode's record runs
 * on past that (the end review, the last ratings, the goals closed), a minute after its last entry,
 * since a discharged episode is reviewed, rated and its goals closed no more (the app refuses).
 */
export function dischargeRecordedAfterRecords(records: DemoRecords, episodeId: string, at: Date, now: Date): Date {
  const last = Math.max(at.getTime(), ...recordedOnOrBefore(records, episodeId, Number.POSITIVE_INFINITY).map((t) => t + minuteMs));
  return new Date(Math.min(last, now.getTime() - minuteMs));
}

export function planDemoDischarges(o: PlanDemoDischargesOptions): DemoDischargePlan[] {
  const now = o.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('planDemoDischarges needs a valid reference time');
  const staffById = new Map(o.staff.map((s) => [s.id, s]));
  const random = createRandom(deriveSeed(o.seed, 0xd15c));
  const minutes = (min: number, max: number) => (min + Math.floor(random() * (max - min + 1))) * minuteMs;
  const plans: DemoDischargePlan[] = [];
  const discharged = o.episodes.filter((e) => e.status === 'discharged' && e.dischargedOn).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of discharged) {
    const by = staffById.get(e.holders.at(-1)?.staffId ?? '');
    // Only a clinician who may write the summary signs it (never a support worker).
    if (!by || !mayWriteDischargeSummary(by.role)) continue;
    const day = e.dischargedOn!;
    const endOfDay = fromUkWallClock(day, '23:59')!.getTime();
    const limit = Math.min(endOfDay, now - minuteMs);
    const recorded = [...recordedOnOrBefore(o.records, e.id, endOfDay), e.lastContactAt.getTime(), o.dischargeRecordedAt?.get(e.id)?.getTime() ?? 0].filter((t) => t <= limit);
    // Drafted after the day's last entry, finalised a little later, then both letters; kept within the day.
    const drafted = minutes(15, 45);
    const finalised = drafted + minutes(10, 30);
    const offsets = [drafted, finalised, finalised + 2 * minuteMs, finalised + 4 * minuteMs];
    const start = Math.min(Math.max(e.firstContactAt.getTime(), ...recorded), limit - offsets[3]!);
    const [draftedAt, finalisedAt, patientAt, gpAt] = offsets.map((m) => new Date(Math.floor((start + m) / minuteMs) * minuteMs)) as [Date, Date, Date, Date];
    // Drafted on the discharge day and after the discharge is recorded (a draft before it would say no discharge).
    if (ukDateOf(draftedAt) !== day || draftedAt.getTime() < (o.dischargeRecordedAt?.get(e.id)?.getTime() ?? 0)) continue;
    const ids = [draftedAt, patientAt, gpAt].map((d) => seededUuidV7(d.getTime(), random));
    // A patient who died is not written to; the GP still is.
    const letters: DemoLetterPlan[] = e.dischargeOutcome === 'died' ? [] : [{ recipient: 'patient', id: ids[1]!, producedAt: patientAt }];
    letters.push({ recipient: 'gp', id: ids[2]!, producedAt: gpAt });
    plans.push({ episodeId: e.id, patientId: e.patient.id, dischargedOn: day, summaryId: ids[0]!, draftedAt, finalisedAt, by, letters });
  }
  return plans;
}
