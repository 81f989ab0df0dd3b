// Report pages and CSV exports (issue 18 #1). Owned by the reports part; stub until it lands.
import type { FastifyInstance } from 'fastify';

export async function reportRoutes(_app: FastifyInstance): Promise<void> {}
