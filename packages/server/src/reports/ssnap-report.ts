// SSNAP therapy (issue 18 #1): for each stroke patient of the team, the minutes and days of each type of
// therapy in the window, from the contact notes (SSNAP records therapy by type, not by who gave it), and
// the team totals: patients given each therapy, days, minutes and minutes per day of therapy.
import type { Kysely } from 'kysely';
import { minutesPerTherapyDay, mean, serviceLabels, ssnapTherapyTotals, ssnapTherapyTypeLabels, ssnapTherapyTypes, strokeServices, type Service, type SsnapTherapyTotals } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';
import { countedNotes, episodeReference } from './report-notes.ts';
import { buildBarChart } from './report-chart.ts';
import { reportTitles, type Cell, type Report } from './report-model.ts';

export async function readSsnapReport(db: Kysely<Database>, o: { teamIds: readonly string[]; filter: ReportFilter }): Promise<Report> {
  const notes = await countedNotes(db, { teamIds: o.teamIds, filter: o.filter, services: strokeServices });
  const byEpisode = new Map<string, { service: string; contacts: Array<{ day: string; therapyMinutes: (typeof notes)[number]['therapyMinutes'] }> }>();
  for (const n of notes) {
    const e = byEpisode.get(n.episodeId) ?? { service: n.service, contacts: [] };
    e.contacts.push({ day: n.day, therapyMinutes: n.therapyMinutes });
    byEpisode.set(n.episodeId, e);
  }
  const episodes = [...byEpisode.entries()]
    .map(([episodeId, e]) => ({ episodeId, service: e.service, totals: ssnapTherapyTotals(e.contacts) }))
    .filter((e) => e.totals.all.minutes > 0)
    .sort((a, b) => a.episodeId.localeCompare(b.episodeId));
  const types = [...ssnapTherapyTypes, 'all'] as const;
  const label = (t: (typeof types)[number]) => (t === 'all' ? 'All therapy' : ssnapTherapyTypeLabels[t]);
  const perPatientColumns = ['Episode', 'Service', ...ssnapTherapyTypes.flatMap((t) => [`${ssnapTherapyTypeLabels[t]}: days`, `${ssnapTherapyTypeLabels[t]}: minutes`]), 'Days of any therapy', 'All minutes', 'Minutes per day of therapy'];
  const perPatient: Cell[][] = episodes.map((e) => [
    episodeReference(e.episodeId),
    serviceLabels[e.service as Service] ?? e.service,
    ...ssnapTherapyTypes.flatMap((t) => [e.totals[t].days, e.totals[t].minutes]),
    e.totals.all.days,
    e.totals.all.minutes,
    minutesPerTherapyDay(e.totals.all),
  ]);
  const teamTotals = types.map((t) => {
    const given = episodes.filter((e) => (e.totals as SsnapTherapyTotals)[t].minutes > 0);
    const days = given.reduce((n, e) => n + e.totals[t].days, 0);
    const minutes = given.reduce((n, e) => n + e.totals[t].minutes, 0);
    return { type: t, patients: given.length, days, minutes, perDay: minutesPerTherapyDay({ minutes, days }), daysPerPatient: mean(given.map((e) => e.totals[t].days)) };
  });
  return {
    report: 'ssnap',
    title: reportTitles.ssnap,
    episodeIds: episodes.map((e) => e.episodeId),
    chart: episodes.length
      ? buildBarChart({
          label: `Minutes per day of therapy, by type of therapy, for ${episodes.length} stroke ${episodes.length === 1 ? 'patient' : 'patients'}`,
          unit: ' min',
          series: ['Minutes per day of therapy'],
          groups: teamTotals.map((t) => ({ label: label(t.type), values: [t.perDay] })),
        })
      : null,
    tables: [
      {
        id: 'team-totals',
        title: 'Team totals by type of therapy',
        columns: ['Type of therapy', 'Patients given it', 'Days of therapy', 'Minutes', 'Minutes per day of therapy', 'Mean days per patient'],
        rows: teamTotals.map((t) => [label(t.type), t.patients, t.days, t.minutes, t.perDay, t.daysPerPatient]),
        note: 'A day counts once for a type of therapy however many contacts gave it. Final contact notes only, as they now read.',
      },
      { id: 'per-patient', title: 'Each stroke patient', columns: perPatientColumns, rows: perPatient, links: episodes.map((e) => `/episodes/${e.episodeId}`) },
    ],
  };
}
