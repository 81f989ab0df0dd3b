import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { meetingRoutes } from './meeting-routes.ts';

/** MDT meetings and case conferences (issue 16 #6). */
export const mdtContext = fp(async (app: FastifyInstance) => {
  await meetingRoutes(app);
}, { name: 'mdt' });
