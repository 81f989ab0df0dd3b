import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/** The visit day: visit needs, the team's visits, the plan, run sheets. Each part registers its routes here, one line each. */
export const visitsContext = fp(async (app: FastifyInstance) => {
  void app;
}, { name: 'visits' });
