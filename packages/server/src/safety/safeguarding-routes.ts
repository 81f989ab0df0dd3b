// safeguarding routes (issue 17): pages and JSON API. Owned by the safeguarding part; stub until it lands.
import type { FastifyInstance } from 'fastify';

export async function safeguardingRoutes(_app: FastifyInstance): Promise<void> {}
