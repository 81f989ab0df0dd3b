import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { breakGlassRoutes } from './break-glass-routes.ts';
import { patientApiRoutes } from './patient-api-routes.ts';
import { patientPages } from './patient-pages.ts';
import { patientPlacementRoutes } from './patient-placement-routes.ts';

/** The patient index: who the patient is, how to reach them, what a visitor must know. */
export const patientsContext = fp(async (app: FastifyInstance) => {
  await patientApiRoutes(app);
  await patientPages(app);
  await breakGlassRoutes(app);
  await patientPlacementRoutes(app);
}, { name: 'patients' });
