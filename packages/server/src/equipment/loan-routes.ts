// Loans within an episode: prescribing within competence, bed-rail risk assessment, delivery and fitting, training in safe use, the carer's instruction sheet (issue 15 #3, #4).
import type { FastifyInstance } from 'fastify';

export async function loanRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
