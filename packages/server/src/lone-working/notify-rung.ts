// The people a rung tells: a notification each in the app, and its deliveries by email and by SMS to a
// work phone, each delivery sent by its own durable job (a resend after a crash is recognisable by its
// stable Message-ID). A channel that is not configured is recorded as such, never silently dropped.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';

export type NotificationToSend = {
  staffId: string;
  teamId: string | null;
  alertId: string | null;
  kind: string;
  urgent: boolean;
  title: string;
  body: string;
  link: string | null;
  email: string | null;
  phone: string | null;
  /** The SMS's own words when the body is too long for a text; default title and body. */
  smsText?: string | null;
};

export const emailConfigured = (config: HomewardConfig) => config.smtpUrl !== null;
export const smsConfigured = (config: HomewardConfig) => config.notifyApiKey !== null && config.notifySmsTemplateId !== null;

/** Deliveries get this many tries (30 s apart by the runner) before they are failed. */
export const deliveryAttempts = 5;

export async function createNotification(trx: Kysely<Database>, o: { config: HomewardConfig; now: Date; notification: NotificationToSend }): Promise<{ notificationId: string; deliveryIds: string[] }> {
  const n = o.notification;
  const notificationId = uuidv7();
  await trx.insertInto('notifications').values({ id: notificationId, staff_id: n.staffId, team_id: n.teamId, alert_id: n.alertId, kind: n.kind, urgent: n.urgent, title: n.title, body: n.body, link: n.link, created_at: o.now, read_at: null }).execute();
  const deliveryIds: string[] = [];
  const channels: Array<{ channel: 'email' | 'sms'; address: string | null; on: boolean }> = [
    { channel: 'email', address: n.email, on: emailConfigured(o.config) },
    { channel: 'sms', address: n.phone, on: smsConfigured(o.config) },
  ];
  for (const c of channels) {
    if (!c.address) continue;
    const id = uuidv7();
    const text = c.channel === 'sms' && n.smsText ? n.smsText.slice(0, 900) : null;
    await trx.insertInto('notification_deliveries').values({ id, notification_id: notificationId, channel: c.channel, address: c.address, status: c.on ? 'queued' : 'not-configured', created_at: o.now, text }).execute();
    if (!c.on) continue;
    await enqueueJob(trx, { kind: loneWorkingJobKinds.deliver, key: id, payload: { deliveryId: id }, now: o.now, maxAttempts: deliveryAttempts, createdBy: null });
    deliveryIds.push(id);
  }
  return { notificationId, deliveryIds };
}
