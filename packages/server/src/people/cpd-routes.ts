// A personal CPD log and the HCPC-shaped CPD profile as a PDF (issue 16 #3).
import type { FastifyInstance } from 'fastify';

export async function cpdRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
