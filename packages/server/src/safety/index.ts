import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { safetyHubRoutes } from './safety-hub-routes.ts';
import { incidentRoutes } from './incident-routes.ts';
import { safeguardingRoutes } from './safeguarding-routes.ts';
import { riskRoutes } from './risk-routes.ts';

/** Safety and governance (issue 17): incidents and near misses, safeguarding concerns, the risk register. Each part registers its routes here, one line each. */
export const safetyContext = fp(async (app: FastifyInstance) => {
  await safetyHubRoutes(app);
  await incidentRoutes(app);
  await safeguardingRoutes(app);
  await riskRoutes(app);
}, { name: 'safety' });
