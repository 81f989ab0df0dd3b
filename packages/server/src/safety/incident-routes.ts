// Incidents and near misses (issue 17 #1): the pages, the JSON API and the LFPSE export.
import type { FastifyInstance } from 'fastify';
import { ukDateOf } from '@homeward/clinical';
import { actorOf, auditAs } from '../platform/actor.ts';
import { incidentApiRoutes } from './incident-api-routes.ts';
import { authoriseIncidentTeam, incidentRecordKind } from './incident-access.ts';
import { lfpseCsv } from './incident-lfpse.ts';
import { incidentPages } from './incident-pages.ts';
import { listTeamIncidents } from './incident-queries.ts';

export async function incidentRoutes(app: FastifyInstance): Promise<void> {
  await incidentApiRoutes(app);
  await incidentPages(app);

  // The team's incidents for LFPSE, for its handlers. What left Homeward, and who took it: audited before it is sent.
  app.get('/safety/incidents/lfpse.csv', { schema: { hide: true } }, async (request, reply) => {
    const access = await authoriseIncidentTeam(app.db, { actor: actorOf(request), action: 'export' });
    const incidents = await listTeamIncidents(app.db, { teamId: access.teamId, withNoTeam: access.withNoTeam });
    await auditAs(access.actor, app.db, { action: 'export', outcome: 'allowed', recordKind: incidentRecordKind, recordId: null, detail: { export: 'lfpse', rows: incidents.length, teamId: access.teamId, format: 'csv' } });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="incidents-lfpse-${ukDateOf(access.actor.now)}.csv"`)
      .send(lfpseCsv(incidents));
  });
}
