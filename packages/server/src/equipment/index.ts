import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { catalogueRoutes } from './catalogue-routes.ts';
import { collectionRoutes } from './collection-routes.ts';
import { loanRoutes } from './loan-routes.ts';
import { recallRoutes } from './recall-routes.ts';
import { reportRoutes } from './report-routes.ts';

/** Equipment (issue 15): the catalogue, stores and items; loans in the episode; inspections, recalls, collection and reports. Each part registers its routes here, one line each. */
export const equipmentContext = fp(async (app: FastifyInstance) => {
  await catalogueRoutes(app);
  await loanRoutes(app);
  await recallRoutes(app);
  await collectionRoutes(app);
  await reportRoutes(app);
}, { name: 'equipment' });
