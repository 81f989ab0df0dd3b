// Staff competences (delegated activities, and since issue 16 every role's, with evidence and expiry), signed off by a registered therapist: the JSON API and the pages.
import type { FastifyInstance } from 'fastify';
import { competenceApiRoutes } from './competence-api-routes.ts';
import { competencePages } from './competence-pages.ts';

export async function competenceRoutes(app: FastifyInstance): Promise<void> {
  await competenceApiRoutes(app);
  await competencePages(app);
}
