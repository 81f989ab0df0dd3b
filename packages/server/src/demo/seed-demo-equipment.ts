// The demo's equipment (issue 15), as generate-demo-equipment.ts decides it, written through the
// equipment context's own domain functions as the member of staff who did it, each with an actor whose
// clock is set to the moment: the team's clinical lead sets up the catalogue and the team's store a
// while ago, receives its opening stock, adds the tracked hoists, slings and beds and records each one's
// last examination on its day; then on each loan's day the lead prescribes it within the patient's
// episode, records its delivery (out of store through issueEquipment) and, for the tracked items, the
// carer taught to use it, under the write grant the access decision gives, as the pages do. So the demo
// meets the same rules, ledger and audit as real use. Once only: a restart that finds the catalogue leaves it.
import type { Kysely } from 'kysely';
import { addCalendarDays, fromUkWallClock, ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { findEpisode } from '../caseload/public.ts';
import {
  addCatalogueItem, addEquipmentItem, addStore, authoriseLoanWrite, deliverEquipment, listEpisodeLoans, mayChangeLoan, prescribeEquipment, recordInspection, recordStockMove, recordTraining,
} from '../equipment/public.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
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
  const firstLead = leads.get(teams[0]!.id)!;
  const as = (lead: { staffId: string; name: string; role: 'clinical-lead'; teamId: string }, at: Date): Actor => staffActor({ staff: lead, config: o.config, via: 'demo:seed', now: at });
  const leadOfStore = (storeIndex: number) => leads.get(teams[storeIndex]!.id)!;
  const dayMs = 86_400_000;
  // The store was set up before the oldest examination on record (a year's interval and three weeks overdue).
  const setUpAt = new Date(o.now.getTime() - 420 * dayMs);
  const received = new Date(o.now.getTime() - 90 * dayMs);
  const middayOf = (day: string) => fromUkWallClock(day, '12:00') ?? new Date(`${day}T12:00:00Z`);

  const catalogueIds = new Map<string, string>();
  const storeIds: string[] = [];
  const items: Array<{ id: string; code: string; batch: string; storeIndex: number; nextDueOn: string }> = [];
  // The stores' side holds no patient: one transaction, so a start interrupted here lays it again.
  await db.transaction().execute(async (trx) => {
    for (const c of plan.catalogue) {
      const added = await addCatalogueItem(trx, {
        actor: as(firstLead, setUpAt),
        input: { code: c.code, name: c.name, category: c.category, make: c.make, model: c.model, stockKind: c.stockKind, loler: c.loler, inspectionIntervalMonths: c.inspectionIntervalMonths, needsRiskAssessment: c.needsRiskAssessment, prescriber: c.prescriber, unitCostPence: c.unitCostPence, instructions: c.instructions, active: true },
      });
      catalogueIds.set(c.code, added.id);
    }
    for (const [storeIndex, team] of teams.entries()) {
      const store = await addStore(trx, { actor: as(leadOfStore(storeIndex), setUpAt), input: { name: `${team.name} equipment store`, teamId: team.id, address: '' } });
      storeIds.push(store.id);
    }
    // Each is the store's first count of that item: version 1 at nought (record-stock-move.ts).
    for (const s of plan.stock) {
      await recordStockMove(trx, { actor: as(leadOfStore(s.storeIndex), received), storeId: storeIds[s.storeIndex]!, input: { catalogueItemId: catalogueIds.get(s.code)!, reason: 'received', change: s.quantity, note: 'Opening stock', version: 1 } });
    }
    for (const i of plan.items) {
      const c = plan.catalogue.find((x) => x.code === i.code)!;
      // Added with no certificate on the day of its examination, then examined: the due date is the examination's.
      const examinedAt = middayOf(i.lastInspectedOn);
      const actor = as(leadOfStore(i.storeIndex), examinedAt.getTime() > o.now.getTime() ? o.now : examinedAt);
      const item = await addEquipmentItem(trx, { actor, input: { catalogueItemId: catalogueIds.get(i.code)!, serialNumber: i.serialNumber, assetNumber: i.assetNumber, batch: i.batch, storeId: storeIds[i.storeIndex]!, condition: 'good', lastInspectedOn: null } });
      const examined = await recordInspection(trx, { actor, itemId: item.id, input: { kind: c.loler ? 'loler' : 'service', inspectedOn: i.lastInspectedOn, result: 'pass', note: null, version: item.version } });
      items.push({ id: item.id, code: i.code, batch: i.batch, storeIndex: i.storeIndex, nextDueOn: examined.item.nextInspectionDue ?? i.nextDueOn });
    }
  });

  let loans = 0;
  let skipped = 0;
  const used = new Set<string>();
  // Each episode's equipment in one visit (the generator gives its loans one day): one grant, one
  // transaction, which keeps the first start quick.
  for (const [episodeIndex, episode] of episodes.entries()) {
    const wanted = plan.loans.filter((l) => l.episodeIndex === episodeIndex);
    if (!wanted.length) continue;
    const lead = leads.get(episode.teamId)!;
    const at = new Date(o.now.getTime() - wanted[0]!.deliveredDaysAgo * dayMs);
    const day = ukDateOf(at);
    const lending: Array<{ l: (typeof wanted)[number]; c: (typeof plan.catalogue)[number]; item: (typeof items)[number] | undefined }> = [];
    for (const l of wanted) {
      const c = plan.catalogue.find((x) => x.code === l.code)!;
      // A tracked item from the team's own store, in date for its examination (the recalled batch first).
      const item = c.stockKind === 'tracked'
        ? items.filter((i) => i.code === l.code && i.storeIndex === episode.storeIndex && !used.has(i.id) && i.nextDueOn > addCalendarDays(today, 1)).sort((a, b) => Number(b.batch === 'MM-2024-07') - Number(a.batch === 'MM-2024-07'))[0]
        : undefined;
      if (c.stockKind === 'tracked' && !item) {
        skipped++;
        continue;
      }
      if (item) used.add(item.id);
      lending.push({ l, c, item });
    }
    if (!lending.length) continue;
    const actor = as(lead, at);
    await db.transaction().execute(async (trx) => {
      const found = await findEpisode(trx, episode.id, at);
      if (!found) throw new Error(`demo equipment: episode ${episode.id} not found`);
      // The lead prescribes, delivers and teaches (the role rule for each; the prescribing rule is checked per item inside prescribeEquipment).
      const access = await authoriseLoanWrite(trx, { actor, episode: found, change: 'prescribe' });
      if (!mayChangeLoan(lead.role, 'deliver') || !mayChangeLoan(lead.role, 'train')) throw new Error('demo equipment: the lead must deliver and teach');
      const prescribed: string[] = [];
      for (const { l, c } of lending) {
        const { id } = await prescribeEquipment(trx, {
          access,
          input: {
            catalogueItemId: catalogueIds.get(l.code)!, quantity: l.quantity, assessmentId: null, assessmentNote: 'Home assessment',
            // Beds and rails rest on a recorded risk assessment (entrapment, falls, the person's own movement), as the prescribing rule asks.
            riskAssessment: c.category === 'beds-and-rails' || c.needsRiskAssessment ? 'Bed and rail gaps measured against the MHRA dimensions; no entrapment risk found; the patient can roll and sit up unaided' : null,
            reason: c.stockKind === 'tracked' ? 'Unable to transfer safely without a hoist and two carers' : `Assessed at home: ${c.name.toLowerCase()} needed to manage safely`,
          },
        });
        prescribed.push(id);
      }
      const onLoan = await listEpisodeLoans(trx, access);
      for (const [k, { c, item }] of lending.entries()) {
        const loan = onLoan.find((x) => x.id === prescribed[k])!;
        const delivered = await deliverEquipment(trx, {
          access, loan,
          input: { version: loan.version, deliveredOn: day, deliveredBy: null, where: 'Home', fitted: c.stockKind === 'tracked', storeId: item ? null : storeIds[episode.storeIndex]!, itemId: item?.id ?? null },
        });
        // The lifting equipment and beds are taught to the family carer at delivery.
        if (item) {
          await recordTraining(trx, {
            access, loan: delivered,
            input: { personKind: 'carer', personName: 'Family carer', whatTaught: c.instructions, understood: 'yes', understandingNote: null, taughtOn: day },
          });
        }
      }
    });
    loans += lending.length;
  }
  return { catalogueItems: plan.catalogue.length, stores: storeIds.length, items: items.length, loans, skipped };
}
