// /api/lone-working/alerts/:alertId (and /acknowledgement, /actions, /closure): the responder's side for a
// switchboard's or an on-call phone's client, with the same rules as the alert page: who may see it
// (authoriseAlert), the patient's details read audited before they are sent, each change version-checked,
// an Idempotency-Key making a retry write once.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf, auditAs } from '../platform/actor.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import { alertRecordKind } from './alert-audit.ts';
import { authoriseAlert } from './authorise-alert.ts';
import { closeAlert } from './close-alert.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { readAlertDetail } from './read-alert-detail.ts';
import { recordAlertAction } from './record-alert-action.ts';

const tags = ['lone-working'];
const alertParams = z.object({ alertId: z.uuid('alertId must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const version = z.number({ error: 'version must be the number you read' }).int().positive();

const alertResponse = z.object({
  id: z.string(),
  version: z.number(),
  kind: z.enum(['missed-check-in', 'missed-check-out', 'amber', 'red', 'duress']),
  status: z.enum(['running', 'ended', 'raised', 'acknowledged', 'closed']),
  level: z.number().describe('The highest rung of the ladder reached'),
  staffId: z.string(),
  note: z.string().nullable(),
  dueAt: z.string(),
  raisedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
});
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const alertJson = (a: LoneWorkingAlert): z.infer<typeof alertResponse> => ({
  id: a.id, version: a.version, kind: a.kind, status: a.status, level: a.level, staffId: a.staffId, note: a.note,
  dueAt: a.dueAt.toISOString(), raisedAt: iso(a.raisedAt), acknowledgedAt: iso(a.acknowledgedAt), closedAt: iso(a.closedAt), outcome: a.outcome,
});

export async function alertApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/lone-working/alerts/:alertId', {
    schema: {
      tags,
      summary: 'An alert for its responder: what, since when, where, the clinician’s work phone and car, the patient’s phone and risk flags, what to do, its history',
      description: 'For the people it was sent to and the team’s clinical leads and service managers. The patient’s details are audited as read.',
      params: alertParams,
      response: {
        200: z.object({
          alert: alertResponse,
          clinician: z.object({ name: z.string(), workPhone: z.string().nullable(), carDescription: z.string().nullable() }),
          place: z.string().nullable(),
          patient: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), address: z.string(), riskFlags: z.array(z.string()), riskNotes: z.string().nullable() }).nullable(),
          instructions: z.string().nullable(),
          history: z.array(z.object({ at: z.string(), kind: z.string(), level: z.number().nullable() })),
        }),
        ...errorResponse(400, 401, 403, 404),
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const alert = await authoriseAlert(app.db, { actor, alertId: request.params.alertId });
    const detail = await readAlertDetail(app.db, alert);
    await auditAs(actor, app.db, { action: 'read', outcome: 'allowed', recordKind: alertRecordKind, recordId: alert.id, patientId: detail.patient?.id ?? null, detail: { basis: 'lone-working-responder', via: 'api' } });
    const p = detail.patient;
    return {
      alert: alertJson(alert),
      clinician: detail.clinician,
      place: detail.session?.place ?? null,
      patient: p ? { id: p.id, name: `${p.givenName} ${p.familyName}`, phone: p.phone, address: [p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(', '), riskFlags: p.riskFlags, riskNotes: p.riskNotes } : null,
      instructions: detail.rung?.instructions ?? null,
      history: detail.events.map((e) => ({ at: new Date(e.at).toISOString(), kind: e.kind, level: e.level })),
    };
  });

  const write = <B extends z.ZodType<{ version: number }>>(path: string, summary: string, body: B, change: (request: FastifyRequest, alertId: string, body: z.infer<B>) => Parameters<typeof idempotentWrite>[2]) =>
    typed.post(`/api/lone-working/alerts/:alertId/${path}`, {
      schema: { tags, summary, description: 'Send the version you read: a stale one is a 409 with the alert as it is. Idempotency-Key makes a retry write once.', params: alertParams, headers: writeHeaders, body, response: { 200: z.object({ alert: alertResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) } },
    }, async (request, reply) => {
      const alert = await authoriseAlert(app.db, { actor: actorOf(request), alertId: request.params.alertId });
      return idempotentWrite(request, reply, change(request, alert.id, request.body as z.infer<B>));
    });

  write('acknowledgement', 'Acknowledge an alert: you are dealing with it, and it climbs no further', z.object({ version }).strict(), (request, alertId, b) => async (trx) => ({ status: 200, body: { alert: alertJson(await acknowledgeAlert(trx, { actor: actorOf(request), alertId, version: b.version })) } }));
  write('actions', 'Record what you did ("called her work phone, no answer")', z.object({ version, text: z.string() }).strict(), (request, alertId, b) => async (trx) => ({ status: 200, body: { alert: alertJson(await recordAlertAction(trx, { actor: actorOf(request), alertId, version: b.version, text: b.text })) } }));
  write('closure', 'Close an alert with its outcome (how you know the clinician is safe, or what happened)', z.object({ version, outcome: z.string() }).strict(), (request, alertId, b) => async (trx) => ({ status: 200, body: { alert: alertJson(await closeAlert(trx, { actor: actorOf(request), alertId, version: b.version, outcome: b.outcome })) } }));
}
