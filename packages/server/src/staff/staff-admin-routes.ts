import type { FastifyInstance } from 'fastify';

/** Administrators manage staff accounts (pages and API). */
export async function staffAdminRoutes(_app: FastifyInstance): Promise<void> {}
