// Notifications leave Homeward for real: email to an SMTP server on loopback (the message that arrives
// is read back: to, subject, the address and what to do, a Message-ID that is the delivery's own), a
// text to a stand-in for GOV.UK Notify (its path, its JWT, its body), retried after a failure.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { startLocalSmtpServer, unQuote, type ArrivedMail, type LocalSmtpServer } from '../../test/local-smtp-server.ts';
import { systemActor } from '../platform/actor.ts';
import { createJobRunner, type JobRunner } from '../platform/jobs.ts';
import { loneWorkingJobHandlers } from './job-handlers.ts';
import { messageIdOf } from './notification-senders.ts';
import { raiseAlert } from './raise-alert.ts';

type NotifyCall = { path: string; authorization: string; body: { phone_number: string; template_id: string; personalisation: Record<string, string>; reference: string } };

describe('notification deliveries', () => {
  let t: TestApp;
  let smtp: LocalSmtpServer;
  let notify: Server;
  let runner: JobRunner;
  let arrived: ArrivedMail[] = [];
  const calls: NotifyCall[] = [];
  let notifyFailures = 1;
  const serviceId = randomUUID();
  const secret = randomUUID();
  const templateId = randomUUID();

  beforeAll(async () => {
    smtp = await startLocalSmtpServer();
    arrived = smtp.arrived;
    notify = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (notifyFailures-- > 0) {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"error":"Exception","message":"Internal server error"}]}');
          return;
        }
        calls.push({ path: req.url ?? '', authorization: req.headers.authorization ?? '', body: JSON.parse(body) as NotifyCall['body'] });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'notify-ref-1' }));
      });
    });
    await new Promise<void>((resolve) => notify.listen(0, '127.0.0.1', resolve));
    const notifyPort = (notify.address() as AddressInfo).port;
    t = await bootTestApp({
      config: {
        smtpUrl: smtp.url,
        mailFrom: 'Homeward <alerts@homeward.test>',
        publicUrl: 'https://homeward.test',
        notifyApiKey: `homeward_test-${serviceId}-${secret}`,
        notifyBaseUrl: `http://127.0.0.1:${notifyPort}`,
        notifySmsTemplateId: templateId,
      },
    });
    const now = t.clock.now();
    const lead = t.service.a['clinical-lead'];
    const week = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));
    // The on-call responder has a work phone; the clinician has none.
    const responder = t.service.a['assistant-practitioner'];
    await t.db.insertInto('rota_patterns').values({ id: uuidv7(), staff_id: responder.id, team_id: t.service.teamA, week, starts_from: 'base', car_driver: true, work_phone: '07700 900456', car_description: null, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id }).execute();
    await t.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: t.service.teamA, on_date: '2026-11-24', staff_id: responder.id, manager_staff_id: null, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id }).execute();
    runner = createJobRunner({ db: t.db, handlers: loneWorkingJobHandlers({ db: t.db, config: t.config }), now: t.clock.now, instanceId: 'deliveries' });
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await smtp?.close();
    await new Promise<void>((resolve) => notify?.close(() => resolve()));
  });

  const runDue = async () => {
    while (await runner.runOnce()) {
      // every due job
    }
  };

  it('emails the responder what they need to act, and texts them through Notify, trying again after Notify failed', async () => {
    const therapist = t.service.a['registered-therapist'];
    const responder = t.service.a['assistant-practitioner'];
    const sessionId = uuidv7();
    const now = t.clock.now();
    // At a patient's house with a phone and risk flags; the clinician has no work phone on the rota.
    const created = await (await t.signIn(therapist)).post('/api/patients', patientDetails({ riskFlags: ['animals', 'visit-in-pairs'] }));
    expect(created.statusCode, created.body).toBe(201);
    const patientId = (created.json() as { id: string }).id;
    await t.db.insertInto('lone_working_sessions').values({ id: sessionId, team_id: t.service.teamA, staff_id: therapist.id, on_date: '2026-11-24', origin: 'by-hand', patient_id: patientId, place: '4 Canal Side, Stoke-on-Trent ST4 1AB', expected_start: now, expected_end: new Date(now.getTime() + 3600_000), created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id }).execute();
    const { alertId } = await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'test', now }), kind: 'red', teamId: t.service.teamA, staffId: therapist.id, sessionId }));
    await runDue();
    expect(arrived).toHaveLength(1);
    const mail = arrived[0]!;
    expect(mail.to).toEqual([responder.email]);
    const text = unQuote(mail.raw);
    expect(text).toMatch(/^Subject: Red alert: Alex registered therapist/m);
    expect(text).toMatch(/^From: Homeward <alerts@homeward\.test>/m);
    expect(text).toContain('4 Canal Side, Stoke-on-Trent ST4 1AB');
    expect(text).toContain('Call the clinician on their work phone');
    expect(text).toContain('Call the house: 01632 960123.');
    expect(text).toContain('Patient’s risk flags: Visit in pairs, Animals.');
    expect(text).toContain('No work phone recorded.');
    expect(text).toContain(`https://homeward.test/lone-working/alerts/${alertId}`);
    const email = await t.db.selectFrom('notification_deliveries').selectAll().where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(text).toContain(`Message-ID: ${messageIdOf(email.id)}`);
    expect(email).toMatchObject({ status: 'sent', attempts: 1, provider_reference: messageIdOf(email.id) });
    // Notify failed the first time: the text waits for the runner's retry.
    const sms = () => t.db.selectFrom('notification_deliveries').selectAll().where('channel', '=', 'sms').executeTakeFirstOrThrow();
    expect(await sms()).toMatchObject({ status: 'queued', attempts: 1, address: '07700 900456' });
    expect((await sms()).last_error).toContain('Notify answered 500');
    t.clock.advanceMinutes(1);
    await runDue();
    expect(await sms()).toMatchObject({ status: 'sent', attempts: 2, provider_reference: 'notify-ref-1' });
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.path).toBe('/v2/notifications/sms');
    expect(call.body).toMatchObject({ phone_number: '07700 900456', template_id: templateId, reference: (await sms()).id });
    expect(call.body.personalisation.body).toContain('4 Canal Side');
    // The text kept short: the house's phone, the risks, no work phone, the link; the rest is behind the link.
    const textBody = call.body.personalisation.body ?? "";
    for (const part of ['Red alert: Alex registered therapist', 'Call the house: 01632 960123.', 'Risks: Visit in pairs, Animals.', 'No work phone recorded.', `https://homeward.test/lone-working/alerts/${alertId}`]) expect(textBody).toContain(part);
    expect(textBody).not.toContain('What to do');
    expect(textBody.length).toBeLessThanOrEqual(306);
    // And in the app, the same facts as the email.
    const inApp = await t.db.selectFrom('notifications').select('body').where('alert_id', '=', alertId).where('staff_id', '=', responder.id).executeTakeFirstOrThrow();
    for (const part of ['Call the house: 01632 960123.', 'Patient’s risk flags: Visit in pairs, Animals.', 'No work phone recorded.']) expect(inApp.body).toContain(part);
    const [head, claims, signature] = call.authorization.replace(/^Bearer /, '').split('.');
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toMatchObject({ iss: serviceId });
    expect(signature).toBe(createHmac('sha256', secret).update(`${head}.${claims}`).digest('base64url'));
    // A second run of the same delivery (a resend after a crash) sends nothing more.
    t.clock.advanceMinutes(1);
    await runDue();
    expect(arrived).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('records a channel that is not configured, and the clinician without a phone gets the other channels, noted', async () => {
    const off = await bootTestApp({ testDb: t.testDb, seed: false });
    try {
      const therapist = t.service.a['registered-therapist'];
      const now = t.clock.now();
      const actor = systemActor({ config: off.config, via: 'test', now });
      const { startAmberAlert } = await import('./start-amber-alert.ts');
      const { alertId } = await t.db.transaction().execute((trx) => startAmberAlert(trx, { actor, teamId: t.service.teamA, staffId: therapist.id, sessionId: null, note: 'Dog in the house', minutes: 5 }));
      const offRunner = createJobRunner({ db: t.db, handlers: loneWorkingJobHandlers({ db: t.db, config: { ...off.config, now: t.clock.now } }), now: t.clock.now, instanceId: 'off' });
      t.clock.advanceMinutes(5);
      while (await offRunner.runOnce()) {
        // every due job
      }
      await offRunner.stop();
      const told = await t.db.selectFrom('notifications as n').innerJoin('notification_deliveries as d', 'd.notification_id', 'n.id').select(['n.staff_id', 'd.channel', 'd.status']).where('n.alert_id', '=', alertId).execute();
      expect(told).toEqual([{ staff_id: therapist.id, channel: 'email', status: 'not-configured' }]);
      const rung = await t.db.selectFrom('lone_working_alert_events').select('detail').where('alert_id', '=', alertId).where('level', '=', 1).executeTakeFirstOrThrow();
      expect(rung.detail).toMatchObject({ who: 'clinician', told: [{ staffId: therapist.id, sms: false, noPhone: true }] });
    } finally {
      await off.app.close();
    }
  });
});
