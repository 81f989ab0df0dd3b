// Who may see and act on an alert: the people it was sent to, and the team's clinical leads and service
// managers. Not the clinician it is about (a raised alert is closed by a responder, never by them), not
// anyone else, and a refusal is audited.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { alertRecordKind } from './alert-audit.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert } from './read-alerts.ts';

export const alertLeadRoles = ['clinical-lead', 'service-manager'] as const;

export const isTeamAlertLead = (actor: Actor, teamId: string) => (alertLeadRoles as readonly string[]).includes(actor.staff.role) && actor.staff.teamId === teamId;

export async function authoriseAlert(db: Kysely<Database>, o: { actor: Actor; alertId: string }): Promise<LoneWorkingAlert> {
  const alert = await findAlert(db, o.alertId);
  if (!alert) throw notFound('Alert');
  const sentTo = await db.selectFrom('notifications').select('id').where('alert_id', '=', alert.id).where('staff_id', '=', o.actor.staff.staffId).executeTakeFirst();
  const own = alert.staffId === o.actor.staff.staffId;
  if (!own && (sentTo || isTeamAlertLead(o.actor, alert.teamId))) return alert;
  // A duress alert about the person asking does not exist as far as their screen shows (whoever forced the
  // code may be watching it); another team's alert is not theirs to know of: both look like no alert at all.
  const hidden = (own && alert.kind === 'duress') || (!own && alert.teamId !== o.actor.staff.teamId);
  const rule = own ? (hidden ? 'own-duress-alert' : 'own-alert') : hidden ? 'another-team' : 'not-a-responder';
  await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: alertRecordKind, recordId: alert.id, detail: { route: o.actor.origin.via, rule } });
  if (hidden) throw notFound('Alert');
  throw new HomewardError('forbidden', own ? 'A responder looks after this alert and closes it: you will see it end on your own screen' : 'Only the people this alert was sent to, and the team’s clinical leads and service managers, can see it');
}

/** The team's open alerts list is for its leads and service managers. */
export async function authoriseTeamAlerts(db: Kysely<Database>, actor: Actor): Promise<string> {
  if (actor.staff.teamId && (alertLeadRoles as readonly string[]).includes(actor.staff.role)) return actor.staff.teamId;
  await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: alertRecordKind, detail: { route: actor.origin.via, rule: 'role' } });
  throw new HomewardError('forbidden', 'The team’s alerts are for its clinical leads and service managers');
}
