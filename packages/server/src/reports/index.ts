import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { reportRoutes } from './report-routes.ts';
import { dischargeReadyPages } from './discharge-ready-pages.ts';

/** Reports (issue 18 #1): SSNAP therapy, D2A and intermediate care, outcomes, activity, waiting; each a page with filters, a chart with its table, CSV export audited. */
export const reportsContext = fp(async (app: FastifyInstance) => {
  await reportRoutes(app);
  await dischargeReadyPages(app);
}, { name: 'reports' });
