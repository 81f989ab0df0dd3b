// Activity (issue 18 #1): contacts and face-to-face time from the final contact notes, travel time from
// the published visit plans (the plan's road times for each person's day), and each clinician's caseload
// weight as it stands today (caseload's own rule). By team, and by clinician only where the user may see
// that person's row (their own; the clinical lead and the service manager see everyone's).
import type { Kysely } from 'kysely';
import { maySeeClinicianRow } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { listTeamCapacity, listTeamClinicians } from '../caseload/public.ts';
import type { ReportFilter } from './report-filter.ts';
import type { ReportAccess } from './report-access.ts';
import { countedNotes } from './report-notes.ts';
import { buildBarChart } from './report-chart.ts';
import { reportTitles, type Cell, type Report } from './report-model.ts';

/** The patient or their carer was there in person. */
const faceToFaceKinds = ['assessment', 'treatment', 'review', 'carer-training'];
const notSeenKinds = ['did-not-attend', 'no-access'];

type Tally = { contacts: number; faceToFace: number; faceToFaceMinutes: number; telephone: number; notSeen: number; travelMinutes: number };
const empty = (): Tally => ({ contacts: 0, faceToFace: 0, faceToFaceMinutes: 0, telephone: 0, notSeen: 0, travelMinutes: 0 });

export async function readActivityReport(db: Kysely<Database>, o: { access: ReportAccess; filter: ReportFilter }): Promise<Report> {
  const notes = await countedNotes(db, { teamIds: o.access.teamIds, filter: o.filter });
  const byStaff = new Map<string, Tally>();
  const byTeam = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, key: string) => map.get(key) ?? (map.set(key, empty()), map.get(key)!);
  for (const n of notes) {
    for (const t of [tally(byStaff, n.writtenBy), tally(byTeam, n.teamId)]) {
      t.contacts += 1;
      if (faceToFaceKinds.includes(n.kind)) {
        t.faceToFace += 1;
        t.faceToFaceMinutes += n.durationMinutes ?? 0;
      } else if (n.kind === 'telephone') t.telephone += 1;
      else if (notSeenKinds.includes(n.kind)) t.notSeen += 1;
    }
  }
  const plans = o.access.teamIds.length
    ? await db.selectFrom('visit_plans').select(['team_id', 'published']).where('team_id', 'in', o.access.teamIds).where('published', 'is not', null).where('on_date', '>=', o.filter.from).where('on_date', '<=', o.filter.to).execute()
    : [];
  for (const p of plans) {
    const plan = (typeof p.published === 'string' ? JSON.parse(p.published) : p.published) as { routes?: Array<{ staffId: string; travelMinutes: number }> };
    for (const r of plan.routes ?? []) {
      const m = Math.round(Number(r.travelMinutes) || 0);
      tally(byStaff, r.staffId).travelMinutes += m;
      tally(byTeam, p.team_id).travelMinutes += m;
    }
  }
  const teams = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', o.access.teamIds).orderBy('name').execute();
  const caseload = new Map<string, { name: string; episodes: number; weight: number; percent: number | null }>();
  const staffNames = new Map<string, string>();
  for (const team of teams) {
    const clinicians = await listTeamClinicians(db, team.id, { includeSupportWorkers: true });
    for (const c of clinicians) staffNames.set(c.id, c.name);
    for (const c of await listTeamCapacity(db, team.id, clinicians)) caseload.set(c.staffId, { name: c.name, episodes: c.episodes, weight: c.totalWeight, percent: c.percent });
  }
  const writers = [...byStaff.keys()].filter((id) => !staffNames.has(id));
  if (writers.length) for (const s of await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', writers).execute()) staffNames.set(s.id, `${s.given_name} ${s.family_name}`);
  const me = o.access.actor.staff;
  const people = [...new Set([...byStaff.keys(), ...caseload.keys()])]
    .filter((id) => maySeeClinicianRow({ role: me.role, staffId: me.staffId, rowStaffId: id }))
    .map((id) => ({ id, name: staffNames.get(id) ?? 'Someone no longer in the team', t: byStaff.get(id) ?? empty(), c: caseload.get(id) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const figures = (t: Tally): Cell[] => [t.contacts, t.faceToFace, t.faceToFaceMinutes, t.telephone, t.notSeen, t.travelMinutes];
  const columns = ['Contacts', 'Face-to-face contacts', 'Face-to-face minutes', 'Telephone contacts', 'Not seen (did not attend, no access)', 'Travel minutes (published plans)'];
  const teamRows = teams.map((team) => {
    const t = byTeam.get(team.id) ?? empty();
    return [team.name, ...figures(t)];
  });
  return {
    report: 'activity',
    title: reportTitles.activity,
    episodeIds: [],
    chart: people.length
      ? buildBarChart({ label: 'Face-to-face and travel hours by clinician', unit: ' h', series: ['Face to face', 'Travel'], groups: people.map((p) => ({ label: p.name, values: [Math.round(p.t.faceToFaceMinutes / 6) / 10, Math.round(p.t.travelMinutes / 6) / 10] })) })
      : null,
    tables: [
      { id: 'by-team', title: 'By team', columns: ['Team', ...columns], rows: teamRows, note: o.filter.service ? 'Contacts are of the service chosen; travel is for every visit of the day, whatever the service.' : undefined },
      {
        id: 'by-clinician',
        title: 'By clinician',
        columns: ['Clinician', ...columns, 'Open episodes held today', 'Caseload weight today', 'Of capacity today (%)'],
        rows: people.map((p) => [p.name, ...figures(p.t), p.c?.episodes ?? null, p.c?.weight ?? null, p.c?.percent ?? null]),
        note: me.role === 'clinical-lead' || me.role === 'service-manager' ? undefined : 'You see your own row; the clinical lead and the service manager see everyone’s.',
      },
    ],
  };
}
