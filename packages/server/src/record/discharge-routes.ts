// The discharge summary drafted from the record, and the letters produced from it: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance } from 'fastify';
import { dischargeApiRoutes } from './discharge-api-routes.ts';
import { dischargePages } from './discharge-pages.ts';
import type { EquipmentAtDischargePort } from './equipment-at-discharge-port.ts';

export async function dischargeRoutes(app: FastifyInstance, equipment: EquipmentAtDischargePort | null = null): Promise<void> {
  await dischargeApiRoutes(app);
  await dischargePages(app, equipment);
}
