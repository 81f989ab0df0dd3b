import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './assessments-routes.ts';
import { recordApiRoutes } from './record-api-routes.ts';
import { recordPages } from './record-pages.ts';

/** The clinical record: consent and capacity, contact notes that are never erased, and supervisors' review. */
export const recordContext = fp(async (app: FastifyInstance) => {
  await recordApiRoutes(app);
  await recordPages(app);
  await assessmentRoutes(app);
}, { name: 'record' });
