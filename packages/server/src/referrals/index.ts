import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { referralApiRoutes } from './referral-api-routes.ts';
import { referralPages } from './referral-pages.ts';

/** Referrals: intake to a team, the incoming list, rejection, and triage into an episode of care. */
export const referralsContext = fp(async (app: FastifyInstance) => {
  await referralApiRoutes(app);
  await referralPages(app);
}, { name: 'referrals' });
