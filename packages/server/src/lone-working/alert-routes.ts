// Alerts: the responder's alert page (acknowledge, record actions, close with the outcome), the team's
// open alerts for its leads, the team's ladder settings, and each person's notifications (issue 14 #5, #7).
// Thin: parse, authorise, delegate; every write version-checked and audited by the functions it calls.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { formatUkDateTime, type LadderRung, type LadderWho } from '@homeward/clinical';
import { actorOf, auditAs, requireActorRole } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import { alertRecordKind } from './alert-audit.ts';
import { alertKindLabels } from './alert-words.ts';
import { alertLeadRoles, authoriseAlert, authoriseTeamAlerts } from './authorise-alert.ts';
import { closeAlert } from './close-alert.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { listNotifications, markNotificationsRead } from './notification-queries.ts';
import { listOpenAlertsForTeam } from './read-alerts.ts';
import { describeEvent, readAlertDetail } from './read-alert-detail.ts';
import { readTeamLadder } from './read-team-ladder.ts';
import { recordAlertAction } from './record-alert-action.ts';
import { saveLadderSettings } from './save-ladder-settings.ts';

const hidden = { hide: true };
const alertParams = z.object({ alertId: z.uuid() });
const statusLabels: Record<LoneWorkingAlert['status'], string> = { running: 'Amber running', ended: 'Ended safe', raised: 'Raised', acknowledged: 'Acknowledged', closed: 'Closed' };
const whoLabels: Record<LadderWho, string> = { clinician: 'The clinician (a prompt)', responder: 'The responder on duty', manager: 'The on-call manager' };
const ladderRows = 5;

/** How each email or text message went, in words (not the delivery table's codes). */
const deliveryWords: Record<string, string> = { queued: 'being sent', sent: 'sent', failed: 'could not be sent', 'not-configured': 'not sent (Homeward has no service set up to send it)' };

export async function alertRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  // -- One alert, for a responder.
  async function renderAlert(reply: FastifyReply, alert: LoneWorkingAlert, detail: Awaited<ReturnType<typeof readAlertDetail>>, o: { fields?: FieldError[]; status?: number; values?: FormBody; done?: string } = {}) {
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('lone-working/pages/alert.njk', {
      title: `${alertKindLabels[alert.kind]}: ${detail.clinician.name}`,
      section: 'lone-working',
      alert: { ...detail.alert, kindText: alertKindLabels[alert.kind], statusText: statusLabels[alert.status], since: formatUkDateTime(alert.raisedAt ?? alert.dueAt), open: alert.status === 'raised' || alert.status === 'acknowledged' },
      clinician: detail.clinician,
      session: detail.session,
      patient: detail.patient,
      rung: detail.rung ? { ...detail.rung, whoText: whoLabels[detail.rung.who] } : null,
      events: detail.events.map((e) => ({ at: e.at, text: describeEvent(e) })),
      values: { version: String(alert.version), text: '', outcome: '', ...(o.values ?? {}) },
      errors: errorList(fields, { form: 'text', version: 'text' }),
      fieldErrors: errorsByField(fields),
      flash: o.done === 'acknowledged' ? 'You have acknowledged the alert: it goes no further up the ladder. Close it with the outcome once the clinician is safe.' : o.done === 'action' ? 'Your action is recorded.' : o.done === 'closed' ? 'The alert is closed.' : null,
    });
  }

  async function showAlert(reply: FastifyReply, actor: ReturnType<typeof actorOf>, alert: LoneWorkingAlert, o: Parameters<typeof renderAlert>[3] = {}) {
    const detail = await readAlertDetail(app.db, alert);
    // A responder sees the patient's address and risk flags: a read of patient data, audited before it is shown.
    await auditAs(actor, app.db, { action: 'read', outcome: 'allowed', recordKind: alertRecordKind, recordId: alert.id, patientId: detail.patient?.id ?? null, detail: { basis: 'lone-working-responder' } });
    return renderAlert(reply, alert, detail, o);
  }

  typed.get('/lone-working/alerts/:alertId', { schema: { ...hidden, params: alertParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const alert = await authoriseAlert(app.db, { actor, alertId: request.params.alertId });
    return showAlert(reply, actor, alert, { done: request.query.done });
  });

  const alertWrite = (path: string, done: string, write: (o: { actor: ReturnType<typeof actorOf>; alertId: string; version: number; body: FormBody }) => (trx: Parameters<Parameters<typeof pageWrite>[2]['write']>[0]) => Promise<unknown>) =>
    typed.post(`/lone-working/alerts/:alertId/${path}`, { schema: { ...hidden, params: alertParams, body: formBody } }, async (request, reply) => {
      const actor = actorOf(request);
      const alert = await authoriseAlert(app.db, { actor, alertId: request.params.alertId });
      const body = request.body;
      return pageWrite(request, reply, {
        check: () => formVersion(body.version),
        write: async (trx, version) => {
          await write({ actor, alertId: alert.id, version, body })(trx);
          return `/lone-working/alerts/${alert.id}?done=${done}`;
        },
        render: async (fields, status) => showAlert(reply, actor, (await authoriseAlert(app.db, { actor, alertId: alert.id })), { fields, status, values: { text: formField(body.text), outcome: formField(body.outcome) } }),
      });
    });

  alertWrite('acknowledge', 'acknowledged', (o) => (trx) => acknowledgeAlert(trx, { actor: o.actor, alertId: o.alertId, version: o.version }));
  alertWrite('actions', 'action', (o) => (trx) => recordAlertAction(trx, { actor: o.actor, alertId: o.alertId, version: o.version, text: formField(o.body.text) }));
  alertWrite('close', 'closed', (o) => (trx) => closeAlert(trx, { actor: o.actor, alertId: o.alertId, version: o.version, outcome: formField(o.body.outcome) }));

  // -- The team's open alerts, for its leads.
  typed.get('/lone-working/alerts', { schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    const teamId = await authoriseTeamAlerts(app.db, actor);
    const alerts = await listOpenAlertsForTeam(app.db, { teamId, viewerStaffId: actor.staff.staffId });
    const names = alerts.length ? await app.db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', alerts.map((a) => a.staffId)).execute() : [];
    return reply.page('lone-working/pages/alerts.njk', {
      title: 'Open lone working alerts',
      section: 'lone-working',
      alerts: alerts.map((a) => {
        const s = names.find((n) => n.id === a.staffId);
        return { ...a, name: s ? `${s.given_name} ${s.family_name}` : '', kindText: alertKindLabels[a.kind], statusText: statusLabels[a.status], since: formatUkDateTime(a.raisedAt ?? a.dueAt), red: a.kind === 'red' || a.kind === 'duress' };
      }),
    });
  });

  // -- The team's ladder.
  async function renderSettings(reply: FastifyReply, teamId: string, o: { values?: FormBody; fields?: FieldError[]; status?: number; done?: boolean } = {}) {
    const ladder = await readTeamLadder(app.db, teamId);
    const values: FormBody = o.values ?? {
      version: ladder.version === null ? '' : String(ladder.version),
      graceMinutes: String(Math.round(ladder.graceSeconds / 60)),
      ...Object.fromEntries(ladder.rungs.flatMap((r, i) => [[`rung-${i}-who`, r.who], [`rung-${i}-minutes`, String(Math.round(r.afterSeconds / 60))], [`rung-${i}-instructions`, r.instructions]])),
    };
    const fields = o.fields ?? [];
    // The rules speak of the ladder's rungs; the form has rows, some 'not used': each rung's message goes to its row.
    const usedRows = Array.from({ length: ladderRows }, (_, i) => i).filter((i) => formField(values[`rung-${i}-who`]) !== '');
    const toRow = (path: string) =>
      path.replace(/^rungs\.(\d+)\.(level|afterSeconds|instructions|who)$/, (_, n: string, field: string) => `rung-${usedRows[Number(n)] ?? Number(n)}-${field === 'level' || field === 'afterSeconds' ? 'minutes' : field}`);
    const byField = errorsByField(fields.map((f) => ({ ...f, path: toRow(f.path) })));
    return reply.code(o.status ?? 200).page('lone-working/pages/settings.njk', {
      title: 'Lone working escalation ladder',
      section: 'lone-working',
      values,
      rows: Array.from({ length: ladderRows }, (_, i) => ({
        i,
        whoItems: [{ value: '', text: 'Not used' }, ...(['clinician', 'responder', 'manager'] as const).map((w) => ({ value: w, text: whoLabels[w], selected: values[`rung-${i}-who`] === w }))],
      })),
      errors: errorList(fields.map((f) => ({ ...f, path: toRow(f.path).replace(/^rungs$/, 'rung-0-who') }))),
      fieldErrors: byField,
      flash: o.done ? 'The ladder is saved. New alerts climb it; an alert already raised keeps to it from its next rung.' : null,
    });
  }

  typed.get('/lone-working/settings', { schema: { ...hidden, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const actor = await requireActorRole(app.db, actorOf(request), alertLeadRoles, 'set the team’s lone working ladder');
    return renderSettings(reply, actor.staff.teamId!, { done: request.query.done === 'saved' });
  });

  typed.post('/lone-working/settings', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const actor = await requireActorRole(app.db, actorOf(request), alertLeadRoles, 'set the team’s lone working ladder');
    const teamId = actor.staff.teamId!;
    const body = request.body;
    return pageWrite(request, reply, {
      check: () => parseLadderForm(body),
      write: async (trx, c) => {
        await saveLadderSettings(trx, { actor, teamId, ...c });
        return '/lone-working/settings?done=saved';
      },
      render: async (fields, status) => renderSettings(reply, teamId, { values: body, fields, status }),
    });
  });

  // -- Each person's notifications.
  typed.get('/notifications', { schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    const items = await listNotifications(app.db, { staffId: actor.staff.staffId });
    // An alert's notification names where the clinician is (a patient's address): each patient named is audited as read, once, before the list is shown.
    const byPatient = new Map<string, string[]>();
    for (const n of items) if (n.patientId) byPatient.set(n.patientId, [...(byPatient.get(n.patientId) ?? []), n.id]);
    for (const [patientId, notificationIds] of byPatient) await auditAs(actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'notifications', patientId, detail: { notificationIds } });
    return reply.page('lone-working/pages/notifications.njk', { title: 'Notifications', section: 'notifications', items, unread: items.filter((n) => n.readAt === null).length, deliveryWords, backHref: '/', backText: 'Home' });
  });

  typed.post('/notifications', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = formField(request.body.notificationId);
    const parsed = id === '' ? undefined : z.uuid().safeParse(id);
    if (parsed && !parsed.success) throw validationFailed([{ path: 'notificationId', message: 'That is not a notification' }]);
    await markNotificationsRead(app.db, { staffId: actor.staff.staffId, now: actor.now, ...(parsed ? { notificationId: parsed.data } : {}) });
    return reply.code(303).header('location', '/notifications').send();
  });
}

/** The settings form as a ladder: rows left "not used" are dropped; levels are the rows' order. */
function parseLadderForm(body: FormBody): { version: number | null; graceSeconds: number; rungs: LadderRung[] } {
  const fields: FieldError[] = [];
  const versionText = formField(body.version);
  const version = versionText === '' ? null : formVersion(body.version);
  const minutes = (name: string, path: string, what: string) => {
    const text = formField(body[name]);
    if (!/^\d{1,4}$/.test(text)) {
      fields.push({ path, message: `Enter ${what} in whole minutes` });
      return 0;
    }
    return Number(text);
  };
  const graceSeconds = minutes('graceMinutes', 'graceMinutes', 'the grace period') * 60;
  const rungs: LadderRung[] = [];
  for (let i = 0; i < ladderRows; i++) {
    const who = formField(body[`rung-${i}-who`]);
    if (who === '') continue;
    if (who !== 'clinician' && who !== 'responder' && who !== 'manager') {
      fields.push({ path: `rung-${i}-who`, message: `Rung ${i + 1}: choose who is told` });
      continue;
    }
    rungs.push({ level: rungs.length + 1, who, afterSeconds: minutes(`rung-${i}-minutes`, `rung-${i}-minutes`, `rung ${i + 1}'s minutes after raising`) * 60, instructions: formField(body[`rung-${i}-instructions`]) });
  }
  if (fields.length) throw validationFailed(fields);
  return { version, graceSeconds, rungs };
}
