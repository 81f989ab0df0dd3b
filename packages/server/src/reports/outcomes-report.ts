// Outcomes (issue 18 #1): for episodes discharged in the window, the change in each scored measure from
// baseline (the first baseline assessment) to discharge (the last discharge assessment), by service,
// with the share improving by at least the measure's minimal important change (the instrument's own
// threshold, changeFromBaseline); GAS T-scores at baseline and now (the record's own scoreGoalSet); and
// by clinician who held the episode, only where the user may see that person's row.
import type { Kysely } from 'kysely';
import { changeFromBaseline, findInstrument, maySeeClinicianRow, mean, percent, scoreGoalSet, serviceLabels, services, type GoalStatus, type Service } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ReportFilter } from './report-filter.ts';
import type { ReportAccess } from './report-access.ts';
import { buildBarChart } from './report-chart.ts';
import { reportTitles, type Cell, type Report } from './report-model.ts';

type Change = { episodeId: string; service: string; holder: string | null; instrumentId: string; measure: string; baseline: number; discharge: number; change: number; improvedByMic: boolean | null };

export async function readOutcomesReport(db: Kysely<Database>, o: { access: ReportAccess; filter: ReportFilter }): Promise<Report> {
  let q = db.selectFrom('episodes').select(['id', 'service', 'allocated_to']).where('team_id', 'in', o.access.teamIds).where('discharged_on', '>=', o.filter.from).where('discharged_on', '<=', o.filter.to);
  if (o.filter.service) q = q.where('service', '=', o.filter.service);
  const episodes = o.access.teamIds.length ? await q.orderBy('id').execute() : [];
  const ids = episodes.map((e) => e.id);
  const assessments = ids.length
    ? await db.selectFrom('assessments').select(['episode_id', 'instrument_id', 'instrument_version', 'time_point', 'total', 'administered_at']).where('episode_id', 'in', ids).where('time_point', 'in', ['baseline', 'discharge']).where('total', 'is not', null).orderBy('administered_at').execute()
    : [];
  const goals = ids.length ? await db.selectFrom('goals').select(['id', 'episode_id', 'status', 'baseline_level', 'importance', 'difficulty']).where('episode_id', 'in', ids).orderBy('created_at').orderBy('id').execute() : [];
  const ratings = ids.length ? await db.selectFrom('goal_attainments').select(['goal_id', 'level', 'rated_at', 'recorded_at']).where('episode_id', 'in', ids).orderBy('rated_at').orderBy('recorded_at').execute() : [];
  const latestLevel = new Map<string, number>();
  for (const r of ratings) latestLevel.set(r.goal_id, r.level);

  const changes: Change[] = [];
  for (const e of episodes) {
    const mine = assessments.filter((a) => a.episode_id === e.id);
    for (const instrumentId of [...new Set(mine.map((a) => a.instrument_id))]) {
      const baseline = mine.find((a) => a.instrument_id === instrumentId && a.time_point === 'baseline');
      const discharge = mine.filter((a) => a.instrument_id === instrumentId && a.time_point === 'discharge').at(-1);
      const definition = baseline ? findInstrument(instrumentId, baseline.instrument_version) : undefined;
      if (!baseline || !discharge || !definition?.direction) continue;
      try {
        const c = changeFromBaseline(definition, Number(baseline.total), Number(discharge.total));
        changes.push({ episodeId: e.id, service: e.service, holder: e.allocated_to, instrumentId, measure: definition.shortName, baseline: Number(baseline.total), discharge: Number(discharge.total), change: c.change, improvedByMic: c.threshold === null ? null : c.passesMinimalChange && c.direction === 'improved' });
      } catch {
        // A total outside the measure's range is not a score to report.
      }
    }
  }
  const gas = episodes.flatMap((e) => {
    const set = scoreGoalSet(goals.filter((g) => g.episode_id === e.id).map((g) => ({ id: g.id, status: g.status as GoalStatus, baseline: g.baseline_level, importance: g.importance, difficulty: g.difficulty, latestLevel: latestLevel.get(g.id) ?? null })));
    return set.latest.tScore === null || set.baseline.tScore === null ? [] : [{ episodeId: e.id, service: e.service, holder: e.allocated_to, baseline: set.baseline.tScore, latest: set.latest.tScore }];
  });

  const serviceOrder = (s: string) => services.indexOf(s as Service);
  const measureGroups = new Map<string, Change[]>();
  for (const c of changes) measureGroups.set(`${c.service}|${c.measure}`, [...(measureGroups.get(`${c.service}|${c.measure}`) ?? []), c]);
  const measureRows = [...measureGroups.entries()]
    .sort(([a], [b]) => serviceOrder(a.split('|')[0]!) - serviceOrder(b.split('|')[0]!) || a.localeCompare(b))
    .map(([, list]): Cell[] => {
      const hasMic = list.every((c) => c.improvedByMic !== null);
      const improved = list.filter((c) => c.improvedByMic).length;
      return [serviceLabels[list[0]!.service as Service] ?? list[0]!.service, list[0]!.measure, list.length, mean(list.map((c) => c.baseline)), mean(list.map((c) => c.discharge)), mean(list.map((c) => c.change)), hasMic ? improved : null, hasMic ? percent(improved, list.length) : null];
    });
  const gasGroups = new Map<string, typeof gas>();
  for (const g of gas) gasGroups.set(g.service, [...(gasGroups.get(g.service) ?? []), g]);
  const gasRows = [...gasGroups.entries()].sort(([a], [b]) => serviceOrder(a) - serviceOrder(b)).map(([service, list]): Cell[] => [serviceLabels[service as Service] ?? service, list.length, mean(list.map((g) => g.baseline)), mean(list.map((g) => g.latest)), list.filter((g) => g.latest >= 50).length, percent(list.filter((g) => g.latest >= 50).length, list.length)]);

  const me = o.access.actor.staff;
  const holders = [...new Set(episodes.map((e) => e.allocated_to).filter((h): h is string => h !== null))].filter((id) => maySeeClinicianRow({ role: me.role, staffId: me.staffId, rowStaffId: id }));
  const names = new Map((holders.length ? await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', holders).execute() : []).map((s) => [s.id, `${s.given_name} ${s.family_name}`]));
  const clinicianRows = holders
    .map((id): Cell[] => {
      const mine = changes.filter((c) => c.holder === id && c.improvedByMic !== null);
      const myGas = gas.filter((g) => g.holder === id);
      return [names.get(id) ?? 'Someone no longer in the team', episodes.filter((e) => e.allocated_to === id).length, mine.length, percent(mine.filter((c) => c.improvedByMic).length, mine.length), myGas.length, mean(myGas.map((g) => g.latest))];
    })
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  const byMeasure = new Map<string, Change[]>();
  for (const c of changes.filter((x) => x.improvedByMic !== null)) byMeasure.set(c.measure, [...(byMeasure.get(c.measure) ?? []), c]);
  return {
    report: 'outcomes',
    title: reportTitles.outcomes,
    episodeIds: [],
    chart: byMeasure.size
      ? buildBarChart({ label: 'Share of patients improving by at least the minimal important change, by measure', unit: '%', series: ['Improved by at least the minimal important change'], groups: [...byMeasure.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([measure, list]) => ({ label: measure, values: [percent(list.filter((c) => c.improvedByMic).length, list.length)] })) })
      : null,
    tables: [
      {
        id: 'measures',
        title: 'Change from baseline to discharge, by service and measure',
        columns: ['Service', 'Measure', 'Patients', 'Mean at baseline', 'Mean at discharge', 'Mean change', 'Improved by at least the minimal important change', 'Share improved (%)'],
        rows: measureRows,
        note: `Episodes discharged in the dates chosen with a baseline and a discharge score: ${episodes.length} discharged in all. A dash: no established minimal important change for the measure.`,
      },
      { id: 'gas', title: 'Goal attainment (GAS T-scores)', columns: ['Service', 'Episodes with rated goals', 'Mean T-score at baseline', 'Mean T-score now', 'At or above 50 (goals met as expected)', 'Share at or above 50 (%)'], rows: gasRows },
      {
        id: 'by-clinician',
        title: 'By clinician who held the episode',
        columns: ['Clinician', 'Episodes discharged', 'Measured changes', 'Improved by at least the minimal important change (%)', 'Episodes with a GAS T-score', 'Mean GAS T-score'],
        rows: clinicianRows,
        note: me.role === 'clinical-lead' || me.role === 'service-manager' ? undefined : 'You see your own row; the clinical lead and the service manager see everyone’s.',
      },
    ],
  };
}
