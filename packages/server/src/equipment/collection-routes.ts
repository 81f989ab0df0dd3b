// Collection: every item on loan decided at discharge, collections scheduled as visits and tracked until returned, missing or written off (issue 15 #7).
import type { FastifyInstance } from 'fastify';

export async function collectionRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
