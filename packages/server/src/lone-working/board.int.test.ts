// The lone-working board (issue 14 #6) on a real database: the lead sees who is out, alerts first (a
// duress code as a red alert, red first), then overdue, in a visit, expected and done; each patient named
// is audited as read; others are refused and audited; the live stream says "changed" when a session
// changes, and lets go of its client when the client goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedLoneWorkingAlert, seedLoneWorkingSession } from '../../test/seed-lone-working.ts';
import { openBoardStreams } from './board-routes.ts';

describe('the lone-working board', () => {
  let t: TestApp;
  let lead: TestClient;
  let betty: string;
  const ids = {} as Record<'inVisit' | 'overdue' | 'expected' | 'done' | 'duress' | 'missed', string>;
  const alerts = {} as Record<'duress' | 'missed' | 'amber', string>;

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    betty = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(720_001) }))).json().id;
    const derek = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(720_002), givenName: 'Derek', familyName: 'Dale' }))).json().id;
    const a = t.service.a;
    // The test clock is 09:00 (UTC, GMT in November) on Tuesday 24 November 2026.
    ids.inVisit = await seedLoneWorkingSession(t, { staffId: a['registered-therapist'].id, patientId: betty, start: '2026-11-24T08:30:00Z', end: '2026-11-24T09:30:00Z', status: 'checked-in', checkedInAt: '2026-11-24T08:32:00Z' });
    ids.overdue = await seedLoneWorkingSession(t, { staffId: a['support-worker'].id, place: 'Tunstall library car park', start: '2026-11-24T08:50:00Z', end: '2026-11-24T09:40:00Z' });
    ids.expected = await seedLoneWorkingSession(t, { staffId: a['assistant-practitioner'].id, patientId: derek, start: '2026-11-24T11:00:00Z', end: '2026-11-24T12:00:00Z' });
    ids.done = await seedLoneWorkingSession(t, { staffId: a.student.id, patientId: derek, start: '2026-11-24T07:30:00Z', end: '2026-11-24T08:15:00Z', status: 'checked-out', checkedInAt: '2026-11-24T07:31:00Z', checkedOutAt: '2026-11-24T08:10:00Z' });
    ids.duress = await seedLoneWorkingSession(t, { staffId: a['registered-therapist'].id, patientId: derek, start: '2026-11-24T07:00:00Z', end: '2026-11-24T07:45:00Z', status: 'checked-out', checkedInAt: '2026-11-24T07:00:00Z', checkedOutAt: '2026-11-24T07:44:00Z' });
    ids.missed = await seedLoneWorkingSession(t, { staffId: a['assistant-practitioner'].id, place: 'Hanley bus station', start: '2026-11-24T08:00:00Z', end: '2026-11-24T08:30:00Z' });
    alerts.amber = await seedLoneWorkingAlert(t, { staffId: a.student.id, kind: 'amber', status: 'running', dueAt: '2026-11-24T09:30:00Z', note: 'Son said to be at home, was aggressive last time' });
    alerts.missed = await seedLoneWorkingAlert(t, { staffId: a['assistant-practitioner'].id, sessionId: ids.missed, kind: 'missed-check-in', status: 'raised', dueAt: '2026-11-24T08:15:00Z', level: 2 });
    alerts.duress = await seedLoneWorkingAlert(t, { staffId: a['registered-therapist'].id, sessionId: ids.duress, kind: 'duress', status: 'raised', dueAt: '2026-11-24T08:44:00Z' });
  });
  afterAll(() => t.close());

  it('shows alerts first (red first), then overdue, in a visit, expected and done', async () => {
    const res = await lead.get('/lone-working');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const html = res.body;
    const at = (text: string) => {
      const i = html.indexOf(text);
      expect(i, text).toBeGreaterThan(-1);
      return i;
    };
    const order = [`id="alert-${alerts.duress}"`, `id="alert-${alerts.missed}"`, `id="alert-${alerts.amber}"`, `id="session-${ids.overdue}"`, `id="session-${ids.inVisit}"`, `id="session-${ids.expected}"`, `id="session-${ids.done}"`].map(at);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // A duress code is a red alert here, in red.
    const duressCard = html.slice(at(`id="alert-${alerts.duress}"`) - 80, at(`id="alert-${alerts.missed}"`));
    expect(duressCard).toContain('hw-board-card--red');
    expect(duressCard).toContain('Red alert: duress code used');
    expect(duressCard).toContain('DALE, Derek');
    expect(html.slice(at(`id="alert-${alerts.missed}"`) - 80, at(`id="alert-${alerts.amber}"`))).not.toContain('hw-board-card--red');
    // Sessions with an open alert are shown once, with the alert.
    expect(html).not.toContain(`id="session-${ids.duress}"`);
    expect(html).not.toContain(`id="session-${ids.missed}"`);
    expect(html).toContain('Checked in since 08:32');
    expect(html).toContain('Not checked in: due 08:50, 10 minutes ago');
    expect(html).toContain('Son said to be at home');
    // No meta refresh (WCAG 2.2.1): a plain link, and the script that listens for changes.
    expect(html).not.toMatch(/http-equiv="refresh"/i);
    expect(html).toContain('<a href="/lone-working">Refresh the board</a>');
    expect(html).toContain('/static/lone-working-board.js');
    expect(html).toContain('href="/lone-working"');
  });

  it('a duress code about the lead is on the manager’s board, never on the lead’s own', async () => {
    const a = t.service.a;
    const own = await seedLoneWorkingSession(t, { staffId: a['clinical-lead'].id, place: 'Biddulph Grange car park', start: '2026-11-24T07:10:00Z', end: '2026-11-24T07:50:00Z', status: 'checked-out', checkedInAt: '2026-11-24T07:10:00Z', checkedOutAt: '2026-11-24T07:49:00Z' });
    const leadsDuress = await seedLoneWorkingAlert(t, { staffId: a['clinical-lead'].id, sessionId: own, kind: 'duress', status: 'raised', dueAt: '2026-11-24T07:49:00Z' });
    const manager = await t.signIn(a['service-manager']);
    const managers = (await manager.get('/lone-working')).body;
    expect(managers).toContain(`id="alert-${leadsDuress}"`);
    expect(managers).not.toContain(`id="session-${own}"`);
    const leads = (await lead.get('/lone-working')).body;
    expect(leads).not.toContain(`id="alert-${leadsDuress}"`);
    expect(leads).not.toContain('Biddulph Grange car park: duress');
    // Her own session shows as the normal check-out it looked like; the other duress alert is still there.
    expect(leads).toContain(`id="session-${own}"`);
    expect(leads).toContain('Checked out at 07:49');
    expect(leads).toContain(`id="alert-${alerts.duress}"`);
    await t.db.updateTable('lone_working_alerts').set({ status: 'closed', closed_at: t.clock.now(), closed_by: a['service-manager'].id, outcome: 'Test over' }).where('id', '=', leadsDuress).execute();
  });

  it('audits each patient named as read, once each, by the lead', async () => {
    const before = await t.db.selectFrom('audit_events').select(['patient_id', 'record_kind', 'detail']).where('staff_id', '=', lead.staff.id).where('outcome', '=', 'allowed').execute();
    await lead.get('/lone-working');
    const after = await t.db.selectFrom('audit_events').select(['patient_id', 'record_kind', 'detail']).where('staff_id', '=', lead.staff.id).where('outcome', '=', 'allowed').execute();
    const fresh = after.slice(before.length).filter((e) => e.record_kind === 'lone-working-session');
    expect(fresh.map((e) => e.patient_id).sort()).toEqual([betty, expect.any(String)].sort());
    expect(new Set(fresh.map((e) => e.patient_id)).size).toBe(2);
    const bettys = fresh.find((e) => e.patient_id === betty)!.detail as { sessionIds: string[] };
    expect(bettys.sessionIds).toEqual([ids.inVisit]);
  });

  it('is for the clinical lead and service manager: anyone else is refused, and the refusal audited', async () => {
    const manager = await t.signIn(t.service.a['service-manager']);
    expect((await manager.get('/lone-working')).statusCode).toBe(200);
    for (const role of ['registered-therapist', 'support-worker', 'administrator'] as const) {
      const client = await t.signIn(t.service.a[role]);
      for (const url of ['/lone-working', '/lone-working/board', '/lone-working/board/events']) {
        const res = await client.get(url);
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.body).not.toContain('Derek');
      }
      const refused = await t.db.selectFrom('audit_events').select('detail').where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').where('record_kind', '=', 'lone-working-board').execute();
      expect(refused.length).toBe(3);
    }
    const therapistHome = await (await t.signIn(t.service.a['registered-therapist'])).get('/run-sheet');
    expect(therapistHome.body).not.toContain('href="/lone-working"');
  });

  it('the fragment is the board alone, with the marker the stream compares', async () => {
    const res = await lead.get('/lone-working/board');
    expect(res.statusCode).toBe(200);
    expect(res.body.trimStart()).toMatch(/^<div id="lone-working-board" data-board-marker="2026-11-24\|/);
    expect(res.body).not.toContain('<html');
  });

  it('streams "changed" when a session changes, and lets the stream go when the client goes', { timeout: 30_000 }, async () => {
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const page = await lead.get('/lone-working/board');
    const since = /data-board-marker="([^"]*)"/.exec(page.body)![1]!.replaceAll('&#124;', '|');
    const abort = new AbortController();
    const res = await fetch(`${base}/lone-working/board/events?since=${encodeURIComponent(since)}`, { headers: { cookie: lead.cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(/retry: 5000/);
    expect(openBoardStreams()).toBe(1);
    // Nothing has changed since the page: no "changed" until the assistant practitioner checks in.
    await t.db.updateTable('lone_working_sessions').set({ status: 'checked-in', checked_in_at: t.clock.now(), checked_in_received_at: t.clock.now(), updated_at: t.clock.now(), version: 2 }).where('id', '=', ids.expected).execute();
    await readUntil(/event: changed/);
    expect(text.indexOf('event: changed')).toBeGreaterThan(text.indexOf('retry: 5000'));
    abort.abort();
    await reader.cancel().catch(() => undefined);
    // The server notices the client went and stops polling for it.
    while (openBoardStreams() > 0) await new Promise((r) => setTimeout(r, 50));
    expect(openBoardStreams()).toBe(0);
  });
});
