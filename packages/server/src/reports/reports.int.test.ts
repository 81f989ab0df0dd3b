// The reports' numbers against answers worked out by hand from the fixed data set in
// test/seed-report-data.ts (read its header first), on both databases; and the frame every report
// shares: filters as day/month/year fields, team scope, CSV export audited with who took which report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedReportData, type ReportData } from '../../test/seed-report-data.ts';

const window = 'from-day=1&from-month=11&from-year=2026&to-day=23&to-month=11&to-year=2026';
type Table = { id: string; columns: string[]; rows: unknown[][] };

describe('reports', () => {
  let t: TestApp;
  let data: ReportData;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => clients.get(who.id) ?? (clients.set(who.id, await t.signIn(who)), clients.get(who.id)!);
  const tables = async (who: TestStaff, report: string, extra = ''): Promise<Record<string, Table>> => {
    const res = await (await as(who)).get(`/api/reports/${report}?${window}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries((res.json().tables as Table[]).map((x) => [x.id, x]));
  };
  const row = (table: Table, first: unknown) => table.rows.find((r) => r[0] === first);

  beforeAll(async () => {
    t = await bootTestApp();
    data = await seedReportData(t);
  });
  afterAll(async () => t?.close());

  describe('SSNAP therapy', () => {
    it('counts each stroke patient’s days and minutes by type of therapy, from final notes as they now read', async () => {
      const { 'per-patient': perPatient } = await tables(t.service.a['clinical-lead'], 'ssnap');
      expect(perPatient!.columns.slice(0, 4)).toEqual(['Episode', 'Service', 'Physiotherapy: days', 'Physiotherapy: minutes']);
      expect(perPatient!.rows).toHaveLength(2);
      const e1 = perPatient!.rows.find((r) => r[1] === 'Stroke early supported discharge')!;
      // PT: 2 Nov (30 + 15) and 5 Nov (amended to 25): 2 days, 70 min. OT: 2 and 3 Nov, 60 min. Any: 3 days, 130 min, 43 a day.
      expect(e1.slice(2)).toEqual([2, 70, 2, 60, 0, 0, 0, 0, 0, 0, 3, 130, 43]);
      const e2 = perPatient!.rows.find((r) => r[1] === 'Community stroke rehabilitation')!;
      expect(e2.slice(2)).toEqual([0, 0, 0, 0, 1, 30, 0, 0, 0, 0, 1, 30, 30]);
    });

    it('gives the team totals SSNAP asks for', async () => {
      const { 'team-totals': totals } = await tables(t.service.a['registered-therapist'], 'ssnap');
      expect(totals!.rows).toEqual([
        ['Physiotherapy', 1, 2, 70, 35, 2],
        ['Occupational therapy', 1, 2, 60, 30, 2],
        ['Speech and language therapy', 1, 1, 30, 30, 1],
        ['Psychology', 0, 0, 0, null, null],
        ['Other (including all of a first holistic assessment)', 0, 0, 0, null, null],
        ['All therapy', 2, 4, 160, 40, 2],
      ]);
    });

    it('narrows to a service, and the service manager sees every team', async () => {
      const esd = await tables(t.service.a['clinical-lead'], 'ssnap', '&service=stroke-early-supported-discharge');
      expect(esd['per-patient']!.rows).toHaveLength(1);
      const all = await tables(t.service.a['service-manager'], 'ssnap', '&team=all');
      expect(row(all['team-totals']!, 'Physiotherapy')).toEqual(['Physiotherapy', 2, 3, 115, 38, 1.5]);
      const teamB = await tables(t.service.a['service-manager'], 'ssnap', `&team=${t.service.teamB}`);
      expect(teamB['per-patient']!.rows).toHaveLength(1);
      expect(data.e7.episodeId).toBeTruthy();
    });
  });

  describe('waiting', () => {
    it('sets each referral’s first contact against its standard, by service and priority, with the breaches', async () => {
      const { 'by-service': byService, breaches } = await tables(t.service.a['assistant-practitioner'], 'waiting');
      const figures = byService!.rows.map((r) => [r[0], r[1], ...r.slice(3)]);
      expect(figures).toEqual([
        ['D2A pathway 1', 'P1', 1, 0, 0, 0, 1, null, 0],
        ['D2A pathway 1', 'P2', 1, 1, 0, 0, 0, 24, 100],
        ['D2A pathway 1', 'P3', 1, 0, 0, 1, 0, null, null],
        ['Stroke early supported discharge', 'P2', 1, 1, 0, 0, 0, 7, 100],
        ['Community stroke rehabilitation', 'P3', 1, 0, 1, 0, 0, 216, 0],
        ['All services', null, 5, 2, 1, 1, 1, 24, 50],
      ]);
      expect(byService!.rows[0]![2]).toEqual(expect.any(String));
      expect(breaches!.rows.map((r) => r.slice(1))).toEqual([
        ['Community stroke rehabilitation', 'P3', 'Seen late', 48],
        ['D2A pathway 1', 'P1', 'Not yet seen', 72],
      ]);
    });
  });

  describe('D2A and intermediate care', () => {
    it('counts admissions, discharges, waits, stays, ready dates and delays by pathway', async () => {
      const d = await tables(t.service.a['clinical-lead'], 'd2a');
      expect(d['by-pathway']!.rows).toEqual([
        ['Pathway 0', 0, 0, null, null, 0, null, 0, 0, null],
        ['Pathway 1', 1, 1, 1, 17, 1, 100, 1, 3, 3],
        ['Pathway 2', 0, 1, null, 20, 1, 100, 0, 0, null],
        ['Pathway 3', 0, 0, null, null, 0, null, 0, 0, null],
        ['All pathways', 1, 2, 1, 18.5, 2, 100, 1, 3, 3],
      ]);
      expect(d['delay-reasons']!.rows).toEqual([['Waiting for home care or reablement (pathway 1)', 1, 100]]);
      expect(d.destinations!.rows).toEqual([['Home with no support', 1, 50], ['Home with a care package', 1, 50]]);
      const p2 = await tables(t.service.a['clinical-lead'], 'd2a', '&service=d2a-pathway-2');
      expect(p2['by-pathway']!.rows.map((r) => r[0])).toEqual(['Pathway 2', 'All pathways']);
    });
  });

  describe('activity', () => {
    it('counts contacts, face-to-face and travel time by team and, for the lead, by every clinician', async () => {
      const a = await tables(t.service.a['clinical-lead'], 'activity');
      expect(a['by-team']!.rows).toEqual([['North Staffs Therapies', 8, 6, 265, 1, 1, 55]]);
      const rows = a['by-clinician']!.rows;
      expect(row(a['by-clinician']!, 'Alex registered therapist')!.slice(0, 8)).toEqual(['Alex registered therapist', 6, 5, 225, 0, 1, 35, 1]);
      expect(row(a['by-clinician']!, 'Alex assistant practitioner')!.slice(0, 8)).toEqual(['Alex assistant practitioner', 2, 1, 40, 1, 0, 20, 1]);
      expect(rows.length).toBeGreaterThan(2);
    });

    it('shows a therapist only their own row', async () => {
      const a = await tables(t.service.a['registered-therapist'], 'activity');
      expect(a['by-clinician']!.rows.map((r) => r[0])).toEqual(['Alex registered therapist']);
      expect(a['by-team']!.rows).toEqual([['North Staffs Therapies', 8, 6, 265, 1, 1, 55]]);
    });
  });

  describe('outcomes', () => {
    it('gives change from baseline to discharge with the share improving by the minimal important change, and GAS T-scores', async () => {
      const o = await tables(t.service.a['clinical-lead'], 'outcomes');
      // Barthel's MCID is 1.85 points: +5 passes, +1 does not.
      expect(o.measures!.rows).toEqual([
        ['D2A pathway 1', 'Barthel', 1, 10, 15, 5, 1, 100],
        ['D2A pathway 2', 'Barthel', 1, 12, 13, 1, 0, 0],
      ]);
      // Two unweighted goals at -1 rated 0 and +1: 50 + 10 x (-2 | 1) / sqrt(0.7 x 2 + 0.3 x 4) = 37.6 | 56.2; one goal -2 rated 0: 30 | 50.
      expect(o.gas!.rows).toEqual([
        ['D2A pathway 1', 1, 37.6, 56.2, 1, 100],
        ['D2A pathway 2', 1, 30, 50, 1, 100],
      ]);
      expect(o['by-clinician']!.rows).toEqual([['Alex registered therapist', 2, 2, 50, 2, 53.1]]);
      const ap = await tables(t.service.a['assistant-practitioner'], 'outcomes');
      expect(ap['by-clinician']!.rows).toEqual([]);
    });
  });

  describe('the frame', () => {
    it('shows the page with its filters, chart and tables, audited with the filters and the episodes named', async () => {
      const lead = await as(t.service.a['clinical-lead']);
      const page = await lead.get(`/reports/ssnap?${window}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<svg');
      expect(page.body).toContain('Minutes per day of therapy, by type of therapy, for 2 stroke patients');
      expect(page.body).toContain('name="from-day"');
      expect(page.body).toContain(`/episodes/${data.e1.episodeId}`);
      const read = await t.db.selectFrom('audit_events').select(['detail']).where('record_kind', '=', 'report').where('action', '=', 'read').where('staff_id', '=', t.service.a['clinical-lead'].id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(read.detail).toMatchObject({ report: 'ssnap', filters: { from: '2026-11-01', to: '2026-11-23' }, teamIds: [t.service.teamA] });
      expect((read.detail as { episodeIds: string[] }).episodeIds.sort()).toEqual([data.e1.episodeId, data.e2.episodeId].sort());
    });

    it('exports every table as CSV, audited as an export with who took which report and filters', async () => {
      const rt = await as(t.service.a['registered-therapist']);
      const csv = await rt.get(`/reports/ssnap.csv?${window}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('ssnap-2026-11-01-to-2026-11-23-2026-11-24.csv');
      expect(csv.body).toContain('Team totals by type of therapy');
      expect(csv.body).toContain('All therapy,2,4,160,40,2');
      const exported = await t.db.selectFrom('audit_events').select(['staff_id', 'detail']).where('action', '=', 'export').where('record_kind', '=', 'report').execute();
      expect(exported).toEqual([{ staff_id: t.service.a['registered-therapist'].id, detail: expect.objectContaining({ report: 'ssnap', format: 'csv', filters: expect.objectContaining({ from: '2026-11-01', to: '2026-11-23' }) }) }]);
    });

    it('answers bad dates with the error summary and runs nothing, and a bad date in JSON with its field', async () => {
      const lead = await as(t.service.a['clinical-lead']);
      const page = await lead.get('/reports/ssnap?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=11&to-year=2026');
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('There is a problem');
      expect(page.body).toContain('The date from must be a real date');
      expect(page.body).toContain('href="#from-day"');
      const json = await lead.get('/api/reports/ssnap?from-day=2&from-month=11&from-year=2026&to-day=1&to-month=11&to-year=2026');
      expect(json.statusCode).toBe(400);
      expect(json.json().error.fields).toEqual([{ path: 'querystring.from', message: 'The date from must be the same as or before the date to' }]);
      expect((await lead.get('/api/reports/ssnap?service=nonsense')).statusCode).toBe(400);
      expect((await lead.get('/api/reports/everything')).statusCode).toBe(400);
    });

    it('refuses support workers, students, another team and the admin roles, audited', async () => {
      for (const role of ['support-worker', 'student', 'administrator', 'privacy-officer'] as const) {
        const c = await as(t.service.a[role]);
        expect((await c.get('/reports/ssnap')).statusCode, role).toBe(403);
        expect((await c.get('/reports/ssnap.csv')).statusCode, role).toBe(403);
      }
      const lead = await as(t.service.a['clinical-lead']);
      expect((await lead.get(`/api/reports/ssnap?team=${t.service.teamB}`)).statusCode).toBe(403);
      expect((await lead.get('/api/reports/ssnap?team=all')).statusCode).toBe(403);
      const refused = await t.db.selectFrom('audit_events').select(['detail']).where('record_kind', '=', 'report').where('outcome', '=', 'refused').where('staff_id', '=', t.service.a['clinical-lead'].id).execute();
      expect(refused.map((r) => (r.detail as { rule: string }).rule)).toEqual(['other-team', 'other-team']);
    });
  });
});
