// The referral-to-first-contact report: per service, how long patients waited from the referral being
// received to first contact (median, 90th percentile) and how many were seen within the standard.
import type { Kysely } from 'kysely';
import { addCalendarDays, ukDateOf, ukDayStart } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

/** The report's window: [from, to] as UK calendar days, defaulting to the 90 days to today. */
export function reportWindow(q: { from?: string; to?: string }, now: Date): { from: string; to: string; fromInstant: Date; toInstant: Date } {
  const to = q.to ?? ukDateOf(now);
  const from = q.from ?? addCalendarDays(to, -90);
  return { from, to, fromInstant: ukDayStart(from), toInstant: ukDayStart(addCalendarDays(to, 1)) };
}

export type FirstContactReportRow = {
  service: string;
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinStandard: number;
  percentWithinStandard: number | null;
};

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Referral-to-first-contact times for the team's episodes whose first contact fell in [from, to),
 * per service. Reads the team's episodes by team; a report, not a page clinicians load all day.
 */
export async function firstContactReport(db: Kysely<Database>, teamId: string, from: Date, to: Date): Promise<FirstContactReportRow[]> {
  const rows = await db
    .selectFrom('episodes')
    .innerJoin('referrals', 'referrals.id', 'episodes.referral_id')
    .select(['episodes.service', 'episodes.first_contact_at', 'episodes.response_due_at', 'referrals.received_at'])
    .where('episodes.team_id', '=', teamId)
    .where('episodes.first_contact_at', '>=', from)
    .where('episodes.first_contact_at', '<', to)
    .execute();
  const byService = new Map<string, { minutes: number[]; within: number }>();
  for (const r of rows) {
    const s = byService.get(r.service) ?? { minutes: [], within: 0 };
    const contact = new Date(r.first_contact_at!).getTime();
    s.minutes.push(Math.max(0, Math.round((contact - new Date(r.received_at).getTime()) / 60_000)));
    if (contact <= new Date(r.response_due_at).getTime()) s.within += 1;
    byService.set(r.service, s);
  }
  return [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, s]) => {
      const sorted = [...s.minutes].sort((x, y) => x - y);
      return {
        service,
        count: sorted.length,
        medianMinutes: median(sorted),
        p90Minutes: percentile(sorted, 90),
        withinStandard: s.within,
        percentWithinStandard: sorted.length ? Math.round((s.within / sorted.length) * 1000) / 10 : null,
      };
    });
}

