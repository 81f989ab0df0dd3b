// The demo's equipment (issue 15), as generate-demo-equipment.ts decides it: the catalogue, a store per
// team with its stock (each level with its 'received' move, so the ledger sums to it), tracked hoists,
// slings and beds with their last examination, and loans on the teams' open episodes, each issued from
// store through the catalogue's issueEquipment under the prescriber's write grant, as a delivery does.
// The catalogue, stores, items and examinations hold no patient and are written straight in, and so
// are the loans' rows until the loans part's prescribe and deliver functions are on this branch (then
// they go through those). Once only: a restart that finds the catalogue leaves it.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { authorisePatientAccess } from '../access/public.ts';
import { issueEquipment } from '../equipment/public.ts';
import { staffActor } from '../platform/actor.ts';
import { generateDemoEquipment } from './generate-demo-equipment.ts';

export type SeedDemoEquipmentOptions = { seed: number; now: Date; config: HomewardConfig; teams: Array<{ id: string; name: string }>; episodesPerTeam?: number };
export type SeededEquipment = { catalogueItems: number; stores: number; items: number; loans: number; skipped: number };

export async function seedDemoEquipment(db: Kysely<Database>, o: SeedDemoEquipmentOptions): Promise<SeededEquipment> {
  const none = { catalogueItems: 0, stores: 0, items: 0, loans: 0, skipped: 0 };
  if (await db.selectFrom('equipment_catalogue_items').select('id').where('code', '=', 'HOIST-MOBILE').executeTakeFirst()) return none;
  const today = ukDateOf(o.now);
  const leads = new Map<string, { staffId: string; name: string; role: 'clinical-lead'; teamId: string }>();
  for (const team of o.teams) {
    const lead = await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('team_id', '=', team.id).where('homeward_role', '=', 'clinical-lead').orderBy('id').executeTakeFirst();
    if (lead) leads.set(team.id, { staffId: lead.id, name: `${lead.given_name} ${lead.family_name}`, role: 'clinical-lead', teamId: team.id });
  }
  const teams = o.teams.filter((t) => leads.has(t.id));
  if (!teams.length) return none;
  const perTeam = o.episodesPerTeam ?? 6;
  const episodes: Array<{ id: string; patientId: string; teamId: string; storeIndex: number }> = [];
  for (const [storeIndex, team] of teams.entries()) {
    const open = await db.selectFrom('episodes').select(['id', 'patient_id']).where('team_id', '=', team.id).where('status', '=', 'active').orderBy('id').limit(perTeam).execute();
    episodes.push(...open.map((e) => ({ id: e.id, patientId: e.patient_id, teamId: team.id, storeIndex })));
  }
  // Interleave the teams, so the recalled hoist batch is with patients of both.
  episodes.sort((a, b) => episodes.filter((x) => x.teamId === a.teamId).indexOf(a) - episodes.filter((x) => x.teamId === b.teamId).indexOf(b) || a.storeIndex - b.storeIndex);
  const plan = generateDemoEquipment({ seed: o.seed, today, stores: teams.length, episodes: episodes.length });
  const firstLead = leads.get(teams[0]!.id)!.staffId;
  const stamp = (by: string, at: Date) => ({ created_at: at, created_by: by, updated_at: at, updated_by: by });

  const catalogueIds = new Map<string, string>();
  for (const c of plan.catalogue) {
    const id = uuidv7();
    catalogueIds.set(c.code, id);
    await db.insertInto('equipment_catalogue_items').values({
      id, code: c.code, name: c.name, category: c.category, make: c.make, model: c.model, stock_kind: c.stockKind, loler: c.loler, inspection_interval_months: c.inspectionIntervalMonths,
      needs_risk_assessment: c.needsRiskAssessment, prescriber: c.prescriber, unit_cost_pence: c.unitCostPence, instructions: c.instructions, ...stamp(firstLead, o.now),
    }).execute();
  }
  const storeIds: string[] = [];
  for (const team of teams) {
    const id = uuidv7();
    storeIds.push(id);
    await db.insertInto('equipment_stores').values({ id, name: `${team.name} equipment store`, team_id: team.id, ...stamp(leads.get(team.id)!.staffId, o.now) }).execute();
  }
  for (const s of plan.stock) {
    const lead = leads.get(teams[s.storeIndex]!.id)!.staffId;
    const received = new Date(o.now.getTime() - 90 * 86_400_000);
    await db.insertInto('equipment_stock_levels').values({ store_id: storeIds[s.storeIndex]!, catalogue_item_id: catalogueIds.get(s.code)!, quantity: s.quantity, reorder_level: 2, ...stamp(lead, received) }).execute();
    await db.insertInto('equipment_stock_moves').values({ id: uuidv7(), store_id: storeIds[s.storeIndex]!, catalogue_item_id: catalogueIds.get(s.code)!, change: s.quantity, reason: 'received', note: 'Opening stock', at: received, by_staff_id: lead }).execute();
  }
  const items: Array<{ id: string; code: string; batch: string; storeIndex: number; nextDueOn: string }> = [];
  for (const i of plan.items) {
    const id = uuidv7();
    const lead = leads.get(teams[i.storeIndex]!.id)!.staffId;
    const c = plan.catalogue.find((x) => x.code === i.code)!;
    await db.insertInto('equipment_items').values({
      id, catalogue_item_id: catalogueIds.get(i.code)!, serial_number: i.serialNumber, asset_number: i.assetNumber, batch: i.batch, store_id: storeIds[i.storeIndex]!,
      condition: 'good', status: 'in-store', last_inspected_on: i.lastInspectedOn, next_inspection_due: i.nextDueOn, ...stamp(lead, o.now),
    }).execute();
    await db.insertInto('equipment_inspections').values({ id: uuidv7(), item_id: id, kind: c.loler ? 'loler' : 'service', inspected_on: i.lastInspectedOn, result: 'pass', note: null, next_due: i.nextDueOn, created_at: o.now, created_by: lead }).execute();
    items.push({ id, code: i.code, batch: i.batch, storeIndex: i.storeIndex, nextDueOn: i.nextDueOn });
  }

  let loans = 0;
  let skipped = 0;
  const used = new Set<string>();
  for (const l of plan.loans) {
    const episode = episodes[l.episodeIndex];
    if (!episode) continue;
    const c = plan.catalogue.find((x) => x.code === l.code)!;
    const lead = leads.get(episode.teamId)!;
    const at = new Date(o.now.getTime() - l.deliveredDaysAgo * 86_400_000);
    // A tracked item from the team's own store, in date for its examination (the recalled batch first).
    const item = c.stockKind === 'tracked'
      ? items.filter((i) => i.code === l.code && i.storeIndex === episode.storeIndex && !used.has(i.id) && i.nextDueOn > addCalendarDays(today, 1)).sort((a, b) => Number(b.batch === 'MM-2024-07') - Number(a.batch === 'MM-2024-07'))[0]
      : undefined;
    if (c.stockKind === 'tracked' && !item) {
      skipped++;
      continue;
    }
    const actor = staffActor({ staff: lead, config: o.config, via: 'demo:seed', now: at });
    await db.transaction().execute(async (trx) => {
      const grant = await authorisePatientAccess(trx, { actor, patientId: episode.patientId, action: 'write' });
      const loanId = uuidv7();
      await trx.insertInto('equipment_loans').values({
        id: loanId, patient_id: episode.patientId, episode_id: episode.id, team_id: episode.teamId, catalogue_item_id: catalogueIds.get(l.code)!, quantity: l.quantity,
        reason: c.stockKind === 'tracked' ? 'Unable to transfer safely without a hoist and two carers' : `Assessed at home: ${c.name.toLowerCase()} needed to manage safely`,
        assessment_note: 'Home assessment', prescribed_at: at, prescribed_by: lead.staffId, ...stamp(lead.staffId, at),
      }).execute();
      const issued = await issueEquipment(trx, { grant, loanId, storeId: storeIds[episode.storeIndex]!, itemId: item?.id ?? null, note: 'Demo delivery' });
      await trx.updateTable('equipment_loans').set({ status: 'delivered', item_id: issued.itemId, store_id: issued.storeId, delivered_at: at, delivered_by: lead.staffId, delivered_where: 'Home', fitted: c.stockKind === 'tracked', version: 2 }).where('id', '=', loanId).execute();
    });
    if (item) used.add(item.id);
    loans++;
  }
  return { catalogueItems: plan.catalogue.length, stores: storeIds.length, items: items.length, loans, skipped };
}
