// Who may do what with the equipment that is not on loan to anyone (the catalogue, stores, stock,
// tracked items in store and their examinations): not patient data, so it is a question of role, not
// of a relationship with a patient. Every clinical role sees it (a support worker delivers and a
// student learns the kit); the catalogue (what the service lends, and its cost) is the leads' to keep;
// stock and items are kept, and examinations recorded, by the staff who run the store.
import type { Kysely } from 'kysely';
import { clinicalRoles, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { requireActorRole, type Actor } from '../platform/actor.ts';

export const equipmentViewRoles: readonly HomewardRole[] = clinicalRoles;
export const catalogueKeeperRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];
export const storeKeeperRoles: readonly HomewardRole[] = ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];

export const mayViewEquipment = (role: HomewardRole): boolean => equipmentViewRoles.includes(role);
export const mayKeepCatalogue = (role: HomewardRole): boolean => catalogueKeeperRoles.includes(role);
export const mayKeepStore = (role: HomewardRole): boolean => storeKeeperRoles.includes(role);

export const requireEquipmentViewer = (db: Kysely<Database>, actor: Actor): Promise<Actor> => requireActorRole(db, actor, equipmentViewRoles, 'see the equipment catalogue and stores');
export const requireCatalogueKeeper = (db: Kysely<Database>, actor: Actor): Promise<Actor> => requireActorRole(db, actor, catalogueKeeperRoles, 'change the equipment catalogue or its stores');
export const requireStoreKeeper = (db: Kysely<Database>, actor: Actor): Promise<Actor> => requireActorRole(db, actor, storeKeeperRoles, 'change stock, tracked items or their examinations');
