// /api/safety/incidents: incidents as JSON, with the pages' rules (incident-access.ts): everyone but the
// privacy officer reports; the team's handlers triage, investigate and close; the reporter reads their
// own. Writes are once-only with an Idempotency-Key (or a client-minted id), changes version-checked.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { incidentAffected, incidentCategories, incidentKinds, incidentLocationKinds, investigationLevels, physicalHarmLevels, psychologicalHarmLevels } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { addIncidentAction } from './add-incident-action.ts';
import { addIncidentNote } from './add-incident-note.ts';
import { closeIncident } from './close-incident.ts';
import { authoriseIncident, authoriseIncidentEpisode, authoriseIncidentReport, authoriseIncidentTeam, incidentPatientGrant } from './incident-access.ts';
import { listIncidentActions, listIncidentUpdates, listReportedBy, listTeamIncidents } from './incident-queries.ts';
import { incidentJson } from './incident-view.ts';
import { markIncidentOutcomeSeen } from './read-incident-outcome.ts';
import { recordIncidentLearning } from './record-incident-learning.ts';
import { reportIncident } from './report-incident.ts';
import { triageIncident } from './triage-incident.ts';

const tags = ['safety'];
const incidentParams = z.object({ incidentId: z.uuid('incidentId must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const version = z.int({ error: 'version must be the number you read' }).min(1).max(2_147_483_647);
const text = (max: number) => z.string().max(max, `At most ${max} characters`);

const incidentResponse = z.object({
  id: z.string(), reference: z.string().describe('INC-000123'), version: z.number(), kind: z.enum(incidentKinds), occurredAt: z.string(), locationKind: z.enum(incidentLocationKinds),
  location: z.string(), category: z.string(), whatHappened: z.string(), immediateActions: z.string(), affected: z.enum(incidentAffected),
  physicalHarm: z.enum(physicalHarmLevels), psychologicalHarm: z.enum(psychologicalHarmLevels),
  patientId: z.string().nullable().describe('Only when the reader may open the patient’s record (audited); else null'),
  episodeId: z.string().nullable(), linkedToPatient: z.boolean(), teamId: z.string().nullable(),
  reporter: z.object({ id: z.string().nullable(), name: z.string() }).describe('“Anonymous” (id null) to colleagues when the reporter asked'),
  reporterAnonymous: z.boolean(), sourceKind: z.enum(['lone-working', 'equipment']).nullable(), sourceId: z.string().nullable(),
  status: z.enum(['reported', 'under-review', 'closed']), handler: z.object({ id: z.string(), name: z.string() }).nullable(),
  investigationLevel: z.enum(investigationLevels).nullable(), confirmedPhysicalHarm: z.enum(physicalHarmLevels).nullable(),
  findings: z.string().nullable(), learning: z.string().nullable(), outcomeForReporter: z.string().nullable(),
  closedAt: z.string().nullable(), outcomeSeenAt: z.string().nullable(), createdAt: z.string(),
});
const updateResponse = z.object({ id: z.string(), kind: z.enum(['triaged', 'note', 'closed', 'reopened']), note: z.string(), at: z.string(), byName: z.string() });
const actionResponse = z.object({ id: z.string(), version: z.number(), incidentId: z.string(), incidentReference: z.string(), action: z.string(), ownerId: z.string(), ownerName: z.string(), dueOn: z.string(), status: z.enum(['open', 'done']), doneAt: z.string().nullable() });

const reportBody = z.strictObject({
  id: z.uuid().optional(),
  kind: z.enum(incidentKinds),
  occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO date and time' }),
  locationKind: z.enum(incidentLocationKinds),
  location: text(200),
  category: z.enum(incidentCategories),
  whatHappened: text(4_000),
  affected: z.enum(incidentAffected),
  immediateActions: text(2_000),
  physicalHarm: z.enum(physicalHarmLevels),
  psychologicalHarm: z.enum(psychologicalHarmLevels).default('none'),
  anonymous: z.boolean().default(false),
  episodeId: z.uuid().nullable().default(null),
  source: z.strictObject({ kind: z.enum(['lone-working', 'equipment']), id: z.uuid() }).nullable().default(null),
});

export async function incidentApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  typed.post('/api/safety/incidents', {
    schema: {
      tags, summary: 'Report an incident or near miss, optionally about a patient’s episode (needs your write access to their record)',
      description: 'Everyone signed in but the privacy officer. Anonymous to colleagues when asked; the audit always records who reported it.',
      headers: writeHeaders, body: reportBody, response: { 201: incidentResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    const b = request.body;
    const episode = b.episodeId ? await authoriseIncidentEpisode(db, { actor, episodeId: b.episodeId }) : null;
    return idempotentWrite(request, reply, async (trx) => {
      const incident = await reportIncident(trx, {
        actor, id: b.id ?? uuidv7(), anonymous: b.anonymous, episode, source: b.source,
        report: { kind: b.kind, occurredAt: new Date(b.occurredAt), locationKind: b.locationKind, location: b.location, category: b.category, whatHappened: b.whatHappened, affected: b.affected, immediateActions: b.immediateActions, physicalHarm: b.physicalHarm, psychologicalHarm: b.psychologicalHarm },
      });
      return { status: 201, body: incidentJson(incident, actor, episode !== null) };
    });
  });

  typed.get('/api/safety/incidents', {
    schema: {
      tags, summary: 'Your team’s incidents (clinical leads and service managers), open first; no patient is named',
      querystring: z.object({ status: z.enum(['open', 'reported', 'under-review', 'closed']).optional() }),
      response: { 200: z.object({ incidents: z.array(incidentResponse) }), ...errorResponse(400, 401, 403) },
    },
  }, async (request) => {
    const access = await authoriseIncidentTeam(db, { actor: actorOf(request) });
    const incidents = await listTeamIncidents(db, { teamId: access.teamId, withNoTeam: access.withNoTeam, ...(request.query.status ? { status: request.query.status } : {}) });
    return { incidents: incidents.map((i) => incidentJson(i, access.actor, false)) };
  });

  typed.get('/api/safety/incidents/mine', {
    schema: { tags, summary: 'What you reported, with the outcome of those closed', response: { 200: z.object({ incidents: z.array(incidentResponse) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    return { incidents: (await listReportedBy(db, actor.staff.staffId)).map((i) => incidentJson(i, actor, false)) };
  });

  typed.get('/api/safety/incidents/:incidentId', {
    schema: {
      tags, summary: 'One incident: its handler sees the log and actions; its reporter sees the report and the outcome. Others: 404.',
      params: incidentParams,
      response: { 200: z.object({ incident: incidentResponse, updates: z.array(updateResponse), actions: z.array(actionResponse) }), ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseIncident(db, { actor: actorOf(request), incidentId: request.params.incidentId });
    // Reading it is reading the outcome, for its reporter (whatever their view), as on the page.
    if (await db.transaction().execute((trx) => markIncidentOutcomeSeen(trx, { access }))) access.incident = { ...access.incident, outcomeSeenAt: access.actor.now };
    const grant = await incidentPatientGrant(db, { access, detail: { via: 'api' } });
    const handler = access.view === 'handler';
    const [updates, actions] = handler ? await Promise.all([listIncidentUpdates(db, access.incident.id), listIncidentActions(db, { incidentId: access.incident.id })]) : [[], []];
    return {
      incident: incidentJson(access.incident, access.actor, grant !== null),
      updates: updates.map((u) => ({ ...u, at: u.at.toISOString() })),
      actions: actions.map((a) => ({ ...a, doneAt: a.doneAt ? a.doneAt.toISOString() : null })),
    };
  });

  const handled = async (request: { params: { incidentId: string } } & Parameters<typeof actorOf>[0]) =>
    authoriseIncident(db, { actor: actorOf(request), incidentId: request.params.incidentId, handle: true });

  typed.post('/api/safety/incidents/:incidentId/triage', {
    schema: {
      tags, summary: 'Triage: the harm as found, the level of review, who handles it (default you), a note. Send the version you read.', params: incidentParams, headers: writeHeaders,
      body: z.strictObject({ version, investigationLevel: z.enum(investigationLevels), confirmedPhysicalHarm: z.enum(physicalHarmLevels), handlerId: z.uuid().nullable().default(null), note: text(4_000) }),
      response: { 200: incidentResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await handled(request);
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: incidentJson(await triageIncident(trx, { access, version: b.version, investigationLevel: b.investigationLevel, confirmedPhysicalHarm: b.confirmedPhysicalHarm, handlerId: b.handlerId, note: b.note }), access.actor, false) }));
  });

  typed.post('/api/safety/incidents/:incidentId/notes', {
    schema: { tags, summary: 'Add a step of the investigation to the incident’s log (never changed afterwards)', params: incidentParams, headers: writeHeaders, body: z.strictObject({ note: text(4_000) }), response: { 201: z.object({ ok: z.literal(true) }), ...errorResponse(400, 401, 403, 404, 422) } },
  }, async (request, reply) => {
    const access = await handled(request);
    return idempotentWrite(request, reply, async (trx) => {
      await addIncidentNote(trx, { access, note: request.body.note });
      return { status: 201, body: { ok: true as const } };
    });
  });

  typed.put('/api/safety/incidents/:incidentId/learning', {
    schema: { tags, summary: 'The findings and the learning so far. Send the version you read.', params: incidentParams, headers: writeHeaders, body: z.strictObject({ version, findings: text(8_000).default(''), learning: text(4_000).default('') }), response: { 200: incidentResponse, ...errorResponse(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const access = await handled(request);
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: incidentJson(await recordIncidentLearning(trx, { access, version: request.body.version, findings: request.body.findings, learning: request.body.learning }), access.actor, false) }));
  });

  typed.post('/api/safety/incidents/:incidentId/actions', {
    schema: { tags, summary: 'An action from the learning: an owner in the team and a due date; on their home page until done', params: incidentParams, headers: writeHeaders, body: z.strictObject({ id: z.uuid().optional(), action: text(500), ownerId: z.uuid('ownerId must be a UUID'), dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD') }), response: { 201: actionResponse, ...errorResponse(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => {
    const access = await handled(request);
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const a = await addIncidentAction(trx, { access, id: b.id ?? uuidv7(), action: b.action, ownerId: b.ownerId, dueOn: b.dueOn });
      return { status: 201, body: { ...a, doneAt: a.doneAt ? a.doneAt.toISOString() : null } };
    });
  });

  typed.post('/api/safety/incidents/:incidentId/close', {
    schema: {
      tags, summary: 'Close the incident with the learning and what the reporter is told (both required); the reporter is notified. Send the version you read.', params: incidentParams, headers: writeHeaders,
      body: z.strictObject({ version, learning: text(4_000), outcomeForReporter: text(4_000) }),
      response: { 200: incidentResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await handled(request);
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: incidentJson(await closeIncident(trx, { access, version: b.version, learning: b.learning, outcomeForReporter: b.outcomeForReporter }), access.actor, false) }));
  });
}
