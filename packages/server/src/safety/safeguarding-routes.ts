// Safeguarding concerns (issue 17 #2): raised from a patient's episode, seen only by the safeguarding
// leads, the raiser and the people a lead names, decided within 24 hours, closed only once decided; and
// the designations of safeguarding leads. Pages and the JSON API.
import type { FastifyInstance } from 'fastify';
import { safeguardingApiRoutes } from './safeguarding-api-routes.ts';
import { safeguardingPages } from './safeguarding-pages.ts';

export async function safeguardingRoutes(app: FastifyInstance): Promise<void> {
  await safeguardingApiRoutes(app);
  await safeguardingPages(app);
}
