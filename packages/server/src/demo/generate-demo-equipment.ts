// What the demo's equipment is (issue 15), decided from the seed and nothing else: a catalogue of 20
// items across every category, a store per team with stock, tracked hoists, slings and beds with their
// examinations (some overdue, so the due list has red on it), and which open episodes have what on loan
// (one hoist batch with several patients, so a recall of it finds more than one). Pure: the seeder
// (seed-demo-equipment.ts) writes it.
import { addCalendarDays, type EquipmentCategory } from '@homeward/clinical';
import { createRandom } from './seeded-random.ts';
import type { CatalogueItem } from '../equipment/public.ts';

/** A catalogue item as the demo lays it: the catalogue's own shape, before it has an id or a version. */
export type DemoCatalogueItem = Omit<CatalogueItem, 'id' | 'active' | 'version'>;

const stock = (code: string, name: string, category: EquipmentCategory, make: string, model: string, unitCostPence: number, instructions: string): DemoCatalogueItem => ({
  code, name, category, make, model, stockKind: 'stock', loler: false, inspectionIntervalMonths: null, needsRiskAssessment: false, prescriber: 'assistant', unitCostPence, instructions,
});
const tracked = (code: string, name: string, category: EquipmentCategory, make: string, model: string, unitCostPence: number, o: { loler?: boolean; months?: number; riskAssessment?: boolean; instructions: string }): DemoCatalogueItem => ({
  code, name, category, make, model, stockKind: 'tracked', loler: o.loler ?? false, inspectionIntervalMonths: o.months ?? null, needsRiskAssessment: o.riskAssessment ?? false, prescriber: 'registered', unitCostPence, instructions: o.instructions,
});

/** The demo catalogue: standard items an assistant practitioner prescribes, and the hoists, slings, beds and rails a registered therapist does. */
export const demoCatalogue: readonly DemoCatalogueItem[] = [
  stock('BATH-BOARD', 'Bath board', 'bathing', 'NRS Healthcare', 'Savanah 27in', 2_450, 'Sit on the board first, then lift your legs over the side one at a time.'),
  stock('BATH-SEAT', 'Bath seat', 'bathing', 'Days', 'Swivel bather', 4_800, 'Check the seat is locked before you sit.'),
  stock('PERCH-STOOL', 'Perching stool', 'bathing', 'Days', 'Adjustable with arms', 3_600, 'Check all four feet touch the floor; lean back against the backrest.'),
  stock('SHOWER-CHAIR', 'Shower chair', 'bathing', 'Aidapt', 'Lightweight', 3_200, 'Put the brakes on before you sit.'),
  stock('RAISED-SEAT', 'Raised toilet seat', 'toileting', 'Days', '4 inch', 1_900, 'Tighten the brackets until the seat does not move.'),
  stock('TOILET-FRAME', 'Toilet frame', 'toileting', 'NRS Healthcare', 'Freestanding', 2_800, 'Push up on both arms to stand.'),
  stock('COMMODE', 'Commode', 'toileting', 'Drive', 'Static with arms', 5_500, 'Empty the pan after each use.'),
  stock('TRANSFER-BOARD', 'Transfer board', 'transfers', 'Days', 'Banana board', 3_900, 'Put the brakes on both seats before moving across.'),
  stock('FRAME', 'Walking frame', 'mobility', 'Drive', 'Zimmer with wheels', 2_600, 'Keep the frame close; step into it, not behind it.'),
  stock('STICK', 'Walking stick', 'mobility', 'Days', 'Adjustable', 900, 'Hold it in the hand opposite your weaker leg.'),
  stock('TROLLEY', 'Kitchen trolley', 'kitchen', 'Days', 'Two-tier', 4_200, 'Push it in front of you; do not lean on it to stand.'),
  stock('CHAIR-RAISERS', 'Chair raisers', 'seating', 'Days', 'Set of four', 2_200, 'Check each leg sits fully in its raiser.'),
  stock('GRAB-RAIL', 'Grab rail', 'minor-adaptations', 'Homecraft', '450 mm fluted', 1_400, 'Fitted by the handyperson service: do not hang cloths on it.'),
  stock('HALF-STEP', 'Half step', 'minor-adaptations', 'Homecraft', 'Stackable', 2_100, 'Hold the rail as you step up.'),
  tracked('HOIST-MOBILE', 'Mobile hoist', 'transfers', 'Arjo', 'Maxi Move', 185_000, { loler: true, months: 6, instructions: 'Two carers. Check the sling labels and the hoist’s examination date before every lift.' }),
  tracked('HOIST-STAND', 'Standing hoist', 'transfers', 'Invacare', 'ISA Standing', 160_000, { loler: true, months: 6, instructions: 'The patient must be able to bear weight. Brakes off while lifting.' }),
  tracked('SLING', 'Full body sling', 'transfers', 'Arjo', 'Loop sling medium', 14_000, { loler: true, months: 6, instructions: 'Use only with the hoist it was assessed with; check the stitching before each use.' }),
  tracked('BED-PROFILING', 'Profiling bed', 'beds-and-rails', 'Drive', 'Casa Elite', 95_000, { months: 12, riskAssessment: true, instructions: 'Keep the bed at its lowest when the patient is in it.' }),
  tracked('BED-RAILS', 'Bed rails', 'beds-and-rails', 'Drive', 'Bariatric side rail', 12_000, { months: 12, riskAssessment: true, instructions: 'Check the gaps on every side before each night: no gap a head or neck can pass through.' }),
  tracked('RISER-RECLINER', 'Riser recliner chair', 'seating', 'Sherborne', 'Dual motor', 110_000, { months: 12, instructions: 'Stand only once the chair has stopped rising.' }),
];

export type DemoTrackedItem = { code: string; serialNumber: string; assetNumber: string; batch: string; storeIndex: number; lastInspectedOn: string; nextDueOn: string };
export type DemoStockLevel = { code: string; storeIndex: number; quantity: number };
export type DemoLoan = { code: string; episodeIndex: number; quantity: number; deliveredDaysAgo: number };

export type DemoEquipment = { catalogue: readonly DemoCatalogueItem[]; stock: DemoStockLevel[]; items: DemoTrackedItem[]; loans: DemoLoan[] };

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const day = Math.min(d, 28);
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The demo's equipment for `stores` stores and `episodes` open episodes to lend to (the seeder passes
 * how many it found). The hoists of batch MM-2024-07 go to the first episodes, so a recall finds them.
 */
export function generateDemoEquipment(o: { seed: number; today: string; stores: number; episodes: number }): DemoEquipment {
  const random = createRandom(o.seed ^ 0x0e0e);
  const pick = (n: number) => Math.floor(random() * n);
  const stockLevels: DemoStockLevel[] = [];
  for (let s = 0; s < o.stores; s++) for (const c of demoCatalogue.filter((x) => x.stockKind === 'stock')) stockLevels.push({ code: c.code, storeIndex: s, quantity: 4 + pick(12) });

  const items: DemoTrackedItem[] = [];
  const perStore: Record<string, number> = { 'HOIST-MOBILE': 3, 'HOIST-STAND': 1, SLING: 3, 'BED-PROFILING': 2, 'BED-RAILS': 2, 'RISER-RECLINER': 1 };
  let serial = 1;
  for (let s = 0; s < o.stores; s++) {
    for (const c of demoCatalogue.filter((x) => x.stockKind === 'tracked')) {
      for (let k = 0; k < (perStore[c.code] ?? 1); k++) {
        const months = c.inspectionIntervalMonths ?? 12;
        // Every fourth item is overdue (up to three weeks), the rest fall due over the coming months.
        const overdue = serial % 4 === 0;
        const nextDueOn = overdue ? addCalendarDays(o.today, -(1 + pick(21))) : addCalendarDays(o.today, 7 + pick(months * 28));
        const lastInspectedOn = monthsBefore(nextDueOn, months);
        const batch = c.code === 'HOIST-MOBILE' ? (k < 2 ? 'MM-2024-07' : 'MM-2025-02') : `${c.code.slice(0, 4)}-2025-${String(1 + (serial % 9)).padStart(2, '0')}`;
        items.push({ code: c.code, serialNumber: `${c.code.replace(/-/g, '').slice(0, 6)}-${String(10_000 + serial)}`, assetNumber: `HW-${String(serial).padStart(5, '0')}`, batch, storeIndex: s, lastInspectedOn: lastInspectedOn > o.today ? o.today : lastInspectedOn, nextDueOn });
        serial++;
      }
    }
  }

  // Loans: the batch-MM-2024-07 hoists (and a sling each) to the first episodes, then standard items.
  const loans: DemoLoan[] = [];
  const standard = demoCatalogue.filter((x) => x.stockKind === 'stock').map((x) => x.code);
  const hoisted = Math.min(o.episodes, 2 * o.stores);
  for (let e = 0; e < o.episodes; e++) {
    const deliveredDaysAgo = 2 + pick(60);
    if (e < hoisted) {
      loans.push({ code: 'HOIST-MOBILE', episodeIndex: e, quantity: 1, deliveredDaysAgo });
      loans.push({ code: 'SLING', episodeIndex: e, quantity: 1, deliveredDaysAgo });
    } else if (e === hoisted) {
      loans.push({ code: 'BED-PROFILING', episodeIndex: e, quantity: 1, deliveredDaysAgo });
    }
    const count = 1 + pick(2);
    for (let k = 0; k < count; k++) loans.push({ code: standard[(e * 3 + k * 5) % standard.length]!, episodeIndex: e, quantity: 1, deliveredDaysAgo });
  }
  return { catalogue: demoCatalogue, stock: stockLevels, items, loans };
}
