// Adding a store (a team's base, the community equipment service's depot). A name is used once.
import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, EquipmentStoresTable } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import type { StoreInput } from './catalogue-schemas.ts';

export type EquipmentStore = { id: string; name: string; teamId: string | null; address: string; active: boolean; version: number };
export const storeOfRow = (r: Selectable<EquipmentStoresTable>): EquipmentStore => ({ id: r.id, name: r.name, teamId: r.team_id, address: r.address, active: r.active, version: r.version });

export type AddStoreOptions = { actor: Actor; id?: string; input: StoreInput };

export async function addStore(trx: Kysely<Database>, o: AddStoreOptions): Promise<EquipmentStore> {
  const who = o.actor.staff.staffId;
  const now = o.actor.now;
  const taken = () => new HomewardError('duplicate', `A store called ${o.input.name} already exists`, { fields: [{ path: 'name', message: `A store called ${o.input.name} already exists` }] });
  if (await trx.selectFrom('equipment_stores').select('id').where('name', '=', o.input.name).executeTakeFirst()) throw taken();
  if (o.input.teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', o.input.teamId).executeTakeFirst())) throw validationFailed([{ path: 'teamId', message: 'Select a team that exists' }]);
  try {
    const row = await trx
      .insertInto('equipment_stores')
      .values({ id: o.id ?? o.input.id ?? uuidv7(), name: o.input.name, team_id: o.input.teamId, address: o.input.address, created_at: now, created_by: who, updated_at: now, updated_by: who })
      .returningAll()
      .executeTakeFirstOrThrow();
    return storeOfRow(row);
  } catch (error) {
    if (isUniqueViolation(error, 'equipment_stores_name_key')) throw taken();
    if (isUniqueViolation(error, 'equipment_stores_pkey')) throw new HomewardError('duplicate', 'A store with this id already exists');
    throw error;
  }
}
