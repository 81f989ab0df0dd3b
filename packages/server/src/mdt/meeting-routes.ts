// MDT meetings: scheduled, an agenda built from the caseload, attendance, each patient's discussion,
// decisions (in the patient's timeline) and actions (on the owner's home page and the next agenda until closed) (issue 16 #6).
import type { FastifyInstance } from 'fastify';
import { meetingApiRoutes } from './meeting-api-routes.ts';
import { meetingPages } from './meeting-pages.ts';

export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  await meetingApiRoutes(app);
  await meetingPages(app);
}
