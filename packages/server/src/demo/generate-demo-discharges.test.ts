import { describe, expect, it } from 'vitest';
import { fromUkWallClock, mayWriteDischargeSummary, ukDateOf } from '@homeward/clinical';
import { demoService } from './demo-service-for-tests.ts';
import { planDemoDischarges } from './generate-demo-discharges.ts';
import { generateDemoRecords, type RecordEpisodeInput } from './generate-demo-records.ts';

const now = new Date('2026-11-24T10:30:00Z');
const service = demoService(now);
const records = generateDemoRecords({ seed: 7, now, episodes: service.episodes, staff: service.staff });
const plans = planDemoDischarges({ seed: 7, now, episodes: service.episodes, records, staff: service.staff });
const episodeById = new Map(service.episodes.map((e) => [e.id, e]));
const staffById = new Map(service.staff.map((s) => [s.id, s]));
const discharged = service.episodes.filter((e) => e.status === 'discharged');

describe('planDemoDischarges', () => {
  it('plans a summary and letters for every recently discharged episode, by the clinician holding it', () => {
    expect(discharged.length).toBeGreaterThan(0);
    expect(plans.map((p) => p.episodeId).sort()).toEqual(discharged.map((e) => e.id).sort());
    for (const p of plans) {
      const e = episodeById.get(p.episodeId)!;
      expect(p.patientId).toBe(e.patient.id);
      expect(p.by).toBe(staffById.get(e.holders.at(-1)!.staffId));
      expect(mayWriteDischargeSummary(p.by.role)).toBe(true);
      expect(p.letters.map((l) => l.recipient)).toEqual(['patient', 'gp']);
    }
  });

  it('dates it all on the discharge day, after what was recorded that day and the discharge itself, in order', () => {
    const dischargeRecordedAt = new Map(discharged.map((e) => [e.id, new Date(e.lastContactAt.getTime() + 3 * 3_600_000)]));
    for (const p of planDemoDischarges({ seed: 7, now, episodes: service.episodes, records, staff: service.staff, dischargeRecordedAt })) {
      const e = episodeById.get(p.episodeId)!;
      const times = [p.draftedAt, p.finalisedAt, ...p.letters.map((l) => l.producedAt)];
      for (const t of times) {
        expect(ukDateOf(t)).toBe(e.dischargedOn);
        expect(t.getTime()).toBeLessThan(now.getTime());
        expect(t.getSeconds()).toBe(0);
      }
      expect(times.map((t) => t.getTime())).toEqual([...times.map((t) => t.getTime())].sort((a, b) => a - b));
      expect(p.finalisedAt.getTime()).toBeGreaterThan(p.draftedAt.getTime());
      expect(p.draftedAt.getTime()).toBeGreaterThan(dischargeRecordedAt.get(e.id)!.getTime());
      const endOfDay = fromUkWallClock(e.dischargedOn!, '23:59')!.getTime();
      const mine = [...records.notes.filter((n) => n.episode_id === e.id).map((n) => n.written_at), ...records.reviews.filter((r) => r.episode_id === e.id).map((r) => r.recorded_at)];
      for (const t of mine.filter((d) => d.getTime() <= endOfDay)) expect(p.draftedAt.getTime()).toBeGreaterThan(t.getTime());
    }
  });

  it('is deterministic, with unique UUIDv7s, and differs with another seed', () => {
    expect(planDemoDischarges({ seed: 7, now, episodes: service.episodes, records, staff: service.staff })).toEqual(plans);
    const ids = plans.flatMap((p) => [p.summaryId, ...p.letters.map((l) => l.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = planDemoDischarges({ seed: 8, now, episodes: service.episodes, records, staff: service.staff });
    expect(other.map((p) => p.summaryId)).not.toEqual(plans.map((p) => p.summaryId));
  });

  it('keeps a discharge recorded late in the evening within the day', () => {
    const e = discharged[0]!;
    const late: RecordEpisodeInput = { ...e, lastContactAt: fromUkWallClock(e.dischargedOn!, '23:40')! };
    const [p] = planDemoDischarges({ seed: 7, now, episodes: [late], records, staff: service.staff });
    for (const t of [p!.draftedAt, p!.finalisedAt, ...p!.letters.map((l) => l.producedAt)]) expect(ukDateOf(t)).toBe(e.dischargedOn);
  });

  it('writes to the GP but not to a patient who died, and leaves out what nobody may sign or date', () => {
    const e = discharged[0]!;
    const [died] = planDemoDischarges({ seed: 7, now, episodes: [{ ...e, dischargeOutcome: 'died' }], records, staff: service.staff });
    expect(died!.letters.map((l) => l.recipient)).toEqual(['gp']);
    const supportWorker = service.staff.find((s) => s.role === 'support-worker')!;
    expect(planDemoDischarges({ seed: 7, now, episodes: [{ ...e, holders: [{ staffId: supportWorker.id, from: e.firstContactAt }] }], records, staff: service.staff })).toEqual([]);
    // Discharged today, before anything could be written after the visit: nothing is dated in the future.
    const today: RecordEpisodeInput = { ...e, dischargedOn: ukDateOf(now), lastContactAt: new Date(now.getTime() - 60_000) };
    expect(planDemoDischarges({ seed: 7, now, episodes: [today], records, staff: service.staff }).every((p) => p.finalisedAt.getTime() < now.getTime())).toBe(true);
    expect(planDemoDischarges({ seed: 7, now, episodes: service.episodes.filter((x) => x.status !== 'discharged'), records, staff: service.staff })).toEqual([]);
    expect(() => planDemoDischarges({ seed: 7, now: new Date(Number.NaN), episodes: [], records, staff: [] })).toThrow(RangeError);
  });
});
