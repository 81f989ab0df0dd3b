import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { competenceRoutes } from './competence-routes.ts';
import { cpdRoutes } from './cpd-routes.ts';
import { pdcRoutes } from './pdc-routes.ts';
import { supervisionRoutes } from './supervision-routes.ts';
import { trainingRoutes } from './training-routes.ts';

/** The team's people (issue 16): supervision, competences, CPD, PDC, mandatory training. Each part registers its routes here, one line each. */
export const peopleContext = fp(async (app: FastifyInstance) => {
  await supervisionRoutes(app);
  await competenceRoutes(app);
  await cpdRoutes(app);
  await pdcRoutes(app);
  await trainingRoutes(app);
}, { name: 'people' });
