// Waiting (issue 18 #1): for referrals received in the window, the wait from the referral to first
// contact against the service's response standard for the priority triage set (stored on the episode as
// its due time, so a standard changed later does not rewrite history), and each breach: seen late, or
// still not seen past the due time.
import type { Kysely } from 'kysely';
import { describeStandard, median, percent, priorities, responseStandardFor, serviceLabels, services, type Priority, type Service } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';
import { episodeReference } from './report-notes.ts';
import { buildBarChart } from './report-chart.ts';
import { reportTitles, type Cell, type Report } from './report-model.ts';

const hours = (ms: number) => Math.round(ms / 360_000) / 10;

export async function readWaitingReport(db: Kysely<Database>, o: { teamIds: readonly string[]; filter: ReportFilter; now: Date }): Promise<Report> {
  let q = db
    .selectFrom('episodes as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .select(['e.id', 'e.service', 'e.priority', 'e.first_contact_at', 'e.response_due_at', 'r.received_at'])
    .where('e.team_id', 'in', o.teamIds)
    .where('r.received_at', '>=', o.filter.fromInstant)
    .where('r.received_at', '<', o.filter.toInstant);
  if (o.filter.service) q = q.where('e.service', '=', o.filter.service);
  const rows = o.teamIds.length ? await q.orderBy('r.received_at').orderBy('e.id').execute() : [];
  const now = o.now.getTime();
  type Group = { service: Service; priority: Priority; count: number; waits: number[]; seenWithin: number; seenLate: number; waitingWithin: number; waitingBreached: number };
  const groups = new Map<string, Group>();
  const breaches: Array<{ id: string; cells: Cell[] }> = [];
  for (const r of rows) {
    const key = `${r.service}|${r.priority}`;
    const g = groups.get(key) ?? { service: r.service as Service, priority: r.priority as Priority, count: 0, waits: [], seenWithin: 0, seenLate: 0, waitingWithin: 0, waitingBreached: 0 };
    g.count += 1;
    const due = new Date(r.response_due_at).getTime();
    const received = new Date(r.received_at).getTime();
    if (r.first_contact_at) {
      const seen = new Date(r.first_contact_at).getTime();
      g.waits.push(hours(seen - received));
      if (seen <= due) g.seenWithin += 1;
      else {
        g.seenLate += 1;
        breaches.push({ id: r.id, cells: [episodeReference(r.id), serviceLabels[g.service] ?? r.service, r.priority, 'Seen late', hours(seen - due)] });
      }
    } else if (now > due) {
      g.waitingBreached += 1;
      breaches.push({ id: r.id, cells: [episodeReference(r.id), serviceLabels[g.service] ?? r.service, r.priority, 'Not yet seen', hours(now - due)] });
    } else g.waitingWithin += 1;
    groups.set(key, g);
  }
  const ordered = [...groups.values()].sort((a, b) => services.indexOf(a.service) - services.indexOf(b.service) || priorities.indexOf(a.priority) - priorities.indexOf(b.priority));
  const standardOf = (g: Group) => {
    try {
      return describeStandard(responseStandardFor(g.service, g.priority));
    } catch {
      return null;
    }
  };
  const decided = (g: Group) => g.seenWithin + g.seenLate + g.waitingBreached;
  const all = ordered.reduce((a, g) => ({ count: a.count + g.count, within: a.within + g.seenWithin, decided: a.decided + decided(g), breaches: a.breaches + g.seenLate + g.waitingBreached }), { count: 0, within: 0, decided: 0, breaches: 0 });
  return {
    report: 'waiting',
    title: reportTitles.waiting,
    episodeIds: breaches.map((b) => b.id),
    chart: ordered.length
      ? buildBarChart({
          label: 'Share of referrals seen within the response standard, by service and priority',
          unit: '%',
          series: ['Seen within the standard'],
          groups: ordered.map((g) => ({ label: `${serviceLabels[g.service] ?? g.service}, ${g.priority}`, values: [percent(g.seenWithin, decided(g))] })),
        })
      : null,
    tables: [
      {
        id: 'by-service',
        title: 'Referral to first contact, by service and priority',
        columns: ['Service', 'Priority', 'Response standard', 'Referrals', 'Seen within the standard', 'Seen late', 'Waiting, within the standard', 'Waiting, past the standard', 'Median wait to first contact (hours)', 'Within the standard (%)'],
        rows: [
          ...ordered.map((g): Cell[] => [serviceLabels[g.service] ?? g.service, g.priority, standardOf(g), g.count, g.seenWithin, g.seenLate, g.waitingWithin, g.waitingBreached, median(g.waits), percent(g.seenWithin, decided(g))]),
          ...(ordered.length ? [['All services', null, null, all.count, all.within, ordered.reduce((n, g) => n + g.seenLate, 0), ordered.reduce((n, g) => n + g.waitingWithin, 0), ordered.reduce((n, g) => n + g.waitingBreached, 0), median(ordered.flatMap((g) => g.waits)), percent(all.within, all.decided)] as Cell[]] : []),
        ],
        note: 'Referrals received in the dates chosen. The share within the standard is of those seen or already past it; those still within it are not yet counted either way.',
      },
      { id: 'breaches', title: 'Breaches', columns: ['Episode', 'Service', 'Priority', 'What happened', 'Hours past the standard'], rows: breaches.map((b) => b.cells), links: breaches.map((b) => `/episodes/${b.id}`) },
    ],
  };
}
