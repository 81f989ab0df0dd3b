// Catalogue, stores, stock levels and tracked items; labels and the look-up page; inspections and their due list (issue 15 #1, #2, #5, #8).
import type { FastifyInstance } from 'fastify';
import { catalogueApiRoutes } from './catalogue-api-routes.ts';
import { cataloguePages } from './catalogue-pages.ts';
import { itemPages } from './item-pages.ts';

export async function catalogueRoutes(app: FastifyInstance): Promise<void> {
  await catalogueApiRoutes(app);
  await cataloguePages(app);
  await itemPages(app);
}
