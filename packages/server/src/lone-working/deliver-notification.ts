// Sends one delivery (an email or a text) and records what happened. Nothing holds a transaction while
// the message is out: the row is read, the message sent, then the outcome written. A delivery already
// sent is not sent again; a failure is kept and thrown, so the runner tries again later.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Senders } from './notification-senders.ts';

export async function deliverNotification(db: Kysely<Database>, o: { deliveryId: string; senders: Senders; now: () => Date; lastAttempt: boolean; publicUrl: string }): Promise<{ outcome: string }> {
  const d = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select(['d.id', 'd.channel', 'd.address', 'd.status', 'd.text', 'n.title', 'n.body', 'n.link'])
    .where('d.id', '=', o.deliveryId)
    .executeTakeFirst();
  if (!d) return { outcome: 'no-delivery' };
  if (d.status === 'sent' || d.status === 'not-configured') return { outcome: d.status };
  const sender = d.channel === 'email' ? o.senders.email : o.senders.sms;
  if (!sender) {
    await db.updateTable('notification_deliveries').set({ status: 'not-configured' }).where('id', '=', d.id).execute();
    return { outcome: 'not-configured' };
  }
  const link = d.link ? `${o.publicUrl}${d.link}` : null;
  // A text has its own short words when the notification made them (an alert's), else the title and body.
  const text = d.channel === 'email' ? [d.body, link ? `\nOpen it in Homeward: ${link}` : null].filter(Boolean).join('\n') : (d.text ? [d.text, link] : [d.title, d.body, link]).filter(Boolean).join('\n');
  try {
    const sent = await sender({ deliveryId: d.id, to: d.address, subject: d.title, text });
    await db.updateTable('notification_deliveries').set((eb) => ({ status: 'sent', sent_at: o.now(), provider_reference: sent.providerReference, attempts: eb('attempts', '+', 1), last_error: null })).where('id', '=', d.id).execute();
    return { outcome: 'sent' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.updateTable('notification_deliveries').set((eb) => ({ status: o.lastAttempt ? 'failed' : 'queued', attempts: eb('attempts', '+', 1), last_error: message.slice(0, 1000) })).where('id', '=', d.id).execute();
    throw error;
  }
}
