// Competences for every role: evidence, sign-off, expiry; used by allocation, delegation and the visit planner (issue 16 #2).
// The competences themselves stay the staff context's (staff/competence-*: one table, one set of pages and
// routes, now for every clinical role); what the people context adds is the home page's items
// (competence-due.ts, through app.ts). So nothing is registered here.
import type { FastifyInstance } from 'fastify';

export async function competenceRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
