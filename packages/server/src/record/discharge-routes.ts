// The discharge summary drafted from the record, and the letters produced from it: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';

export async function dischargeRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
