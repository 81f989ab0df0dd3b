// incident routes (issue 17): pages and JSON API. Owned by the incident part; stub until it lands.
import type { FastifyInstance } from 'fastify';

export async function incidentRoutes(_app: FastifyInstance): Promise<void> {}
