// risk routes (issue 17): pages and JSON API. Owned by the risk part; stub until it lands.
import type { FastifyInstance } from 'fastify';

export async function riskRoutes(_app: FastifyInstance): Promise<void> {}
