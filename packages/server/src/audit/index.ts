import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/** The access audit: the privacy officer's views of who saw what, and every break-glass. */
export const auditContext = fp(async (_app: FastifyInstance) => {}, { name: 'audit' });
