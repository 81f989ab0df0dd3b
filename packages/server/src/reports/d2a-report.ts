// D2A and intermediate care (issue 18 #1): by pathway 0-3, admissions (first contact in the window) and
// discharges (discharged in the window); days from referral to the start of care; length of stay; the
// Discharge Ready Date recorded, discharges after it and the days lost; the reasons given for each delay
// (migration 0060's episode_delays) and where patients went.
import { sql, type Kysely } from 'kysely';
import { d2aPathwayOf, d2aPathways, daysFromTo, delayReasonLabels, dischargeDelayDays, dischargeDestinationLabels, median, percent, type DelayReason, type DischargeDestination, type Service } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';
import { buildBarChart } from './report-chart.ts';
import { reportTitles, type Cell, type Report } from './report-model.ts';

const d2aServices = ['d2a-pathway-0', 'd2a-pathway-1', 'd2a-pathway-2', 'd2a-pathway-3'] as const;

type Row = { id: string; service: string; received_day: string; started_day: string | null; discharged_on: string | null; discharge_ready_on: string | null; discharge_destination: string | null };

export async function readD2aReport(db: Kysely<Database>, o: { teamIds: readonly string[]; filter: ReportFilter }): Promise<Report> {
  const chosen = o.filter.service ? d2aServices.filter((s) => s === o.filter.service) : [...d2aServices];
  const rows = o.teamIds.length && chosen.length
    ? (await sql<Row>`
        select e.id, e.service,
               to_char(r.received_at at time zone 'Europe/London', 'YYYY-MM-DD') as received_day,
               to_char(e.first_contact_at at time zone 'Europe/London', 'YYYY-MM-DD') as started_day,
               to_char(e.discharged_on, 'YYYY-MM-DD') as discharged_on,
               to_char(e.discharge_ready_on, 'YYYY-MM-DD') as discharge_ready_on,
               e.discharge_destination
        from episodes e join referrals r on r.id = e.referral_id
        where e.team_id in (${sql.join(o.teamIds)}) and e.service in (${sql.join(chosen)})
          and ((e.first_contact_at >= ${o.filter.fromInstant} and e.first_contact_at < ${o.filter.toInstant})
               or (e.discharged_on >= ${o.filter.from} and e.discharged_on <= ${o.filter.to}))
        order by e.id`.execute(db)).rows
    : [];
  const inWindow = (day: string | null) => day !== null && day >= o.filter.from && day <= o.filter.to;
  const admitted = rows.filter((r) => inWindow(r.started_day));
  const discharged = rows.filter((r) => inWindow(r.discharged_on));
  const delayRows = discharged.length
    ? await db.selectFrom('episode_delays').select(['episode_id', 'reason']).where('episode_id', 'in', discharged.map((r) => r.id)).execute()
    : [];
  const pathwayOf = (r: Row) => d2aPathwayOf(r.service as Service)!;
  const figures = (pathway: number | null) => {
    const a = admitted.filter((r) => pathway === null || pathwayOf(r) === pathway);
    const d = discharged.filter((r) => pathway === null || pathwayOf(r) === pathway);
    const withReady = d.filter((r) => r.discharge_ready_on !== null);
    const delays = withReady.map((r) => dischargeDelayDays(r.discharge_ready_on!, r.discharged_on!)).filter((n) => n > 0);
    return {
      admissions: a.length,
      discharges: d.length,
      toStart: median(a.map((r) => daysFromTo(r.received_day, r.started_day!))),
      stay: median(d.filter((r) => r.started_day).map((r) => daysFromTo(r.started_day!, r.discharged_on!))),
      ready: withReady.length,
      readyShare: percent(withReady.length, d.length),
      delayed: delays.length,
      daysLost: delays.reduce((n, x) => n + x, 0),
      medianDelay: median(delays),
    };
  };
  const pathways = d2aPathways.filter((p) => chosen.includes(`d2a-pathway-${p}` as (typeof d2aServices)[number]));
  const byPathway = pathways.map((p) => ({ label: `Pathway ${p}`, f: figures(p) }));
  const total = figures(null);
  const reasonCounts = new Map<string, Set<string>>();
  for (const d of delayRows) reasonCounts.set(d.reason, (reasonCounts.get(d.reason) ?? new Set()).add(d.episode_id));
  const delayedCount = total.delayed;
  const destinations = new Map<string, number>();
  for (const d of discharged) destinations.set(d.discharge_destination ?? 'not-recorded', (destinations.get(d.discharge_destination ?? 'not-recorded') ?? 0) + 1);
  const line = (label: string, f: ReturnType<typeof figures>): Cell[] => [label, f.admissions, f.discharges, f.toStart, f.stay, f.ready, f.readyShare, f.delayed, f.daysLost, f.medianDelay];
  return {
    report: 'd2a',
    title: reportTitles.d2a,
    episodeIds: [],
    chart: rows.length
      ? buildBarChart({ label: 'Admissions and discharges by D2A pathway', unit: '', series: ['Admissions', 'Discharges'], groups: byPathway.map((p) => ({ label: p.label, values: [p.f.admissions, p.f.discharges] })) })
      : null,
    tables: [
      {
        id: 'by-pathway',
        title: 'By pathway',
        columns: ['Pathway', 'Admissions', 'Discharges', 'Median days from referral to start', 'Median length of stay (days)', 'Discharge Ready Date recorded', 'Recorded (%)', 'Discharged after the ready date', 'Days after the ready date', 'Median days after the ready date'],
        rows: [...byPathway.map((p) => line(p.label, p.f)), line('All pathways', total)],
        note: 'Admissions: first contact in the dates chosen. Discharges, stays and delays: discharged in the dates chosen. Days are UK calendar days.',
      },
      {
        id: 'delay-reasons',
        title: 'Why discharges came after the ready date',
        columns: ['Reason', 'Discharges', 'Share of discharges after the ready date (%)'],
        rows: [...reasonCounts.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0])).map(([reason, eps]) => [delayReasonLabels[reason as DelayReason] ?? reason, eps.size, percent(eps.size, delayedCount)]),
        note: 'A discharge may have more than one reason.',
      },
      {
        id: 'destinations',
        title: 'Where patients went',
        columns: ['Destination', 'Discharges', 'Share (%)'],
        rows: [...destinations.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d, n]) => [dischargeDestinationLabels[d as DischargeDestination] ?? 'Not recorded', n, percent(n, discharged.length)]),
      },
    ],
  };
}
