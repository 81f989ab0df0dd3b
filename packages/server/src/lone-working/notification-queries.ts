// A person's notifications in the app: their list, how many are unread (the header's count), marking read.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type NotificationItem = { id: string; patientId: string | null; kind: string; urgent: boolean; title: string; body: string; link: string | null; createdAt: Date; readAt: Date | null; deliveries: Array<{ channel: 'email' | 'sms'; status: string }> };

export async function countUnreadNotifications(db: Kysely<Database>, staffId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', staffId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: Kysely<Database>, o: { staffId: string; limit?: number }): Promise<NotificationItem[]> {
  // The patient an alert's notification names (its session's), so the list's read can be audited per patient.
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('lone_working_alerts as a', 'a.id', 'n.alert_id')
    .leftJoin('lone_working_sessions as s', 's.id', 'a.session_id')
    .selectAll('n')
    .select('s.patient_id')
    .where('n.staff_id', '=', o.staffId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(o.limit ?? 100)
    .execute();
  const deliveries = rows.length ? await db.selectFrom('notification_deliveries').select(['notification_id', 'channel', 'status']).where('notification_id', 'in', rows.map((r) => r.id)).orderBy('channel').execute() : [];
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    kind: r.kind,
    urgent: r.urgent,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: new Date(r.created_at),
    readAt: r.read_at,
    deliveries: deliveries.filter((d) => d.notification_id === r.id).map((d) => ({ channel: d.channel, status: d.status })),
  }));
}

/** Marks the person's notifications read (one, or all unread); another person's are never touched. */
export async function markNotificationsRead(db: Kysely<Database>, o: { staffId: string; now: Date; notificationId?: string }): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: o.now }).where('staff_id', '=', o.staffId).where('read_at', 'is', null);
  if (o.notificationId) q = q.where('id', '=', o.notificationId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
